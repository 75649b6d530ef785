"""A case entered in error is closed with a reason: kept, audited, never deleted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app import clock
from app.errors import InvalidField, NotFound, ValidationError
from app.models import AuditEntry, CaseClosure, CaseEpisode, CaseStatus, ClosingReason
from app.services import cases
from app.services.case_closure import case_closure, close_case, reopen_case
from app.storage.workspace import Workspace

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    clock.set_clock(lambda: NOW)
    yield
    clock.set_clock(None)


def test_a_case_entered_in_error_is_closed_with_its_reason(workspace: Workspace) -> None:
    wrong = cases.create_case(workspace, la_child_ref="TEST0900", first_name="Typo")
    kept = cases.create_case(workspace, la_child_ref="TEST0901")
    assert cases.count_cases(workspace) == 2
    assert case_closure(workspace, case_id=wrong.case_id) is None

    close_case(
        workspace,
        case_id=wrong.case_id,
        reason=ClosingReason.ENTERED_IN_ERROR,
        notes="  Made by mistake while searching.  ",
    )

    closure = case_closure(workspace, case_id=wrong.case_id)
    assert closure is not None
    assert closure.reason is ClosingReason.ENTERED_IN_ERROR
    assert closure.reason.label == "Entered in error"
    assert closure.notes == "Made by mistake while searching."
    assert closure.closed_on == dt.date(2026, 12, 3)
    assert closure.closed_by == workspace.actor
    # Kept, closed, and out of the open cases; the other case is untouched.
    assert cases.count_cases(workspace) == 1
    assert cases.count_cases(workspace, status=CaseStatus.CLOSED) == 1
    listed = {c.case_id for c in cases.list_cases(workspace)}
    assert {wrong.case_id, kept.case_id} <= listed
    with workspace.reading() as session:
        case = session.get(CaseEpisode, wrong.case_id)
        assert case is not None
        assert case.status is CaseStatus.CLOSED
        assert case.closed_on == dt.date(2026, 12, 3)
        audited = set(
            session.execute(
                select(AuditEntry.record_table, AuditEntry.action).where(
                    AuditEntry.record_table.in_(("case_episode", "case_closure"))
                )
            ).all()
        )
    assert ("case_episode", "update") in audited
    assert ("case_closure", "create") in audited


def test_closing_is_refused_twice_for_an_unknown_case_or_without_a_reason(
    workspace: Workspace,
) -> None:
    case = cases.create_case(workspace, la_child_ref="TEST0902")
    close_case(workspace, case_id=case.case_id, reason=ClosingReason.DUPLICATE)
    with pytest.raises(ValidationError, match="already closed"):
        close_case(workspace, case_id=case.case_id, reason=ClosingReason.ENTERED_IN_ERROR)
    closure = case_closure(workspace, case_id=case.case_id)
    assert closure is not None and closure.reason is ClosingReason.DUPLICATE
    with pytest.raises(NotFound):
        close_case(workspace, case_id="no-such-case", reason=ClosingReason.DUPLICATE)
    with pytest.raises(InvalidField):
        close_case(workspace, case_id=case.case_id, reason="because")  # type: ignore[arg-type]


def test_a_case_closed_by_mistake_is_opened_again_and_the_closure_kept(
    workspace: Workspace,
) -> None:
    case = cases.create_case(workspace, la_child_ref="TEST0903")
    with pytest.raises(ValidationError, match="Only a case closed here"):
        reopen_case(workspace, case_id=case.case_id, reason="Closed in error")
    close_case(workspace, case_id=case.case_id, reason=ClosingReason.ENTERED_IN_ERROR)
    with pytest.raises(ValidationError, match="Say why"):
        reopen_case(workspace, case_id=case.case_id, reason="   ")
    reopen_case(workspace, case_id=case.case_id, reason="Not a duplicate after all")
    assert case_closure(workspace, case_id=case.case_id) is None
    assert cases.count_cases(workspace) == 1
    with workspace.reading() as session:
        kept = session.scalars(select(CaseClosure).where(CaseClosure.case_id == case.case_id)).one()
        assert (kept.reopened_on, kept.reopened_by) == (dt.date(2026, 12, 3), workspace.actor)
        assert kept.notes == "Reopened on 2026-12-03: Not a duplicate after all"
        audited = session.execute(
            select(AuditEntry.action).where(
                AuditEntry.record_table == "case_closure", AuditEntry.record_id == kept.id
            )
        ).all()
        assert [action for (action,) in audited] == ["create", "update"]
        episode = session.get(CaseEpisode, case.case_id)
        assert episode is not None and episode.closed_on is None
    with pytest.raises(ValidationError, match="Only a case closed here"):
        reopen_case(workspace, case_id=case.case_id, reason="Again")
