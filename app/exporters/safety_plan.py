"""The interim safety plan as its own Word document: one version, as it was agreed.

An earlier version says plainly that a later one replaces it, so a copy found
in a folder months later is never taken for the plan in force.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from app import APP_NAME
from app.exporters.docx_base import (
    DRAFT_COLOUR,
    TEAM,
    DocumentProperties,
    add_marking,
    check_target,
    long_date,
    long_datetime,
    open_house_template,
    save_document,
    set_properties,
)
from app.exporters.docx_tables import Column, add_label_table, add_table
from app.models import CaseEpisode, Meeting
from app.services.journey.safety_plan import (
    SafetyPlanVersionSummary,
    SafetyPlanVersionView,
    safety_plan,
    safety_plan_versions,
)
from app.services.settings import get_settings
from app.storage import audit
from app.storage.workspace import Workspace

TITLE = "Interim safety plan"


@dataclasses.dataclass(frozen=True)
class SafetyPlanDocument:
    plan: SafetyPlanVersionView
    history: tuple[SafetyPlanVersionSummary, ...]
    local_authority: str
    la_child_ref: str
    child_name: str | None
    date_of_birth: dt.date | None
    agreed_at: str


def load_safety_plan_document(
    workspace: Workspace, *, plan_id: str, version: int | None = None
) -> SafetyPlanDocument:
    plan = safety_plan(workspace, plan_id=plan_id, version=version)
    history = safety_plan_versions(workspace, plan_id=plan_id)
    config = get_settings(workspace)
    with workspace.reading() as session:
        case = session.get(CaseEpisode, plan.case_id)
        assert case is not None  # the plan belongs to it
        meeting = session.get(Meeting, plan.meeting_id) if plan.meeting_id else None
        agreed_at = (
            f"{meeting.meeting_type.label}, {long_date(meeting.scheduled_date)}" if meeting else ""
        )
        return SafetyPlanDocument(
            plan=plan,
            history=tuple(history),
            local_authority=config.local_authority,
            la_child_ref=case.child.la_child_ref,
            child_name=case.child.full_name if config.full_names_in_minutes else None,
            date_of_birth=case.child.date_of_birth,
            agreed_at=agreed_at,
        )


def _status(data: SafetyPlanDocument) -> str:
    plan = data.plan
    made = long_datetime(plan.made_at)
    if plan.superseded_on is not None:
        return (
            f"Version {plan.version}, made {made}. SUPERSEDED on "
            f"{long_date(plan.superseded_on)}: {plan.superseded_because}. This interim "
            "safety plan is no longer in force."
        )
    if plan.is_current:
        return f"Version {plan.version}, made {made}. This is the plan in force."
    return (
        f"Version {plan.version}, made {made}. REPLACED: version {plan.current_version} "
        "is the plan in force."
    )


def render_safety_plan(data: SafetyPlanDocument) -> Any:
    """The plan as a python-docx ``Document`` (not yet saved)."""
    plan = data.plan
    document = open_house_template()
    add_marking(
        document,
        draft=False,
        footer_note=f"{TITLE}, version {plan.version}, {data.la_child_ref}",
    )
    organisation = "\n".join(p for p in (data.local_authority, TEAM) if p)
    document.add_paragraph(organisation, style="Organisation")
    document.add_paragraph(TITLE, style="Title")
    status = document.add_paragraph(style="Status line").add_run(_status(data))
    if not plan.in_force:
        status.bold = True
        status.font.color.rgb = DRAFT_COLOUR
    child = data.la_child_ref
    if data.child_name:
        child = f"{data.child_name} (reference {data.la_child_ref})"
    pairs = [("Child", child)]
    if data.date_of_birth:
        pairs.append(("Date of birth", long_date(data.date_of_birth)))
    if data.agreed_at:
        pairs.append(("First agreed at", data.agreed_at))
    pairs += [
        ("Agreed by", plan.agreed_by),
        ("Recorded by", plan.made_by),
        ("What changed", plan.change_note or "First version."),
    ]
    add_label_table(document, pairs=pairs, caption="About this plan")
    for number, item in enumerate(plan.items, start=1):
        document.add_heading(f"Worry {number}", level=1)
        who = ", ".join(p for p in (item.responsible_name, item.responsible_agency) if p)
        add_label_table(
            document,
            caption=f"Worry {number}",
            pairs=[
                ("The worry", item.worry),
                ("What will keep the child safe", item.keeps_safe),
                ("Who is responsible", who),
                ("By when", item.by_when or "Not set"),
                ("How we will know it is working", item.how_we_know or "Not set"),
                ("If it does not work", item.contingency or "Not set"),
            ],
        )
    document.add_heading("Versions of this plan", level=1)
    add_table(
        document,
        caption="Versions of this plan",
        columns=(
            Column("Version", 2.0),
            Column("Made", 5.5),
            Column("By", 3.5),
            Column("What changed", 6.0),
        ),
        rows=[
            (str(v.version), long_datetime(v.made_at), v.made_by, v.change_note or "First version.")
            for v in data.history
        ],
    )
    set_properties(
        document,
        DocumentProperties(
            title=TITLE,
            subject=f"{TITLE}, version {plan.version}",
            author=data.local_authority or APP_NAME,
            comments="In force."
            if plan.in_force
            else ("Superseded." if plan.superseded_on else "Replaced by a later version."),
            content_status="Final"
            if plan.in_force
            else ("Superseded" if plan.superseded_on else "Replaced"),
            keywords="MACPT; safety plan; OFFICIAL-SENSITIVE",
            revision=plan.version,
            version=str(plan.version),
        ),
    )
    return document


def export_safety_plan(
    workspace: Workspace, *, plan_id: str, target: Path, version: int | None = None
) -> Path:
    """Write one version (the current one by default) to ``target`` atomically, and audit it."""
    target = check_target(target)
    document = render_safety_plan(
        load_safety_plan_document(workspace, plan_id=plan_id, version=version)
    )
    with workspace.transaction() as session:
        audit.append(session, table="safety_plan", record_id=plan_id, action="export-safety-plan")
        session.flush()
        return save_document(document, target)
