"""The course of a few demo section 47 enquiries (DfE consultation Q14.4).

Four of the demo's enquiries, the latest on their cases, get a course: a visit
the next day, the child seen (alone where old enough to say), interviews (ABE
when the enquiry is joint with the police), a medical or none needed, and
findings. Where the initial conference has been held the enquiry ended the day
before it with concerns substantiated and the child at continuing risk; the
others are still open, so the five-day review's minutes show them so far.
"""

from __future__ import annotations

import datetime as dt

from app import clock
from app.models import MeetingType, S47Agencies, S47Outcome, SeenAlone, ThresholdOutcome
from app.services.clocks import case_facts
from app.services.s47_enquiry import add_s47_interview, record_s47_enquiry
from app.storage.workspace import Workspace
from app.workflow.enquiries import enquiry_courses, first_held

COURSES = 4
FINDINGS = (
    "The child's account was clear and consistent across the visit and the interview. "
    "The injuries seen fit that account. Both parents were spoken to; the explanation "
    "offered does not fit what was seen (demo text)."
)


def add(workspace: Workspace) -> dict[str, int]:
    today = clock.today()
    with workspace.reading() as session:
        facts = case_facts(session)
    with_icpc, reviewed = [], []
    for _ref, case in sorted((c.child_ref, c) for c in facts.values()):
        courses = enquiry_courses(case)
        if not courses:
            continue
        course = courses[-1]
        if course.icpc is not None:
            with_icpc.append(course)
        elif first_held(case, MeetingType.REVIEW, course.enquiry.day) is not None:
            reviewed.append(course)
    # Two that reached a conference (the outcome) and two at the review stage (so far).
    chosen = with_icpc[: COURSES // 2] + reviewed[: COURSES - min(len(with_icpc), COURSES // 2)]
    for course in chosen:
        start = course.enquiry.day

        def after(days: int, start: dt.date = start) -> dt.date:
            return min(start + dt.timedelta(days=days), today)

        joint = course.enquiry.outcome is ThresholdOutcome.S47_JOINT
        ended = course.icpc.day - dt.timedelta(days=1) if course.icpc else None
        while ended is not None and ended.weekday() >= 5:  # enquiries end on working days
            ended -= dt.timedelta(days=1)
        if ended is not None and ended < after(2):
            ended = None
        record_s47_enquiry(
            workspace,
            strategy_meeting_id=course.enquiry.id,
            agencies=S47Agencies.JOINT if joint else S47Agencies.SINGLE,
            visited_on=after(1),
            child_seen=True,
            seen_alone=SeenAlone.YES if joint else SeenAlone.NOT_APPLICABLE,
            medical_on=after(1) if joint else None,
            medical_not_needed=not joint,
            findings=FINDINGS,
            outcome=S47Outcome.CONTINUING_RISK if ended else None,
            ended_on=ended,
        )
        add_s47_interview(
            workspace,
            strategy_meeting_id=course.enquiry.id,
            held_on=after(1),
            interviewee="The child" if joint else "Mother",
            abe=joint,
        )
        add_s47_interview(
            workspace,
            strategy_meeting_id=course.enquiry.id,
            held_on=after(2),
            interviewee="Class teacher",
            abe=False,
        )
    return {"section 47 courses": len(chosen)}
