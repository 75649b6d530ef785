"""Letters for the other decisions, and the folder they are written to."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from app import clock
from app.errors import ExportError
from app.exporters.letters import export_notifications, letter_text
from app.exporters.letters.data import load_letters
from app.models import (
    ConferenceOutcome,
    DischargeReason,
    IcpcTimeframe,
    Meeting,
    MeetingStatus,
    MeetingType,
    OngoingSupport,
    PlanCategory,
    RecipientRole,
    ThresholdOutcome,
)
from app.services import cases, records, settings
from app.services.conduct import decision
from app.services.journey import conference, notifications, review, safety_plan
from app.storage.workspace import Workspace
from tests.test_journey_fixtures import (
    REVIEW_DUE,
    STRATEGY_DAY,
    after_icpc,
    after_strategy,
    close,
    hold,
    meeting_of,
    opened_copy,
    schedule,
    the_child,
)


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-strategy", after_strategy)
    yield workspace
    workspace.close()


@pytest.fixture
def on_plan(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-icpc", after_icpc)
    yield workspace
    workspace.close()


def on_the_strategy_day() -> None:
    """Letters after the strategy meeting go out on its day: the dates they give
    (the conference within 15 working days) are still ahead."""
    clock.set_clock(lambda: dt.datetime.combine(STRATEGY_DAY, dt.time(17), tzinfo=dt.UTC))


def _texts(workspace: Workspace, meeting_id: str, role: RecipientRole) -> list[str]:
    return [
        letter_text(letter).plain_text()
        for letter in load_letters(workspace, meeting_id=meeting_id)
        if letter.recipient.role is role
    ]


def test_no_further_action_has_no_timescales(ws: Workspace) -> None:
    child = the_child(ws)
    meeting_id = schedule(ws, child, MeetingType.STRATEGY, dt.date(2026, 11, 16))
    hold(ws, meeting_id)
    decision.save_decision(
        ws,
        meeting_id=meeting_id,
        threshold_met=False,
        outcome=ThresholdOutcome.NFA,
        rationale="Fictional: threshold not met.",
    )
    close(ws, meeting_id)
    text = _texts(ws, meeting_id, RecipientRole.AGENCY)[0]
    assert "Significant-harm threshold: Not met" in text
    assert "Decision: No further action" in text
    assert "Timescales" not in text


def test_agency_letters_identify_the_child_whatever_the_minutes_setting(ws: Workspace) -> None:
    """Agencies match a letter to their own records by name and date of birth; the
    setting for full names in the minutes does not take them out of letters."""
    on_the_strategy_day()
    strategy = meeting_of(ws, the_child(ws), MeetingType.STRATEGY)
    for full_names in (False, True):
        settings.update_setting(ws, key="full_names_in_minutes", value=full_names)
        text = _texts(ws, strategy, RecipientRole.AGENCY)[0]
        assert "Child: Poppy Testcase (reference TEST-0001)" in text
        assert "Date of birth: " in text


def test_no_plan_letters(ws: Workspace) -> None:
    icpc = schedule(ws, the_child(ws), MeetingType.ICPC, dt.date(2026, 5, 27))
    hold(ws, icpc)
    conference.record_icpc_decision(
        ws, meeting_id=icpc, plan_needed=False, rationale="Fictional: no plan needed."
    )
    close(ws, icpc)
    parent = _texts(ws, icpc, RecipientRole.PARENT_CARER)[0]
    assert "Poppy does not need a child protection plan." in parent
    assert "review conference" not in parent
    agency = _texts(ws, icpc, RecipientRole.AGENCY)[0]
    assert "Decision: No child protection plan is needed" in agency
    assert "Core group" not in agency and "Category" not in agency


def test_a_change_of_category(on_plan: Workspace) -> None:
    rcpc = schedule(on_plan, the_child(on_plan), MeetingType.RCPC, dt.date(2026, 8, 20))
    hold(on_plan, rcpc)
    conference.record_rcpc_decision(
        on_plan,
        meeting_id=rcpc,
        outcome=ConferenceOutcome.CHANGE_CATEGORY,
        category=PlanCategory.EMOTIONAL_ABUSE,
        progress="p",
        rationale="r",
    )
    close(on_plan, rcpc)
    parent = _texts(on_plan, rcpc, RecipientRole.PARENT_CARER)[0]
    assert "From now on, the plan is about emotional abuse." in parent
    # No new lead practitioner was named: the ICPC's one is still the family's contact.
    assert "Sam Example-Social-Worker is your lead worker." in parent
    agency = _texts(on_plan, rcpc, RecipientRole.AGENCY)[0]
    assert "Category: Emotional abuse (EMO)" in agency


def test_a_bereaved_family_gets_a_short_kind_letter(on_plan: Workspace) -> None:
    from app.services.journey import discharge

    rcpc = schedule(on_plan, the_child(on_plan), MeetingType.RCPC, dt.date(2026, 8, 20))
    hold(on_plan, rcpc)
    for row in discharge.prefill_discharge_inputs(on_plan, meeting_id=rcpc):
        discharge.update_discharge_input(
            on_plan, input_id=row.id, asked_on=dt.date(2026, 8, 18), responded_on=None, response=""
        )
    discharge.record_discharge(
        on_plan,
        meeting_id=rcpc,
        reason=DischargeReason.DIED,
        ongoing_support=[OngoingSupport.FAMILY_HELP],
        progress="p",
        rationale="r",
    )
    close(on_plan, rcpc)
    parent = _texts(on_plan, rcpc, RecipientRole.PARENT_CARER)[0]
    assert parent.startswith("About Poppy's child protection plan")
    assert "We are very sorry for your loss." in parent
    assert "Family Help" not in parent and "Why the plan has ended" not in parent


def test_a_decision_must_be_recorded_first(ws: Workspace, tmp_path: Path) -> None:
    icpc = schedule(ws, the_child(ws), MeetingType.ICPC, dt.date(2026, 5, 27))
    hold(ws, icpc)
    # Closing now needs the decision; a conference closed before that rule may lack it.
    with ws.transaction() as session:
        meeting = session.get(Meeting, icpc)
        assert meeting is not None
        meeting.status = MeetingStatus.CLOSED
    with pytest.raises(ExportError, match="conference's decision is not recorded"):
        export_notifications(ws, meeting_id=icpc, out_dir=tmp_path / "out")
    assert not any((tmp_path / "out").iterdir())
    assert notifications.notification_log(ws, meeting_id=icpc) == []


def test_the_folder(ws: Workspace, tmp_path: Path) -> None:
    on_the_strategy_day()
    strategy = meeting_of(ws, the_child(ws), MeetingType.STRATEGY)
    with pytest.raises(ExportError, match="does not exist"):
        export_notifications(ws, meeting_id=strategy, out_dir=tmp_path / "no" / "such")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export_notifications(ws, meeting_id=strategy, out_dir=tmp_path / "file")
    assert notifications.notification_log(ws, meeting_id=strategy) == []

    out = tmp_path / "letters"
    export_notifications(ws, meeting_id=strategy, out_dir=out)  # created when missing
    assert len(json.loads((out / "manifest.json").read_text())) == 4
    assert out.stat().st_mode & 0o077 == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder")
def test_a_read_only_folder_leaves_nothing(ws: Workspace, tmp_path: Path) -> None:
    strategy = meeting_of(ws, the_child(ws), MeetingType.STRATEGY)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot write in"):
            export_notifications(ws, meeting_id=strategy, out_dir=locked)
    finally:
        locked.chmod(0o700)
    assert list(locked.iterdir()) == []
    assert notifications.notification_log(ws, meeting_id=strategy) == []


def test_a_failure_part_way_leaves_no_letters_and_no_log(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_the_strategy_day()
    strategy = meeting_of(ws, the_child(ws), MeetingType.STRATEGY)
    out = tmp_path / "letters"
    written = []

    def disk_full_on_the_third(self: object, path: str) -> None:
        written.append(path)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        original(self, path)

    original = docx.document.Document.save
    monkeypatch.setattr(docx.document.Document, "save", disk_full_on_the_third)
    with pytest.raises(ExportError, match="No space left on device"):
        export_notifications(ws, meeting_id=strategy, out_dir=out)
    assert list(out.iterdir()) == []  # not even the hidden staging folder
    assert notifications.notification_log(ws, meeting_id=strategy) == []


def test_a_folder_with_files_in_it_keeps_every_one(ws: Workspace, tmp_path: Path) -> None:
    on_the_strategy_day()
    child = the_child(ws)
    out = tmp_path / "letters"
    out.mkdir()
    (out / "minutes.docx").write_bytes(b"the minutes")
    (out / "letter-01-agency.docx").write_bytes(b"someone else's")
    invitation = schedule(ws, child, MeetingType.ICPC, dt.date(2026, 12, 10))
    first = export_notifications(ws, meeting_id=invitation, out_dir=out)
    assert len(first.entries) == 6
    assert first.manifest == out / "manifest.json"
    assert first.entries[0].file == "letter-01-agency-2.docx"
    assert "letter-01-agency.docx" not in {e.file for e in first.entries}
    strategy = meeting_of(ws, child, MeetingType.STRATEGY)
    second = export_notifications(ws, meeting_id=strategy, out_dir=out)
    assert second.manifest == out / "manifest-2.json"

    # Nothing that was there is touched, and nothing written once is written over.
    assert (out / "minutes.docx").read_bytes() == b"the minutes"
    assert (out / "letter-01-agency.docx").read_bytes() == b"someone else's"
    files = [e.file for e in (*first.entries, *second.entries)]
    assert len(set(files)) == len(files)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["minutes.docx", "letter-01-agency.docx", "manifest.json", "manifest-2.json", *files]
    )
    for written in (first, second):
        listed = json.loads(written.manifest.read_text())
        assert [e["file"] for e in listed] == [e.file for e in written.entries]
    paragraphs = [p.text for p in docx.Document(str(out / second.entries[0].file)).paragraphs]
    assert "Strategy meeting: outcome" in paragraphs
    assert second.entries[0].file == "letter-01-agency-3.docx"
    logged = {n.file_name for n in notifications.notification_log(ws, meeting_id=strategy)}
    assert logged == {e.file for e in second.entries}


def test_agency_letters_give_the_nhs_number_upn_or_expected_date_where_held(
    ws: Workspace,
) -> None:
    on_the_strategy_day()
    child = the_child(ws)
    strategy = meeting_of(ws, child, MeetingType.STRATEGY)
    assert "NHS number" not in _texts(ws, strategy, RecipientRole.AGENCY)[0]
    for field, value in (
        ("nhs_number", "999 000 0018"),
        ("upn", "A999999999999"),
        ("date_of_birth", None),
        ("expected_date_of_birth", "2027-03-20"),
    ):
        records.save_field(ws, table="child", record_id=child.child_id, field=field, value=value)
    text = _texts(ws, strategy, RecipientRole.AGENCY)[0]
    assert "NHS number: 999 000 0018" in text
    assert "Unique pupil number (UPN): A999999999999" in text
    assert "Unborn: expected date of birth: Saturday 20 March 2027" in text
    assert "Date of birth:" not in text
    assert cases.get_case(ws, case_id=child.case_id).nhs_number == "999 000 0018"


def _closed_review(ws: Workspace, timeframe: IcpcTimeframe, later: dt.date | None = None) -> str:
    child = the_child(ws)
    meeting_id = schedule(ws, child, MeetingType.REVIEW, REVIEW_DUE)
    hold(ws, meeting_id)
    review.record_icpc_timeframe(
        ws,
        meeting_id=meeting_id,
        timeframe=timeframe,
        target_date=later,
        reason="Fictional: the police interview is not yet done.",
        exceptional_circumstances_confirmed=True,
    )
    safety_plan.create_safety_plan(
        ws,
        case_id=child.case_id,
        meeting_id=meeting_id,
        agreed_by="Pat Testcase (mother)",
        items=[
            safety_plan.SafetyPlanItemInput(
                worry="Fictional worry.",
                keeps_safe="An adult is at home.",
                responsible_name="Pat Testcase",
                by_when="From today",
                how_we_know="Visits.",
                contingency="Grandmother.",
            )
        ],
    )
    close(ws, meeting_id)
    return meeting_id


@pytest.mark.parametrize("timeframe", [IcpcTimeframe.EXTENDED, IcpcTimeframe.NOT_NEEDED])
def test_a_five_day_review_tells_the_parents_when_the_conference_moves_or_is_not_needed(
    ws: Workspace, tmp_path: Path, timeframe: IcpcTimeframe
) -> None:
    later = dt.date(2026, 6, 9) if timeframe is IcpcTimeframe.EXTENDED else None
    meeting_id = _closed_review(ws, timeframe, later)
    clock.set_clock(lambda: dt.datetime.combine(REVIEW_DUE, dt.time(17), tzinfo=dt.UTC))
    done = export_notifications(ws, meeting_id=meeting_id, out_dir=tmp_path / "letters")
    assert [(e.role, e.kind) for e in done.entries] == [
        (RecipientRole.PARENT_CARER, "review-decision")
    ] * len(done.entries)
    assert done.entries
    text = "\n".join(
        p.text for p in docx.Document(str(done.folder / done.entries[0].file)).paragraphs
    )
    if timeframe is IcpcTimeframe.EXTENDED:
        assert "The meeting about Poppy will be later" in text
        assert "We will hold it by Tuesday 9 June 2026." in text
        assert "solicitor" in text
    else:
        assert "There will be no meeting about Poppy" in text
    # The review's reasons are the professionals' words: never in a parent's letter.
    assert "police interview" not in text
    rows = notifications.notification_log(ws, meeting_id=meeting_id)
    assert {r.kind.value for r in rows} == {"review-decision"}


def test_a_review_that_keeps_the_conference_in_time_sends_no_letter(ws: Workspace) -> None:
    meeting_id = _closed_review(ws, IcpcTimeframe.WITHIN_15_DAYS)
    assert load_letters(ws, meeting_id=meeting_id) == []
