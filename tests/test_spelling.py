"""British English spelling of notes (app/spelling.py), on the shipped dictionary."""

from __future__ import annotations

import pytest

from app import spelling


@pytest.fixture(scope="module", autouse=True)
def dictionary() -> None:
    spelling.load()  # once per run: the module keeps it


def test_british_spellings_are_correct() -> None:
    words = ["organisation", "colour", "behaviour", "recognise", "practise", "analyse"]
    assert spelling.misspelt(words) == set()


def test_american_spellings_are_flagged() -> None:
    words = ["organization", "color", "behavior", "recognize", "analyze", "realized"]
    assert spelling.misspelt(words) == set(words)


def test_words_that_only_look_american_are_correct() -> None:
    assert spelling.misspelt(["prize", "seize", "size", "citizen", "Organisation"]) == set()


def test_references_capitals_digits_and_short_words_are_not_checked() -> None:
    words = ["DEMO0001", "NSPCC", "CAFCASS", "2nd", "abc123", "xq", "ok"]
    assert spelling.misspelt(words) == set()
    assert spelling.words_in("DEMO0001 NSPCC xq 12/03/2026") == []


def test_words_are_found_with_where_they_start() -> None:
    assert spelling.words_in("The child’s 'organsation'") == [
        (0, "The"),
        (4, "child’s"),
        (13, "organsation"),
    ]
    assert spelling.misspelt(["child’s", "don't"]) == set()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("recieve", "receive"), ("organsation", "organisation"), ("organization", "organisation")],
)
def test_suggestions_include_the_word_meant(typed: str, meant: str) -> None:
    found = spelling.suggestions(typed)
    assert meant in found
    assert len(found) <= spelling.MAX_SUGGESTIONS
    assert all(" " not in word and "-" not in word for word in found)
