"""The minutes exported from a real workspace, read back with python-docx and
checked section by section (content, not bytes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from sqlalchemy import func, select

from app import APP_NAME, clock
from app.errors import ExportError
from app.exporters.docx_base import long_date
from app.exporters.minutes import export_minutes
from app.models import AuditEntry, MeetingType, ThresholdOutcome
from app.services import settings
from app.services.setup import default_agenda
from app.services.workspace import create_workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.test_minutes_sample import (
    AMENDMENT_WHAT,
    AMENDMENT_WHY,
    CHAIR,
    DISSENT,
    HEALTH_REASON,
    LOCAL_AUTHORITY,
    MINUTE_TAKER,
    SampleMeeting,
    add_full_meeting,
    amend_and_reissue,
    sign_off,
)

VERSIONS = ("draft", "named", "signed", "reissued")


@dataclasses.dataclass(frozen=True)
class Exported:
    folder: Path
    sample: SampleMeeting
    audit_entries: int

    def path(self, version: str) -> Path:
        return self.folder / f"{version}.docx"

    def open(self, version: str) -> Any:
        return docx.Document(str(self.path(version)))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    """One workspace, one meeting, exported at each stage of its life."""
    clock.set_clock(lambda: FIXED_NOW)
    folder = tmp_path_factory.mktemp("minutes")
    workspace = create_workspace(folder / "test.macpt", PASSPHRASE)
    workspace.actor = CHAIR
    try:
        sample = add_full_meeting(workspace)

        def export(version: str, **options: Any) -> None:
            export_minutes(
                workspace,
                meeting_id=sample.meeting_id,
                target=folder / f"{version}.docx",
                **options,
            )

        export("draft")
        settings.update_setting(workspace, key="full_names_in_minutes", value=True)
        export("named")
        settings.update_setting(workspace, key="full_names_in_minutes", value=False)
        sign_off(workspace, sample.meeting_id)
        export("signed")
        amend_and_reissue(workspace, sample.meeting_id)
        export("reissued")
        with workspace.reading() as session:
            count = session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "export-minutes")
                .where(AuditEntry.record_id == sample.meeting_id)
            )
        yield Exported(folder, sample, int(count or 0))
    finally:
        workspace.close()
        clock.set_clock(None)


def blocks(document: Any) -> list[Any]:
    return list(document.iter_inner_content())


def section(document: Any, heading: str) -> list[Any]:
    """The paragraphs and tables after the Heading 1 ``heading``, up to the next one."""
    found: list[Any] | None = None
    for block in blocks(document):
        is_h1 = isinstance(block, docx.text.paragraph.Paragraph) and block.style.name == "Heading 1"
        if is_h1 and found is not None:
            return found
        if is_h1 and block.text == heading:
            found = []
        elif found is not None:
            found.append(block)
    assert found is not None, f"no heading {heading!r}"
    return found


def texts(blocks_: list[Any]) -> list[str]:
    return [b.text for b in blocks_ if isinstance(b, docx.text.paragraph.Paragraph)]


def tables(blocks_: list[Any]) -> list[Any]:
    return [b for b in blocks_ if isinstance(b, docx.table.Table)]


def rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def package_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "\n".join(
            package.read(name).decode("utf-8", "replace") for name in package.namelist()
        )


# -- structure ---------------------------------------------------------------


def test_headings_follow_the_agenda(exported: Exported) -> None:
    document = exported.open("draft")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    agenda = [item["title"] for item in default_agenda(MeetingType.STRATEGY)]
    assert headings == [
        "Confidentiality",
        "Attendance",
        "Representation of statutory agencies",
        *[f"{n}. {title}" for n, title in enumerate(agenda, start=1)],
        "Sign-off",
        "Distribution",
    ]
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == ["Strategy meeting minutes"]
    organisation = [p.text for p in document.paragraphs if p.style.name == "Organisation"]
    assert organisation[0].startswith(LOCAL_AUTHORITY)


def test_meeting_details(exported: Exported) -> None:
    details = rows(exported.open("draft").tables[0])
    assert details == [
        ["Child", exported.sample.child_reference],
        ["Date", long_date(FIXED_NOW.date())],
        ["Time", "10:00"],
        ["Place", "Room 4, Sampletown Civic Centre (test)"],
        ["Chair", CHAIR],
        ["Minute-taker", MINUTE_TAKER],
    ]
    assert details[1][1] == "Monday 23 November 2026"


def test_confidentiality_statement(exported: Exported) -> None:
    (statement,) = texts(section(exported.open("draft"), "Confidentiality"))
    assert "confidential" in statement and "restricted" in statement


def test_attendance_is_grouped_by_agency(exported: Exported) -> None:
    (table,) = tables(section(exported.open("draft"), "Attendance"))
    assert rows(table) == [
        ["Name", "Role", "Attendance"],
        ["Children's social care"] * 3,
        ["Sam Test-Social-Worker", "Social worker", "Attended from 10:00 until 11:20"],
        ["Lee Test-Manager", "Team manager", "Apologies"],
        ["Police"] * 3,
        ["DC Alex Test-Officer", "Detective constable", "Sent information only (not present)"],
        ["Health"] * 3,
        ["Nurse Riley Test-Health", "School nurse", "Did not attend"],
        ["Education"] * 3,
        ["Morgan Test-Teacher", "Designated safeguarding lead", "Attended from 10:15"],
        ["Family Help"] * 3,
        ["Jamie Test-Family-Help", "Lead practitioner", "Attended from 10:20 (joined on the day)"],
        ["Others"] * 3,
        ["Taylor Test-Interpreter", "Interpreter", "Attended from 10:00"],
    ]
    # Group rows are one merged cell across the table.
    group_row = table.rows[1]
    assert len({id(cell._tc) for cell in group_row.cells}) == 1


def test_missing_statutory_agency_and_its_reason(exported: Exported) -> None:
    (table,) = tables(section(exported.open("draft"), "Representation of statutory agencies"))
    assert rows(table)[1] == [
        "Health",
        HEALTH_REASON,
        f"{CHAIR}, Monday 23 November 2026 at 10:30",
    ]


def test_agenda_notes_and_agency_information(exported: Exported) -> None:
    document = exported.open("draft")
    assert texts(section(document, "1. Introductions and confidentiality")) == [
        "Everyone introduced themselves.",
        "The chair reminded the meeting that it is confidential.",
    ]
    information = section(document, "3. Information from each agency")
    h2 = [b.text for b in information if b.style.name == "Heading 2"]
    assert h2 == ["Children's social care", "Police", "Education"]
    words = texts(information)
    police = words.index("Police")
    assert words[police + 2] == "Restricted: not to be shared with the child's family."
    assert words[police + 3] == "An adult in the household has a caution for assault."
    assert texts(section(document, "10. Any other business")) == [
        "No notes were taken under this item."
    ]


def test_strategy_minutes_have_no_family_copy(exported: Exported, tmp_path: Path) -> None:
    workspace = create_workspace(tmp_path / "test.macpt", PASSPHRASE)
    try:
        sample = add_full_meeting(workspace)
        with pytest.raises(ExportError, match="Strategy meeting minutes are for professionals"):
            export_minutes(
                workspace,
                meeting_id=sample.meeting_id,
                target=tmp_path / "family.docx",
                family_copy=True,
            )
    finally:
        workspace.close()
    assert not (tmp_path / "family.docx").exists()


def test_threshold_decision(exported: Exported) -> None:
    decision = section(exported.open("draft"), "7. Threshold decision")
    summary, views = tables(decision)
    assert rows(summary) == [
        ["Is the significant-harm threshold met?", "Yes"],
        ["Outcome", ThresholdOutcome.S47_JOINT.label],
        ["Decided by", f"{CHAIR}, Monday 23 November 2026 at 10:50"],
    ]
    words = texts(decision)
    rationale = words.index("Rationale")
    assert words[rationale + 1 : rationale + 3] == [
        "Robin has an injury that the school saw and that has no clear explanation.",
        "The police hold information that raises the level of concern.",
    ]
    assert rows(views)[1:] == [
        ["Children's social care", "Agrees", "Agrees a joint enquiry is needed."],
        ["Police", "Agrees", "Will take part in the joint enquiry."],
        ["Education", "Disagrees", "Would prefer a single-agency enquiry."],
    ]
    assert words[words.index("Dissent") + 1] == DISSENT


def test_actions_and_carried_over_actions(exported: Exported) -> None:
    today = FIXED_NOW.date()
    agreed, carried = tables(section(exported.open("draft"), "8. Actions and next steps"))
    assert rows(agreed) == [
        ["Action", "Who", "Agency", "By when", "Status"],
        [
            "Visit Robin at home and see Robin alone.",
            "Sam Test-Social-Worker",
            "Children's social care",
            long_date(today + dt.timedelta(days=1)),
            "Open",
        ],
        [
            "Arrange a child protection medical.",
            "Nurse Riley Test-Health",
            "Health",
            long_date(today + dt.timedelta(days=2)),
            "Open",
        ],
        [
            "Share attendance records with the social worker.",
            "Morgan Test-Teacher",
            "Education",
            long_date(today),
            f"Done\n{long_date(today)}",
        ],
    ]
    assert rows(carried)[1] == [
        "Check the family's previous address with the other council.\n"
        f"Agreed at the meeting on {long_date(today - dt.timedelta(days=14))}.",
        "Sam Test-Social-Worker",
        "Children's social care",
        long_date(today - dt.timedelta(days=7)),
        "Open",
    ]
    assert len(carried.rows) == 2  # the action done before this meeting is not carried over


def test_timescales_are_written_out(exported: Exported) -> None:
    today = FIXED_NOW.date()
    (table,) = tables(section(exported.open("draft"), "9. Timescales"))
    values = [row[1] for row in rows(table)]
    assert values == [
        long_date(today),
        long_date(today + dt.timedelta(days=7)),
        long_date(today + dt.timedelta(days=21)),
        long_date(dt.date(2027, 1, 28)),
    ]
    assert values[2:] == ["Monday 14 December 2026", "Thursday 28 January 2027"]


# -- draft, sign-off and reissue ---------------------------------------------


def header_texts(document: Any) -> list[str]:
    section_ = document.sections[0]
    return [
        p.text
        for header in (section_.header, section_.first_page_header)
        for p in header.paragraphs
    ]


def test_draft_until_signed_off(exported: Exported) -> None:
    draft = exported.open("draft")
    assert "DRAFT" in header_texts(draft)
    assert "DRAFT: not yet signed off by the chair" in texts(blocks(draft))
    assert texts(section(draft, "Sign-off")) == [
        "Draft: these minutes have not been signed off by the chair and may change."
    ]
    signed = exported.open("signed")
    assert "DRAFT" not in header_texts(signed)
    assert not any("DRAFT" in text for text in texts(blocks(signed)))
    assert texts(section(signed, "Sign-off")) == [
        f"Signed off by {CHAIR} on Monday 23 November 2026 at 16:45."
    ]


def test_reissued_version_lists_its_amendments(exported: Exported) -> None:
    document = exported.open("reissued")
    status = [p.text for p in document.paragraphs if p.style.name == "Status line"]
    assert status[0].startswith("Reissued version 2, Monday 23 November 2026 at 17:10")
    sign_off_text = texts(section(document, "Sign-off"))
    assert sign_off_text[1].startswith("Reissued version 2 on Monday 23 November 2026 at 17:10")
    (table,) = tables(section(document, "Amendments after sign-off"))
    assert rows(table) == [
        ["When", "Who", "What changed", "Why"],
        ["Monday 23 November 2026 at 17:05", CHAIR, AMENDMENT_WHAT, AMENDMENT_WHY],
    ]
    assert "Reissued" not in package_text(exported.path("signed"))


def test_header_and_footer_marking_with_page_fields(exported: Exported) -> None:
    document = exported.open("signed")
    for section_ in document.sections:
        for part in (section_.header, section_.first_page_header):
            assert part.paragraphs[0].text == "OFFICIAL-SENSITIVE"
        for part in (section_.footer, section_.first_page_footer):
            lines = [p.text for p in part.paragraphs]
            assert lines[-1] == "OFFICIAL-SENSITIVE"
            assert "Page 1 of 1" in lines[0]
            instructions = [
                i.text.strip() for i in part._element.iter(docx.oxml.ns.qn("w:instrText"))
            ]
            assert instructions == ["PAGE", "NUMPAGES"]
            kinds = [
                c.get(docx.oxml.ns.qn("w:fldCharType"))
                for c in part._element.iter(docx.oxml.ns.qn("w:fldChar"))
            ]
            assert kinds == ["begin", "separate", "end"] * 2
    # The logo slot stays in the first page's header for a local area's logo.
    slot = document.sections[0].first_page_header.paragraphs[-1]
    assert slot.style.name == "Logo slot"


# -- metadata and privacy ----------------------------------------------------


def test_core_properties_are_the_apps(exported: Exported) -> None:
    for version, revision, comment in (
        ("draft", 1, "Draft: not yet signed off by the chair."),
        ("signed", 1, "Signed off by the chair."),
        ("reissued", 2, "Reissued version 2, after amendment."),
    ):
        props = exported.open(version).core_properties
        assert props.title == "Strategy meeting minutes, Monday 23 November 2026"
        assert props.subject == "Minutes of a MACPT strategy meeting"
        assert props.author == LOCAL_AUTHORITY
        assert props.comments == comment
        assert props.keywords == "MACPT; minutes; OFFICIAL-SENSITIVE"
        assert props.category == "OFFICIAL-SENSITIVE"
        assert props.last_modified_by == APP_NAME
        assert props.revision == revision
        assert props.language == "en-GB"
        assert props.created == FIXED_NOW and props.modified == FIXED_NOW
        assert props.last_printed is None


def test_no_template_defaults_or_child_name_in_metadata(exported: Exported) -> None:
    for version in VERSIONS:
        path = exported.path(version)
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            core = package.read("docProps/core.xml").decode()
        assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
        assert "docProps/app.xml" not in names
        assert "python-docx" not in package_text(path)
        assert exported.sample.child_name not in core
        assert "Robin" not in core and exported.sample.child_reference not in core


def test_full_name_only_when_the_setting_allows(exported: Exported) -> None:
    name = exported.sample.child_name
    named = rows(exported.open("named").tables[0])
    assert named[0] == ["Child", f"{name} (reference {exported.sample.child_reference})"]
    for version in ("draft", "signed", "reissued"):
        assert name not in package_text(exported.path(version))


def test_files_are_owner_only_and_exports_are_audited(exported: Exported) -> None:
    for version in VERSIONS:
        assert exported.path(version).stat().st_mode & 0o777 == 0o600
    assert exported.audit_entries == len(VERSIONS)
    assert not list(exported.folder.glob(".partial-*"))
