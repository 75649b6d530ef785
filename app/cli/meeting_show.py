"""``macpt meeting show MEETING_ID --json``: the whole record of one meeting.

Every free-text value is an object ``{"text": ..., "restricted": ...}``, so a
script can leave out what must never reach a family without knowing which
fields hold free text. Names, dates and codes are plain values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable
from typing import Any

from app.services.conduct import distribution
from app.services.conduct import record as records
from app.services.conduct.actions import ActionRow
from app.services.conduct.restriction import Restrictions, load_restrictions
from app.services.journey import conference, discharge, review
from app.storage.workspace import Workspace
from app.workflow.restriction import RESTRICTABLE
from app.workflow.risk_to_others import RiskToOthersRow


def text(value: str | None, *, restricted: bool = False) -> dict[str, Any]:
    return {"text": value or "", "restricted": restricted}


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _with_text(
    row: Any, *fields: str, restricted: bool = False, rule: Callable[[str, str], bool] | None = None
) -> dict[str, Any]:
    """A row as JSON, its free-text ``fields`` as text objects; ``rule(field, text)``
    says whether a field is restricted, where the row's fields can be."""
    out = _plain(row)
    for name in fields:
        value = getattr(row, name) or ""
        out[name] = text(value, restricted=restricted or bool(rule and rule(name, value)))
    return dict(out)


def _rule(rules: Restrictions, table: str, record_id: str, **kw: Any) -> Callable[[str, str], bool]:
    return lambda field, value: (
        (table, field) in RESTRICTABLE and rules.restricted(table, record_id, field, value, **kw)
    )


def risk_json(row: RiskToOthersRow | None, rules: Restrictions) -> dict[str, Any] | None:
    """The risk to others as JSON: its free text restricted together, as the family
    copy leaves it out (restricted from the start unless the chair lifted it)."""
    if row is None:
        return None
    hidden = rules.restricted("risk_to_others", row.meeting_id, "detail", row.detail)
    return {
        "meeting_id": row.meeting_id,
        "assessment": row.assessment.value,
        "to_whom": text(row.to_whom, restricted=hidden),
        "what": text(row.what, restricted=hidden),
        "agencies": [a.value for a in row.agencies],
        "agencies_other": text(row.agencies_other, restricted=hidden),
        "recorded_by": row.recorded_by,
    }


def _action_json(action: ActionRow, rules: Restrictions) -> dict[str, Any]:
    """An action, its outcome and progress notes as text objects (each note carries
    its own restriction)."""
    out = _with_text(
        action,
        "description",
        rule=_rule(rules, "meeting_action", action.id, agency_id=action.owner_agency_id),
    )
    out["outcome"] = text(action.outcome, restricted=action.outcome_restricted)
    del out["outcome_restricted"]
    out["progress_notes"] = [
        {**_plain(n), "text": text(n.text, restricted=n.restricted)} for n in action.progress_notes
    ]
    for note in out["progress_notes"]:
        del note["restricted"]
    return out


def meeting_json(workspace: Workspace, *, meeting_id: str) -> dict[str, Any]:
    """The shape ``macpt meeting show --json`` promises."""
    rec = records.meeting_record(workspace, meeting_id=meeting_id)
    rules = load_restrictions(workspace, meeting_id=meeting_id)
    found: dict[str, Any] = {
        "id": rec.meeting_id,
        "type": rec.meeting_type.value,
        "status": rec.status.value,
        "date": rec.scheduled_date.isoformat(),
        "time": rec.scheduled_time.strftime("%H:%M") if rec.scheduled_time else None,
        "child": rec.child_ref,
        "chair": rec.chair_name,
        "location": text(rec.location),
        "concern": text(rec.concern),
        "started_at": _plain(rec.started_at),
        "closed_at": _plain(rec.closed_at),
        "signed_off_at": _plain(rec.signed_off_at),
        "signed_off_by": rec.signed_off_by,
        "attendance": [_with_text(a, "role") for group in rec.attendance for a in group.attendees],
        "agenda": [
            _with_text(i, "notes", "guidance", rule=_rule(rules, "agenda_item", i.id))
            for i in rec.agenda
        ],
        "agency_information": [
            _with_text(
                i,
                "information",
                rule=_rule(
                    rules, "agency_information", i.id, agency_id=i.agency_id, marked=i.restricted
                ),
            )
            for i in rec.agency_information
        ],
        "absences": [_with_text(a, "reason") for a in rec.acknowledgements],
        "decision": _with_text(
            rec.decision,
            "rationale",
            "support_detail",
            "dissent",
            rule=_rule(rules, "threshold_decision", meeting_id),
        )
        if rec.decision is not None
        else None,
        "dissent": text(
            rec.decision.dissent if rec.decision else "",
            restricted=bool(
                rec.decision
                and rules.restricted(
                    "threshold_decision", meeting_id, "dissent", rec.decision.dissent
                )
            ),
        ),
        "agency_views": [
            _with_text(v, "comment", rule=_rule(rules, "agency_view", v.id, agency_id=v.agency_id))
            for v in rec.agency_views
        ],
        "actions": [_action_json(a, rules) for a in rec.actions],
        "distribution": [
            _plain(d) for d in distribution.list_distribution(workspace, meeting_id=meeting_id)
        ],
        "risk_to_others": risk_json(rec.risk_to_others, rules),
        "review": None,
        "conference": None,
        "discharge": None,
    }
    kind = rec.meeting_type.value
    if kind == "review":
        timeframe = review.icpc_timeframe(workspace, meeting_id=meeting_id)
        found["review"] = (
            _with_text(timeframe, "reason", rule=_rule(rules, "icpc_timeframe", meeting_id))
            if timeframe
            else None
        )
    elif kind in ("icpc", "rcpc"):
        decided = conference.conference_decision(workspace, meeting_id=meeting_id)
        if decided is not None:
            decided_rule = _rule(rules, "conference_decision", meeting_id)
            found["conference"] = _with_text(
                decided,
                "rationale",
                "progress",
                "outline_plan",
                "dissent",
                "ongoing_support_detail",
                rule=decided_rule,
            )
            found["conference"]["core_group"] = [_plain(m) for m in decided.core_group]
            if decided.dissent:
                found["dissent"] = text(
                    decided.dissent, restricted=decided_rule("dissent", decided.dissent)
                )
        ended = discharge.discharge(workspace, meeting_id=meeting_id) if kind == "rcpc" else None
        if ended is not None:
            found["discharge"] = _with_text(
                ended,
                "progress",
                "rationale",
                "dissent",
                "ongoing_support_detail",
                rule=_rule(rules, "conference_decision", meeting_id),
            )
            found["discharge"]["inputs"] = [
                _with_text(
                    i,
                    "response",
                    rule=_rule(rules, "discharge_input", i.id, agency_id=i.agency_id),
                )
                for i in ended.inputs
            ]
    return found
