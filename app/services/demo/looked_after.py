"""A looked-after child in kinship foster care, with an IRO, whose conferences are
held beside the looked-after reviews (DfE consultation Q27), through the chair's
services: the care planning is recorded first, so the IRO is invited to each
conference and the conference record says how the two plans fit together.

Skye came into care with her aunt (a kinship foster placement) five months before
the strategy discussion. Her ICPC was held on the day of her looked-after review,
and her first review conference is booked for the day of the next.
"""

from __future__ import annotations

import datetime as dt

from app.models import MeetingType, PlacementType, Sex
from app.services import records
from app.services.conduct import agenda
from app.services.demo import chairing
from app.services.demo.journey import _Demo
from app.services.looked_after import record_looked_after
from app.storage.workspace import Workspace
from app.workflow.sections import SECTIONS

CARE_PLAN = next(s for s in SECTIONS if s.key == "care-plan")

REF = "DEMO0701"
IRO = "Morgan Demo-Reviewer"
IRO_CONTACT = "01632 960777 · iro.demo@example.org"
FIT = (
    "Demo: Skye's care plan and this plan share one set of actions. The IRO agreed that "
    "contact with her mother stays supervised while the plan lasts, and will chair the next "
    "looked-after review on the day of the review conference so that Skye, her aunt and "
    "the agencies meet about one plan."
)


def add(workspace: Workspace) -> dict[str, int]:
    demo = _Demo(workspace)
    case = demo.child(
        REF,
        "Skye",
        "Madeupson",
        13,
        Sex.FEMALE,
        "Demo: Skye's mother's new partner contacts her online and outside school; "
        "she lives with her aunt as a looked-after child.",
    )
    for field in ("harm_outside_home", "harm_online"):
        records.save_field(
            workspace, table="case_episode", record_id=case.case_id, field=field, value=True
        )
    start = demo.weekday(demo.today - dt.timedelta(days=100))
    icpc_day = demo.calendar.add_working_days(start, 15)
    rcpc_day = demo.weekday(icpc_day + dt.timedelta(days=85))
    since = demo.weekday(start - dt.timedelta(days=150))
    with chairing.on(start, 9):
        record_looked_after(
            workspace,
            case_id=case.case_id,
            looked_after=True,
            kinship_care=True,
            iro_name=IRO,
            iro_contact=IRO_CONTACT,
            placement_type=PlacementType.FOSTER_FAMILY_OR_FRIENDS,
            looked_after_since=since,
            # The first review within 20 working days; the next two beside the conferences.
            review_dates=[demo.calendar.add_working_days(since, 20), icpc_day, rcpc_day],
        )
    demo.finish(demo.strategy(case, start))
    demo.finish(demo.review(case, demo.calendar.add_working_days(start, 5)))
    icpc = demo.icpc(case, icpc_day)
    with chairing.on(icpc_day, 10, 50):
        for item in agenda.list_agenda(workspace, meeting_id=icpc):
            if CARE_PLAN.matches(item.title):
                agenda.save_agenda_notes(workspace, item_id=item.id, notes=FIT)
    demo.finish(icpc)
    demo.meeting(case, MeetingType.RCPC, rcpc_day)
    return {"children": 1, "meetings": demo.meetings}
