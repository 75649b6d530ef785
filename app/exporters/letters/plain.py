"""Letters to parents and carers, in plain English.

Written for a reading age of nine: short sentences, everyday words, and any
word of the trade ("conference", "child protection plan") explained the first
time. The words are data a local area can re-word
(:mod:`app.exporters.letters.parent_wording`); the required items stay. A
parent's letter says why the meeting is held, what was decided, what happens
next, their rights and whom to contact. It is built only from the decision's
fixed choices and names: never the professionals' free text, another family
member's details or any agency's information, so nothing restricted can reach it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from app.exporters.docx_base import long_date
from app.exporters.letters import wording
from app.exporters.letters.model import (
    Block,
    Bullets,
    Details,
    Heading,
    Letter,
    LetterFacts,
    LetterText,
    Para,
)
from app.exporters.letters.parent_wording import standard_wording
from app.models import (
    ConferenceOutcome,
    DischargeReason,
    IcpcTimeframe,
    MeetingType,
    NotificationKind,
)

CONFERENCE_NAME = {
    MeetingType.ICPC: "an initial child protection conference",
    MeetingType.RCPC: "a review child protection conference",
}
# Said when the settings hold no number, so that no letter has a gap.
NO_TEAM_PHONE = "the number at the end of this letter"
NO_OUT_OF_HOURS = "the council's out-of-hours service"
NBSP = "\u00a0"
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")


class _Words:
    """The wording with this letter's blanks filled in, each sentence starting with a capital."""

    def __init__(self, facts: LetterFacts) -> None:
        self.text: Mapping[str, str] = facts.wording or standard_wording()
        child = facts.child_first_name or "your child"
        in_full = child
        if facts.child_date_of_birth is None and facts.child_expected_date_of_birth is not None:
            # An unborn child has no name yet ("Baby" is a placeholder, not a name).
            child = "your baby"
            in_full = f"your baby, due in {facts.child_expected_date_of_birth:%B %Y}"
        # A number never breaks across two lines (no-break spaces).
        phone = (facts.team_phone or _phone_in(facts.contact_details)).replace(" ", NBSP)
        out_of_hours = facts.out_of_hours_phone.replace(" ", NBSP)
        self.blanks = {
            "child": child,
            "child_in_full": in_full,
            "meeting_name": CONFERENCE_NAME.get(facts.meeting_type, "a meeting"),
            "meeting_date": wording.meeting_date(facts),
            "team_phone": phone or NO_TEAM_PHONE,
            "out_of_hours": out_of_hours or NO_OUT_OF_HOURS,
            "lead_practitioner": facts.lead_practitioner,
            "core_group_by": long_date(facts.core_group_by) if facts.core_group_by else "",
            "next_review_due": long_date(facts.next_review_due) if facts.next_review_due else "",
            "conference_by": long_date(facts.conference_by) if facts.conference_by else "",
        }

    def __call__(self, *keys: str) -> str:
        """The items, filled in and joined as one text."""
        text = " ".join(self.text[key].format(**self.blanks) for key in keys)
        return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)

    def para(self, key: str) -> Para:
        return Para(self(key))

    def heading(self, key: str) -> Heading:
        return Heading(self(f"headings.{key}"))


def _phone_in(lines: tuple[str, ...]) -> str:
    """A telephone number among the team's contact lines, if one is there."""
    for line in lines:
        found = re.search(r"\+?\d[\d ]{8,}\d", line)
        if found:
            return found.group(0)
    return ""


def parent_letter(letter: Letter) -> LetterText:
    """The plain-English letter for one parent or carer."""
    facts = letter.facts
    w = _Words(facts)
    kind = letter.recipient.kind
    rights = (w.heading("your_rights"), w.para("common.legal_advice"), w.para("common.advocate"))
    if facts.meeting_type is MeetingType.REVIEW:
        title, blocks = _review(facts, w)
        if facts.review_timeframe is IcpcTimeframe.EXTENDED:
            blocks += rights
    elif kind is NotificationKind.CONFERENCE_INVITATION:
        title, blocks = w("invitation.title"), _invitation(facts, w) + rights
        blocks += (w.para("common.help_to_come"), w.heading("minutes"))
        blocks += (w.para("invitation.after"), w.para("common.minutes"))
    elif kind is NotificationKind.DISCHARGE_DECISION:
        title, blocks = _discharge(facts, w)
        if facts.discharge_reason is not DischargeReason.DIED:
            blocks += _agreed(letter, w)
            blocks += (w.heading("worried_again"), w.para("discharge.worried_again"))
        blocks += (w.heading("minutes"), w.para("common.minutes"))
    else:
        title = w("outcome.title")
        blocks = _outcome(facts, w) + _agreed(letter, w)
        blocks += (w.heading("minutes"), w.para("common.minutes"), *rights)
    # A bereaved family is not told to keep the child safe, nor to ring 999 for them.
    bereaved = facts.discharge_reason is DischargeReason.DIED
    if not bereaved:
        blocks += (w.heading("complain"), w.para("common.complain"))
    privacy = "discharge.bereaved_privacy" if bereaved else "common.privacy"
    blocks += (w.heading("privacy"), w.para(privacy))
    blocks += wording.contact_blocks(
        facts, heading=w("headings.contact"), lead_in="If you have any questions, please contact"
    )
    blocks += (
        w.para("discharge.bereaved_contact" if bereaved else "common.social_worker"),
        w.heading("out_of_hours"),
        w.para("discharge.bereaved_out_of_hours" if bereaved else "common.out_of_hours"),
    )
    return LetterText(
        title=title,
        greeting=f"Dear {letter.recipient.name},",
        blocks=blocks,
        closing=wording.closing(facts),
        subject=f"Letter to a parent or carer: {kind.value.replace('-', ' ')}",
    )


def _when_and_where(facts: LetterFacts) -> Details:
    pairs = [("Date", wording.meeting_date(facts)), ("Time", wording.time_span(facts))]
    pairs += wording.place(facts)
    if facts.chair:
        pairs.append(("Led by", f"{facts.chair}, {wording.LCPP}"))
    return Details(tuple(pairs), "When and where the meeting is")


def _invitation(facts: LetterFacts, w: _Words) -> tuple[Block, ...]:
    initial = facts.meeting_type is MeetingType.ICPC
    why = [w.para("invitation.why_initial" if initial else "invitation.why_review")]
    if initial:
        why.append(w.para("common.plan"))
    return (
        w.para("invitation.opening"),
        w.heading("why"),
        *why,
        w.heading("when_and_where"),
        _when_and_where(facts),
        w.heading("before"),
        Bullets(
            (
                w("invitation.bring_someone"),
                w("invitation.reports"),
                w("invitation.cannot_come"),
            )
        ),
    )


def _next_steps(facts: LetterFacts, w: _Words) -> list[str]:
    steps = []
    if facts.lead_practitioner:
        steps.append(w("outcome.lead_practitioner"))
    if facts.core_group_by is not None:
        steps.append(w("outcome.core_group"))
    if facts.next_review_due is not None:
        steps.append(w("outcome.next_review"))
    return steps


def _outcome(facts: LetterFacts, w: _Words) -> tuple[Block, ...]:
    opening = Para(w("outcome.opening", "outcome.why"))
    outcome = facts.conference_outcome
    decided: list[Block] = [w.heading("decided")]
    if outcome is ConferenceOutcome.NO_PLAN:
        decided.append(w.para("outcome.no_plan"))
        steps = [w("outcome.no_plan_next")]
    else:
        if outcome is ConferenceOutcome.PLAN_NEEDED:
            decided.append(Para(w("outcome.plan_needed", "common.plan")))
        elif outcome is ConferenceOutcome.CHANGE_CATEGORY:
            decided.append(w.para("outcome.change_category"))
        else:
            decided.append(w.para("outcome.continue_plan"))
        if facts.category is not None:
            changed = outcome is ConferenceOutcome.CHANGE_CATEGORY
            lead = "outcome.category_lead_changed" if changed else "outcome.category_lead"
            decided.append(Para(w(lead, f"category.{facts.category.value}")))
        steps = _next_steps(facts, w)
    next_steps: tuple[Block, ...] = (w.heading("next"), Bullets(tuple(steps))) if steps else ()
    return (opening, *decided, *next_steps)


def _agreed(letter: Letter, w: _Words) -> tuple[Block, ...]:
    """Things this parent agreed to do at the meeting (only theirs, nobody else's)."""
    mine = [
        a.description + (f" (by {long_date(a.due)})" if a.due else "")
        for a in letter.facts.actions
        if a.family_member_id is not None
        and a.family_member_id == letter.recipient.family_member_id
    ]
    return (w.heading("agreed"), Bullets(tuple(mine))) if mine else ()


def _discharge(facts: LetterFacts, w: _Words) -> tuple[str, tuple[Block, ...]]:
    reason = facts.discharge_reason
    if reason is DischargeReason.DIED:
        # No reasons and no list of services: a bereaved parent needs to know only
        # that the plan has ended, and whom to ask.
        return w("discharge.bereaved_title"), (
            w.para("discharge.bereaved_sorry"),
            w.para("discharge.bereaved_ended"),
        )
    blocks: list[Block] = [w.para("discharge.opening")]
    if reason is not None:
        blocks += [w.heading("why_ended"), w.para(f"why_ended.{reason.value}")]
    support = [w(f"support.{s.value}") for s in facts.ongoing_support]
    if support:
        blocks += [w.heading("next"), Bullets(tuple(support))]
    return w("discharge.title"), tuple(blocks)


def _review(facts: LetterFacts, w: _Words) -> tuple[str, tuple[Block, ...]]:
    """The five-day review put the initial conference back, or found it not needed."""
    if facts.review_timeframe is IcpcTimeframe.EXTENDED:
        return w("review.title_extended"), (
            w.para("review.extended"),
            w.heading("why_later"),
            w.para("review.extended_why"),
        )
    return w("review.title_not_needed"), (
        w.para("review.not_needed"),
        w.heading("next"),
        w.para("review.not_needed_next"),
    )
