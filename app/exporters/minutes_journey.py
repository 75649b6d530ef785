"""The parts of the minutes that belong to the meetings after a strategy meeting.

- A five-day review: the timeframe for the initial child protection conference
  and the interim safety plan.
- An initial or review conference: its decision; when a review conference ends
  the plan, the discharge (reason, support, every practitioner's input, and who
  must be told).

Each part goes under the agenda item of its kind (the step model's kinds:
``icpc-timeframe``, ``safety-plan``, ``conference-decision``), so the minutes
show a part where meeting mode showed its editor; or after the agenda when the
agenda has no such item and something was recorded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from app.exporters import minutes_discharge as ending
from app.exporters.docx_base import Writer, long_date, long_datetime
from app.exporters.docx_tables import Column, add_label_table, add_table
from app.exporters.minutes_journey_model import ConferenceEntry, TimeframeEntry
from app.exporters.minutes_model import MinutesData
from app.exporters.minutes_redact import quiet
from app.exporters.minutes_sections import (
    WORKING_DAYS_NOTE,
    add_text,
    add_text_or,
    titled_text,
)
from app.models import ConferenceOutcome, IcpcTimeframe, MeetingType, PlanCategory
from app.workflow import kind_at

NO_NOTES = "No notes were taken under this item."
# Every label table in these parts lines up with the threshold decision's.
LABEL_WIDTHS = (6.0, 11.0)
CONFERENCES = (MeetingType.ICPC, MeetingType.RCPC)


def label_table(out: Writer, caption: str, pairs: list[tuple[str, str]]) -> Any:
    """A table of labels and values, kept on one page: every row but the last keeps
    with the next, which Word and LibreOffice both read as "do not split"."""
    table = add_label_table(out.document, pairs=pairs, caption=caption, widths=LABEL_WIDTHS)
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    return table


def category_label(category: PlanCategory | None) -> str:
    """ "Neglect", "Emotional abuse" … or "Multiple categories"."""
    if category is None:
        return "Not recorded"
    if category is PlanCategory.MULTIPLE:
        return "Multiple categories"
    return category.label


def decided_text(by: str, at: dt.datetime | None) -> str:
    """ "Jordan Test-Chair, Monday 14 December 2026 at 11:10"."""
    text = by or "Not recorded"
    if at is not None:
        text = f"{text}, {long_datetime(at)}"
    return text


# -- the five-day review -----------------------------------------------------
def _days(count: int) -> str:
    return f"{count} calendar day{'' if count == 1 else 's'}"


def _timeframe_pairs(entry: TimeframeEntry) -> list[tuple[str, str]]:
    pairs = []
    if entry.strategy_date is not None:
        pairs.append(("Strategy discussion (day 0)", long_date(entry.strategy_date)))
    if entry.review_due is not None:
        held = {True: "; held on time", False: "; held after it was due", None: ""}
        pairs.append(
            (
                "Review meeting due (5th working day)",
                long_date(entry.review_due) + held[entry.review_on_time],
            )
        )
    pairs.append(("Decision", entry.label))
    if entry.default_due is not None:
        pairs.append(
            ("15th working day after the strategy discussion", long_date(entry.default_due))
        )
    if entry.target_date is not None:
        when = long_date(entry.target_date)
        if entry.timeframe is IcpcTimeframe.EXTENDED and entry.extra_days:
            when += f" ({_days(entry.extra_days)} after the 15th working day)"
        pairs.append(("Conference to be held by", when))
    if entry.timeframe is IcpcTimeframe.EXTENDED:
        agreed = (
            "Yes, confirmed by the chair" if entry.exceptional_circumstances_confirmed else "No"
        )
        pairs.append(("Exceptional circumstances agreed by the MACPT", agreed))
    pairs.append(("Decided by", decided_text(entry.decided_by, entry.decided_at)))
    return pairs


REASON_HEADINGS = {
    IcpcTimeframe.WITHIN_15_DAYS: "Reason",
    IcpcTimeframe.EXTENDED: "Reason for the extension",
    IcpcTimeframe.NOT_NEEDED: "Why no conference is needed",
}


def icpc_timeframe(out: Writer, data: MinutesData) -> None:
    entry = data.icpc_timeframe
    if entry is None:
        out.paragraph("No decision on the timeframe for the conference has been recorded.")
        return
    label_table(
        out, "Timeframe for the initial child protection conference", _timeframe_pairs(entry)
    )
    if entry.reason or entry.timeframe is not IcpcTimeframe.WITHIN_15_DAYS:
        out.heading(REASON_HEADINGS[entry.timeframe], 2)
        add_text_or(out, entry.reason, "No reason has been recorded.")
    out.paragraph(WORKING_DAYS_NOTE, "Small print")


def safety_plan(out: Writer, data: MinutesData) -> None:
    entry = data.safety_plan
    if entry is None:
        out.paragraph(
            "No interim safety plan had been agreed when these minutes were signed off."
            if data.signed_off
            else "No interim safety plan has been recorded."
        )
        return
    label_table(
        out,
        "About the interim safety plan",
        [
            ("Version", f"Version {entry.version}, made {long_datetime(entry.made_at)}"),
            ("Agreed by", entry.agreed_by or "Not recorded"),
            ("Recorded by", entry.made_by or "Not recorded"),
            ("What changed", entry.change_note or "First version."),
        ],
    )
    if not entry.items and not quiet(out):
        out.paragraph("This version of the plan has no items.")
    for number, item in enumerate(entry.items, start=1):
        out.heading(f"Worry {number}", 2).paragraph_format.keep_with_next = True
        label_table(
            out,
            f"Interim safety plan, worry {number}",
            [
                ("The worry", item.worry),
                ("What will keep the child safe", item.keeps_safe),
                ("Who is responsible", ", ".join(p for p in (item.person, item.agency) if p)),
                ("By when", item.by_when or "Not set"),
                ("How we will know it is working", item.how_we_know or "Not set"),
                ("What happens if it does not work", item.contingency or "Not set"),
            ],
        )


# -- conferences -------------------------------------------------------------
def _category_pair(entry: ConferenceEntry) -> tuple[str, str] | None:
    before = category_label(entry.category_before)
    if entry.meeting_type is MeetingType.ICPC:
        if entry.outcome is not ConferenceOutcome.PLAN_NEEDED:
            return None
        return ("Category", category_label(entry.category))
    if entry.outcome is ConferenceOutcome.CHANGE_CATEGORY:
        return ("Category", f"{category_label(entry.category)} (changed from {before.lower()})")
    if entry.outcome is ConferenceOutcome.END_PLAN:
        return ("Category until the plan ended", before)
    return ("Category", f"{before} (unchanged)")


def _decision_pairs(entry: ConferenceEntry, data: MinutesData) -> list[tuple[str, str]]:
    icpc = entry.meeting_type is MeetingType.ICPC
    if icpc:
        needed = {
            ConferenceOutcome.PLAN_NEEDED: "Yes",
            ConferenceOutcome.NO_PLAN: "No",
        }.get(entry.outcome or ConferenceOutcome.NO_PLAN, "Not recorded")
        pairs = [("Does the child need a child protection plan?", needed)]
    else:
        pairs = [("Decision", entry.outcome_label or "Not recorded")]
    category = _category_pair(entry)
    if category is not None:
        pairs.append(category)
    if data.discharge is not None:
        pairs.append(("Why the plan ends", data.discharge.reason_label))
    if entry.lead_practitioner or (icpc and entry.outcome is ConferenceOutcome.PLAN_NEEDED):
        pairs.append(("Lead practitioner", entry.lead_practitioner or "Not named"))
    if entry.next_review_due is not None:
        first = "First review conference" if icpc else "Next review conference"
        pairs.append((f"{first} due by", long_date(entry.next_review_due)))
    pairs.append(("Decided by", decided_text(entry.decided_by, entry.decided_at)))
    return pairs


def _core_group(out: Writer, entry: ConferenceEntry, plan_made: bool) -> None:
    if not entry.core_group and not plan_made:
        return
    out.heading("Core group", 2)
    if not entry.core_group:
        out.paragraph("No core group has been named.")
        return
    add_table(
        out.document,
        caption="Core group",
        columns=(Column("Name", 5.5), Column("Agency", 5.5), Column("Role", 6.0)),
        rows=[(m.name, m.agency or "Not from an agency", m.role) for m in entry.core_group],
    )


def _views(out: Writer, entry: ConferenceEntry) -> None:
    if not entry.views:
        return
    out.heading("Agency views", 2)
    add_table(
        out.document,
        caption="Each agency's view of the decision",
        columns=(Column("Agency", 4.5), Column("View", 2.6), Column("Comment", 9.9)),
        rows=[(v.agency, "Agrees" if v.agrees else "Disagrees", v.comment) for v in entry.views],
    )


def conference_decision(out: Writer, data: MinutesData) -> None:
    entry = data.conference
    if entry is None:
        out.paragraph("No decision has been recorded for this conference.")
        return
    if entry.meeting_type is MeetingType.RCPC:
        titled_text(
            out, "Progress against the plan", entry.progress, "No progress has been recorded."
        )
    label_table(out, "Conference decision", _decision_pairs(entry, data))
    titled_text(out, "Rationale", entry.rationale, "No rationale has been recorded.")
    if data.discharge is not None:
        ending.support(out, data.discharge)
        ending.practitioners(out, data.discharge)
    plan_made = entry.outcome is ConferenceOutcome.PLAN_NEEDED
    _core_group(out, entry, plan_made)
    if entry.outline_plan or plan_made:
        titled_text(out, "Outline plan", entry.outline_plan, "No outline plan has been recorded.")
    _views(out, entry)
    titled_text(out, "Dissent", entry.dissent, "No dissent was recorded.")
    if data.discharge is not None:
        ending.who_must_be_told(out, data.discharge)


# -- where each part goes ----------------------------------------------------
@dataclasses.dataclass(frozen=True)
class JourneyPart:
    """A part of the minutes: its heading after the agenda, the meetings it belongs
    to, how it is written, and whether anything was recorded for it."""

    heading: str
    meeting_types: tuple[MeetingType, ...]
    write: Callable[[Writer, MinutesData], None]
    recorded: Callable[[MinutesData], bool]


PARTS = {
    "icpc-timeframe": JourneyPart(
        "Timeframe for the initial child protection conference",
        (MeetingType.REVIEW,),
        icpc_timeframe,
        lambda data: data.icpc_timeframe is not None,
    ),
    "safety-plan": JourneyPart(
        "Interim safety plan",
        # Agreed at the review; any meeting whose agenda has an item for it shows it.
        tuple(MeetingType),
        safety_plan,
        lambda data: data.safety_plan is not None,
    ),
    "conference-decision": JourneyPart(
        "Conference decision",
        CONFERENCES,
        conference_decision,
        lambda data: data.conference is not None,
    ),
}


def part_key(meeting_type: MeetingType, kind: str) -> str:
    """What an agenda item of ``kind`` holds at this meeting, as meeting mode reads it
    (``app.workflow.kind_at``): at a review a decision item holds the conference
    timeframe; at a conference, the conference's decision."""
    return kind_at(meeting_type, kind).value


def write_under_item(out: Writer, data: MinutesData, key: str, notes: str) -> None:
    """The item's notes and the part ``key``. With nothing recorded for the part the
    notes stand alone, and a meeting that was held says what is missing."""
    part = PARTS[key]
    if part.recorded(data):
        add_text(out, notes)
        part.write(out, data)
        return
    add_text_or(out, notes, NO_NOTES)
    if data.held:
        part.write(out, data)


def parts_after_agenda(data: MinutesData, placed: set[str]) -> list[str]:
    """The parts recorded for this meeting that the agenda had no item for."""
    return [
        key
        for key, part in PARTS.items()
        if key not in placed and data.meeting_type in part.meeting_types and part.recorded(data)
    ]
