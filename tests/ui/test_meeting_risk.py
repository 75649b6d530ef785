"""The risk-to-others step in meeting mode: the answer, its detail, and the closing rule."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.models import RiskAgency, RiskAssessment
from app.services.conduct.closing import start_meeting
from app.services.conduct.restriction import load_restrictions
from app.services.conduct.risk_to_others import load_risk_to_others
from app.ui.meeting.restriction_toggle import RestrictionToggle
from app.ui.meeting.steps.risk_to_others import RiskToOthersPage
from app.workflow import StepKind

pytest_plugins = ["tests.ui.test_meeting_support"]


def open_risk(view) -> RiskToOthersPage:
    (index,) = [
        i for i, step in enumerate(view.state.flow.steps) if step.kind is StepKind.RISK_TO_OTHERS
    ]
    view.go_to_item(index)
    page = view.current_page
    assert isinstance(page, RiskToOthersPage)
    return page


def test_a_risk_is_recorded_with_its_detail(strategy, open_view, qtbot: QtBot) -> None:
    start_meeting(strategy.workspace, meeting_id=strategy.meeting_id)
    view = open_view(strategy)
    page = open_risk(view)
    assert "pose a risk of harm to others" in page.gaps.text()
    assert not page.what.isEnabled()  # nothing to describe until there is a risk
    page.buttons[RiskAssessment.RISK].click()
    assert page.what.isEnabled() and not page.other.isEnabled()
    page.record.click()
    assert page.error.text() == "Say to whom the child may pose a risk. Say what the risk is."
    qtbot.keyClicks(page.to_whom, "Other pupils (test)")
    qtbot.keyClicks(page.what, "Threats made online (test)")
    page.agencies[RiskAgency.PREVENT].click()
    assert page.unrecorded() == "The risk to others has changes that are not recorded."
    page.record.click()
    stored = load_risk_to_others(strategy.workspace, meeting_id=strategy.meeting_id)
    assert stored is not None and stored.agencies == (RiskAgency.PREVENT,)
    assert stored.what == "Threats made online (test)"
    assert page.unrecorded() is None and not page.gaps.isVisible()
    # Restricted from the start: the toggle says so, and so do the rules.
    (toggle,) = page.what.findChildren(RestrictionToggle)
    assert toggle.isChecked()
    rules = load_restrictions(strategy.workspace, meeting_id=strategy.meeting_id)
    assert rules.restricted("risk_to_others", strategy.meeting_id, "detail", stored.detail)


def test_none_known_is_one_click_and_a_button(strategy, open_view) -> None:
    start_meeting(strategy.workspace, meeting_id=strategy.meeting_id)
    view = open_view(strategy)
    page = open_risk(view)
    page.buttons[RiskAssessment.NONE_KNOWN].click()
    page.record.click()
    stored = load_risk_to_others(strategy.workspace, meeting_id=strategy.meeting_id)
    assert stored is not None and stored.assessment is RiskAssessment.NONE_KNOWN
    assert page.stamp.text() == "Recorded by Test Chair: None known."
