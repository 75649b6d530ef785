"""Minutes of the meetings after the strategy meeting, exported from a real workspace
and read back with python-docx section by section: the five-day review's
conference timeframe and safety plan, the ICPC's decision, a review conference
that changes the category and one that ends the plan."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.text.paragraph import Paragraph

from app import clock
from app.exporters.minutes import export_minutes
from app.exporters.minutes_data import FAMILY, load_minutes_data
from app.exporters.minutes_journey_data import journey_parts, load_journey_parts
from app.models import (
    ConferenceOutcome,
    IcpcTimeframe,
    MeetingType,
    PlanCategory,
    StatutoryRole,
)
from app.services.conduct.journey_record import journey_record
from app.services.conduct.record import meeting_record
from app.services.setup import default_agenda
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_minutes import package_text, rows, section, tables, texts
from tests.test_minutes_journey_sample import (
    CHAIR,
    CHANGE_RATIONALE,
    DISCHARGE_PROGRESS,
    DISCHARGE_RATIONALE,
    EXTENSION_REASON,
    FATHER,
    GRANDMOTHER,
    ICPC_DEFAULT,
    ICPC_DISSENT,
    ICPC_RATIONALE,
    LAST_REVIEW_DAY,
    MOTHER,
    OUTLINE_PLAN,
    PROGRESS,
    RESTRICTED,
    REVISED_WORRY,
    STRATEGY_DAY,
    SUPPORT_DETAIL,
    TEAM,
    WORRIES,
    JourneySample,
    add_journey,
    on,
)

MEETINGS = ("review", "icpc", "change", "discharge")
CONFERENCE_MEETINGS = ("icpc", "change", "discharge")
# What each meeting's police information (restricted) says, where it has some.
RESTRICTED_AT = {
    "review": RESTRICTED[MeetingType.REVIEW],
    "icpc": RESTRICTED[MeetingType.ICPC],
    "discharge": RESTRICTED[MeetingType.RCPC],
}
SOCIAL_WORKER, POLICE_OFFICER = TEAM[StatutoryRole.SOCIAL_CARE][0], TEAM[StatutoryRole.POLICE][0]


@dataclasses.dataclass(frozen=True)
class Journey:
    folder: Path
    sample: JourneySample
    workspace: Workspace

    def meeting_id(self, name: str) -> str:
        return str(getattr(self.sample, f"{name}_id"))

    def path(self, name: str, *, family: bool = False) -> Path:
        return self.folder / f"{name}{'-family' if family else ''}.docx"

    def open(self, name: str, *, family: bool = False) -> Any:
        return docx.Document(str(self.path(name, family=family)))


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journey]:
    """One child's journey in one workspace; each meeting's minutes, full and family copy."""
    folder = tmp_path_factory.mktemp("journey-minutes")
    workspace = create_workspace(folder / "test.macpt", PASSPHRASE)
    workspace.actor = CHAIR
    try:
        sample = add_journey(workspace)
        on(LAST_REVIEW_DAY, 17)
        made = Journey(folder, sample, workspace)
        for name in MEETINGS:
            # Five-day review minutes are for professionals: they have no family copy.
            for family in (False, True) if name != "review" else (False,):
                export_minutes(
                    workspace,
                    meeting_id=made.meeting_id(name),
                    target=made.path(name, family=family),
                    family_copy=family,
                )
        yield made
    finally:
        workspace.close()
        clock.set_clock(None)


def heading1(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def style_name(block: Any) -> str:
    """A paragraph's style name; "" for a table."""
    return str(block.style.name) if isinstance(block, Paragraph) and block.style else ""


def heading2(blocks: list[Any]) -> list[str]:
    return [b.text for b in blocks if style_name(b) == "Heading 2"]


def after(blocks: list[Any], heading: str) -> list[Any]:
    """The blocks after the Heading 2 ``heading``, up to the next heading."""
    found: list[Any] | None = None
    for block in blocks:
        name = style_name(block)
        if name.startswith("Heading") and found is not None:
            break
        if name == "Heading 2" and block.text == heading:
            found = []
        elif found is not None:
            found.append(block)
    assert found is not None, f"no heading {heading!r}"
    return found


def labels(table: Any) -> dict[str, str]:
    return {row[0]: row[1] for row in rows(table)}


# -- the five-day review -----------------------------------------------------
def test_review_minutes_follow_the_agenda(journey: Journey) -> None:
    document = journey.open("review")
    agenda = [item["title"] for item in default_agenda(MeetingType.REVIEW)]
    # The default agenda already has every section the minutes require.
    assert heading1(document) == [
        "Confidentiality",
        "Attendance",
        "Representation of statutory agencies",
        *[f"{n}. {title}" for n, title in enumerate(agenda, start=1)],
        "Sign-off",
        "Distribution",
    ]
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == ["Five-day review meeting minutes"]


def test_review_records_the_extended_conference_timeframe(journey: Journey) -> None:
    part = section(
        journey.open("review"), "6. Timeframe for the initial child protection conference"
    )
    (table,) = tables(part)
    assert rows(table) == [
        ["Strategy discussion (day 0)", "Monday 16 November 2026"],
        ["Review meeting due (5th working day)", "Monday 23 November 2026; held on time"],
        ["Decision", "Extended: exceptional circumstances agreed by the MACPT"],
        ["15th working day after the strategy discussion", "Monday 7 December 2026"],
        [
            "Conference to be held by",
            "Monday 14 December 2026 (7 calendar days after the 15th working day)",
        ],
        ["Exceptional circumstances agreed by the MACPT", "Yes, confirmed by the chair"],
        ["Decided by", f"{CHAIR}, Monday 23 November 2026 at 10:00"],
    ]
    *reason, note = texts(after(part, "Reason for the extension"))
    assert reason == EXTENSION_REASON.splitlines()
    assert note.startswith("Counted in working days from the strategy discussion (day 0)")


def test_review_shows_the_safety_plan_agreed_at_the_meeting(journey: Journey) -> None:
    part = section(journey.open("review"), "7. Interim safety plan")
    about, *worries = tables(part)
    assert labels(about) == {
        "Version": "Version 1, made Monday 23 November 2026 at 11:10",
        "Agreed by": f"{MOTHER} (mother); {SOCIAL_WORKER}",
        "Recorded by": CHAIR,
        "What changed": "First version.",
    }
    assert heading2(part) == ["Worry 1", "Worry 2"]
    first, second = (rows(t) for t in worries)
    assert first == [
        ["The worry", WORRIES[0].worry],
        ["What will keep the child safe", WORRIES[0].keeps_safe],
        ["Who is responsible", MOTHER],
        ["By when", "From today"],
        ["How we will know it is working", WORRIES[0].how_we_know],
        ["What happens if it does not work", WORRIES[0].contingency],
    ]
    assert second[2:] == [
        ["Who is responsible", TEAM[StatutoryRole.HEALTH][0]],
        ["By when", "Within two weeks"],
        ["How we will know it is working", "Not set"],
        ["What happens if it does not work", "Not set"],
    ]
    # A worry is never split over two pages: each row keeps with the next.
    for table in worries:
        kept = [
            p.paragraph_format.keep_with_next
            for row in table.rows[:-1]
            for p in row.cells[1].paragraphs
        ]
        assert kept and all(kept)
    # Version 2 was agreed after sign-off: the signed-off minutes do not change.
    assert REVISED_WORRY not in package_text(journey.path("review"))


# -- the initial conference --------------------------------------------------
def test_conference_attendance_lists_family_members_by_relationship(journey: Journey) -> None:
    (table,) = tables(section(journey.open("icpc"), "Attendance"))
    found = rows(table)
    family = found.index([FAMILY] * 3)
    # The father was invited with no relationship recorded: it comes from his record.
    assert found[family + 1 :] == [
        [MOTHER, "Mother", "Attended from 10:00"],
        [FATHER, "Father", "Apologies"],
    ]
    assert ["Children's social care"] * 3 in found[:family]
    assert GRANDMOTHER not in package_text(journey.path("icpc"))


def test_icpc_decision(journey: Journey) -> None:
    part = section(journey.open("icpc"), "8. Decision: is a child protection plan needed?")
    decision, core_group = tables(part)
    assert rows(decision) == [
        ["Does the child need a child protection plan?", "Yes"],
        ["Category", "Neglect"],
        ["Lead practitioner", SOCIAL_WORKER],
        ["First review conference due by", "Monday 8 March 2027"],
        ["Decided by", f"{CHAIR}, Monday 14 December 2026 at 11:10"],
    ]
    assert heading2(part) == ["Rationale", "Core group", "Outline plan", "Dissent"]
    assert texts(after(part, "Rationale")) == [ICPC_RATIONALE]
    assert rows(core_group) == [
        ["Name", "Agency", "Role"],
        [SOCIAL_WORKER, "Children's social care", "Lead practitioner"],
        [TEAM[StatutoryRole.HEALTH][0], "Health", "Health visitor"],
        [MOTHER, "Not from an agency", "Mother"],
    ]
    assert texts(after(part, "Outline plan")) == OUTLINE_PLAN.splitlines()
    assert texts(after(part, "Dissent")) == [ICPC_DISSENT]


# -- review conferences ------------------------------------------------------
def test_review_conference_changes_the_category(journey: Journey) -> None:
    part = section(journey.open("change"), "7. Decision: continue, change or end the plan")
    assert heading2(part) == ["Progress against the plan", "Rationale", "Agency views", "Dissent"]
    assert texts(after(part, "Progress against the plan")) == [PROGRESS]
    decision, views = tables(part)
    assert rows(decision) == [
        ["Decision", "The plan continues under a different category"],
        ["Category", "Emotional abuse (changed from neglect)"],
        ["Next review conference due by", "Monday 6 September 2027"],
        ["Decided by", f"{CHAIR}, Monday 8 March 2027 at 11:10"],
    ]
    assert texts(after(part, "Rationale")) == [CHANGE_RATIONALE]
    assert rows(views)[1:] == [
        ["Police", "Agrees", "Agrees."],
        ["Education", "Disagrees", "Sees neglect still."],
    ]
    assert texts(after(part, "Dissent")) == ["No dissent was recorded."]


def test_discharge_decision_reason_and_support(journey: Journey) -> None:
    part = section(journey.open("discharge"), "7. Decision: continue, change or end the plan")
    assert heading2(part) == [
        "Progress against the plan",
        "Rationale",
        "Support after the plan ends",
        "Input from every practitioner involved",
        "Dissent",
        "Who must be told",
    ]
    assert texts(after(part, "Progress against the plan")) == [DISCHARGE_PROGRESS]
    decision = tables(part)[0]
    assert rows(decision) == [
        ["Decision", "The child protection plan ends"],
        ["Category until the plan ended", "Emotional abuse"],
        [
            "Why the plan ends",
            "All agencies agree the child is no longer suffering, or likely to suffer, "
            "significant harm",
        ],
        # 11:10 UTC is 12:10 in London in summer time.
        ["Decided by", f"{CHAIR}, Monday 6 September 2027 at 12:10"],
    ]
    assert texts(after(part, "Rationale")) == [DISCHARGE_RATIONALE]
    assert texts(after(part, "Support after the plan ends")) == [
        "Family Help; Universal services.",
        SUPPORT_DETAIL,
    ]


def test_discharge_input_checklist(journey: Journey) -> None:
    part = section(journey.open("discharge"), "7. Decision: continue, change or end the plan")
    checklist = after(part, "Input from every practitioner involved")
    assert texts(checklist) == [
        "4 practitioners were asked for their view before the plan ended; 3 replied."
    ]
    (table,) = tables(checklist)
    found = rows(table)
    assert found[0] == ["Practitioner", "Agency", "Asked", "Replied", "What they said"]
    by_name = {row[0]: row[1:] for row in found[1:]}
    assert set(by_name) == {name for name, _ in TEAM.values()}
    assert by_name[SOCIAL_WORKER] == [
        "Children's social care",
        "Monday 23 August 2027",
        "Friday 27 August 2027",
        f"{SOCIAL_WORKER} agrees the plan can end.",
    ]
    assert by_name[POLICE_OFFICER] == [
        "Police",
        "Monday 23 August 2027",
        "No reply",
        "No reply yet.",
    ]


def test_discharge_lists_who_must_be_told(journey: Journey) -> None:
    part = section(journey.open("discharge"), "7. Decision: continue, change or end the plan")
    told = after(part, "Who must be told")
    assert texts(told)[0].startswith("The decision to end the plan is notified to every agency")
    (table,) = tables(told)
    found = rows(table)
    assert found[0] == ["Name", "Agency or relationship to the child", "Told as"]
    assert found[1:] == [
        [SOCIAL_WORKER, "Children's social care", "Agency"],
        [POLICE_OFFICER, "Police", "Agency"],
        [TEAM[StatutoryRole.HEALTH][0], "Health", "Agency"],
        [TEAM[StatutoryRole.EDUCATION][0], "Education", "Agency"],
        [FATHER, "Father", "Parent or carer"],
        [MOTHER, "Mother", "Parent or carer"],
    ]
    # The minutes name who must be told; their addresses stay out of them.
    assert "ZZ99" not in package_text(journey.path("discharge"))


# -- redaction ---------------------------------------------------------------
@pytest.mark.parametrize("name", CONFERENCE_MEETINGS)
def test_family_copy_leaves_out_restricted_information_only(journey: Journey, name: str) -> None:
    full, family = journey.open(name), journey.open(name, family=True)
    copy = package_text(journey.path(name, family=True))
    assert not [text for text in RESTRICTED.values() if text in copy]
    if name in RESTRICTED_AT:
        assert RESTRICTED_AT[name] in package_text(journey.path(name))
        assert "Information marked restricted" not in copy
        assert "Family copy: some information has been removed" in copy
    # The journey's records are the same in both copies.
    decided = [h for h in heading1(full) if "Decision" in h or "Timeframe" in h or "safety" in h]
    assert len(decided) == 1
    for heading in decided:
        # The family copy says less (what is restricted or empty is left out), never other.
        full_texts = texts(section(full, heading))
        added = [t for t in texts(section(family, heading)) if t not in full_texts]
        assert all("practitioners were asked" in t for t in added)
        assert "No dissent was recorded." not in texts(section(family, heading))
        full_rows = [r for t in tables(section(full, heading)) for r in rows(t)]
        family_rows = [r for t in tables(section(family, heading)) for r in rows(t)]
        if name == "change":  # the police's view starts restricted: its comment goes
            assert ["Police", "Agrees", "Agrees."] in full_rows
            assert ["Police", "Agrees", ""] in family_rows
            family_rows.remove(["Police", "Agrees", ""])
        assert all(r in full_rows for r in family_rows)


# -- the loader --------------------------------------------------------------
def test_loader_reads_the_journey(journey: Journey) -> None:
    workspace, sample = journey.workspace, journey.sample
    strategy = load_minutes_data(workspace, meeting_id=sample.strategy_id)
    assert (strategy.icpc_timeframe, strategy.safety_plan, strategy.conference) == (None,) * 3

    reviewed = load_minutes_data(workspace, meeting_id=sample.review_id)
    timeframe = reviewed.icpc_timeframe
    assert timeframe is not None and reviewed.conference is None
    assert timeframe.timeframe is IcpcTimeframe.EXTENDED
    assert (timeframe.strategy_date, timeframe.default_due) == (STRATEGY_DAY, ICPC_DEFAULT)
    assert timeframe.extra_days == 7
    assert reviewed.safety_plan is not None and reviewed.safety_plan.version == 1

    # At a conference the plan shows only where the agenda has an item for it; then
    # it is the version in force when that conference's minutes were signed off.
    icpc = meeting_record(workspace, meeting_id=sample.icpc_id)
    assert load_journey_parts(workspace, icpc).safety_plan is None
    with_item = journey_record(
        workspace,
        meeting_id=icpc.meeting_id,
        meeting_type=icpc.meeting_type,
        case_id=icpc.case_id,
        with_safety_plan=True,
        as_at=icpc.signed_off_at,
    )
    shown = journey_parts(with_item, icpc).safety_plan
    assert shown is not None and shown.version == 2
    assert shown.items[-1].worry == REVISED_WORRY

    changed = load_minutes_data(workspace, meeting_id=sample.change_id)
    assert changed.conference is not None
    assert changed.conference.category_before is PlanCategory.NEGLECT
    assert changed.conference.category is PlanCategory.EMOTIONAL_ABUSE

    ended = load_minutes_data(workspace, meeting_id=sample.discharge_id)
    assert ended.conference is not None and ended.discharge is not None
    assert ended.conference.outcome is ConferenceOutcome.END_PLAN
    assert ended.discharge.support == ("Family Help", "Universal services")
