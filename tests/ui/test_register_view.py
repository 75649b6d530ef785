"""The register view: a checked table model that loads rows as it scrolls,
filters, search, and names hidden with one keystroke."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.models import IcpcTimeframe, PlanCategory
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from app.ui.register import RegisterView
from app.ui.register.cells import COL, HIDDEN_NAME
from app.ui.register.model import CASE_ID_ROLE, RegisterModel
from app.ui.register.view import EMPTY_REGISTER, NO_MATCH
from tests.conftest import PASSPHRASE
from tests.test_register_service import Journey

FIRST = ("Poppy", "Alfie", "Ruby", "Noah", "Ivy")
LAST = ("Example", "Sample", "Testwood")
LCPPS = ("Sam Demo-Lead", "Riley Demo-Chair", "Morgan Demo-Lead")
# On Monday 23 November 2026 (the tests' today), by reference: children 0 to 4
# have an open enquiry with the review overdue; 5 to 9 one whose ICPC was
# extended to 4 December; 10 to 14 a plan, 10 and 11 with a review conference overdue.
CHILDREN = 15
NAMES = {f"{FIRST[n % 5]} {LAST[n % 3]}{n}" for n in range(CHILDREN)}


@pytest.fixture(autouse=True)
def names_shown_at_first(monkeypatch: pytest.MonkeyPatch) -> None:
    # Hiding names is remembered for the next register; each test starts afresh.
    monkeypatch.setattr(RegisterView, "hide_names_from_start", False)


@pytest.fixture(scope="module")
def register_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path_factory.mktemp("register-ui") / "w.macpt", PASSPHRASE)
    for n in range(CHILDREN):
        journey = Journey(
            workspace, f"TEST-{n:04d}", FIRST[n % 5], f"{LAST[n % 3]}{n}", lcpp=LCPPS[n % 3]
        ).strategy()
        if 5 <= n < 10:
            journey.review(IcpcTimeframe.EXTENDED, dt.date(2026, 12, 4))
        elif n >= 10:
            review = dt.date(2026, 11, 20) if n < 12 else dt.date(2027, 2, 15)
            category = PlanCategory.NEGLECT if n % 2 else PlanCategory.SEXUAL_ABUSE
            journey.review().plan(category, review)
    yield workspace
    workspace.close()


@pytest.fixture
def view(qtbot: QtBot, register_workspace: Workspace) -> Iterator[RegisterView]:
    widget = RegisterView(register_workspace)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.clear()


def refs(view: RegisterView) -> list[str]:
    model = view.model
    return [model.row_at(row).child for row in range(model.rowCount())]


def every_text(model: RegisterModel) -> str:
    """Every string the model gives for any cell in any role."""
    texts = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in range(0, 300):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append(value)
    return "\n".join(texts)


def test_the_model_passes_the_model_tester(
    qtmodeltester: object, register_workspace: Workspace
) -> None:
    model = RegisterModel(register_workspace)
    model.page_size = 4
    model.reload()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.fetchMore(QModelIndex())
    model.set_names_hidden(True)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.sort(COL["next_review_due"], Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_register_shows_every_child_with_their_clocks(view: RegisterView) -> None:
    assert refs(view) == [f"TEST-{n:04d}" for n in range(CHILDREN)]
    model = view.model
    first, extended, on_plan = (model.index(n, 0).row() for n in (0, 5, 10))
    assert model.data(model.index(first, COL["name"])) == "Poppy Example0"
    assert model.data(model.index(first, COL["status"])) == "Section 47"
    assert model.data(model.index(first, COL["review_due"])) == "9 Nov 2026"
    assert model.data(model.index(first, COL["overdue"])) == "Review"  # the ICPC is due today
    assert model.data(model.index(extended, COL["icpc_due"])) == "4 Dec 2026 (extended)"
    assert model.data(model.index(on_plan, COL["status"])) == "CP plan"
    assert model.data(model.index(on_plan, COL["category"])) == "Sexual abuse"
    assert model.data(model.index(on_plan, COL["overdue"])) == "RCPC"
    assert model.data(model.index(on_plan, COL["icpc_due"])) == "Held 23 Nov 2026"
    tooltip = model.data(model.index(first, COL["review_due"]), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Monday 9 November 2026"
    marked = model.data(model.index(first, COL["review_due"]), Qt.ItemDataRole.BackgroundRole)
    assert marked is not None
    assert model.data(model.index(first, COL["child"]), Qt.ItemDataRole.BackgroundRole) is None


def test_rows_load_as_the_table_scrolls(
    qtbot: QtBot, register_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RegisterModel, "page_size", 4)
    widget = RegisterView(register_workspace)
    qtbot.addWidget(widget)
    widget.resize(900, 260)
    widget.show()
    qtbot.waitExposed(widget)
    model = widget.model
    assert model.rowCount() == 4
    assert model.canFetchMore()
    while model.canFetchMore():
        loaded = model.rowCount()
        with qtbot.waitSignal(model.rows_loaded, timeout=3000):
            widget.table.scrollToBottom()
        assert model.rowCount() > loaded
    assert refs(widget) == [f"TEST-{n:04d}" for n in range(CHILDREN)]
    widget.clear()


def test_ctrl_h_hides_every_name_and_brings_them_back(qtbot: QtBot, view: RegisterView) -> None:
    model = view.model
    assert any(name in every_text(model) for name in NAMES)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert model.names_hidden
    text = every_text(model)
    assert [name for name in NAMES if name in text] == []
    assert all(part not in text for name in NAMES for part in name.split()[1:])
    assert all(model.row_at(row).child_name == "" for row in range(model.rowCount()))
    assert {model.data(model.index(row, COL["name"])) for row in range(model.rowCount())} == {
        HIDDEN_NAME
    }
    assert view.filter_bar.hide_names.isChecked()
    assert view.filter_bar.hide_names.text().startswith("Show names")
    # A name typed into the search box is not shown either.
    assert view.filter_bar.search.echoMode() is QLineEdit.EchoMode.Password

    # Rows fetched while names are hidden arrive without them.
    with qtbot.waitSignal(model.rows_loaded):
        view.filter_bar.status.setCurrentIndex(view.filter_bar.status.findData("cp-plan"))
    assert model.rowCount() == 5
    assert [name for name in NAMES if name in every_text(model)] == []

    # The same key works from the search box, and shows the names again.
    view.filter_bar.search.setFocus()
    with qtbot.waitSignal(model.modelReset):
        qtbot.keyClick(view.filter_bar.search, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert not model.names_hidden
    assert model.data(model.index(0, COL["name"])) == "Poppy Sample10"
    assert view.filter_bar.search.echoMode() is QLineEdit.EchoMode.Normal


@pytest.mark.parametrize(
    ("choose", "expected", "overdue"),
    [
        (lambda bar: bar.status.setCurrentIndex(bar.status.findData("s47")), range(10), 5),
        (
            lambda bar: bar.status.setCurrentIndex(bar.status.findData("cp-plan")),
            range(10, 15),
            2,
        ),
        (lambda bar: bar.overdue.setChecked(True), [0, 1, 2, 3, 4, 10, 11], None),
        (
            lambda bar: bar.category.setCurrentIndex(bar.category.findData("neglect")),
            [11, 13],
            1,
        ),
    ],
)
def test_filters(
    qtbot: QtBot, view: RegisterView, choose: object, expected: range, overdue: int | None
) -> None:
    with qtbot.waitSignal(view.model.rows_loaded):
        choose(view.filter_bar)  # type: ignore[operator]
    assert refs(view) == [f"TEST-{n:04d}" for n in expected]
    assert view.status_line.text().endswith("counting…")
    with qtbot.waitSignal(view.summary.counted, timeout=5000) as counted:
        pass  # the count follows a moment after the rows, off the GUI thread
    if overdue is None:  # only the overdue are shown
        assert counted.args == [len(expected), len(expected)]
        assert view.status_line.text() == f"{len(expected)} children with something overdue."
    else:
        assert counted.args == [len(expected), overdue]
        assert view.status_line.text() == (
            f"{len(expected)} children match; {overdue} with something overdue."
        )


def test_the_lcpp_filter_offers_the_lcpps_in_the_register(
    qtbot: QtBot, register_workspace: Workspace
) -> None:
    widget = RegisterView(register_workspace)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.summary.lcpps_found, timeout=5000):
        widget.show()
    combo = widget.filter_bar.lcpp
    assert [combo.itemText(i) for i in range(combo.count())] == ["All LCPPs", *sorted(LCPPS)]
    assert widget.status_line.text() == (
        f"{CHILDREN} children in the register; 7 with something overdue."
    )
    with qtbot.waitSignal(widget.model.rows_loaded):
        combo.setCurrentIndex(combo.findData("Riley Demo-Chair"))
    assert refs(widget) == [f"TEST-{n:04d}" for n in range(1, CHILDREN, 3)]
    widget.clear()


def test_typing_in_the_search_box_narrows_the_register(qtbot: QtBot, view: RegisterView) -> None:
    qtbot.keyClicks(view.filter_bar.search, "ivy testw")
    # Ivy is child 4, 9 and 14; Testwood every third from child 2 ("test" alone
    # would match every reference).
    qtbot.waitUntil(lambda: refs(view) == ["TEST-0014"], timeout=3000)
    assert view.model.filters.search == "ivy testw"
    view.filter_bar.search.clear()
    qtbot.waitUntil(lambda: len(refs(view)) == CHILDREN, timeout=3000)
    qtbot.keyClicks(view.filter_bar.search, "nobody-here")
    qtbot.waitUntil(lambda: view.status_line.text() == NO_MATCH, timeout=3000)
    assert refs(view) == []


def test_names_stay_hidden_in_the_next_register_shown(
    qtbot: QtBot, register_workspace: Workspace
) -> None:
    first = RegisterView(register_workspace)
    qtbot.addWidget(first)
    first.filter_bar.hide_names.click()
    first.clear()  # the workspace locks; the main window builds a new register on unlock
    again = RegisterView(register_workspace)
    qtbot.addWidget(again)
    assert again.model.names_hidden
    assert again.filter_bar.hide_names.isChecked()
    assert [name for name in NAMES if name in every_text(again.model)] == []
    again.filter_bar.hide_names.click()
    assert [name for name in NAMES if name in every_text(again.model)] != []
    again.clear()
    assert not RegisterView(register_workspace, again).model.names_hidden


def test_ctrl_h_works_wherever_the_focus_is_in_the_window(
    qtbot: QtBot, register_workspace: Workspace
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    elsewhere = QLineEdit(window)  # the main window's navigation, say
    register = RegisterView(register_workspace, window)
    layout = QVBoxLayout(window)
    layout.addWidget(elsewhere)
    layout.addWidget(register)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    elsewhere.setFocus()
    qtbot.keyClick(elsewhere, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert register.model.names_hidden
    register.hide()  # another page is shown: the key is its to use
    resets: list[None] = []
    register.model.modelReset.connect(lambda: resets.append(None))
    # Shortcuts are matched as the key event is delivered, so nothing is left to wait for.
    qtbot.keyClick(elsewhere, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert resets == []
    assert register.model.names_hidden
    register.clear()


def test_usable_at_twice_the_text_size(
    qtbot: QtBot, qapp: QApplication, register_workspace: Workspace
) -> None:
    original = QFont(qapp.font())
    double = QFont(original)
    double.setPointSizeF(original.pointSizeF() * 2)
    qapp.setFont(double)
    try:
        widget = RegisterView(register_workspace)
        qtbot.addWidget(widget)
        # A 1280-pixel window less the main window's navigation.
        widget.resize(1060, 700)
        widget.show()
        qtbot.waitExposed(widget)
        assert widget.minimumSizeHint().width() <= 1060
        clipped = [
            button.text()
            for button in widget.findChildren(QAbstractButton)
            if button.isVisible() and button.width() < button.sizeHint().width()
        ]
        assert clipped == []
        widget.clear()
    finally:
        qapp.setFont(original)


def test_alt_s_goes_to_the_search_box(qtbot: QtBot, view: RegisterView) -> None:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.filter_bar.search.hasFocus)
    view.table.setFocus()
    view.focus_search()
    assert view.filter_bar.search.hasFocus()


def test_enter_on_a_row_opens_the_case(qtbot: QtBot, view: RegisterView) -> None:
    index = view.model.index(2, 0)
    view.table.setCurrentIndex(index)
    view.table.setFocus()
    with qtbot.waitSignal(view.case_activated) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [view.model.data(index, CASE_ID_ROLE)]
    assert opened.args[0] == view.model.row_at(2).case_id


def test_clicking_a_header_sorts(qtbot: QtBot, view: RegisterView) -> None:
    with qtbot.waitSignal(view.model.rows_loaded):
        view.table.sortByColumn(COL["next_review_due"], Qt.SortOrder.AscendingOrder)
    assert refs(view)[:5] == ["TEST-0010", "TEST-0011", "TEST-0012", "TEST-0013", "TEST-0014"]
    with qtbot.waitSignal(view.model.rows_loaded):
        view.table.sortByColumn(COL["child"], Qt.SortOrder.DescendingOrder)
    assert refs(view)[0] == "TEST-0014"


def test_an_empty_register_says_how_children_get_there(qtbot: QtBot, workspace: Workspace) -> None:
    widget = RegisterView(workspace)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.rowCount() == 0
    assert widget.status_line.text() == EMPTY_REGISTER
    widget.clear()


def test_clear_forgets_everything_shown(qtbot: QtBot, view: RegisterView) -> None:
    qtbot.keyClicks(view.filter_bar.search, "pop")
    view.clear()
    assert view.model.rowCount() == 0
    assert not view.model.canFetchMore()
    assert view.filter_bar.search.text() == ""
    assert view.filter_bar.lcpp.count() == 1
    texts = [
        w.text() for w in view.findChildren(QWidget) if hasattr(w, "text") and callable(w.text)
    ]
    assert [name for name in NAMES if any(name in str(t) for t in texts)] == []
    view.refresh()  # the workspace is forgotten: nothing comes back
    assert view.model.rowCount() == 0


def test_the_qt_binding_keeps_count_of_none(qtbot: QtBot, view: RegisterView) -> None:
    # PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call
    # returning nothing, until the interpreter aborted; a register repainting
    # as it scrolls makes thousands of such calls.
    # Whatever else frees objects meanwhile (the collector, a thread finishing) moves
    # the count by a few hundred at most; the fault would move it by one a call.
    viewport = view.table.viewport()
    QApplication.processEvents()
    calls = 5000
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(calls):
            viewport.update()
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    QApplication.processEvents()
    assert after >= before - calls // 5


def test_a_child_in_pre_proceedings_alone_is_listed_and_filtered(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from app.services.preproceedings import record_pre_proceedings

    Journey(workspace, "TEST-0100").strategy()
    alone = Journey(workspace, "TEST-0101")
    record_pre_proceedings(workspace, case_id=alone.case_id, decided_on=dt.date(2026, 11, 2))
    widget = RegisterView(workspace)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    assert refs(widget) == ["TEST-0100", "TEST-0101"]
    row = widget.model.row_at(1)
    assert row.status == "pre-proceedings" and row.overdue == ("pp-letter",)
    assert widget.model.data(widget.model.index(1, COL["status"])) == "Pre-proceedings"
    bar = widget.filter_bar
    with qtbot.waitSignal(widget.model.rows_loaded):
        bar.status.setCurrentIndex(bar.status.findData("pre-proceedings"))
    assert refs(widget) == ["TEST-0101"]
    widget.clear()
