"""The Contexts page: the demo's bus station, a new context, a disruption entry, a
responsible body, and a meeting about the linked children scheduled from it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from app.services.demo import contexts as contexts_demo
from app.services.meeting_list import list_meetings
from app.services.workspace import open_workspace
from app.ui.dialogs.context_dialogs import (
    DisruptionDialog,
    NewContextDialog,
    ResponsibleDialog,
    ScheduleSittingDialog,
)
from app.ui.main_window import MainWindow
from app.ui.pages.contexts import ContextsPage
from tests.conftest import PASSPHRASE
from tests.ui.conftest import _copy, answer_modal
from tests.ui.text_size import text_size


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """The core demo with the bus station and its three children's sitting."""
    path = _copy(demo_template, tmp_path / "demo.macpt")
    with open_workspace(path, PASSPHRASE) as workspace:
        workspace.actor = "Test Chair"
        contexts_demo.add(workspace)
    return path


def _page(window: MainWindow) -> ContextsPage:
    window.show_page("contexts")
    page = window.pages["contexts"]
    assert isinstance(page, ContextsPage)
    return page


def _fill(kind: type[QWidget], fill: Callable[[QWidget], None]) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, kind)
        fill(dialog)
        assert dialog.ok_button is not None  # type: ignore[attr-defined]
        dialog.ok_button.click()  # type: ignore[attr-defined]
        assert not dialog.isVisible(), dialog.error.text()  # type: ignore[attr-defined]

    return answer


def test_the_demo_bus_station_is_listed_with_its_children_and_log(
    window: MainWindow, qtmodeltester: object
) -> None:
    page = _page(window)
    assert [r.name for r in page.model.rows()] == ["Sampletown bus station"]
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.detail is not None
    assert [c.la_child_ref for c in page.children_model.rows()] == [
        "DEMOX001",
        "DEMOX002",
        "DEMOX003",
    ]
    assert len(page.responsible_model.rows()) == 2
    assert len(page.disruption_model.rows()) == 1
    assert page.schedule_button.isEnabled()


def test_record_a_context_its_operator_and_disruption(window: MainWindow, qtbot: QtBot) -> None:
    page = _page(window)

    def new(dialog: QWidget) -> None:
        assert isinstance(dialog, NewContextDialog)
        qtbot.keyClicks(dialog.name, "Sampletown skate park (test)")
        dialog.description.setPlainText("Open late; unlit at the far end.")

    answer_modal(_fill(NewContextDialog, new))
    page.new_button.click()
    assert page.detail is not None and page.detail.summary.name == "Sampletown skate park (test)"

    def operator(dialog: QWidget) -> None:
        assert isinstance(dialog, ResponsibleDialog)
        qtbot.keyClicks(dialog.name, "Sampletown Leisure (test)")
        dialog.kind.setCurrentIndex(dialog.kind.findData("council"))

    answer_modal(_fill(ResponsibleDialog, operator))
    page.add_responsible_button.click()
    assert [r.name for r in page.responsible_model.rows()] == ["Sampletown Leisure (test)"]

    def patrol(dialog: QWidget) -> None:
        assert isinstance(dialog, DisruptionDialog)
        dialog.activity.setPlainText("Lighting repaired (test).")
        dialog.outcome.setPlainText("Fewer gatherings after dark.")

    answer_modal(_fill(DisruptionDialog, patrol))
    page.disruption_button.click()
    assert [d.activity for d in page.disruption_model.rows()] == ["Lighting repaired (test)."]

    def correction(dialog: QWidget) -> None:
        assert isinstance(dialog, DisruptionDialog)
        dialog.activity.setPlainText("Lighting repaired at the far end (test).")
        dialog.corrects.setCurrentIndex(1)

    answer_modal(_fill(DisruptionDialog, correction))
    page.disruption_button.click()
    first, second = page.disruption_model.rows()
    assert second.corrects_id == first.id
    assert not page.schedule_button.isEnabled()  # no children linked yet


def test_a_meeting_about_the_linked_children_is_scheduled_from_the_page(
    window: MainWindow,
) -> None:
    page = _page(window)
    before = len(list_meetings(window.workspace))

    def schedule(dialog: QWidget) -> None:
        assert isinstance(dialog, ScheduleSittingDialog)
        assert dialog.chosen_refs() == ["DEMOX001", "DEMOX002", "DEMOX003"]
        dialog.location.setText("Room 2 (test)")

    answer_modal(_fill(ScheduleSittingDialog, schedule))
    page.schedule_button.click()
    assert "Scheduled 3 meetings" in page.message.text()
    assert len(list_meetings(window.workspace)) == before + 3


def test_a_disruption_entry_naming_a_child_is_refused_in_the_form(
    window: MainWindow,
) -> None:
    page = _page(window)
    seen: list[str] = []

    def naming(dialog: QWidget) -> None:
        assert isinstance(dialog, DisruptionDialog)
        dialog.activity.setPlainText("Kai was moved on.")
        assert dialog.ok_button is not None
        dialog.ok_button.click()
        seen.append(dialog.error.text())
        assert dialog.isVisible()

    answer_modal(naming)
    page.disruption_button.click()
    assert seen and "names a child" in seen[0]
    assert len(page.disruption_model.rows()) == 1


def test_the_page_fits_a_small_screen_at_twice_the_text_size(window: MainWindow) -> None:
    """At 1024 by 600 with text at 200 %, visiting the page leaves the window no wider
    or taller than the screen: the details scroll instead."""
    with text_size(200):
        page = _page(window)
        window.resize(1024, 600)
        window.show()
        assert window.minimumSizeHint().width() <= 1024
        assert window.minimumSizeHint().height() <= 600
        assert window.width() <= 1024 and window.height() <= 600
        # The details fit their pane's width: no sideways scrolling.
        details = page.right.parentWidget().parentWidget()
        assert isinstance(details, QScrollArea)
        QApplication.processEvents()
        assert not details.horizontalScrollBar().isVisible(), (
            details.width(),
            page.right.minimumSizeHint(),
            window.width(),
        )


def test_the_list_shows_each_context_s_kind_and_children_whole(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = _page(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    details = page.right.parentWidget().parentWidget()
    assert isinstance(details, QScrollArea)
    assert not details.verticalScrollBar().isVisible()  # it all shows at 1366 by 768
    header = page.table.horizontalHeader()
    last = header.sectionViewportPosition(2) + header.sectionSize(2)
    assert last <= page.table.viewport().width()
    for column in (1, 2):
        shown = page.model.index(0, column).data()
        assert header.sectionSize(column) >= page.table.fontMetrics().horizontalAdvance(shown)


def test_a_long_earlier_entry_does_not_widen_the_disruption_form(window: MainWindow) -> None:
    page = _page(window)
    assert page.detail is not None
    (entry,) = page.detail.disruption
    long = dataclasses.replace(entry, activity="Patrols at the bus station (test). " * 12)
    with text_size(200):  # the agencies' long names too: 1024 pixels is enough
        dialog = DisruptionDialog(window.workspace, page.detail.summary.id, [long], window)
        assert dialog.minimumSizeHint().width() <= 1024
    assert dialog.corrects.itemData(1, Qt.ItemDataRole.ToolTipRole) == long.activity
    assert dialog.activity.placeholderText()  # says what not to write here
    dialog.deleteLater()
