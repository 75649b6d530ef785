"""Report figures against the hand-counted period in tests/reporting_fixture.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from app.errors import ValidationError
from app.exporters.report import attendance_sentence
from app.models import PlanCategory, StatutoryRole
from app.services.reporting import NOT_RECORDED, ReportFigures, Share, report_figures
from app.storage.workspace import Workspace
from tests.reporting_fixture import END, EXTENSION_REASON, START, build_reporting_workspace


@pytest.fixture(scope="module")
def reporting_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = build_reporting_workspace(tmp_path_factory.mktemp("report"))
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def figures(reporting_workspace: Workspace) -> ReportFigures:
    return report_figures(reporting_workspace, start=START, end=END)


def test_strategy_meetings_and_their_outcomes(figures: ReportFigures) -> None:
    assert figures.strategy_meetings == 5
    counts = {c.label: c.count for c in figures.outcomes}
    assert counts == {
        "S47 (single-agency)": 1,
        "S47 (joint with police)": 1,
        "NFA under s47, with support": 1,
        "No further action": 1,
        "Police protection": 0,
        "Emergency protection order": 0,
        "Reconvene": 0,
        NOT_RECORDED: 1,
    }
    assert figures.threshold_met == Share(2, 4)
    assert figures.threshold_met.text == "2 of 4 (50%)"


def test_icpc_timeliness_and_extensions(figures: ReportFigures) -> None:
    assert figures.icpc_within_15_days == Share(1, 3)
    assert figures.icpc_within_15_days.text == "1 of 3 (33%)"
    assert figures.icpcs_without_strategy == 1
    assert len(figures.extensions) == 1
    extension = figures.extensions[0]
    assert extension.decided_on == dt.date(2026, 10, 12)
    assert extension.default_due == dt.date(2026, 10, 26)
    assert extension.target_date == dt.date(2026, 11, 9)
    # The reason is the case record's free text: the report says only whether
    # exceptional circumstances were confirmed.
    assert extension.exceptional_circumstances is True
    assert EXTENSION_REASON not in repr(figures)


def test_plans_by_category_length_and_discharge(figures: ReportFigures) -> None:
    by_category = {c.category: (c.started, c.ended) for c in figures.plans_by_category}
    assert by_category == {
        PlanCategory.NEGLECT: (1, 1),
        PlanCategory.PHYSICAL_ABUSE: (1, 1),
        PlanCategory.SEXUAL_ABUSE: (2, 1),
        PlanCategory.EMOTIONAL_ABUSE: (1, 0),
        PlanCategory.MULTIPLE: (0, 0),
    }
    assert (figures.plans_started, figures.plans_ended) == (5, 3)
    assert figures.average_plan_days == pytest.approx(494 / 3)
    reasons = {c.label: c.count for c in figures.discharge_reasons}
    assert reasons["No longer at risk of significant harm"] == 1
    assert reasons["Moved to another authority (plan transferred)"] == 1
    assert reasons["Turned 18"] == 0
    assert reasons[NOT_RECORDED] == 1


def test_attendance_by_statutory_agency(figures: ReportFigures) -> None:
    assert figures.meetings_held == 10
    shares = {f.role: (f.attended, f.represented) for f in figures.attendance}
    assert shares == {
        StatutoryRole.SOCIAL_CARE: (Share(10, 10), Share(10, 10)),
        StatutoryRole.POLICE: (Share(3, 10), Share(4, 10)),
        StatutoryRole.HEALTH: (Share(1, 10), Share(1, 10)),
        StatutoryRole.EDUCATION: (Share(0, 10), Share(0, 10)),
    }


def test_attendance_says_how_many_meetings_recorded_it(figures: ReportFigures) -> None:
    # Every meeting held in the fixture recorded attendance; 17 people were on the
    # lists (two police officers at one), 15 attended.
    assert figures.attendance_recorded == Share(10, 10)
    assert figures.invitees_attended == Share(15, 17)
    assert attendance_sentence(figures) == (
        "Attendance was recorded at 10 of 10 meetings held. At those 10, 88% of the people "
        "invited attended (15 of 17). Each agency's figure is the share of those 10 meetings "
        "at which someone from it attended."
    )
    sparse = dataclasses.replace(
        figures, attendance_recorded=Share(16, 109), invitees_attended=Share(40, 262)
    )
    assert attendance_sentence(sparse).startswith(
        "Attendance was recorded at 16 of 109 meetings held; 93 recorded none and are left out. "
        "At those 16, 15% of the people invited attended (40 of 262)."
    )
    nothing = dataclasses.replace(figures, attendance_recorded=Share(0, 109))
    assert attendance_sentence(nothing) == (
        "None of the 10 meetings held recorded attendance, so there is no attendance to report."
    )


def test_a_quiet_period_reports_nothing_to_count(reporting_workspace: Workspace) -> None:
    quiet = report_figures(reporting_workspace, start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 31))
    assert quiet.strategy_meetings == 0
    assert quiet.threshold_met.rate is None
    assert quiet.threshold_met.text == "none to count"
    assert quiet.average_plan_days is None
    assert all(c.count == 0 for c in quiet.outcomes)


def test_a_period_that_ends_before_it_starts_is_refused(reporting_workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        report_figures(reporting_workspace, start=END, end=START)
