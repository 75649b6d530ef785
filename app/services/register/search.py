"""What a person types in the register's search box, as an FTS5 query.

Each word becomes a quoted phrase matched as a prefix, and every word must
match: "pat exa" finds Pat Example, "DEMO00" finds DEMO0001 (FTS5 splits the
reference into "demo" and "0001" and matches the phrase "demo 00…"). Quoting
every word means nothing typed can be read as FTS5 syntax, so no input raises
an error: characters that are not letters or digits only separate words.
"""

from __future__ import annotations

import re

# FTS5's unicode61 tokenizer keeps letters and digits; everything else separates.
_WORD_CHARACTER = re.compile(r"[^\W_]", re.UNICODE)
# More words than a name and a reference hold is a paste, not a search.
_MAX_WORDS = 8


def match_expression(search: str) -> str | None:
    """The FTS5 MATCH expression for ``search``, or ``None`` when it holds no word."""
    phrases = [
        '"' + word.replace('"', '""') + '"*'
        for word in search.split()
        if _WORD_CHARACTER.search(word)
    ]
    if not phrases:
        return None
    return " AND ".join(phrases[:_MAX_WORDS])
