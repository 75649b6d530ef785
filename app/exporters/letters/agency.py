"""Letters to agencies: what the agency needs to act on, and no more.

The decision, the plan's category, the dates that matter, the actions given
to that agency and whom to contact. Agencies' information and the reasons
discussed stay in the minutes, which go out separately once signed off.
"""

from __future__ import annotations

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
    Table,
)
from app.models import ConferenceOutcome, MeetingType, NotificationKind
from app.services.journey.conference import OUTCOME_LABELS
from app.services.journey.discharge import REASON_LABELS, SUPPORT_LABELS


def _minutes(facts: LetterFacts) -> str:
    if facts.minutes_signed_off:
        return "The signed-off minutes are sent separately."
    return "The minutes will follow once the chair has signed them off."


def agency_letter(letter: Letter) -> LetterText:
    """The letter for one agency, addressed to its named practitioner where known."""
    facts, recipient = letter.facts, letter.recipient
    kind = recipient.kind
    label = facts.meeting_type.label
    if kind is NotificationKind.CONFERENCE_INVITATION:
        title, blocks = f"Invitation: {label.lower()}", _invitation(facts, recipient.agency_name)
    elif kind is NotificationKind.STRATEGY_OUTCOME:
        title, blocks = "Strategy meeting: outcome", _strategy(facts)
    elif kind is NotificationKind.DISCHARGE_DECISION:
        title, blocks = "Child protection plan ended", _discharge(facts)
    else:
        title, blocks = f"{label}: outcome", _conference(facts)
    if kind is not NotificationKind.CONFERENCE_INVITATION:
        blocks += _actions(facts, recipient.agency_id, recipient.agency_name)
    blocks += wording.contact_blocks(
        facts, heading="Contact", lead_in="For anything about this letter, contact"
    )
    named = recipient.name != recipient.agency_name
    return LetterText(
        title=title,
        greeting=f"Dear {recipient.name}," if named else "Dear colleague,",
        blocks=blocks,
        closing=wording.closing(facts),
        subject=f"Letter to an agency: {kind.value.replace('-', ' ')}",
    )


def _child(facts: LetterFacts) -> tuple[tuple[str, str], ...]:
    name = facts.child_name_for_agencies
    child = (
        f"{name} (reference {facts.la_child_ref})" if name else f"Reference {facts.la_child_ref}"
    )
    pairs = [("Child", child)]
    if facts.child_date_of_birth is not None:
        pairs.append(("Date of birth", long_date(facts.child_date_of_birth)))
    elif facts.child_expected_date_of_birth is not None:
        pairs.append(
            ("Unborn: expected date of birth", long_date(facts.child_expected_date_of_birth))
        )
    else:
        pairs.append(("Date of birth", "Not recorded"))
    if facts.child_nhs_number:
        pairs.append(("NHS number", facts.child_nhs_number))
    if facts.child_upn:
        pairs.append(("Unique pupil number (UPN)", facts.child_upn))
    if facts.child_unique_identifier:
        pairs.append(("Unique child identifier", facts.child_unique_identifier))
    return tuple(pairs)


def _invitation(facts: LetterFacts, agency: str) -> tuple[Block, ...]:
    pairs = (
        *_child(facts),
        ("Date", wording.meeting_date(facts)),
        ("Time", wording.time_span(facts)),
        *wording.place(facts),
        ("Chair", facts.chair or "To be confirmed"),
    )
    return (
        Para(
            f"You are invited to the {facts.meeting_type.label.lower()} about the child below. "
            f"Please attend, or send someone who can speak for {agency or 'your agency'}."
        ),
        Details(pairs, "The conference"),
        Heading("Before the conference"),
        Bullets(
            (
                "Send your agency's report to the chair at least two working days before "
                "the conference.",
                "Reports are shared with the family before the conference. Mark clearly "
                "anything that must not be shared with them, and say why.",
                "If no one from your agency can attend, send your report and say who can "
                "answer questions about it.",
            )
        ),
    )


def _strategy(facts: LetterFacts) -> tuple[Block, ...]:
    met = {True: "Met", False: "Not met", None: "Not recorded"}[facts.threshold_met]
    outcome = facts.threshold_outcome.label if facts.threshold_outcome else "Not recorded"
    blocks: list[Block] = [
        Para(
            f"This letter tells you the outcome of the strategy meeting about the child below. {_minutes(facts)}"
        ),
        Details(
            (
                *_child(facts),
                ("Strategy meeting", wording.meeting_date(facts)),
                ("Chair", facts.chair or "Not recorded"),
                ("Significant-harm threshold", met),
                ("Decision", outcome),
            ),
            "The decision",
        ),
    ]
    if facts.timescales is not None:
        t = facts.timescales
        blocks += [
            Heading("Timescales"),
            Para("Counted in working days from the strategy discussion."),
            Details(
                (
                    ("Five-day review due", long_date(t.review_due)),
                    ("Initial child protection conference due", long_date(t.icpc_due)),
                    (
                        f"Section 47 assessment due ({t.assessment_counted_from})",
                        long_date(t.assessment_due),
                    ),
                ),
                "Timescales",
            ),
        ]
    return tuple(blocks)


def _conference(facts: LetterFacts) -> tuple[Block, ...]:
    outcome = facts.conference_outcome
    pairs: list[tuple[str, str]] = [
        *_child(facts),
        ("Conference", wording.meeting_date(facts)),
        ("Chair", facts.chair or "Not recorded"),
        ("Decision", OUTCOME_LABELS[outcome] if outcome else "Not recorded"),
    ]
    if facts.category is not None:
        pairs.append(("Category", f"{facts.category.label} ({facts.category.census_code})"))
    if outcome is not ConferenceOutcome.NO_PLAN and facts.lead_practitioner:
        pairs.append(("Lead practitioner", facts.lead_practitioner))
    if facts.next_review_due is not None:
        pairs.append(("Next review conference due by", long_date(facts.next_review_due)))
    blocks: list[Block] = [
        Para(
            f"This letter tells you the outcome of the {facts.meeting_type.label.lower()} about the child below. {_minutes(facts)}"
        ),
        Details(tuple(pairs), "The decision"),
    ]
    if facts.core_group and outcome is not ConferenceOutcome.NO_PLAN:
        blocks += [
            Heading("Core group"),
            Table(
                (("Name", 5.5), ("Agency", 6.0), ("Role", 5.5)),
                tuple((m.name, m.agency or "", m.role) for m in facts.core_group),
                "Core group",
            ),
        ]
        if facts.core_group_by is not None and facts.meeting_type is MeetingType.ICPC:
            blocks.append(
                Para(
                    f"The core group first meets by {long_date(facts.core_group_by)}, within "
                    "10 working days of the conference, to develop the plan in detail."
                )
            )
    return tuple(blocks)


def _discharge(facts: LetterFacts) -> tuple[Block, ...]:
    reason = REASON_LABELS[facts.discharge_reason] if facts.discharge_reason else "Not recorded"
    support = "; ".join(SUPPORT_LABELS[s] for s in facts.ongoing_support) or "Not recorded"
    ended = facts.plan_end or facts.meeting_date
    return (
        Para(
            "The child protection plan for the child below has ended. Please update your "
            "agency's records and tell the practitioners in your agency who work with the family."
        ),
        Details(
            (
                *_child(facts),
                ("Plan ended", long_date(ended)),
                (
                    "Decided at",
                    f"Review child protection conference, {wording.meeting_date(facts)}",
                ),
                ("Reason", reason),
                ("Ongoing support", support),
            ),
            "The decision",
        ),
        Para(
            "If you have new worries about the child's safety, contact children's social care "
            f"straight away. {_minutes(facts)}"
        ),
    )


def _actions(facts: LetterFacts, agency_id: str | None, agency: str) -> tuple[Block, ...]:
    mine = [a for a in facts.actions if agency_id and a.agency_id == agency_id]
    heading = Heading(f"Actions for {agency or 'your agency'}")
    if not mine:
        return (heading, Para("No actions were given to your agency at this meeting."))
    return (
        heading,
        Table(
            (("Action", 9.0), ("Who", 4.5), ("By when", 3.5)),
            tuple(
                (a.description, a.owner, long_date(a.due) if a.due else "No date set") for a in mine
            ),
            f"Actions for {agency}",
        ),
    )
