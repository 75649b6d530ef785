"""Calendar invitations: parsed back with icalendar; no child's or family's name in the bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from app.errors import ExportError
from app.exporters.invite import export_invite
from app.models import MeetingType
from app.services import records, settings
from app.storage.workspace import Workspace
from tests.test_journey_fixtures import (
    FATHER_ADDRESS,
    MOTHER_ADDRESS,
    after_strategy,
    opened_copy,
    schedule,
    the_child,
)

PRIVATE = ["Poppy", "Testcase", "Pat", "Chris", "Other", "Sample Street", "Elsewhere"]


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-strategy", after_strategy)
    settings.update_setting(
        workspace, key="lcpp_contact", value="Phone 01632 960500\nmacpt@example.org"
    )
    yield workspace
    workspace.close()


def _event(path: Path) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    return event


def _assert_private(path: Path) -> None:
    raw = path.read_bytes().lower()
    for word in PRIVATE:
        assert word.lower().encode() not in raw, word


def test_a_conference_in_winter_and_in_summer(ws: Workspace, tmp_path: Path) -> None:
    child = the_child(ws)
    for day, utc_hour in ((dt.date(2026, 12, 10), 10), (dt.date(2027, 6, 10), 9)):
        meeting_id = schedule(ws, child, MeetingType.ICPC, day)
        path = export_invite(ws, meeting_id=meeting_id, target=tmp_path / f"{day}.ics")
        event = _event(path)
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert start.tzinfo is not None and str(start.tzinfo) == "Europe/London"
        assert (start.date(), start.time()) == (day, dt.time(10, 0))
        assert start.astimezone(dt.UTC).hour == utc_hour  # GMT in December, BST in June
        assert end - start == dt.timedelta(minutes=90)
        assert str(event["summary"]) == "Initial child protection conference, TEST-0001"
        assert str(event["location"]) == "Room 1, Sampletown Civic Centre"
        assert "TEST-0001" in str(event["description"])
        assert str(event["organizer"]) == "mailto:macpt@example.org"
        assert event["organizer"].params["cn"] == "Lee Example-Chair"
        assert str(event["class"]) == "CONFIDENTIAL"
        assert event["uid"] == f"{meeting_id}@macpt-companion"
        assert (
            b"BEGIN:VTIMEZONE" in path.read_bytes() and b"TZID:Europe/London" in path.read_bytes()
        )
        assert path.stat().st_mode & 0o077 == 0
        _assert_private(path)


def test_online_and_without_a_time(ws: Workspace, tmp_path: Path) -> None:
    meeting_id = schedule(ws, the_child(ws), MeetingType.RCPC, dt.date(2026, 12, 10))
    for field, value in (
        ("location", ""),
        ("online_link", "https://meet.example.org/abc-def"),
        ("scheduled_time", None),
    ):
        records.save_field(ws, table="meeting", record_id=meeting_id, field=field, value=value)
    event = _event(export_invite(ws, meeting_id=meeting_id, target=tmp_path / "i.ics"))
    assert str(event["location"]) == "Online"
    assert str(event["url"]) == "https://meet.example.org/abc-def"
    assert "Join online: https://meet.example.org/abc-def" in str(event["description"])
    assert event.decoded("dtstart") == dt.date(2026, 12, 10)
    assert event.decoded("dtend") == dt.date(2026, 12, 11)


def test_a_place_naming_the_family_is_refused(ws: Workspace, tmp_path: Path) -> None:
    meeting_id = schedule(ws, the_child(ws), MeetingType.ICPC, dt.date(2026, 12, 10))
    for place in ("The Testcase family home", "Pat's kitchen", "poppy's school"):
        records.save_field(ws, table="meeting", record_id=meeting_id, field="location", value=place)
        with pytest.raises(ExportError, match="Calendars are not secure"):
            export_invite(ws, meeting_id=meeting_id, target=tmp_path / "i.ics")
    assert list(tmp_path.glob("*.ics")) == []
    # Words that merely contain a name are fine ("Patterson House" is not "Pat").
    records.save_field(
        ws, table="meeting", record_id=meeting_id, field="location", value="Patterson House"
    )
    export_invite(ws, meeting_id=meeting_id, target=tmp_path / "i.ics")


def test_sending_again_updates_the_same_event(ws: Workspace, tmp_path: Path) -> None:
    meeting_id = schedule(ws, the_child(ws), MeetingType.ICPC, dt.date(2026, 12, 10))
    first = _event(export_invite(ws, meeting_id=meeting_id, target=tmp_path / "a.ics"))
    second = _event(export_invite(ws, meeting_id=meeting_id, target=tmp_path / "b.ics"))
    assert first["uid"] == second["uid"]
    assert (first["sequence"], second["sequence"]) == (0, 1)


def test_organiser_without_an_address_and_bad_targets(ws: Workspace, tmp_path: Path) -> None:
    settings.update_setting(ws, key="lcpp_contact", value="")
    meeting_id = schedule(ws, the_child(ws), MeetingType.ICPC, dt.date(2026, 12, 10))
    event = _event(export_invite(ws, meeting_id=meeting_id, target=tmp_path / "a.ics"))
    assert str(event["organizer"]) == "invalid:nomail"
    with pytest.raises(ExportError, match=r"does not end in \.ics"):
        export_invite(ws, meeting_id=meeting_id, target=tmp_path / "a.txt")
    with pytest.raises(ExportError, match="does not exist"):
        export_invite(ws, meeting_id=meeting_id, target=tmp_path / "nope" / "a.ics")


def test_a_place_with_an_address_or_a_postcode_is_refused(ws: Workspace, tmp_path: Path) -> None:
    """A calendar syncs to phones: a place that gives where the family lives, or any
    postcode, is refused with a request for a neutral place name."""
    meeting_id = schedule(ws, the_child(ws), MeetingType.ICPC, dt.date(2026, 12, 10))
    street = MOTHER_ADDRESS.replace("\n", ",").split(",")[0]
    for place in (
        "21 Pretend Parade, Sampletown, ZZ99 5EE",
        "Family centre (ZZ99 9ZZ)",
        "zz991aa",
        f"Flat 2, {street.upper()}",
        FATHER_ADDRESS,
    ):
        records.save_field(ws, table="meeting", record_id=meeting_id, field="location", value=place)
        with pytest.raises(ExportError, match="Children's services, room 2") as refused:
            export_invite(ws, meeting_id=meeting_id, target=tmp_path / "i.ics")
        assert "postcode" in str(refused.value) or "address" in str(refused.value), place
    assert list(tmp_path.glob("*.ics")) == []
    for place in ("Children's services, room 2", "Online", "Room 12, Civic Centre"):
        records.save_field(ws, table="meeting", record_id=meeting_id, field="location", value=place)
        event = _event(export_invite(ws, meeting_id=meeting_id, target=tmp_path / "i.ics"))
        assert str(event["location"]) == place
        assert "TEST-0001" in str(event["summary"])
