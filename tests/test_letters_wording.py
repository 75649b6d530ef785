"""Parents' letters: the required items, reading ease, an unborn baby, and a local
area's own wording (refused where it drops a required item)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from app.errors import ExportError
from app.exporters.letters.model import Bullets, Letter, LetterFacts, LetterText, Para
from app.exporters.letters.parent_wording import (
    OVERRIDE_NAME,
    STATUTORY,
    load_wording,
    standard_wording,
)
from app.exporters.letters.plain import _Words, parent_letter
from app.exporters.letters.readability import grade, longest_sentence, syllables
from app.models import (
    ConferenceOutcome,
    DischargeReason,
    IcpcTimeframe,
    MeetingType,
    NotificationKind,
    OngoingSupport,
    PlanCategory,
    RecipientRole,
)
from app.paths import resources_dir
from app.services.journey.notifications import Recipient

FACTS = LetterFacts(
    meeting_id="m1",
    meeting_type=MeetingType.ICPC,
    meeting_date=dt.date(2026, 12, 14),
    meeting_time=dt.time(10),
    duration_minutes=90,
    place="Children's services, room 2",
    online_link=None,
    chair="Lee Example-Chair",
    local_authority="Exampleshire Council (test)",
    la_child_ref="TEST-0001",
    child_first_name="Poppy",
    child_name_for_agencies="Poppy Testcase",
    child_date_of_birth=dt.date(2019, 3, 14),
    contact_name="Lee Example-Chair",
    contact_details=("01632 960000",),
    letter_date=dt.date(2026, 12, 1),
    team_phone="01632 960001",
    out_of_hours_phone="01632 960999",
)
OUTCOME = dataclasses.replace(
    FACTS,
    conference_outcome=ConferenceOutcome.PLAN_NEEDED,
    category=PlanCategory.NEGLECT,
    lead_practitioner="Sam Example-Social-Worker",
    core_group_by=dt.date(2026, 12, 29),
    next_review_due=dt.date(2027, 3, 15),
)
# Every kind of parent's letter, and the required items each must carry.
COMMON = ("common.social_worker", "common.privacy", "common.out_of_hours", "common.complain")
RIGHTS = ("common.legal_advice", "common.advocate")
LETTERS: dict[str, tuple[NotificationKind, LetterFacts, tuple[str, ...]]] = {
    "initial invitation": (
        NotificationKind.CONFERENCE_INVITATION,
        FACTS,
        (*COMMON, *RIGHTS, "invitation.why_initial", "common.help_to_come", "common.minutes"),
    ),
    "review invitation": (
        NotificationKind.CONFERENCE_INVITATION,
        dataclasses.replace(FACTS, meeting_type=MeetingType.RCPC),
        (*COMMON, *RIGHTS, "invitation.why_review", "common.help_to_come", "common.minutes"),
    ),
    "plan needed": (
        NotificationKind.CONFERENCE_OUTCOME,
        OUTCOME,
        (*COMMON, *RIGHTS, "outcome.why", "common.minutes"),
    ),
    "no plan": (
        NotificationKind.CONFERENCE_OUTCOME,
        dataclasses.replace(OUTCOME, conference_outcome=ConferenceOutcome.NO_PLAN),
        (*COMMON, *RIGHTS, "outcome.why", "common.minutes"),
    ),
    "plan goes on": (
        NotificationKind.CONFERENCE_OUTCOME,
        dataclasses.replace(
            OUTCOME,
            meeting_type=MeetingType.RCPC,
            conference_outcome=ConferenceOutcome.CHANGE_CATEGORY,
            category=PlanCategory.EMOTIONAL_ABUSE,
            core_group_by=None,
        ),
        (*COMMON, *RIGHTS, "outcome.why", "common.minutes"),
    ),
    "plan ended": (
        NotificationKind.DISCHARGE_DECISION,
        dataclasses.replace(
            OUTCOME,
            meeting_type=MeetingType.RCPC,
            conference_outcome=ConferenceOutcome.END_PLAN,
            discharge_reason=DischargeReason.NO_LONGER_AT_RISK,
            ongoing_support=(OngoingSupport.FAMILY_HELP, OngoingSupport.UNIVERSAL),
        ),
        (*COMMON, "discharge.worried_again", "common.minutes"),
    ),
    "plan ended, child died": (
        NotificationKind.DISCHARGE_DECISION,
        dataclasses.replace(
            OUTCOME,
            meeting_type=MeetingType.RCPC,
            conference_outcome=ConferenceOutcome.END_PLAN,
            discharge_reason=DischargeReason.DIED,
        ),
        (
            "discharge.bereaved_contact",
            "discharge.bereaved_privacy",
            "discharge.bereaved_out_of_hours",
            "common.minutes",
        ),
    ),
    "conference put back": (
        NotificationKind.REVIEW_DECISION,
        dataclasses.replace(
            FACTS,
            meeting_type=MeetingType.REVIEW,
            review_timeframe=IcpcTimeframe.EXTENDED,
            conference_by=dt.date(2027, 1, 11),
        ),
        (*COMMON, *RIGHTS, "review.extended"),
    ),
    "conference not needed": (
        NotificationKind.REVIEW_DECISION,
        dataclasses.replace(
            FACTS, meeting_type=MeetingType.REVIEW, review_timeframe=IcpcTimeframe.NOT_NEEDED
        ),
        (*COMMON, "review.not_needed"),
    ),
}


def _letter(kind: NotificationKind, facts: LetterFacts) -> LetterText:
    recipient = Recipient(kind, RecipientRole.PARENT_CARER, "Pat Testcase", family_member_id="f1")
    return parent_letter(Letter(1, recipient, ("Pat Testcase",), facts))


def _prose(text: LetterText) -> str:
    """What a parent reads as sentences: the paragraphs and the points in lists."""
    parts: list[str] = []
    for block in text.blocks:
        if isinstance(block, Para):
            parts.append(block.text)
        elif isinstance(block, Bullets):
            parts.extend(block.items)
    return "\n".join(parts)


def _first_sentence(key: str, facts: LetterFacts) -> str:
    """The first sentence of a required item as this letter fills it in."""
    return _Words(facts)(key).split(". ")[0]


@pytest.mark.parametrize("name", list(LETTERS))
def test_each_parent_letter_carries_its_required_items(name: str) -> None:
    kind, facts, required = LETTERS[name]
    # Numbers are written with no-break spaces, so that they never split across lines.
    text = _letter(kind, facts).plain_text()
    assert "01632\u00a0960999" in text
    text = text.replace("\u00a0", " ")
    for key in required:
        start = _first_sentence(key, facts).replace("\u00a0", " ")
        assert start and start.lower() in text.lower(), (name, key, start)
    assert "01632 960999" in text  # the out-of-hours number
    assert "01632 960001" in text  # the team's number
    if facts.discharge_reason is DischargeReason.DIED:
        assert "Poppy safe" not in text and "ring 999" not in text, name


def test_parent_letters_read_at_age_nine_or_below() -> None:
    """Flesch-Kincaid grade 4 or below (a reading age of about nine), and no
    sentence over 25 words, for every kind of parent's letter."""
    grades = {}
    for name, (kind, facts, _) in LETTERS.items():
        prose = _prose(_letter(kind, facts))
        grades[name] = round(grade(prose), 1)
        assert longest_sentence(prose) <= 25, (name, longest_sentence(prose))
    assert all(g <= 4.0 for g in grades.values()), grades


def test_the_measure_itself() -> None:
    assert [syllables(w) for w in ("cat", "table", "conference", "safe", "2026")] == [1, 2, 3, 1, 1]
    assert grade("The cat sat on the mat. It was a good cat.") < 0
    assert grade("Multidisciplinary safeguarding considerations necessitate documentation.") > 12
    assert longest_sentence("One two three. One two.\nOne") == 3


def test_an_unborn_child_is_your_baby_with_the_month_due() -> None:
    unborn = dataclasses.replace(
        OUTCOME,
        child_first_name="Baby",
        child_date_of_birth=None,
        child_expected_date_of_birth=dt.date(2027, 3, 20),
    )
    for kind in (NotificationKind.CONFERENCE_INVITATION, NotificationKind.CONFERENCE_OUTCOME):
        text = _letter(kind, unborn).plain_text()
        assert "your baby, due in March 2027" in text
        assert "Baby" not in text.replace("Your baby", "")
        if kind is NotificationKind.CONFERENCE_OUTCOME:
            assert "We decided that your baby needs a child protection plan." in text


def _write(folder: Path, wording: dict[str, object]) -> Path:
    path = folder / OVERRIDE_NAME
    path.write_text(json.dumps(wording), encoding="utf-8")
    return path


def _standard_json() -> dict[str, dict[str, str]]:
    data = json.loads((resources_dir() / "letters" / "parent.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def test_the_standard_wording_has_every_required_item() -> None:
    wording = load_wording(None)
    assert set(STATUTORY) <= set(wording)


def test_a_local_area_rewords_a_letter(tmp_path: Path) -> None:
    data = _standard_json()
    data["common"]["privacy"] = "We keep your family's details safe. Ask us what we hold."
    _write(tmp_path, data)
    facts = dataclasses.replace(FACTS, wording=load_wording(tmp_path))
    text = _letter(NotificationKind.CONFERENCE_INVITATION, facts).plain_text()
    assert "We keep your family's details safe. Ask us what we hold." in text
    # Only the required items need be there: others keep the standard words.
    del data["headings"]
    _write(tmp_path, data)
    assert load_wording(tmp_path)["headings.privacy"] == standard_wording()["headings.privacy"]


def test_a_local_wording_that_drops_a_required_item_is_refused(tmp_path: Path) -> None:
    data = _standard_json()
    del data["common"]["privacy"]
    data["common"]["advocate"] = "  "
    data["common"]["out_of_hours"] = "Ring the emergency team if you are worried."
    _write(tmp_path, data)
    with pytest.raises(ExportError) as refused:
        load_wording(tmp_path)
    message = str(refused.value)
    assert "common.privacy (the privacy notice) is missing" in message
    assert "common.advocate (the right to an advocate) is missing" in message
    assert "common.out_of_hours (the out-of-hours number) must keep {out_of_hours}" in message
    assert "Put these back" in message


def test_a_wording_file_named_in_the_settings(tmp_path: Path) -> None:
    data = _standard_json()
    data["outcome"]["why"] = "We met to plan how to keep {child} safe. We also ate {biscuits}."
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExportError, match=r"outcome.why uses biscuits, which no letter fills in"):
        load_wording(None, str(path))
    with pytest.raises(ExportError, match="is not a file"):
        load_wording(None, str(tmp_path / "missing.json"))
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ExportError, match="not valid JSON"):
        load_wording(None, str(path))
