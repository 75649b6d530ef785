"""What every letter shares: dates and times, the meeting's place, the contact."""

from __future__ import annotations

import datetime as dt

from app.exporters.docx_base import clock_time, long_date
from app.exporters.letters.model import Block, Heading, LetterFacts, Para

LCPP = "Lead Child Protection Practitioner"


def time_span(facts: LetterFacts) -> str:
    """ "10:00 to 11:30", or "To be confirmed" when no time is set."""
    if facts.meeting_time is None:
        return "To be confirmed"
    start = dt.datetime.combine(facts.meeting_date, facts.meeting_time)
    end = start + dt.timedelta(minutes=facts.duration_minutes)
    return f"{clock_time(start.time())} to {clock_time(end.time())}"


def place(facts: LetterFacts) -> tuple[tuple[str, str], ...]:
    """Where the meeting is: a room, an online link, or both."""
    pairs: list[tuple[str, str]] = []
    if facts.place:
        pairs.append(("Place", facts.place))
    if facts.online_link:
        pairs.append(("Online", facts.online_link))
    return tuple(pairs) or (("Place", "To be confirmed"),)


def meeting_date(facts: LetterFacts) -> str:
    return long_date(facts.meeting_date)


def contact_blocks(facts: LetterFacts, *, heading: str, lead_in: str) -> tuple[Block, ...]:
    """The one named contact (the LCPP) and how to reach them; nobody else's details."""
    who = facts.contact_name or "the Multi-Agency Child Protection Team"
    text = f"{lead_in} {who}"
    if facts.contact_name:
        text += f", {LCPP}"
    text += "."
    blocks: list[Block] = [Heading(heading), Para(text)]
    if facts.contact_details:
        blocks.append(Para("\n".join(facts.contact_details)))
    return tuple(blocks)


def closing(facts: LetterFacts) -> str:
    lines = ["Yours sincerely,", "", facts.contact_name or "Multi-Agency Child Protection Team"]
    if facts.contact_name:
        lines.append(LCPP)
    if facts.local_authority:
        lines.append(facts.local_authority)
    return "\n".join(lines)
