"""Letters after each meeting: the manifest, the log, what each letter says (read back
with python-docx) and what must never be inside the .docx package."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from app import clock
from app.exporters.letters import export_notifications, readability
from app.models import AuditEntry, MeetingType
from app.services import meeting_list
from app.services.journey import notifications
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.test_journey_fixtures import (
    CONTACT,
    FATHER_ADDRESS,
    FATHER_EMAIL,
    FATHER_PHONE,
    MOTHER_ADDRESS,
    MOTHER_PHONE,
    POLICE_SECRET,
    PRACTITIONERS,
    opened_copy,
    schedule,
    the_child,
    to_discharge,
)

LETTER_NAME = re.compile(r"letter-\d{2}-(agency|parent-carer)\.docx")
PRACTITIONER_EMAILS = [email for _, email in PRACTITIONERS.values()]
FAMILY_NAMES = ["Pat Testcase", "Chris Other", "Poppy", "Testcase"]


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Workspace, dict[str, Path]]]:
    """Letters for every meeting of a journey to discharge, and invitations to a new one."""
    folder = tmp_path_factory.mktemp("letters")
    clock.set_clock(lambda: FIXED_NOW)
    workspace = opened_copy(tmp_path_factory, folder, "journey-discharged", to_discharge)
    child = the_child(workspace)
    # Invitations to a review conference go out while the plan runs (it ends on 19 November).
    schedule(workspace, child, MeetingType.RCPC, dt.date(2026, 11, 5))
    found = meeting_list.list_meetings(workspace, case_id=child.case_id)
    names = ["strategy", "review", "icpc", "continue", "invitation", "discharge"]
    assert [m.meeting_type.value for m in found] == [
        "strategy",
        "review",
        "icpc",
        "rcpc",
        "rcpc",
        "rcpc",
    ]
    out = {}
    for name, meeting in zip(names, found, strict=True):
        out[name] = folder / name
        # Letters giving dates go out on the meeting's day, so that none is late.
        when = dt.datetime.combine(meeting.scheduled_date, dt.time(17), tzinfo=dt.UTC)
        if name in ("review", "discharge"):
            when = FIXED_NOW
        clock.set_clock(lambda when=when: when)
        export_notifications(workspace, meeting_id=meeting.id, out_dir=out[name])
        out[f"{name}-id"] = Path(meeting.id)
    clock.set_clock(None)
    yield workspace, out
    workspace.close()


def _manifest(folder: Path) -> list[dict[str, str]]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _package_parts(path: Path) -> dict[str, str]:
    """Each part that could carry text a reader or a file browser sees: the raw XML
    and, after it, the part's words joined up (Word may split a phrase into runs)."""
    found = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml|docProps/.*\.xml", name):
                xml = package.read(name).decode("utf-8")
                words = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
                unescaped = words.replace("&amp;", "&").replace("&apos;", "'")
                found[name] = f"{xml}\n{unescaped}"
    return found


def _letters(out: dict[str, Path], name: str) -> list[tuple[dict[str, str], Path]]:
    return [(entry, out[name] / entry["file"]) for entry in _manifest(out[name])]


def test_manifest_shape_and_neutral_file_names(exported: tuple[Workspace, dict[str, Path]]) -> None:
    _, out = exported
    assert _manifest(out["review"]) == []
    assert [p.name for p in out["review"].iterdir()] == ["manifest.json"]
    expected_roles = {
        "strategy": ["agency"] * 4,
        "icpc": ["agency"] * 4 + ["parent_carer"] * 2,
        "continue": ["agency"] * 4 + ["parent_carer"] * 2,
        "discharge": ["agency"] * 4 + ["parent_carer"] * 2,
        "invitation": ["agency"] * 4 + ["parent_carer"] * 2,
    }
    for name, roles in expected_roles.items():
        manifest = _manifest(out[name])
        assert [e["role"] for e in manifest] == roles
        assert {p.name for p in out[name].iterdir()} == {"manifest.json"} | {
            e["file"] for e in manifest
        }
        for entry in manifest:
            assert set(entry) >= {"recipient", "role", "file"}
            assert LETTER_NAME.fullmatch(entry["file"])
            assert entry["file"].endswith("parent-carer.docx") == (entry["role"] == "parent_carer")
            assert (out[name] / entry["file"]).stat().st_mode & 0o077 == 0
    discharge = _manifest(out["discharge"])
    assert [e["recipient"] for e in discharge] == [n for n, _ in PRACTITIONERS.values()] + [
        "Chris Other",
        "Pat Testcase",
    ]
    assert {e["kind"] for e in discharge} == {"discharge-decision"}


def test_every_letter_is_logged_and_audited(exported: tuple[Workspace, dict[str, Path]]) -> None:
    workspace, out = exported
    meeting_id = str(out["discharge-id"])
    log = notifications.notification_log(workspace, meeting_id=meeting_id)
    manifest = _manifest(out["discharge"])
    assert [(r.id, r.file_name, r.recipient_name) for r in log] == [
        (e["notification_id"], e["file"], e["recipient"]) for e in manifest
    ]
    assert all(r.generated_at == FIXED_NOW and r.sent_at is None for r in log)
    with workspace.reading() as session:
        exports = session.scalars(
            select(AuditEntry.record_id).where(AuditEntry.action == "export-notifications")
        ).all()
    assert meeting_id in exports
    assert len(exports) == 6


def test_nothing_that_must_not_be_there_is_in_the_package(
    exported: tuple[Workspace, dict[str, Path]],
) -> None:
    _, out = exported
    checked = 0
    for name in ("strategy", "icpc", "continue", "discharge", "invitation"):
        for entry, path in _letters(out, name):
            forbidden = [POLICE_SECRET, "DEMO-OP-ZEPHYR", *PRACTITIONER_EMAILS]
            if entry["role"] == "parent_carer":
                if entry["recipient"] == "Pat Testcase":
                    forbidden += [FATHER_PHONE, FATHER_EMAIL, "Elsewhere Road", "Othertown"]
                    forbidden += [MOTHER_PHONE]  # her own phone is not needed either
                else:
                    forbidden += [MOTHER_PHONE, "Sample Street", "Chris.other", FATHER_PHONE]
            else:
                forbidden += [MOTHER_PHONE, FATHER_PHONE, FATHER_EMAIL, "Sample Street"]
                forbidden += ["Elsewhere Road"]  # the child is named: agencies match records
            for part, text in _package_parts(path).items():
                for secret in forbidden:
                    assert secret.lower() not in text.lower(), (name, entry["file"], part, secret)
                if part.startswith("docProps/"):
                    for family in FAMILY_NAMES:
                        assert family not in text, (name, part, family)
                    assert "python-docx" not in text
            body = _package_parts(path)["word/document.xml"]
            assert "macpt.team@example.org" in body  # the one named contact
            checked += 1
    assert checked == 28


def test_each_letter_keeps_to_its_own_recipient(
    exported: tuple[Workspace, dict[str, Path]],
) -> None:
    _, out = exported
    letters = {e["recipient"]: p for e, p in _letters(out, "discharge")}
    mother, father = _text(letters["Pat Testcase"]), _text(letters["Chris Other"])
    assert MOTHER_ADDRESS.split(",")[0] in mother
    assert FATHER_ADDRESS.split(",")[0] in father
    assert "Keep going to the parenting group" in mother
    assert "parenting group" not in father
    police = _text(letters[PRACTITIONERS["police"][0]])
    health = _text(letters[PRACTITIONERS["health"][0]])
    assert "Close the police flag on the address." in police
    assert "Thursday 3 December 2026" in police
    assert "police flag" not in health
    assert "No actions were given to your agency at this meeting." in health
    assert "parenting group" not in police


def test_discharge_letters_say_what_was_decided(
    exported: tuple[Workspace, dict[str, Path]],
) -> None:
    _, out = exported
    letters = {e["recipient"]: p for e, p in _letters(out, "discharge")}
    parent = _text(letters["Pat Testcase"])
    for expected in (
        "Poppy's child protection plan has ended",
        "Dear Pat Testcase,",
        "Thursday 19 November 2026",
        "Why the plan has ended",
        "Everyone who works with your family agreed that Poppy is now safe enough.",
        "Family Help will keep working with your family.",
        "Who to contact",
        "Lee Example-Chair, Lead Child Protection Practitioner",
        CONTACT,
        "Our reference: TEST-0001",
        "Monday 23 November 2026",
    ):
        assert expected in parent, expected
    agency = _text(letters[PRACTITIONERS["social-care"][0]])
    for expected in (
        "Child protection plan ended",
        "Dear Sam Example-Social-Worker,",
        "Poppy Testcase (reference TEST-0001)",
        "All agencies agree the child is no longer suffering, or likely to suffer, significant harm",
        "Family Help",
        "The minutes will follow once the chair has signed them off.",
    ):
        assert expected in agency, expected


def test_strategy_and_conference_letters(exported: tuple[Workspace, dict[str, Path]]) -> None:
    _, out = exported
    strategy = _text(_letters(out, "strategy")[1][1])
    for expected in (
        "Strategy meeting: outcome",
        "Dear DC Alex Example-Officer,",
        "Section 47 enquiry (joint with police)",
        "Tuesday 12 May 2026",
        "Wednesday 27 May 2026",
        "Actions for Police",
    ):
        assert expected in strategy, expected
    icpc = {e["role"]: p for e, p in _letters(out, "icpc")}
    agency, parent = _text(icpc["agency"]), _text(icpc["parent_carer"])
    for expected in (
        "Neglect (NEG)",
        "Riley Example-Nurse",
        "Wednesday 10 June 2026",
        "Thursday 27 August 2026",
    ):
        assert expected in agency, expected
    for expected in (
        "What the meeting decided about Poppy",
        "Poppy needs a child protection plan. A child protection plan is a written plan.",
        "The plan is about neglect.",
        "Sam Example-Social-Worker is your lead worker.",
        "by Wednesday 10 June 2026",
        "This group is called the core group.",
    ):
        assert expected in parent, expected
    carry_on = _text(next(p for e, p in _letters(out, "continue") if e["role"] == "parent_carer"))
    assert "will go on for now" in carry_on
    assert "Thursday 19 November 2026" in carry_on


def test_invitations(exported: tuple[Workspace, dict[str, Path]]) -> None:
    _, out = exported
    invites = {e["role"]: p for e, p in _letters(out, "invitation")}
    parent, agency = _text(invites["parent_carer"]), _text(invites["agency"])
    for text in (parent, agency):
        assert "Thursday 5 November 2026" in text
        assert "10:00 to 11:30" in text
        assert "Room 1, Sampletown Civic Centre" in text
    assert "You are invited to a meeting about Poppy" in parent
    assert "review child protection conference" in parent
    assert "interpreter" in parent
    assert "Invitation: review child protection conference" in agency
    assert "Mark clearly anything that must not be shared" in agency


def test_marking_page_numbers_and_properties(exported: tuple[Workspace, dict[str, Path]]) -> None:
    _, out = exported
    for entry, path in _letters(out, "discharge"):
        parts = _package_parts(path)
        headers = " ".join(t for n, t in parts.items() if n.startswith("word/header"))
        footers = " ".join(t for n, t in parts.items() if n.startswith("word/footer"))
        assert "OFFICIAL-SENSITIVE" in headers and "OFFICIAL-SENSITIVE" in footers
        assert "PAGE" in footers and "NUMPAGES" in footers
        assert "DRAFT" not in headers
        props = docx.Document(str(path)).core_properties
        assert props.title == "Letter from the Multi-Agency Child Protection Team"
        assert props.author == "Exampleshire Council (test)"
        assert props.subject.startswith("Letter to a")
        assert props.created == FIXED_NOW
        assert entry["role"].replace("_", " ").split()[0] in props.subject
        # The envelope marking comes just before the address, for the window.
        paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
        marking = paragraphs.index("Private and confidential: to be opened by the addressee only")
        assert paragraphs[marking + 1].startswith(entry["recipient"])


def test_parent_letters_read_at_age_nine_or_below(
    exported: tuple[Workspace, dict[str, Path]],
) -> None:
    """The whole letter as written to the file, headings and all: Flesch-Kincaid
    grade 4 or below and no sentence over 25 words."""
    _, out = exported
    grades = {}
    for name in ("icpc", "continue", "discharge", "invitation"):
        path = next(p for e, p in _letters(out, name) if e["role"] == "parent_carer")
        paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
        start = next(i for i, t in enumerate(paragraphs) if t.startswith("Dear "))
        end = next(i for i, t in enumerate(paragraphs) if t.startswith("Yours sincerely,"))
        body = "\n".join(
            t if t.endswith(".") else t + "." for t in paragraphs[start + 1 : end] if t
        )
        grades[name] = readability.grade(body)
        assert readability.longest_sentence(body) <= 25, name
    assert all(grade <= 4.0 for grade in grades.values()), grades
