"""A legal planning meeting's decision: whether the local authority starts
pre-proceedings, issues care proceedings, or neither, and why.

Starting (or ending) pre-proceedings is recorded on the case's
:class:`~app.models.preproceedings.PreProceedingsEpisode`; this row says which
meeting decided it, so the minutes and the closing rules can read it.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum


class LegalDecision(enum.StrEnum):
    START_PRE_PROCEEDINGS = "start-pre-proceedings"
    CONTINUE_PRE_PROCEEDINGS = "continue-pre-proceedings"
    STEP_UP_OR_DOWN = "step-up-or-down"
    CARE_PROCEEDINGS = "care-proceedings"
    NEITHER = "neither"


class LegalPlanningDecision(Record):
    __tablename__ = "legal_planning_decision"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    decision: Mapped[LegalDecision] = mapped_column(str_enum(LegalDecision))
    reasons: Mapped[str] = mapped_column(Text, default="")
    # The pre-proceedings episode started or stepped up or down by this decision.
    episode_id: Mapped[str | None] = mapped_column(ForeignKey("pre_proceedings_episode.id"))
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decided_at: Mapped[dt.datetime]
