"""The benchmarks' own small helpers: the growth exponent they print and the python-docx
floor the minutes export is compared with."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bench_meeting import growth
from docx_floor import bare, body_of, heading_level, is_group_row


def test_growth_is_zero_when_flat_and_one_when_it_grows_with_the_workspace() -> None:
    assert growth([1000, 10000], [50.0, 50.0]) == 0
    assert growth([1000, 10000], [50.0, 500.0]) == pytest.approx(1)
    assert growth([1000, 10000, 50000], [10.0, 99.0, 500.0]) == pytest.approx(1)


def test_growth_needs_two_sizes_and_two_times() -> None:
    assert growth([1000], [50.0]) is None
    assert growth([1000, 10000], [0.0, 50.0]) is None
    assert growth([1000, 10000], [50.0, float("nan")]) is None


def test_heading_levels_follow_the_style_names() -> None:
    assert heading_level("Title") == 0
    assert heading_level("Heading 2") == 2
    assert heading_level("Normal") is None
    assert heading_level("Heading Extra") is None


def test_a_group_row_says_the_same_in_every_cell() -> None:
    assert is_group_row(["Police", "Police", "Police"])
    assert not is_group_row(["Police"])
    assert not is_group_row(["Police", "Sam Test-Officer"])


def test_the_floor_writes_what_it_was_given(tmp_path: Path) -> None:
    blocks = [
        ("paragraph", ("Title", "Strategy meeting")),
        ("paragraph", ("Heading 1", "Attendance")),
        ("table", [["Agency", "Name"], ["Police", "Police"], ["Police", "Sam Test-Officer"]]),
        ("paragraph", ("Normal", "The meeting agreed the actions below.")),
    ]
    target = tmp_path / "floor.docx"
    bare(blocks, target)
    read = body_of(target)
    assert read[0] == ("paragraph", ("Title", "Strategy meeting"))
    assert read[1] == ("paragraph", ("Heading 1", "Attendance"))
    # The group row's text goes in its first cell only: no merge, so the floor is not flattered.
    assert read[2] == (
        "table",
        [["Agency", "Name"], ["Police", ""], ["Police", "Sam Test-Officer"]],
    )
    assert read[3] == ("paragraph", ("Normal", "The meeting agreed the actions below."))
