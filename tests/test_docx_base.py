"""The shared Word toolkit: dates, templates, marking, properties, tables, saving."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app import APP_NAME
from app.errors import ExportError
from app.exporters import make_template
from app.exporters.docx_base import HOUSE_STYLES as REQUIRED_STYLES
from app.exporters.docx_base import (
    DocumentProperties,
    add_marking,
    check_target,
    clock_time,
    long_date,
    long_datetime,
    open_template,
    save_document,
    set_properties,
    template_path,
)
from app.exporters.docx_tables import Column, GroupHeading, add_table
from tests.conftest import FIXED_NOW
from tests.test_export_cli import read_only

PROPS = DocumentProperties(
    title="Test document", subject="A test", author="", comments="None", content_status="Draft"
)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 12, 14), "Monday 14 December 2026"),
        (dt.date(2027, 1, 1), "Friday 1 January 2027"),
        (dt.date(2026, 2, 28), "Saturday 28 February 2026"),
    ],
)
def test_long_dates(day: dt.date, text: str) -> None:
    assert long_date(day) == text


def test_times_are_uk_local_time() -> None:
    winter = dt.datetime(2026, 11, 23, 10, 5, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 1, 9, 5, tzinfo=dt.UTC)
    assert long_datetime(winter) == "Monday 23 November 2026 at 10:05"
    assert long_datetime(summer) == "Wednesday 1 July 2026 at 10:05"
    late = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)  # already 1 July in London
    assert long_datetime(late) == "Wednesday 1 July 2026 at 00:30"
    assert clock_time(dt.time(9, 0)) == "09:00"


def test_shipped_template_has_styles_logo_slot_and_clean_metadata() -> None:
    path = template_path("minutes.docx")
    document = open_template("minutes.docx", required_styles=REQUIRED_STYLES)
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[-1].style.name == "Logo slot"
    assert round(section.page_width.cm, 1) == 21.0  # A4
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        assert "python-docx" not in package.read("docProps/core.xml").decode()
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]


def test_a_local_areas_template_is_used_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    local = tmp_path / APP_NAME / "templates" / "minutes.docx"
    local.parent.mkdir(parents=True)
    make_template.build(local)
    branded = docx.Document(str(local))
    branded.sections[0].first_page_header.paragraphs[-1].add_run("Sampleshire logo")
    branded.save(str(local))
    assert template_path("minutes.docx") == local
    document = open_template("minutes.docx", required_styles=REQUIRED_STYLES)
    add_marking(document, draft=False, footer_note="")
    header = [p.text for p in document.sections[0].first_page_header.paragraphs]
    # The marking goes above what the local area put in its header.
    assert header == ["OFFICIAL-SENSITIVE", "Sampleshire logo"]

    with pytest.raises(ExportError, match="has no style called 'No such style'"):
        open_template("minutes.docx", required_styles=("No such style",))
    local.write_bytes(b"not a Word document")
    with pytest.raises(ExportError, match="cannot be read"):
        open_template("minutes.docx")


def test_properties_replace_every_template_default(tmp_path: Path) -> None:
    # python-docx's own template carries its name, a thumbnail, app.xml and customXml.
    document = docx.Document()
    set_properties(document, PROPS)
    out = save_document(document, tmp_path / "out.docx")
    props = docx.Document(str(out)).core_properties
    assert (props.title, props.author, props.last_modified_by) == (
        "Test document",
        APP_NAME,
        APP_NAME,
    )
    assert props.created == FIXED_NOW and props.revision == 1
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        everything = b"".join(package.read(n) for n in names)
    assert "docProps/app.xml" not in names
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    assert b"python-docx" not in everything


def test_tables_have_widths_a_repeated_heading_and_a_caption() -> None:
    document = open_template("minutes.docx")
    table = add_table(
        document,
        caption="People",
        columns=(Column("Name", 6.0), Column("Role", 11.0)),
        rows=[GroupHeading("Police"), ("Alex Test", "Officer\nOn call")],
    )
    grid = [round(int(c.get(qn("w:w"))) / 567, 1) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert grid == [6.0, 11.0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "People"
    assert [c.text for c in table.rows[1].cells] == ["Police", "Police"]
    assert [p.text for p in table.rows[2].cells[1].paragraphs] == ["Officer", "On call"]


def test_targets_that_cannot_be_written_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"does not end in \.docx"):
        check_target(tmp_path / "minutes.pdf")
    with pytest.raises(ExportError, match=r"does not exist\. Choose another\."):
        check_target(tmp_path / "missing" / "minutes.docx")
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        check_target(tmp_path / "folder.docx")


def test_save_into_a_read_only_folder_leaves_nothing(tmp_path: Path) -> None:
    document = docx.Document()
    with read_only(tmp_path / "locked") as folder:
        with pytest.raises(ExportError, match="cannot write in"):
            save_document(document, folder / "out.docx")
        assert list(folder.iterdir()) == []


def test_save_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"an older export")
    document = docx.Document()
    document.add_paragraph("The new one.")
    save_document(document, target)
    assert [p.text for p in docx.Document(str(target)).paragraphs] == ["The new one."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]
