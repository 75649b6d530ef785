"""Risk to others: asked at strategy meetings and conferences, needed to close, kept as
signed, in the minutes and left out of a family copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import sqlalchemy.exc

from app.errors import RecordLocked, ValidationError
from app.exporters.minutes import export_minutes
from app.models import MeetingType, RiskAgency, RiskAssessment, risk_to_others_id
from app.services.conduct import closing, record, signoff
from app.services.conduct.risk_to_others import load_risk_to_others, record_risk_to_others
from app.storage.workspace import Workspace
from app.workflow import BlockerCode, MeetingFacts, StepKind, find_blockers
from app.workflow.risk_to_others import MISSING, RiskToOthersRow, asked_at
from tests.test_conduct_closing import chair_a_meeting
from tests.test_conduct_support import shared_workspace, started_meeting

TEENAGER = {
    "assessment": RiskAssessment.RISK,
    "to_whom": "Other pupils at the pupil referral unit (test).",
    "what": "Carried a knife to school after a missing episode (test).",
    "agencies": [RiskAgency.POLICE, RiskAgency.YOUTH_JUSTICE],
}


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def test_the_rule_asks_strategy_meetings_and_conferences_only() -> None:
    assert {t for t in MeetingType if asked_at(t)} == {
        MeetingType.STRATEGY,
        MeetingType.ICPC,
        MeetingType.RCPC,
    }
    (blocker,) = find_blockers(MeetingFacts(decision_required=False, risk_to_others_missing=True))
    assert blocker.code is BlockerCode.NO_RISK_TO_OTHERS
    assert blocker.step_kind is StepKind.RISK_TO_OTHERS
    assert "none known" in blocker.message and "Risk to others" in blocker.message
    assert not find_blockers(MeetingFacts(decision_required=False))


def test_a_strategy_meeting_cannot_close_without_it(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws)
    # chair_a_meeting answers "none known"; a meeting without the answer:
    other = started_meeting(ws)
    summary = closing.closing_summary(ws, meeting_id=other.id)
    assert BlockerCode.NO_RISK_TO_OTHERS in [b.code for b in summary.blockers]
    lines = {line.heading: line for line in summary.lines}
    assert lines["Risk to others"].text == "Not recorded." and not lines["Risk to others"].complete
    with pytest.raises(ValidationError, match="pose a risk of harm to others"):
        closing.close_meeting(ws, meeting_id=other.id)
    assert closing.closing_summary(ws, meeting_id=meeting_id).can_close


def test_a_review_does_not_record_it(ws: Workspace) -> None:
    review = started_meeting(ws, meeting_type=MeetingType.REVIEW)
    summary = closing.closing_summary(ws, meeting_id=review.id)
    assert BlockerCode.NO_RISK_TO_OTHERS not in [b.code for b in summary.blockers]
    with pytest.raises(ValidationError, match="strategy meetings and child protection"):
        record_risk_to_others(ws, meeting_id=review.id, assessment=RiskAssessment.NONE_KNOWN)


def test_a_risk_needs_to_whom_what_and_any_other_agency_named(ws: Workspace) -> None:
    meeting = started_meeting(ws)
    with pytest.raises(ValidationError, match=r"to whom.*what the risk is"):
        record_risk_to_others(ws, meeting_id=meeting.id, assessment=RiskAssessment.RISK)
    with pytest.raises(ValidationError, match="Name the other agency"):
        record_risk_to_others(
            ws, meeting_id=meeting.id, **{**TEENAGER, "agencies": [RiskAgency.OTHER]}
        )
    row = record_risk_to_others(
        ws,
        meeting_id=meeting.id,
        **{**TEENAGER, "agencies": [RiskAgency.YOUTH_JUSTICE, RiskAgency.OTHER]},
        agencies_other="Exploitation panel",
    )
    assert row.agencies_text == "Youth justice, Exploitation panel"
    assert row.recorded_by == "Test Chair"
    # "None known" keeps no detail: what was typed for a risk goes.
    again = record_risk_to_others(
        ws, meeting_id=meeting.id, assessment=RiskAssessment.NONE_KNOWN, what="left over"
    )
    assert again == RiskToOthersRow(meeting.id, RiskAssessment.NONE_KNOWN, recorded_by="Test Chair")
    assert load_risk_to_others(ws, meeting_id=meeting.id) == again


def test_one_row_per_meeting_with_an_id_from_the_meeting(ws: Workspace) -> None:
    meeting = started_meeting(ws)
    for _ in range(2):
        record_risk_to_others(ws, meeting_id=meeting.id, **TEENAGER)
    with ws.engine.connect() as connection:
        ids = connection.exec_driver_sql(
            "SELECT id FROM risk_to_others WHERE meeting_id = ?", (meeting.id,)
        ).all()
    assert ids == [(risk_to_others_id(meeting.id),)]


def _signed(ws: Workspace) -> str:
    meeting_id = chair_a_meeting(ws)
    record_risk_to_others(ws, meeting_id=meeting_id, **TEENAGER)
    closing.close_meeting(ws, meeting_id=meeting_id)
    signoff.sign_off(ws, meeting_id=meeting_id)
    return meeting_id


def test_after_sign_off_only_an_amendment_changes_it(ws: Workspace) -> None:
    meeting_id = _signed(ws)
    kept = record.meeting_record(ws, meeting_id=meeting_id).risk_to_others
    assert kept is not None and kept.what == TEENAGER["what"]
    with pytest.raises(RecordLocked, match="amendment"):
        record_risk_to_others(ws, meeting_id=meeting_id, assessment=RiskAssessment.NONE_KNOWN)
    # The database refuses it too, whatever writes to the file.
    for statement in (
        f"UPDATE risk_to_others SET what = 'changed' WHERE meeting_id = '{meeting_id}'",
        f"DELETE FROM risk_to_others WHERE meeting_id = '{meeting_id}'",
    ):
        with (
            pytest.raises(sqlalchemy.exc.IntegrityError, match="only by an amendment"),
            ws.engine.begin() as connection,
        ):
            connection.exec_driver_sql(statement)
    signoff.record_amendment(
        ws, meeting_id=meeting_id, what="The risk is to a younger cousin too.", reason="Late news"
    )
    assert record.meeting_record(ws, meeting_id=meeting_id).risk_to_others == kept


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_minutes_say_it(ws: Workspace, tmp_path: Path) -> None:
    meeting_id = _signed(ws)
    exported = export_minutes(ws, meeting_id=meeting_id, target=tmp_path / "minutes.docx")
    text = _docx_text(exported.path)
    assert "Risk to others" in text
    assert "Is the child thought to pose a risk of harm to others?" in text
    assert "Restricted: not to be shared with the child's family." in text
    for part in (TEENAGER["to_whom"], TEENAGER["what"], "Youth justice, Police"):
        assert str(part) in text


def test_draft_minutes_say_when_it_is_missing(ws: Workspace, tmp_path: Path) -> None:
    meeting = started_meeting(ws)
    exported = export_minutes(ws, meeting_id=meeting.id, target=tmp_path / "draft.docx")
    assert "Not recorded yet. The meeting cannot close until it is." in _docx_text(exported.path)
    assert MISSING.startswith("Say whether")
