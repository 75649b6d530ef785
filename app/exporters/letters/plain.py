"""Letters to parents and carers, in plain English.

Written for a reading age of about 11: short sentences, everyday words, and
any word of the trade ("conference", "child protection plan") explained the
first time. A parent's letter says what was decided, what happens next and
whom to contact. It is built only from the decision's fixed choices and names:
never the professionals' free text, another family member's details or any
agency's information, so nothing restricted can reach it.
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
)
from app.models import (
    ConferenceOutcome,
    DischargeReason,
    MeetingType,
    NotificationKind,
    OngoingSupport,
    PlanCategory,
)

PLAN = "A child protection plan is a written plan. It says what everyone will do to keep {c} safe."
CATEGORY = {
    PlanCategory.NEGLECT: (
        "neglect. This means we are worried that {c} does not always get the care every "
        "child needs, like food, warmth, safety and health care."
    ),
    PlanCategory.PHYSICAL_ABUSE: "physical abuse. This means we are worried that {c} could be hurt.",
    PlanCategory.SEXUAL_ABUSE: (
        "sexual abuse. This means we are worried that {c} could be harmed in a sexual way."
    ),
    PlanCategory.EMOTIONAL_ABUSE: (
        "emotional abuse. This means we are worried about how {c} is made to feel, "
        "and that this could harm {c}."
    ),
    PlanCategory.MULTIPLE: "more than one kind of harm.",
}
WHY_ENDED = {
    DischargeReason.NO_LONGER_AT_RISK: (
        "Everyone who works with your family agreed that {c} is now safe enough. "
        "{c} no longer needs a plan to stay safe."
    ),
    DischargeReason.TRANSFERRED: (
        "Your family has moved to live in a new area. The council there has taken over {c}'s plan."
    ),
    DischargeReason.TURNED_18: "{c} is now 18. A child protection plan is only for children.",
    DischargeReason.LEFT_UK: "{c} has moved to live outside the UK, so the plan has ended.",
}
SUPPORT = {
    OngoingSupport.FAMILY_HELP: "Family Help will keep working with your family.",
    OngoingSupport.EARLY_HELP: "Early help services will keep supporting your family.",
    OngoingSupport.UNIVERSAL: (
        "You can still get help from everyday services, like your doctor, health visitor or school."
    ),
    OngoingSupport.PRE_PROCEEDINGS: (
        "The council is starting a legal step called pre-proceedings. You will get a separate "
        "letter about it. That letter will tell you how to get free legal advice."
    ),
    OngoingSupport.CARE_PROCEEDINGS: (
        "The council has asked the family court to decide what is best for {c}. This is "
        "called care proceedings. You will get separate letters about it. Please talk to a solicitor."
    ),
    OngoingSupport.REUNIFICATION: (
        "{c} is going to live back with family. People will keep helping you while this happens."
    ),
    OngoingSupport.NONE: "No more help is planned. If you are worried or need help, please contact us.",
}
CONFERENCE_NAME = {
    MeetingType.ICPC: "an initial child protection conference",
    MeetingType.RCPC: "a review child protection conference",
}


def parent_letter(letter: Letter) -> LetterText:
    """The plain-English letter for one parent or carer."""
    facts = letter.facts
    c = facts.child_first_name or "your child"
    kind = letter.recipient.kind
    if kind is NotificationKind.CONFERENCE_INVITATION:
        title, blocks = f"You are invited to a meeting about {c}", _invitation(facts, c)
    elif kind is NotificationKind.DISCHARGE_DECISION:
        title, blocks = _discharge(facts, c)
        if facts.discharge_reason is not DischargeReason.DIED:
            blocks += _agreed(letter)
    else:
        title = f"What the conference decided about {c}"
        blocks = _outcome(facts, c) + _agreed(letter)
    blocks += wording.contact_blocks(
        facts, heading="Who to contact", lead_in="If you have any questions, please contact"
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


def _invitation(facts: LetterFacts, c: str) -> tuple[Block, ...]:
    name = CONFERENCE_NAME.get(facts.meeting_type, "a meeting")
    about = (
        f"At the meeting, you and the people who work with your family will talk about {c}. "
        f"We will listen to what you think. Then we will decide if {c} needs a child "
        f"protection plan. {PLAN.format(c=c)}"
        if facts.meeting_type is MeetingType.ICPC
        else f"At the meeting, we will look at how {c}'s child protection plan is going. "
        "We will listen to what you think. Then we will decide if the plan should carry on, "
        "change or end."
    )
    return (
        Para(
            f"We would like you to come to a meeting about {c}. This meeting is called {name}. "
            "We call it a conference for short."
        ),
        Para(about),
        Heading("When and where"),
        _when_and_where(facts),
        Heading("Before the meeting"),
        Bullets(
            (
                "You can bring someone with you for support, like a friend or relative.",
                "Tell us if you need an interpreter, or help to get there.",
                "You should be able to read the reports for the meeting before it starts. "
                "Ask us if you have not seen them.",
                "If you cannot come, please tell us. You can still tell us what you think "
                "before the meeting.",
            )
        ),
    )


def _next_steps(facts: LetterFacts, c: str) -> list[str]:
    steps = []
    if facts.lead_practitioner:
        steps.append(
            f"{facts.lead_practitioner} is your lead practitioner. This is the person who will "
            "work with your family and make sure the plan happens."
        )
    if facts.core_group_by is not None:
        steps.append(
            "A small group of people who work with your family will meet with you by "
            f"{long_date(facts.core_group_by)}. This group is called the core group. "
            "Together you will write the plan in detail."
        )
    if facts.next_review_due is not None:
        steps.append(
            f"We will meet again by {long_date(facts.next_review_due)} to see how things are "
            "going. This meeting is called a review conference. We will write to you about it."
        )
    return steps


def _outcome(facts: LetterFacts, c: str) -> tuple[Block, ...]:
    opening = Para(
        f"This letter tells you what was decided at the conference about {c} on "
        f"{wording.meeting_date(facts)}."
    )
    outcome = facts.conference_outcome
    decided: list[Block] = [Heading("What we decided")]
    if outcome is ConferenceOutcome.NO_PLAN:
        decided.append(
            Para(f"The conference decided that {c} does not need a child protection plan.")
        )
        steps = [
            "The people who work with your family will talk to you about any help you still need."
        ]
    else:
        if outcome is ConferenceOutcome.PLAN_NEEDED:
            decided.append(
                Para(
                    f"The conference decided that {c} needs a child protection plan. {PLAN.format(c=c)}"
                )
            )
        elif outcome is ConferenceOutcome.CHANGE_CATEGORY:
            decided.append(
                Para(
                    f"The conference decided that {c}'s child protection plan will carry on, with a change."
                )
            )
        else:
            decided.append(
                Para(
                    f"The conference decided that {c}'s child protection plan will carry on for now."
                )
            )
        if facts.category is not None:
            lead = (
                "From now on, the plan is about "
                if outcome is ConferenceOutcome.CHANGE_CATEGORY
                else "The plan is about "
            )
            decided.append(Para(lead + CATEGORY[facts.category].format(c=c)))
        steps = _next_steps(facts, c)
    return (opening, *decided, Heading("What happens next"), Bullets(tuple(steps)))


def _agreed(letter: Letter) -> tuple[Block, ...]:
    """Things this parent agreed to do at the meeting (only theirs, nobody else's)."""
    mine = [
        a.description + (f" (by {long_date(a.due)})" if a.due else "")
        for a in letter.facts.actions
        if a.family_member_id is not None
        and a.family_member_id == letter.recipient.family_member_id
    ]
    return (Heading("What you agreed to do"), Bullets(tuple(mine))) if mine else ()


def _discharge(facts: LetterFacts, c: str) -> tuple[str, tuple[Block, ...]]:
    reason = facts.discharge_reason
    if reason is DischargeReason.DIED:
        # No reasons and no list of services: a bereaved parent needs to know only
        # that the plan has ended, and whom to ask.
        return f"About {c}'s child protection plan", (
            Para("We are very sorry for your loss."),
            Para(f"We are writing to let you know that {c}'s child protection plan has ended."),
        )
    blocks: list[Block] = [
        Para(
            f"We had a review conference about {c} on {wording.meeting_date(facts)}. "
            f"We decided that {c}'s child protection plan can end."
        ),
    ]
    if reason is not None:
        blocks += [Heading("Why the plan has ended"), Para(WHY_ENDED[reason].format(c=c))]
    support = [SUPPORT[s].format(c=c) for s in facts.ongoing_support]
    if support:
        blocks += [Heading("What happens next"), Bullets(tuple(support))]
    return f"{c}'s child protection plan has ended", tuple(blocks)
