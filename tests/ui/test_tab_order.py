"""Tab follows the reading order on every step of every kind of meeting: from the
item's first field, each field Tab reaches on the page is below the one before, or
beside it to the right (a test walks each focus chain)."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.models import MeetingStatus, MeetingType
from app.services.meeting_list import list_meetings
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from app.ui.meeting import MeetingView
from tests.conftest import PASSPHRASE
from tests.helpers import workspaces
from tests.ui.test_meeting_support import press


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workspaces.template("demo", tmp_path_factory.mktemp, workspaces.demo)


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Workspace]:
    target = tmp_path / "demo.macpt"
    shutil.copyfile(demo_file, target)
    target.chmod(0o600)
    workspace = open_workspace(target, PASSPHRASE)
    yield workspace
    workspace.close()


def _rect(widget: QWidget, page: QWidget) -> QRect:
    return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())


def out_of_order(chain: list[QWidget], page: QWidget) -> list[str]:
    """Pairs in which Tab goes up, or left along the same row."""
    found = []
    for before, after in itertools.pairwise(chain):
        a, b = _rect(before, page), _rect(after, page)
        same_row = b.top() < a.bottom() and a.top() < b.bottom()
        if b.bottom() <= a.top() or (same_row and b.right() <= a.left()):
            found.append(f"{before.accessibleName()!r} → {after.accessibleName()!r}")
    return found


def page_chain(view: MeetingView) -> list[QWidget]:
    """The fields Tab reaches on the current item's page, from its first field."""
    page = view.current_page
    start = page.first_field()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    chain = [start]
    for _ in range(150):
        current = QApplication.focusWidget()
        assert current is not None
        press(current, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        if after is None or after is start or not page.isAncestorOf(after):
            break
        if after.isVisible():
            chain.append(after)
    return chain


@pytest.mark.parametrize("kind", list(MeetingType))
def test_tab_follows_the_reading_order_on_every_step(
    demo: Workspace, qtbot: QtBot, kind: MeetingType
) -> None:
    meeting = next(
        m
        for m in list_meetings(demo)
        if m.meeting_type is kind and m.status is MeetingStatus.IN_PROGRESS
    )
    view = MeetingView(demo, meeting.id)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    problems = {}
    for index in range(len(view.state.flow.steps)):
        view.go_to_item(index)
        found = out_of_order(page_chain(view), view.current_page)
        if found:
            problems[view.state.flow.current.title] = found
    assert problems == {}


def dialog_chain(dialog: QWidget) -> list[QWidget]:
    """The controls Tab visits in ``dialog``, from its first, once round."""
    start = dialog.focusWidget() or dialog.nextInFocusChain()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    start = QApplication.focusWidget() or start
    chain = [start]
    for _ in range(80):
        current = QApplication.focusWidget()
        assert current is not None
        press(current, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        if after is None or after is start or after in chain:
            break
        chain.append(after)
    return chain


def dialog_problems(dialog: QWidget) -> list[str]:
    # The buttons at the foot follow the platform's order: they are one row, read apart.
    cycle = [w for w in dialog_chain(dialog) if not isinstance(w.parent(), QDialogButtonBox)]
    if not cycle:
        return []
    # Read from the top left, wherever the dialog puts the cursor first.
    first = min(
        range(len(cycle)),
        key=lambda i: (_rect(cycle[i], dialog).top(), _rect(cycle[i], dialog).left()),
    )
    return out_of_order(cycle[first:] + cycle[:first], dialog)


def test_tab_follows_the_reading_order_in_every_dialog(demo: Workspace, qtbot: QtBot) -> None:
    from app.services import cases
    from app.services.contexts import list_contexts
    from app.ui.dialogs.change_passphrase import ChangePassphraseDialog
    from app.ui.dialogs.consultation import ConsultationDialog
    from app.ui.dialogs.context_dialogs import (
        DisruptionDialog,
        NewContextDialog,
        ResponsibleDialog,
    )
    from app.ui.dialogs.family_member import FamilyMemberDialog
    from app.ui.dialogs.new_case import NewCaseDialog
    from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog
    from app.ui.meeting.action_form import QuickActionDialog
    from app.ui.meeting.closing_dialog import ClosingDialog
    from app.ui.meeting.invitations_dialog import InvitationsDialog
    from app.ui.meeting.walk_in import ArrivalPicker

    case = cases.list_cases(demo)[0]
    context_id = list_contexts(demo)[0].id
    meeting = next(
        m
        for m in list_meetings(demo)
        if m.meeting_type is MeetingType.STRATEGY and m.status is MeetingStatus.IN_PROGRESS
    )
    view = MeetingView(demo, meeting.id)
    qtbot.addWidget(view)
    dialogs = [
        NewCaseDialog(demo),
        FamilyMemberDialog(demo, case.child_id),
        ScheduleMeetingDialog(demo, case.case_id),
        ChangePassphraseDialog(demo),
        ConsultationDialog(demo),
        NewContextDialog(demo),
        ResponsibleDialog(demo, context_id),
        DisruptionDialog(demo, context_id),
        QuickActionDialog(view.state),
        ClosingDialog(view.state),
        InvitationsDialog(demo, meeting.id),
        ArrivalPicker(view.state),
    ]
    problems = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        found = dialog_problems(dialog)
        if found:
            problems[type(dialog).__name__] = found
        dialog.reject()
    assert problems == {}
