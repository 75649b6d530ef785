"""Review-conference timeliness, repeat and long plans and consultations, split by where
the harm happened: the clock rule, the service's counts, and the report read back
(the .docx and the .csv, through ``macpt report``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from app.cli import main
from app.exporters.report_places import headline_pairs
from app.models import (
    Agency,
    CaseEpisode,
    Consultation,
    ConsultationOutcome,
    MeetingStatus,
    MeetingType,
    PlanCategory,
    StatutoryRole,
    ThresholdView,
)
from app.services.reporting import report_figures
from app.services.reporting_places import HarmPlace, PlaceFigure
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from app.workflow.journey_facts import CaseFacts, MeetingFact, PlanFact
from app.workflow.plan_timing import lasted_two_years, review_timings
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.journey_records import JourneyBuilder

D = dt.date
START, END = D(2026, 9, 1), D(2026, 11, 30)
NEGLECT = PlanCategory.NEGLECT
CANARY = "PLACES-CANARY"


def _rcpc(day: dt.date, status: MeetingStatus = MeetingStatus.CLOSED) -> MeetingFact:
    return MeetingFact(f"r-{day}", MeetingType.RCPC, day, status, FIXED_NOW)


def test_reviews_are_timed_3_months_from_the_plan_then_6_from_the_last() -> None:
    plan = PlanFact("p", D(2026, 1, 31), None, None, None, FIXED_NOW)
    case = CaseFacts(
        "c", "REF", True, None,
        (_rcpc(D(2026, 4, 30)), _rcpc(D(2026, 11, 1)), _rcpc(D(2027, 1, 5), MeetingStatus.SCHEDULED)),
        {}, (), (plan,),
    )  # fmt: skip
    timings = review_timings(case)
    assert [(t.latest, t.on_time) for t in timings] == [
        (D(2026, 4, 30), True),  # 31 January + 3 months: the month's last day
        (D(2026, 10, 30), False),
    ]
    assert lasted_two_years(D(2024, 2, 29), D(2026, 2, 28))
    assert not lasted_two_years(D(2024, 3, 1), D(2026, 2, 28))


def _place(case: CaseEpisode, *places: HarmPlace) -> None:
    case.harm_inside_home = HarmPlace.INSIDE in places
    case.harm_outside_home = HarmPlace.OUTSIDE in places
    case.harm_online = HarmPlace.ONLINE in places
    case.concern = CANARY


@pytest.fixture
def counted(tmp_path: Path) -> Workspace:
    """Children A to E, by hand:

    A (inside): a plan ended 1 March 2025; a second started 10 September 2026 (a
    repeat within two years). B (outside and online): plan from 1 May 2026, reviews
    30 July and 1 October (on time). C (inside): plan from 1 February 2026, first
    review 15 September (late: due by 1 May). D (none recorded): a plan from 1 March
    2024 ended 20 October 2026 (two years and more). E (online): a plan open since
    1 September 2024. Consultations: one about B led to a strategy meeting, one about
    an unknown child awaits follow-up.
    """
    workspace = create_workspace(tmp_path / "places.macpt", PASSPHRASE)
    workspace.actor = "Test Chair"
    with workspace.transaction() as session:
        b = JourneyBuilder(session)
        a = b.child("DEMOP-A", opened_on=D(2024, 6, 1))
        _place(a, HarmPlace.INSIDE)
        b.plan(a, None, D(2024, 7, 1), NEGLECT, end=D(2025, 3, 1))
        b.plan(a, b.meeting(a, MeetingType.ICPC, D(2026, 9, 10)), D(2026, 9, 10), NEGLECT)
        kid_b = b.child("DEMOP-B")
        _place(kid_b, HarmPlace.OUTSIDE, HarmPlace.ONLINE)
        b.plan(kid_b, b.meeting(kid_b, MeetingType.ICPC, D(2026, 5, 1)), D(2026, 5, 1), NEGLECT)
        b.meeting(kid_b, MeetingType.RCPC, D(2026, 7, 30))
        b.meeting(kid_b, MeetingType.RCPC, D(2026, 10, 1))
        c = b.child("DEMOP-C", opened_on=D(2026, 1, 1))
        _place(c, HarmPlace.INSIDE)
        b.plan(c, b.meeting(c, MeetingType.ICPC, D(2026, 2, 1)), D(2026, 2, 1), NEGLECT)
        b.meeting(c, MeetingType.RCPC, D(2026, 9, 15))
        d = b.child("DEMOP-D", opened_on=D(2024, 2, 1))
        d.concern = CANARY
        b.plan(d, None, D(2024, 3, 1), NEGLECT, end=D(2026, 10, 20))
        e = b.child("DEMOP-E", opened_on=D(2024, 8, 1))
        _place(e, HarmPlace.ONLINE)
        b.plan(e, None, D(2024, 9, 1), NEGLECT)
        police = session.scalars(
            select(Agency).where(Agency.statutory_role == StatutoryRole.POLICE)
        ).one()
        for case_id, outcome in ((kid_b.id, ConsultationOutcome.STRATEGY_MEETING), (None, None)):
            session.add(
                Consultation(
                    asked_on=D(2026, 10, 5),
                    asked_by_name="Sam Test-Officer",
                    agency_id=police.id,
                    case_id=case_id,
                    child_reference="" if case_id else "XY",
                    question=CANARY,
                    threshold_view=ThresholdView.UNCLEAR,
                    recorded_by="Test Chair",
                    outcome=outcome,
                )
            )
    return workspace


def _figure(figures: tuple[PlaceFigure, ...], measure: str) -> dict[str, str]:
    (found,) = [f for f in figures if f.measure == measure]
    shares = {"all": found.all, **{p.value: s for p, s in found.by_place}}
    return {k: f"{s.part}/{s.whole}" for k, s in shares.items()}


def test_every_figure_is_split_by_where_the_harm_happened(counted: Workspace) -> None:
    places = report_figures(counted, start=START, end=END).places
    assert places is not None
    f = places.figures
    assert _figure(f, "Held on time") == {
        "all": "1/2", "inside-home": "0/1", "outside-home": "1/1", "online": "1/1",
        "not-recorded": "0/0",
    }  # fmt: skip
    assert _figure(f, "The child's second or later plan")["all"] == "1/1"
    assert _figure(f, "Within two years of the child's last plan")["inside-home"] == "1/1"
    assert _figure(f, "Lasted two years or more") == {
        "all": "1/1", "inside-home": "0/0", "outside-home": "0/0", "online": "0/0",
        "not-recorded": "1/1",
    }  # fmt: skip
    assert _figure(f, "Open and lasting two years or more") == {
        "all": "1/4", "inside-home": "0/2", "outside-home": "0/1", "online": "1/2",
        "not-recorded": "0/0",
    }  # fmt: skip
    assert _figure(f, "Strategy meeting convened")["all"] == "1/2"
    assert _figure(f, "Strategy meeting convened")["online"] == "1/1"
    assert _figure(f, "Awaiting follow-up")["not-recorded"] == "1/1"
    assert headline_pairs(places)[0] == (
        "Review conferences: held on time (of review conferences held under a plan)",
        "1 of 2 (50%)",
    )


def test_macpt_report_reads_back_in_the_docx_and_the_csv(
    counted: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = counted.path
    counted.close()
    out, figures = tmp_path / "report.docx", tmp_path / "figures.csv"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["report", "--workspace", str(path), "--passphrase-stdin", "--from",
                 START.isoformat(), "--to", END.isoformat(), "--out", str(out),
                 "--csv", str(figures)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    with figures.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [
        "Review conferences", "Held on time: inside the home", "0", "1", "0",
        "out of review conferences held under a plan",
    ] in rows  # fmt: skip
    assert [
        "Long plans", "Open and lasting two years or more: online", "1", "2", "50",
        "out of plans open on the last day of the period",
    ] in rows  # fmt: skip
    assert ["Consultations", "Awaiting follow-up: not recorded", "1", "1", "100",
            "out of consultations asked in the period"] in rows  # fmt: skip
    document = docx.Document(str(out))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text.startswith("Measure")]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == [
        "Measure (of what it counts)", "All", "Inside the home", "Outside the home", "Online",
        "Not recorded",
    ]  # fmt: skip
    assert [
        "Held on time (of review conferences held under a plan)", "1 of 2 (50%)", "0 of 1 (0%)",
        "1 of 1 (100%)", "1 of 1 (100%)", "none",
    ] in cells  # fmt: skip
    everything = "\n".join(
        [p.text for p in document.paragraphs] + [c for row in cells for c in row]
    ) + figures.read_text(encoding="utf-8-sig")  # fmt: skip
    assert CANARY not in everything and "DEMOP" not in everything
