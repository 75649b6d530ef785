"""The referral date on a case: the assessment counts 45 working days from it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import MeetingStatus, MeetingTimescales
from app.services.cases import create_case, get_case, set_referral_date
from app.services.conduct.timescales import meeting_timescales
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar, non_working_day_warning
from tests.helpers.journey_records import JourneyBuilder

D = dt.date


def _stored(workspace: Workspace, meeting_id: str) -> tuple[dt.date, str]:
    with workspace.reading() as session:
        row = session.scalars(
            select(MeetingTimescales).where(MeetingTimescales.meeting_id == meeting_id)
        ).one()
        return row.assessment_due, row.assessment_from


def test_a_new_case_keeps_its_referral_date(workspace: Workspace) -> None:
    case = create_case(workspace, la_child_ref="REF-0001", referral_date=D(2026, 11, 2))
    assert get_case(workspace, case_id=case.case_id).referral_date == D(2026, 11, 2)
    with pytest.raises(ValidationError, match="future"):
        create_case(workspace, la_child_ref="REF-0002", referral_date=D(2026, 12, 1))


def test_setting_it_counts_the_assessment_again_until_signed_off(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        b = JourneyBuilder(session)
        case = b.child("REF-0003")
        closed = b.strategy(case, D(2026, 11, 16)).id
        signed = b.strategy(case, D(2026, 11, 9), status=MeetingStatus.SIGNED_OFF).id
        running = b.strategy(case, D(2026, 11, 23), status=MeetingStatus.IN_PROGRESS).id
        case_id = case.id
    # 45 working days from the strategy discussion on Monday 16 November 2026, with
    # Christmas, Boxing Day (observed on Monday 28th) and New Year's Day between:
    # Thursday 21 January 2027.
    assert _stored(workspace, closed) == (D(2027, 1, 21), "strategy")
    before_signed = _stored(workspace, signed)

    set_referral_date(workspace, case_id=case_id, referral_date=D(2026, 11, 2))

    # Ten working days earlier, from the referral on Monday 2 November: Thursday 7 January.
    assert _stored(workspace, closed) == (D(2027, 1, 7), "referral")
    assert _stored(workspace, signed) == before_signed  # signed-off minutes keep their dates
    live = meeting_timescales(workspace, meeting_id=running)
    assert live is not None
    assert (live.assessment_due, live.assessment_from) == (D(2027, 1, 7), "referral")
    assert live.as_timescales().assessment_counted_from == "from the referral"
    assert live.review_due == D(2026, 11, 30)  # the meetings still count from the strategy

    set_referral_date(workspace, case_id=case_id, referral_date=None)
    assert _stored(workspace, closed)[1] == "strategy"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (D(2026, 11, 28), "is a Saturday: not a working day"),
        (D(2026, 12, 28), "is a bank holiday (Boxing Day (observed))"),
        (D(2026, 12, 29), "is a local closure day"),
    ],
)
def test_a_date_on_a_non_working_day_is_flagged(day: dt.date, words: str) -> None:
    calendar = WorkingCalendar([D(2026, 12, 29)])
    warning = non_working_day_warning(day, calendar, "The extended ICPC date")
    assert warning is not None and words in warning
    assert warning.startswith("The extended ICPC date")
    assert non_working_day_warning(D(2026, 11, 27), calendar) is None
    assert non_working_day_warning(None, calendar) is None
