"""How hard a letter is to read: the Flesch-Kincaid grade and the longest sentence.

Written here rather than taken from a library: the formula is one line, and a
small, fixed syllable count keeps the measure the same on every machine (the
readability packages pull in hyphenation dictionaries that change between
releases). A UK reading age is about the grade plus five.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def syllables(word: str) -> int:
    """An estimate of a word's syllables (vowel groups, less a silent ending)."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 1  # a number, read as one word
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word.removeprefix("y"))))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if _WORD.search(s)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of ``text`` (0.39 words per sentence, 11.8 syllables
    per word, less 15.59)."""
    found = words(text)
    count = max(1, len(sentences(text)))
    per_word = sum(syllables(w) for w in found) / max(1, len(found))
    return 0.39 * len(found) / count + 11.8 * per_word - 15.59


def longest_sentence(text: str) -> int:
    """How many words the longest sentence has."""
    return max((len(words(s)) for s in sentences(text)), default=0)
