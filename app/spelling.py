"""British English spelling for what the chair types: which words look misspelt, and
what they might have meant.

The words come from the en_GB Hunspell dictionary shipped in
``resources/dictionaries`` (its licence is next to it), read by ``spylls``, a
pure-Python Hunspell, so nothing is needed from the system and nothing leaves the
machine. Loading takes a second or two: :func:`load` may be called from a
background thread, and :func:`loaded` says whether it has finished.

The dictionary accepts the Oxford "-ize" spellings; the minutes are written with
"-ise" (organisation, recognise, analyse), so an "-ize" or "-yze" word whose "-ise"
form is a word is flagged, and the "-ise" form is suggested first.

Words the chair accepts are never flagged: "Ignore" accepts a word until the
workspace locks, and "Add to this workspace's words" keeps it in the workspace
(``app.services.spelling_words``), so a family's names are stored encrypted with
the records they belong to and nowhere else.

Kept simple on purpose: tokens with digits (references such as DEMO0001, dates),
of two letters or fewer, or all in capitals (initialisms) are never checked.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from app.paths import resources_dir

MAX_SUGGESTIONS = 5
MAX_WORD_LENGTH = 60
_TOKEN = re.compile(r"[\w'’]+")
_APOSTROPHES = "'’"
# "-ize"/"-yze" endings and their British forms, longest first.
# At least three letters before them: "prize" and "seize" are not "prise" and "seise".
_IZE = re.compile(r"(?<=[^\W\d_]{3})(i|y)z(e|es|ed|ing|ation|ations|er|ers|able)$")


class _Dictionary(Protocol):
    def lookup(self, word: str) -> bool: ...

    def suggest(self, word: str) -> Iterable[str]: ...


_lock = threading.Lock()
_dictionary: _Dictionary | None = None
# Words accepted by the chair (ignored, or the workspace's own), casefolded.
_accepted: set[str] = set()


def dictionary_path() -> str:
    """The dictionary's files without their ``.aff``/``.dic`` ending."""
    return str(resources_dir() / "dictionaries" / "en_GB")


def load() -> None:
    """Read the dictionary, once; safe to call from any thread, and again."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            _dictionary = _read(dictionary_path())


def _read(path: str) -> _Dictionary:
    """What ``Dictionary.from_files`` does, but with the files read whole and closed
    (spylls leaves them open for the garbage collector)."""
    # A second or so to import and read: only when wanted.
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.readers.file_reader import BaseReader

    class Reader(BaseReader):  # type: ignore[misc]
        def __init__(self, data: bytes, encoding: str = "Windows-1252") -> None:
            self.data = data
            super().__init__(self._text(encoding))

        def _text(self, encoding: str) -> io.TextIOWrapper:
            return io.TextIOWrapper(io.BytesIO(self.data), encoding, errors="surrogateescape")

        def reset_encoding(self, encoding: str) -> None:
            self.reset_io(self._text(encoding))

    aff, context = readers.read_aff(Reader(Path(path + ".aff").read_bytes()))
    dic = readers.read_dic(
        Reader(Path(path + ".dic").read_bytes(), context.encoding), aff=aff, context=context
    )
    dictionary: _Dictionary = Dictionary(aff, dic)
    return dictionary


def loaded() -> bool:
    return _dictionary is not None


def _words() -> _Dictionary:
    if _dictionary is None:
        load()
    assert _dictionary is not None
    return _dictionary


def checked(word: str) -> bool:
    """Whether ``word`` is one the spelling check looks at at all."""
    letters = word.strip(_APOSTROPHES)
    if len(letters) <= 2 or any(ch.isdigit() or ch == "_" for ch in letters):
        return False
    return not letters.isupper()


def words_in(text: str) -> list[tuple[int, str]]:
    """The words of ``text`` that are checked, each with where it starts."""
    found = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        word = token.strip(_APOSTROPHES)
        if checked(word):
            found.append((match.start() + token.index(word), word))
    return found


def _british(word: str) -> str | None:
    """The "-ise" form of an "-ize" word, if it is a word."""
    match = _IZE.search(word)
    if match is None:
        return None
    candidate = word[: match.start()] + match.group(1) + "s" + match.group(2)
    return candidate if _words().lookup(candidate) else None


@lru_cache(maxsize=20000)
def _known(word: str) -> bool:
    plain = word.replace("’", "'")
    return _words().lookup(plain) and _british(plain) is None


def misspelt(words: Iterable[str]) -> set[str]:
    """Those of ``words`` that are checked, not British English words and not accepted."""
    return {
        word
        for word in words
        if checked(word) and not _known(word) and _plain(word) not in _accepted
    }


def _plain(word: str) -> str:
    return word.replace("’", "'").casefold()


def accept(words: Iterable[str]) -> None:
    """Never flag ``words`` again (until :func:`forget_accepted`)."""
    _accepted.update(_plain(word) for word in words)


def forget_accepted() -> None:
    """Forget every accepted word (when the workspace locks: they may be names)."""
    _accepted.clear()


def is_word(text: str) -> bool:
    """Whether ``text`` is one word as the check sees it (what may be accepted)."""
    return [word for _, word in words_in(text)] == [text] and len(text) <= MAX_WORD_LENGTH


def suggestions(word: str) -> list[str]:
    """Up to five words the chair may have meant, most likely first."""
    plain = word.replace("’", "'")
    found: list[str] = []
    british = _british(plain)
    if british:
        found.append(british)
    for candidate in _words().suggest(plain):
        # The dictionary's split forms ("org ansation", "col-or") are never what was meant.
        if " " in candidate or "-" in candidate or candidate in found or _british(candidate):
            continue
        found.append(candidate)
        if len(found) == MAX_SUGGESTIONS:
            break
    return found[:MAX_SUGGESTIONS]
