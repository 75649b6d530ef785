"""Signed-off minutes of the meetings after a strategy meeting do not change when
the agencies, the child, the family or the safety plan change later: the review's
timeframe and safety plan, a conference's decision and core group, and the
discharge all come from the record kept at sign-off. Only an amendment shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from app import clock
from app.exporters.minutes import export_minutes
from app.models import SignedRecord, seed_id
from app.services import agencies, cases, records
from app.services.conduct import signoff
from app.services.conduct.record import meeting_record
from app.services.journey import safety_plan as plans
from app.services.workspace import create_workspace
from app.storage.guard import rewriting_history
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_minutes_journey_sample import (
    CHAIR,
    FATHER,
    LAST_REVIEW_DAY,
    REVISED_WORRY,
    JourneySample,
    add_journey,
    on,
)

RENAMED = "(renamed, test)"
LATER_WORRY = "A worry raised long after these minutes were signed (test)."


@pytest.fixture
def signed(tmp_path: Path) -> Iterator[tuple[Workspace, JourneySample]]:
    """A child's journey with every meeting signed off, the discharge included."""
    workspace = create_workspace(tmp_path / "test.macpt", PASSPHRASE)
    workspace.actor = CHAIR
    try:
        sample = add_journey(workspace)
        on(LAST_REVIEW_DAY, 16)
        signoff.sign_off(workspace, meeting_id=sample.discharge_id)
        yield workspace, sample
    finally:
        workspace.close()
        clock.set_clock(None)


def _meetings(sample: JourneySample) -> dict[str, str]:
    return {
        "review": sample.review_id,
        "icpc": sample.icpc_id,
        "change": sample.change_id,
        "discharge": sample.discharge_id,
    }


def _document_text(workspace: Workspace, meeting_id: str, target: Path) -> list[str]:
    """Every paragraph, table cell, header and footer of the exported minutes."""
    export_minutes(workspace, meeting_id=meeting_id, target=target)
    document = docx.Document(str(target))
    # The distribution list grows with each copy made; the record it lists does not.
    lines = [p.text for p in document.paragraphs if p.text != "Distribution"]
    for table in document.tables[:-1]:
        lines += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer):
            lines += [p.text for p in part.paragraphs]
            for table in part.tables:
                lines += [cell.text for row in table.rows for cell in row.cells]
    return lines


def _change_everything(workspace: Workspace, sample: JourneySample) -> None:
    """What may happen after sign-off: agencies renamed and retired, a family member
    retired, the child's details corrected, a new version of the safety plan."""
    on(LAST_REVIEW_DAY.replace(year=LAST_REVIEW_DAY.year + 1), 10)
    for agency in agencies.list_agencies(workspace):
        if agency.statutory_role is not None:
            agencies.rename_agency(workspace, agency_id=agency.id, name=f"{agency.name} {RENAMED}")
    agencies.retire_agency(
        workspace, agency_id=seed_id("agency", "family-help"), reason="Service closed (test)"
    )
    case = cases.get_case(workspace, case_id=sample.case_id)
    father = next(m for m in case.family if m.name == FATHER)
    cases.retire_family_member(workspace, member_id=father.id, reason="Recorded twice (test)")
    for field, value in (("la_child_ref", "DEMO-T999"), ("last_name", "Renamed")):
        records.save_field(
            workspace, table="child", record_id=case.child_id, field=field, value=value
        )
    records.save_field(
        workspace, table="case_episode", record_id=sample.case_id, field="concern", value="Changed"
    )
    current = plans.safety_plan(workspace, plan_id=sample.plan_id)
    plans.revise_safety_plan(
        workspace,
        plan_id=sample.plan_id,
        items=[
            *(item.as_input() for item in current.items),
            plans.SafetyPlanItemInput(
                worry=LATER_WORRY, keeps_safe="Checked weekly (test).", responsible_name=CHAIR
            ),
        ],
        agreed_by="Core group (test)",
        change_note="A later worry (test).",
    )


def test_signed_journey_minutes_do_not_change_until_an_amendment(
    signed: tuple[Workspace, JourneySample], tmp_path: Path
) -> None:
    workspace, sample = signed
    meetings = _meetings(sample)
    before = {
        name: _document_text(workspace, mid, tmp_path / f"{name}-before.docx")
        for name, mid in meetings.items()
    }
    joined = {name: "\n".join(lines) for name, lines in before.items()}
    # The parts that used to be read live are there to be kept.
    assert "Extended" in joined["review"] and "Sky is left without" in joined["review"]
    assert REVISED_WORRY not in joined["review"]  # the version agreed at the review
    assert "Core group" in joined["icpc"] or "core group" in joined["icpc"]
    assert "Who must be told" in joined["discharge"]

    _change_everything(workspace, sample)

    for name, mid in meetings.items():
        after = _document_text(workspace, mid, tmp_path / f"{name}-after.docx")
        assert after == before[name], name
        assert RENAMED not in "\n".join(after)
        assert LATER_WORRY not in "\n".join(after)

    on(LAST_REVIEW_DAY.replace(year=LAST_REVIEW_DAY.year + 1), 11)
    what = "The core group also includes the school's safeguarding lead (test)."
    signoff.record_amendment(
        workspace, meeting_id=sample.icpc_id, what=what, reason="Left out (test)"
    )
    signoff.reissue_minutes(workspace, meeting_id=sample.icpc_id)
    amended = _document_text(workspace, sample.icpc_id, tmp_path / "icpc-amended.docx")
    assert amended != before["icpc"]
    assert what in "\n".join(amended)
    assert RENAMED not in "\n".join(amended)


def test_minutes_signed_before_the_journey_was_kept_still_export(
    signed: tuple[Workspace, JourneySample], tmp_path: Path
) -> None:
    """A record signed before the journey's parts were kept with it has no
    ``journey``: those parts are read live, as they were then, and nothing else is."""
    workspace, sample = signed
    for name, mid in _meetings(sample).items():
        kept = _document_text(workspace, mid, tmp_path / f"{name}-kept.docx")
        with workspace.transaction() as session, rewriting_history(session, mid):
            row = session.scalars(select(SignedRecord).where(SignedRecord.meeting_id == mid)).one()
            older = dict(row.content)
            assert older.pop("journey") is not None
            row.content = older
        assert meeting_record(workspace, meeting_id=mid).journey is None
        live = _document_text(workspace, mid, tmp_path / f"{name}-older.docx")
        assert live == kept, name
