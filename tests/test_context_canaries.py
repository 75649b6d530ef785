"""One child's minutes, family copy and letters never carry another child's name or
details, though the children's meetings were held together about one place.

Three children, each with canary names, reference, family and free text, are
taken through a strategy meeting and then an initial conference at two sittings
about one place, in a real SQLCipher workspace, through the services a chair
uses. Every XML part of every exported package (document, headers, footers,
properties) is read, as written and with its tags taken out: none holds another
child's canary; each full copy holds its own child's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.exporters.letters import export_notifications
from app.exporters.minutes import export_minutes
from app.models import ContextKind, MeetingType, ResponsibleKind
from app.services import agencies, cases, contexts
from app.services.conduct.distribution import find_recipient
from app.services.demo.contexts import ChildAtSitting, SittingPlan, hold_sitting
from app.services.workspace import create_workspace
from tests.conftest import PASSPHRASE

LETTERS = ("A", "B", "C")
STRATEGY_DAY = dt.date(2026, 11, 9)
ICPC_DAY = dt.date(2026, 11, 16)
DISCUSSION = "SHARED-CONTEXT-TEXT-5e1 The waiting room has no CCTV."


@dataclasses.dataclass(frozen=True)
class Canaries:
    letter: str

    @property
    def first(self) -> str:
        return f"Canfirst{self.letter}q"

    @property
    def last(self) -> str:
        return f"Canlast{self.letter}q"

    @property
    def ref(self) -> str:
        return f"CANREF{self.letter}9"

    @property
    def parent(self) -> str:
        return f"Canparent{self.letter}q Canlast{self.letter}q"

    def text(self, field: str) -> str:
        return f"CANARY-{field}-{self.letter}-5e1"

    @property
    def all(self) -> list[str]:
        fields = ("PAP", "PART", "INFO", "RATIONALE", "NOTES", "CONCERN")
        return [self.first, self.last, self.ref, *(self.text(f) for f in fields)]


@dataclasses.dataclass
class Exported:
    folder: Path
    files: dict[str, list[Path]] = dataclasses.field(default_factory=dict)  # by letter


def _child(ws: object, canary: Canaries) -> str:
    case = cases.create_case(
        ws,  # type: ignore[arg-type]
        la_child_ref=canary.ref,
        first_name=canary.first,
        last_name=canary.last,
        date_of_birth=dt.date(2011, 5, 1),
        address=f"{canary.text('ADDRESS')}, Sampletown",
        concern=canary.text("CONCERN"),
    )
    cases.add_family_member(
        ws,  # type: ignore[arg-type]
        child_id=case.child_id,
        name=canary.parent,
        relationship_to_child="Parent",
        parental_responsibility=True,
        invite_to_conferences=True,
    )
    return case.case_id


def _plan(context_id: str, case_ids: list[str], kind: MeetingType, day: dt.date) -> SittingPlan:
    return SittingPlan(
        context_id=context_id,
        meeting_type=kind,
        day=day,
        discussion=DISCUSSION,
        action="Fit CCTV to the waiting room (test).",
        children=[
            ChildAtSitting(
                case_id=case_id,
                parents_as_partners=f"{Canaries(x).parent} {Canaries(x).text('PAP')}",
                child_participation=f"{Canaries(x).first} {Canaries(x).text('PART')}",
                information=Canaries(x).text("INFO"),
                rationale=Canaries(x).text("RATIONALE"),
                notes=Canaries(x).text("NOTES"),
                restrict=("child_participation",) if x == "A" else (),
            )
            for case_id, x in zip(case_ids, LETTERS, strict=True)
        ],
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    folder = tmp_path_factory.mktemp("context-canaries")
    ws = create_workspace(folder / "test.macpt", PASSPHRASE)
    ws.actor = "Jordan Test-Chair"
    result = Exported(folder)
    try:
        clock.set_clock(lambda: dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC))
        case_ids = [_child(ws, Canaries(x)) for x in LETTERS]
        place = contexts.create_context(ws, kind=ContextKind.PLACE, name="Testtown bus station")
        contexts.add_responsible(
            ws, context_id=place.id, name="Testtown Buses Ltd", kind=ResponsibleKind.TRANSPORT
        )
        police = next(a.id for a in agencies.list_agencies(ws) if a.name == "Police")
        contexts.add_disruption(
            ws,
            context_id=place.id,
            happened_on=dt.date(2026, 10, 30),
            agency_id=police,
            activity="Patrols after school (test).",
        )
        strategy = hold_sitting(ws, _plan(place.id, case_ids, MeetingType.STRATEGY, STRATEGY_DAY))
        icpc = hold_sitting(ws, _plan(place.id, case_ids, MeetingType.ICPC, ICPC_DAY))
        clock.set_clock(lambda: dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
        for x, first, conf in zip(LETTERS, strategy, icpc, strict=True):
            files = result.files.setdefault(x, [])
            for name, meeting_id in (("strategy", first), ("icpc", conf)):
                target = folder / f"{x}-{name}-full.docx"
                export_minutes(ws, meeting_id=meeting_id, target=target)
                files.append(target)
            parent = find_recipient(ws, meeting_id=conf, name=Canaries(x).parent)
            family = folder / f"{x}-icpc-family.docx"
            export_minutes(ws, meeting_id=conf, target=family, family_copy=True, recipient=parent)
            files.append(family)
            made = export_notifications(ws, meeting_id=conf, out_dir=folder / f"{x}-letters")
            files += sorted(made.folder.glob("*.docx"))
        yield result
    finally:
        ws.close()
        clock.set_clock(None)


def xml_parts(path: Path) -> dict[str, str]:
    """Every XML part of the package, as written and with its tags taken out."""
    found = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                raw = package.read(name).decode("utf-8", "replace")
                found[name] = raw + "\n" + re.sub(r"<[^>]+>", "", raw)
    return found


def test_letters_were_made_for_each_child(exported: Exported) -> None:
    for x in LETTERS:
        names = [p.name for p in exported.files[x]]
        assert len(names) > 3, names  # minutes, a family copy and at least one letter


@pytest.mark.parametrize("letter", LETTERS)
def test_no_other_childs_canary_reaches_any_part_of_a_childs_documents(
    exported: Exported, letter: str
) -> None:
    others = [c for x in LETTERS if x != letter for c in Canaries(x).all]
    leaks = []
    for path in exported.files[letter]:
        parts = xml_parts(path)
        assert "word/document.xml" in parts
        for part, content in parts.items():
            folded = content.casefold()
            leaks += [(path.name, part, c) for c in others if c.casefold() in folded]
    assert not leaks


@pytest.mark.parametrize("letter", LETTERS)
def test_each_full_copy_carries_its_own_child_and_the_context(
    exported: Exported, letter: str
) -> None:
    own = Canaries(letter)
    for path in exported.files[letter]:
        if not path.name.endswith("-full.docx"):
            continue
        text = "\n".join(xml_parts(path).values())
        assert DISCUSSION in text and "Testtown bus station" in text
        assert "Testtown Buses Ltd" in text and "Patrols after school" in text
        for canary in (own.text("PAP"), own.text("PART"), own.text("RATIONALE"), own.ref):
            assert canary in text, (path.name, canary)


@pytest.mark.parametrize("letter", LETTERS)
def test_the_family_copy_keeps_the_context_but_not_the_disruption_log(
    exported: Exported, letter: str
) -> None:
    family = next(p for p in exported.files[letter] if p.name.endswith("-family.docx"))
    text = "\n".join(xml_parts(family).values())
    assert "The context" in text and "Testtown bus station" in text
    assert Canaries(letter).text("PAP") in text
    assert "Patrols after school" not in text
    # Child A's participation was restricted by the chair: only the full copy has it.
    assert (Canaries(letter).text("PART") in text) is (letter != "A")
