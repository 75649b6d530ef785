"""What a letter says, as plain data: the facts about the meeting, the recipient,
and the letter's text in blocks that the layout turns into Word."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from app.models import (
    ConferenceOutcome,
    DischargeReason,
    IcpcTimeframe,
    MeetingType,
    OngoingSupport,
    PlanCategory,
    RecipientRole,
    ThresholdOutcome,
)
from app.services.journey.notifications import Recipient
from app.workdays import Timescales


@dataclasses.dataclass(frozen=True)
class ActionLine:
    description: str
    owner: str
    agency_id: str | None
    due: dt.date | None
    # Set when the owner is one of the child's family members (a record).
    family_member_id: str | None = None


@dataclasses.dataclass(frozen=True)
class CoreGroupLine:
    name: str
    agency: str
    role: str


@dataclasses.dataclass(frozen=True)
class LetterFacts:
    """Everything any letter about one meeting may draw on (each letter takes less)."""

    meeting_id: str
    meeting_type: MeetingType
    meeting_date: dt.date
    meeting_time: dt.time | None
    duration_minutes: int
    place: str
    online_link: str | None
    chair: str
    local_authority: str
    la_child_ref: str
    # The name the family uses: parents are told about their own child by name.
    child_first_name: str
    # Agencies see the full name, to match the letter to their records.
    child_name_for_agencies: str | None
    child_date_of_birth: dt.date | None
    contact_name: str
    contact_details: tuple[str, ...]
    letter_date: dt.date
    minutes_signed_off: bool = False
    threshold_outcome: ThresholdOutcome | None = None
    threshold_met: bool | None = None
    timescales: Timescales | None = None
    conference_outcome: ConferenceOutcome | None = None
    category: PlanCategory | None = None
    lead_practitioner: str = ""
    core_group: tuple[CoreGroupLine, ...] = ()
    core_group_by: dt.date | None = None
    next_review_due: dt.date | None = None
    discharge_reason: DischargeReason | None = None
    ongoing_support: tuple[OngoingSupport, ...] = ()
    plan_end: dt.date | None = None
    actions: tuple[ActionLine, ...] = ()
    # The chair confirmed issuing it although some of its dates are past: it says so.
    late_issue: bool = False
    # An unborn child: when the baby is due (and no date of birth yet).
    child_expected_date_of_birth: dt.date | None = None
    # The identifier the local area holds for the child besides its own reference.
    child_unique_identifier: str | None = None
    child_nhs_number: str | None = None
    child_upn: str | None = None
    # For parents' letters: the team's number and whom to ring out of hours.
    team_phone: str = ""
    out_of_hours_phone: str = ""
    # The parents' letters' words (app.exporters.letters.parent_wording); None: the standard.
    wording: Mapping[str, str] | None = None
    # A five-day review's decision on the initial conference, and its new latest date.
    review_timeframe: IcpcTimeframe | None = None
    conference_by: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class Letter:
    """One letter to one recipient."""

    number: int
    recipient: Recipient
    # The recipient's own postal address, for the window envelope; never anyone else's.
    address: tuple[str, ...]
    facts: LetterFacts

    @property
    def file_name(self) -> str:
        """Neutral on purpose: never a child's or a person's name."""
        who = "agency" if self.recipient.role is RecipientRole.AGENCY else "parent-carer"
        return f"letter-{self.number:02d}-{who}.docx"


# -- the text, in blocks ----------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Heading:
    text: str


@dataclasses.dataclass(frozen=True)
class Para:
    text: str


@dataclasses.dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Details:
    """Label and value pairs, shown as a small table."""

    pairs: tuple[tuple[str, str], ...]
    caption: str


@dataclasses.dataclass(frozen=True)
class Table:
    columns: tuple[tuple[str, float], ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str


Block = Heading | Para | Bullets | Details | Table


@dataclasses.dataclass(frozen=True)
class LetterText:
    title: str
    greeting: str
    blocks: tuple[Block, ...]
    closing: str
    subject: str  # for the document's properties: no names

    def plain_text(self) -> str:
        """Every word the reader sees in the body, for checks of reading ease."""
        parts = [self.title, self.greeting]
        for block in self.blocks:
            if isinstance(block, Heading | Para):
                parts.append(block.text)
            elif isinstance(block, Bullets):
                parts.extend(block.items)
            elif isinstance(block, Details):
                parts.extend(f"{label}: {value}" for label, value in block.pairs)
            else:
                parts.extend(" ".join(row) for row in block.rows)
        parts.append(self.closing)
        return "\n".join(parts)
