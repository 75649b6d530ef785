"""Whether a meeting's place is safe to put in a calendar invitation.

Calendars are not secure: they sync to phones and are shared with assistants.
A place may name a room or say "Online"; it may not give an address or a
postcode, or name the child or a family member. The schedule dialog warns as
the place is typed; the .ics export refuses (app.exporters.invite).
"""

from __future__ import annotations

import dataclasses
import re

from app.errors import NotFound
from app.models import CaseEpisode
from app.storage.workspace import Workspace

# A UK postcode anywhere in the text ("ZZ99 5EE", "b1 2ab", "SW1A1AA").
UK_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}(?![A-Za-z0-9])"
)
NEUTRAL = 'a neutral place name, such as "Children\'s services, room 2" or "Online"'


@dataclasses.dataclass(frozen=True)
class PrivateDetails:
    """What must never be in an invitation: the child's and family's names and addresses."""

    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


def name_words(names: list[str]) -> tuple[str, ...]:
    """Each part of each name (at least two letters), to look for on its own."""
    return tuple(sorted({w for name in names for w in re.split(r"[\s-]+", name) if len(w) >= 2}))


def address_lines(addresses: list[str]) -> tuple[str, ...]:
    """The lines of each address that would identify it (a number and a street, say):
    a town on its own does not."""
    lines = {
        _plain(part)
        for text in addresses
        for part in re.split(r"[,\n]", text)
        if re.search(r"\d", part) and len(_plain(part)) >= 4
    }
    return tuple(sorted(lines))


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def mentions_name(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE) for w in words)


def place_problem(place: str, details: PrivateDetails) -> str | None:
    """Why ``place`` may not go in a calendar invitation, or ``None`` if it may."""
    if UK_POSTCODE.search(place):
        return (
            "The meeting's place has a postcode in it. Calendars are not secure: "
            f"give {NEUTRAL}, and send the address with the letters."
        )
    plain = f" {_plain(place)} "
    if any(f" {line} " in plain for line in details.addresses):
        return (
            "The meeting's place is the address of the child or a family member. Calendars "
            f"are not secure: give {NEUTRAL}, and send the address with the letters."
        )
    if mentions_name(place, details.names):
        return (
            "The meeting's place mentions the child's or a family member's name. Calendars "
            f"are not secure: give {NEUTRAL}."
        )
    return None


def private_details(workspace: Workspace, *, case_id: str) -> PrivateDetails:
    """The names and addresses of the case's child and family, read once."""
    with workspace.reading() as session:
        case = session.get(CaseEpisode, case_id)
        if case is None:
            raise NotFound("That case no longer exists.")
        child = case.child
        names = [child.first_name, child.last_name, child.known_as or ""]
        names += [member.name for member in child.family]
        addresses = [child.address, *(member.address for member in child.family)]
        return PrivateDetails(name_words(names), address_lines(addresses))
