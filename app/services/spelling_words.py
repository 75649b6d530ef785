"""The workspace's own words for the spelling check: names of people and places the
dictionary does not know, added by the chair from a misspelt word's menu.

They are kept in the workspace (one setting, a word a line), encrypted with the
records they come from, because they are often a family's names. Adding one is
audited like any other change.
"""

from __future__ import annotations

from sqlalchemy import select

from app import spelling
from app.errors import ValidationError
from app.models import Setting
from app.storage.workspace import Workspace
from app.validation import validated

KEY = "spelling_words"
MAX_WORDS = 2000


def workspace_words(workspace: Workspace) -> list[str]:
    """The workspace's own words, in alphabetical order."""
    with workspace.reading() as session:
        stored = session.scalar(select(Setting.value).where(Setting.key == KEY))
    return [word for word in (stored or "").split("\n") if spelling.is_word(word)]


@validated
def add_spelling_word(workspace: Workspace, *, word: str) -> list[str]:
    """Add ``word`` to the workspace's own words; returns them all."""
    if not isinstance(word, str) or not spelling.is_word(word.strip()):
        raise ValidationError(
            "Only a single word (letters and apostrophes, up to "
            f"{spelling.MAX_WORD_LENGTH} characters) can be added to the workspace's words."
        )
    word = word.strip()
    with workspace.transaction() as session:
        row = session.scalar(select(Setting).where(Setting.key == KEY))
        words = [w for w in (row.value if row else "").split("\n") if w]
        if word.casefold() not in {w.casefold() for w in words}:
            if len(words) >= MAX_WORDS:
                raise ValidationError(
                    f"The workspace already has {MAX_WORDS} words of its own; no more can be added."
                )
            words.append(word)
        value = "\n".join(sorted(words, key=str.casefold))
        if row is None:
            session.add(Setting(key=KEY, value=value))
        elif row.value != value:
            row.value = value
    return sorted(words, key=str.casefold)
