"""The case page's chronology for court: add a significant event, export to Word."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.exporters.chronology import RESTRICTED_STATEMENT
from app.services.cases import list_cases
from app.ui.dialogs.significant_event import SignificantEventDialog
from app.ui.main_window import MainWindow
from app.ui.meeting.dialogs import FixedMeetingFileDialogs
from app.ui.pages.case_view import CaseView
from app.ui.pages.chronology_section import SUGGESTED_NAME, ChronologySection
from tests.ui.conftest import answer_modal
from tests.ui.test_mnemonics import twice


def _section(window: MainWindow) -> ChronologySection:
    case = list_cases(window.workspace, search="DEMO0002")[0]
    window.open_case(case.case_id)
    view = window.detail
    assert isinstance(view, CaseView)
    (section,) = view.findChildren(ChronologySection)
    return section


def test_add_an_event_then_export_the_chronology(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    section = _section(window)
    assert section.events.text() == "No significant events added yet."
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SignificantEventDialog)
        assert not twice(dialog)
        assert dialog.ok_button is not None
        dialog.occurred_on.clear()
        qtbot.keyClicks(dialog.occurred_on, "02/11/2026")
        dialog.ok_button.click()  # no event and no source yet
        seen.append(dialog.error.text())
        qtbot.keyClicks(dialog.event_text, "Seen at the walk-in centre with a cut lip (test).")
        qtbot.keyClicks(dialog.source, "Health")
        qtbot.keyClicks(dialog.significance, "A second injury this month.")
        dialog.ok_button.click()

    answer_modal(fill)
    section.add_button.click()
    assert seen == ["Say what happened."]
    assert "Significant events added: 1. Latest: Mon 2 Nov 2026" in section.events.text()

    target = tmp_path / "chronology.docx"
    dialogs = FixedMeetingFileDialogs(document=target)
    section.dialogs = dialogs
    section.export_button.click()
    assert "Chronology saved as chronology.docx" in section.message.text()
    assert dialogs.suggested[-1].name == SUGGESTED_NAME
    document = docx.Document(str(target))
    assert RESTRICTED_STATEMENT in [p.text for p in document.paragraphs]
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert [
        "2 November 2026",
        "Seen at the walk-in centre with a cut lip (test).",
        "Health",
        "A second injury this month.",
    ] in rows
