"""The family copy of the minutes: the record with everything restricted taken out.

Redaction happens on the record, before the minutes are written, so nothing
restricted reaches the renderer: a restricted note, rationale or comment
becomes empty; restricted agency information, actions, safety plan worries and
practitioners' input are left out whole. The renderer, told it writes a family
copy (:class:`FamilyWriter`), then leaves out what is empty instead of saying
"nothing was recorded", so the copy keeps no trace of what was removed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from app.exporters.docx_base import Writer
from app.services.conduct.actions import ActionRow
from app.services.conduct.journey_record import JourneyRecord
from app.services.conduct.record import MeetingRecord
from app.services.conduct.restriction import Restrictions, safety_plan_item_id
from app.workflow.restriction import FAMILY_COPY_MARK


class FamilyWriter(Writer):
    """A writer for the family copy: parts with nothing in them are left out."""


def quiet(out: Writer) -> bool:
    """Whether ``out`` writes a family copy (empty parts are left out, unremarked)."""
    return isinstance(out, FamilyWriter)


def _blank(rules: Restrictions, table: str, record_id: str, row: Any, *fields: str) -> Any:
    changes = {
        name: ""
        for name in fields
        if rules.restricted(table, record_id, name, getattr(row, name) or "")
    }
    return dataclasses.replace(row, **changes) if changes else row


def redact_record(record: MeetingRecord, rules: Restrictions) -> MeetingRecord:
    """``record`` as a family may read it."""
    meeting = record.meeting_id
    record = _redact_risk(record, rules)
    return dataclasses.replace(
        record,
        agenda=tuple(
            dataclasses.replace(i, notes="")
            if rules.restricted("agenda_item", i.id, "notes", i.notes)
            else i
            for i in record.agenda
        ),
        agency_information=tuple(
            i
            for i in record.agency_information
            if not rules.restricted(
                "agency_information",
                i.id,
                "information",
                i.information,
                agency_id=i.agency_id,
                marked=i.restricted,
            )
        ),
        agency_views=tuple(
            dataclasses.replace(v, comment="")
            if rules.restricted("agency_view", v.id, "comment", v.comment, agency_id=v.agency_id)
            else v
            for v in record.agency_views
        ),
        decision=(
            _blank(
                rules,
                "threshold_decision",
                meeting,
                record.decision,
                "rationale",
                "support_detail",
                "dissent",
            )
            if record.decision is not None
            else None
        ),
        actions=tuple(
            _without_restricted_outcome(a)
            for a in record.actions
            if not _action_restricted(rules, a)
        ),
        carried_over_actions=tuple(
            _without_restricted_outcome(a)
            for a in record.carried_over_actions
            if not _action_restricted(rules, a)
        ),
        # What an amendment says can name what was removed; the family copy keeps
        # the version it is, not the list of changes.
        amendments=(),
        meeting_notes="",
        journey=redact_journey(record.journey, meeting, rules) if record.journey else None,
    )


def _redact_risk(record: MeetingRecord, rules: Restrictions) -> MeetingRecord:
    """Whether the child may harm others is left out whole, answer and all (restricted
    from the start: the chair lifts it, with a reason, for a family to see). Its agenda
    item keeps its heading, as an item whose notes were removed does, so that both
    copies number the items alike."""
    risk = record.risk_to_others
    if risk is not None and not rules.restricted(
        "risk_to_others", record.meeting_id, "detail", risk.detail
    ):
        return record
    return dataclasses.replace(record, risk_to_others=None)


def _without_restricted_outcome(action: ActionRow) -> ActionRow:
    """The action without its outcome note where that note is restricted."""
    return dataclasses.replace(action, outcome="") if action.outcome_restricted else action


def _action_restricted(rules: Restrictions, action: Any) -> bool:
    return rules.restricted(
        "meeting_action",
        action.id,
        "description",
        action.description,
        agency_id=action.owner_agency_id,
    )


def _item_restricted(rules: Restrictions, plan_id: str, item: Any) -> bool:
    text = " ".join((item.worry, item.keeps_safe, item.by_when, item.how_we_know, item.contingency))
    return rules.restricted(
        "safety_plan_item",
        safety_plan_item_id(plan_id, item.worry),
        "item",
        text,
        agency_id=item.responsible_agency_id,
    )


_DECIDED = ("rationale", "progress", "outline_plan", "dissent", "ongoing_support_detail")


def redact_journey(journey: JourneyRecord, meeting_id: str, rules: Restrictions) -> JourneyRecord:
    """The journey's parts of a meeting as a family may read them."""
    plan = journey.safety_plan
    if plan is not None:
        plan = dataclasses.replace(
            plan,
            items=tuple(i for i in plan.items if not _item_restricted(rules, plan.plan_id, i)),
        )
    ended = journey.discharge
    if ended is not None:
        ended = _blank(
            rules,
            "conference_decision",
            meeting_id,
            dataclasses.replace(
                ended,
                inputs=tuple(
                    i
                    for i in ended.inputs
                    if not rules.restricted(
                        "discharge_input", i.id, "response", i.response, agency_id=i.agency_id
                    )
                ),
            ),
            "rationale",
            "progress",
            "dissent",
            "ongoing_support_detail",
        )
    return dataclasses.replace(
        journey,
        timeframe=(
            _blank(rules, "icpc_timeframe", meeting_id, journey.timeframe, "reason")
            if journey.timeframe is not None
            else None
        ),
        safety_plan=plan,
        conference=(
            _blank(rules, "conference_decision", meeting_id, journey.conference, *_DECIDED)
            if journey.conference is not None
            else None
        ),
        discharge=ended,
    )


def mark_headers(document: Any) -> None:
    """Put the family copy's marking under the page's top marking, on every page."""
    for section in document.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            line = header.add_paragraph()
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line.paragraph_format.space_after = Pt(0)
            run = line.add_run(FAMILY_COPY_MARK)
            run.bold = True
            run.font.size = Pt(11)
