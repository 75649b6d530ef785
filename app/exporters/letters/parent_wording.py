"""The words of parents' letters, as data a local area can re-word.

The standard wording is ``resources/letters/parent.json``. A local area may
replace it with its own file, named in the setting ``parent-letter-wording`` or
saved as ``parent-letter-wording.json`` beside the workspace. Items that the
law or guidance requires (why the conference is held, the right to legal
advice and an advocate, how to complain, the privacy notice, the out-of-hours
number and so on) must stay: a file that leaves one out, empties it or drops
the number it must give is refused with a message naming the item.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from app import paths
from app.errors import ExportError

OVERRIDE_NAME = "parent-letter-wording.json"

# Each required item, what it is in words, and the blanks it must keep.
STATUTORY: dict[str, tuple[str, tuple[str, ...]]] = {
    "invitation.why_initial": ("why an initial conference is held", ()),
    "invitation.why_review": ("why a review conference is held", ()),
    "outcome.why": ("why the conference was held", ()),
    "common.social_worker": ("how to reach the social worker", ("team_phone",)),
    "common.legal_advice": ("the right to legal advice", ()),
    "common.advocate": ("the right to an advocate", ()),
    "common.help_to_come": ("help with access, child care and travel", ()),
    "common.complain": ("how to complain", ()),
    "common.minutes": ("when the minutes will come", ()),
    "common.privacy": ("the privacy notice", ()),
    "common.out_of_hours": ("the out-of-hours number", ("out_of_hours",)),
    "discharge.worried_again": ("what to do if worried again", ()),
    "discharge.bereaved_privacy": ("the privacy notice, to a bereaved family", ()),
    "discharge.bereaved_out_of_hours": (
        "the out-of-hours number, to a bereaved family",
        ("out_of_hours",),
    ),
    "review.extended": ("that the conference is put back, and by when", ("conference_by",)),
    "review.not_needed": ("that no conference is needed", ()),
}
# The blanks a letter can fill in.
BLANKS = frozenset(
    {
        "child",
        "child_in_full",
        "meeting_name",
        "meeting_date",
        "team_phone",
        "out_of_hours",
        "lead_practitioner",
        "core_group_by",
        "next_review_due",
        "conference_by",
    }
)

Wording = Mapping[str, str]


def _flatten(data: object, where: str) -> dict[str, str]:
    if not isinstance(data, dict):
        raise ExportError(f"The letter wording in {where} is not a set of named items.")
    flat: dict[str, str] = {}
    for section, items in data.items():
        if not isinstance(items, dict):
            continue  # notes, such as "about"
        for key, text in items.items():
            if not isinstance(text, str):
                raise ExportError(
                    f"The letter wording in {where}: {section}.{key} must be words in quotes."
                )
            flat[f"{section}.{key}"] = text
    return flat


def _read(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(
            f"The letter wording file {path} cannot be read ({exc.strerror})."
        ) from exc
    except ValueError as exc:
        raise ExportError(
            f"The letter wording file {path} is not valid JSON ({exc}). Check its quotes and commas."
        ) from exc
    return _flatten(data, str(path))


def check_wording(wording: Mapping[str, str], where: str) -> None:
    """Refuse, naming each, the required items that are missing, empty or lack a blank,
    and any blank a letter cannot fill in."""
    problems = []
    for key, (what, blanks) in STATUTORY.items():
        text = wording.get(key, "").strip()
        if not text:
            problems.append(f"{key} ({what}) is missing")
            continue
        lost = [b for b in blanks if b not in _blanks(text)]
        if lost:
            problems.append(f"{key} ({what}) must keep {', '.join('{' + b + '}' for b in lost)}")
    for key, text in wording.items():
        unknown = _blanks(text) - BLANKS
        if unknown:
            problems.append(f"{key} uses {', '.join(sorted(unknown))}, which no letter fills in")
    if problems:
        raise ExportError(
            f"The letter wording in {where} cannot be used: "
            + "; ".join(problems)
            + ". Put these back (re-worded if you wish) and try again."
        )


def _blanks(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(an unmatched brace)"}


def standard_wording() -> Wording:
    return MappingProxyType(_read(paths.resources_dir() / "letters" / "parent.json"))


def load_wording(workspace_folder: Path | None, setting: str = "") -> Wording:
    """The wording to use: the file the setting names, else one beside the workspace,
    else the standard one. Items a local file leaves out (other than required ones)
    keep the standard words."""
    standard = standard_wording()
    chosen: Path | None = None
    if setting.strip():
        chosen = Path(setting.strip()).expanduser()
        if not chosen.is_file():
            raise ExportError(
                f"The setting parent-letter-wording names {chosen}, which is not a file. "
                "Correct the setting or clear it."
            )
    elif workspace_folder is not None and (workspace_folder / OVERRIDE_NAME).is_file():
        chosen = workspace_folder / OVERRIDE_NAME
    if chosen is None:
        return standard
    local = _read(chosen)
    check_wording(local, str(chosen))
    return MappingProxyType({**standard, **local})
