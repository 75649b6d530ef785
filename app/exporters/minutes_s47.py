"""The section 47 enquiry in the minutes after the strategy meeting.

A five-day review's minutes say how far the enquiry had got by the day of the
review ("Section 47 enquiry so far"); an initial conference's minutes give its
outcome. Both read the course as it stood on the meeting's day, so minutes
exported again later say the same. A conference's part carries no free text:
its family copy may go to the family, and the enquiry's findings are not theirs.
"""

from __future__ import annotations

from app.exporters.docx_base import Writer, long_date
from app.exporters.docx_tables import Column, add_table
from app.exporters.minutes_journey import label_table
from app.exporters.minutes_model import MinutesData
from app.exporters.minutes_sections import add_text_or
from app.models import MeetingType
from app.services.s47_enquiry import S47Course

SO_FAR = "Section 47 enquiry so far"
OUTCOME = "Section 47 enquiry: outcome"
NOT_RECORDED = "Not recorded"
STILL_OPEN = "The enquiry had not ended by the day of this conference."


def _date(day: object) -> str:
    return long_date(day) if day is not None else NOT_RECORDED  # type: ignore[arg-type]


def _seen(course: S47Course) -> list[tuple[str, str]]:
    v = course.values
    if v.child_seen is None:
        return [("Child seen", NOT_RECORDED)]
    if not v.child_seen:
        return [("Child seen", "No"), ("Why the child was not seen", v.not_seen_reason)]
    alone = v.seen_alone.label if v.seen_alone is not None else NOT_RECORDED
    return [("Child seen", "Yes"), ("Child seen alone", alone)]


def _medical(course: S47Course) -> str:
    if course.values.medical_not_needed:
        return "Not needed"
    return _date(course.values.medical_on)


def write_so_far(out: Writer, course: S47Course) -> None:
    v = course.values
    pairs = [
        ("Started (strategy meeting)", long_date(course.started_on)),
        ("Joint or single agency", v.agencies.label if v.agencies else NOT_RECORDED),
        ("Visit", _date(v.visited_on)),
        *_seen(course),
        ("Medical", _medical(course)),
    ]
    if v.outcome is not None and v.ended_on is not None:
        pairs += [("Ended", long_date(v.ended_on)), ("Outcome", v.outcome.label)]
    label_table(out, SO_FAR, pairs)
    out.heading("Interviews", 2)
    if course.interviews:
        add_table(
            out.document,
            caption="Interviews",
            columns=(Column("Date", 6.0), Column("Who", 8.0), Column("ABE", 3.0)),
            rows=[
                [long_date(i.held_on), i.interviewee, "Yes" if i.abe else "No"]
                for i in course.interviews
            ],
        )
    else:
        out.paragraph("No interviews had been recorded.")
    out.heading("Findings so far", 2)
    add_text_or(out, v.findings, "No findings have been recorded.")


def write_outcome(out: Writer, course: S47Course) -> None:
    v = course.values
    if v.outcome is None or v.ended_on is None:
        out.paragraph(STILL_OPEN)
        return
    label_table(
        out,
        OUTCOME,
        [
            ("Joint or single agency", v.agencies.label if v.agencies else NOT_RECORDED),
            ("Ended", long_date(v.ended_on)),
            ("Outcome", v.outcome.label),
        ],
    )


def write_s47(out: Writer, data: MinutesData) -> None:
    """The enquiry's part of a review's or an initial conference's minutes, if any."""
    course = data.s47
    if course is None or not course.recorded:
        return
    if data.meeting_type is MeetingType.REVIEW:
        out.heading(SO_FAR, 1)
        write_so_far(out, course)
    elif data.meeting_type is MeetingType.ICPC:
        out.heading(OUTCOME, 1)
        write_outcome(out, course)
