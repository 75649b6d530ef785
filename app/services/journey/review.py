"""The five-day review: when (or whether) the initial child protection conference is held.

The default is the 15th working day after the strategy discussion that started
the section 47 enquiry. A later date is an extension: it needs a reason and the
chair's confirmation that the MACPT agreed exceptional circumstances. A decision
that no conference is needed also needs its reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from app import clock
from app.errors import ValidationError
from app.models import IcpcTimeframe, IcpcTimeframeDecision, MeetingType
from app.services.conduct.decision import deciding_chair
from app.services.journey._shared import (
    check_decidable,
    meeting_of_type,
    required_text,
    strategy_meeting_for,
    strategy_timescales,
)
from app.storage.workspace import Workspace
from app.validation import validated
from app.workdays import long_date

TIMEFRAME_LABELS = {
    IcpcTimeframe.WITHIN_15_DAYS: "Within 15 working days of the strategy discussion",
    IcpcTimeframe.EXTENDED: "Extended: exceptional circumstances agreed by the MACPT",
    IcpcTimeframe.NOT_NEEDED: "No initial child protection conference is needed",
}


@dataclasses.dataclass(frozen=True)
class ReviewContext:
    """The clocks a five-day review works to (``None`` when no strategy meeting is found)."""

    meeting_id: str
    review_date: dt.date
    strategy_meeting_id: str | None
    strategy_date: dt.date | None
    review_due: dt.date | None
    icpc_default_due: dt.date | None

    @property
    def review_on_time(self) -> bool | None:
        if self.review_due is None:
            return None
        return self.review_date <= self.review_due


@dataclasses.dataclass(frozen=True)
class IcpcTimeframeView:
    meeting_id: str
    timeframe: IcpcTimeframe
    default_due: dt.date | None
    target_date: dt.date | None
    reason: str
    exceptional_circumstances_confirmed: bool
    decided_by: str | None
    decided_at: dt.datetime | None

    @property
    def label(self) -> str:
        return TIMEFRAME_LABELS[self.timeframe]

    @property
    def extra_days(self) -> int | None:
        """Calendar days beyond the 15-working-day default, for an extension."""
        if self.target_date is None or self.default_due is None:
            return None
        return max(0, (self.target_date - self.default_due).days)


def _view(row: IcpcTimeframeDecision) -> IcpcTimeframeView:
    return IcpcTimeframeView(
        row.meeting_id,
        row.timeframe,
        row.default_due,
        row.target_date,
        row.reason,
        row.exceptional_circumstances_confirmed,
        row.decided_by,
        row.decided_at,
    )


def review_context(workspace: Workspace, *, meeting_id: str) -> ReviewContext:
    """The strategy discussion a review follows, and the review and ICPC dates due."""
    with workspace.reading() as session:
        meeting = meeting_of_type(session, meeting_id, MeetingType.REVIEW)
        strategy = strategy_meeting_for(session, meeting.case_id, meeting.scheduled_date)
        if strategy is None:
            return ReviewContext(meeting.id, meeting.scheduled_date, None, None, None, None)
        clocks = strategy_timescales(session, strategy)
        return ReviewContext(
            meeting.id,
            meeting.scheduled_date,
            strategy.id,
            clocks.strategy_date,
            clocks.review_due,
            clocks.icpc_due,
        )


def icpc_timeframe(workspace: Workspace, *, meeting_id: str) -> IcpcTimeframeView | None:
    """The review's ICPC timeframe decision, or None if it has not been made."""
    with workspace.reading() as session:
        row = session.scalar(
            select(IcpcTimeframeDecision).where(IcpcTimeframeDecision.meeting_id == meeting_id)
        )
        return _view(row) if row else None


@validated
def record_icpc_timeframe(
    workspace: Workspace,
    *,
    meeting_id: str,
    timeframe: IcpcTimeframe,
    target_date: dt.date | None = None,
    reason: str = "",
    exceptional_circumstances_confirmed: bool = False,
) -> IcpcTimeframeView:
    """Record (or change, until sign-off) the review's decision on the ICPC's timing.

    Within 15 days: ``target_date`` defaults to the 15th working day and may not
    be later. Extended: ``target_date`` after the default, a ``reason``, and
    ``exceptional_circumstances_confirmed``. Not needed: a ``reason``; no date.
    """
    with workspace.transaction() as session:
        meeting = meeting_of_type(session, meeting_id, MeetingType.REVIEW)
        check_decidable(meeting)
        strategy = strategy_meeting_for(session, meeting.case_id, meeting.scheduled_date)
        if strategy is None:
            raise ValidationError(
                "There is no strategy meeting for this child on or before the review. "
                "Record the strategy meeting first: the ICPC is counted from it."
            )
        default_due = strategy_timescales(session, strategy).icpc_due
        target, why = _check(
            timeframe,
            target_date,
            reason,
            exceptional_circumstances_confirmed,
            default_due=default_due,
            review_date=meeting.scheduled_date,
        )
        row = session.scalar(
            select(IcpcTimeframeDecision).where(IcpcTimeframeDecision.meeting_id == meeting.id)
        )
        if row is None:
            row = IcpcTimeframeDecision(meeting_id=meeting.id, timeframe=timeframe)
            session.add(row)
        row.strategy_meeting_id = strategy.id
        row.timeframe = timeframe
        row.default_due = default_due
        row.target_date = target
        row.reason = why
        row.exceptional_circumstances_confirmed = (
            timeframe is IcpcTimeframe.EXTENDED and exceptional_circumstances_confirmed
        )
        row.decided_by = deciding_chair(meeting)
        row.decided_at = clock.utcnow()
        session.flush()
        return _view(row)


def _check(
    timeframe: IcpcTimeframe,
    target_date: dt.date | None,
    reason: str,
    confirmed: bool,
    *,
    default_due: dt.date,
    review_date: dt.date,
) -> tuple[dt.date | None, str]:
    """The target date and reason to store, or a ValidationError saying what is missing."""
    reason = reason.strip()
    if timeframe is IcpcTimeframe.NOT_NEEDED:
        required_text(reason, "Give the reason no initial child protection conference is needed.")
        return None, reason
    if target_date is not None and target_date < review_date:
        raise ValidationError(
            "The conference date is before this review. Choose a date on or after the review."
        )
    if timeframe is IcpcTimeframe.WITHIN_15_DAYS:
        if target_date is not None and target_date > default_due:
            raise ValidationError(
                f"{long_date(target_date)} is after the 15th working day ({long_date(default_due)}). "
                "Record it as an extension, with the reason and the MACPT's agreement."
            )
        return target_date or default_due, reason
    if target_date is None or target_date <= default_due:
        raise ValidationError(
            f"An extension needs a date after the 15th working day ({long_date(default_due)}). "
            "Choose a later date, or keep to the default timeframe."
        )
    required_text(reason, "Give the reason the conference needs more than 15 working days.")
    if not confirmed:
        raise ValidationError(
            "An extension needs exceptional circumstances agreed by the MACPT. "
            "Confirm that the MACPT agreed them, or keep to the default timeframe."
        )
    return target_date, reason
