"""Settings: stored as changed; closure days; the agency directory; passphrase, checks, backup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.services.agencies import list_agencies
from app.services.settings import closure_days, get_settings
from app.services.workspace import open_workspace
from app.storage import migrate
from app.ui.dialogs.change_passphrase import ChangePassphraseDialog
from app.ui.dialogs.text_prompt import TextPrompt
from app.ui.file_dialogs import FixedFileDialogs
from app.ui.main_window import MainWindow
from app.ui.pages.about import AboutPage
from app.ui.pages.settings import SettingsPage
from app.ui.shell import Shell
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.ui.conftest import answer_modal, unlock


@pytest.fixture
def page(window: MainWindow) -> SettingsPage:
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page


def test_shows_and_stores_the_settings(qtbot: QtBot, page: SettingsPage) -> None:
    assert page.chair_name.text() == "Jordan Demo-Chair"
    assert page.idle_minutes.value() == 5
    page.chair_name.selectAll()
    with qtbot.waitSignal(page.settings_changed, timeout=3000) as blocker:
        qtbot.keyClicks(page.chair_name, "Sam Demo-Lead")
    assert blocker.args[0].chair_name == "Sam Demo-Lead"
    with qtbot.waitSignal(page.autosave.saved, timeout=1000):
        page.full_names.click()
    settings = get_settings(page.workspace)
    assert settings.chair_name == "Sam Demo-Lead"
    assert settings.full_names_in_minutes is True


def test_the_chair_becomes_the_actor_in_the_audit_log(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], demo_path: Path
) -> None:
    shell = make_shell(demo_path)
    window = unlock(qtbot, shell)
    assert shell.workspace is not None and shell.workspace.actor == "Jordan Demo-Chair"
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    page.chair_name.selectAll()
    with qtbot.waitSignal(page.settings_changed, timeout=3000):
        qtbot.keyClicks(page.chair_name, "Robin Demo-Chair")
    assert shell.workspace.actor == "Robin Demo-Chair"


def test_closure_days_add_and_remove(qtbot: QtBot, page: SettingsPage) -> None:
    box = page.closure_days
    box.day.setDate(QDate(2026, 12, 29))
    qtbot.keyClicks(box.description, "Offices closed (demo)")
    box.add_button.click()
    box.day.setDate(QDate(2026, 12, 30))
    box.add_button.click()
    assert closure_days(page.workspace) == [
        (dt.date(2026, 12, 29), "Offices closed (demo)"),
        (dt.date(2026, 12, 30), ""),
    ]
    assert box.days.item(0).text() == "Tuesday 29 December 2026: Offices closed (demo)"
    box.add_button.click()
    assert "already a closure day" in box.message.text()
    box.days.setCurrentRow(0)
    box.remove_button.click()
    assert closure_days(page.workspace) == [(dt.date(2026, 12, 30), "")]


def test_agency_directory_add_rename_retire_restore(qtbot: QtBot, page: SettingsPage) -> None:
    box = page.agencies

    def name_it(text: str) -> Callable[[QWidget], None]:
        def fill(dialog: QWidget) -> None:
            assert isinstance(dialog, TextPrompt)
            dialog.field.selectAll()
            qtbot.keyClicks(dialog.field, text)
            assert dialog.ok_button is not None
            dialog.ok_button.click()

        return fill

    answer_modal(name_it("Sampletown Youth Club (demo)"))
    box.add_button.click()
    added = box._selected()
    assert added is not None and added.name == "Sampletown Youth Club (demo)"
    answer_modal(name_it("Sampletown Youth Service (demo)"))
    box.rename_button.click()
    names = [a.name for a in list_agencies(page.workspace)]
    assert "Sampletown Youth Service (demo)" in names
    assert "Sampletown Youth Club (demo)" not in names
    assert box.retire_button.accessibleName() == "Retire agency"
    answer_modal(name_it("Merged into another service (demo)"))
    box.retire_button.click()
    assert "Sampletown Youth Service (demo)" not in [a.name for a in list_agencies(page.workspace)]
    box.show_retired.click()
    box._select(added.id)
    assert box.retire_button.accessibleName() == "Restore agency"
    box.retire_button.click()
    assert "Sampletown Youth Service (demo)" in [a.name for a in list_agencies(page.workspace)]


def test_a_statutory_agency_cannot_be_retired(page: SettingsPage) -> None:
    box = page.agencies
    police = next(a for a in box.model.rows() if a.statutory_role is not None)
    box._select(police.id)
    assert not box.retire_button.isEnabled()


def test_a_duplicate_agency_name_is_refused_in_the_dialog(qtbot: QtBot, page: SettingsPage) -> None:
    existing = page.agencies.model.rows()[0].name
    messages: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TextPrompt)
        qtbot.keyClicks(dialog.field, existing)
        assert dialog.ok_button is not None
        dialog.ok_button.click()
        messages.append(dialog.error.text())
        assert dialog.isVisible()  # stays open with what was typed

    answer_modal(fill)
    page.agencies.add_button.click()
    assert messages == [f"There is already an agency called {existing}."]


def test_integrity_check_reports_an_intact_workspace(page: SettingsPage) -> None:
    page.security.check_button.click()
    assert page.security.message.text().startswith("The workspace is intact")


def test_backup_writes_an_encrypted_copy(
    page: SettingsPage, file_dialogs: FixedFileDialogs, tmp_path: Path
) -> None:
    target = tmp_path / "copy.macpt"
    file_dialogs.backup = target
    page.security.backup_button.click()
    assert file_dialogs.asked == ["backup"]
    assert "Wrote an encrypted backup" in page.security.message.text()
    assert target.stat().st_mode & 0o077 == 0
    with open_workspace(target, PASSPHRASE, upgrade=False) as copy:
        assert get_settings(copy).chair_name == "Jordan Demo-Chair"


def test_backup_cancelled_writes_nothing(
    page: SettingsPage, file_dialogs: FixedFileDialogs
) -> None:
    page.security.backup_button.click()
    assert file_dialogs.asked == ["backup"]
    assert not page.security.message.isVisible()


def test_backup_suggests_a_name_without_personal_data(page: SettingsPage) -> None:
    suggested = page.security.suggested_backup()
    assert suggested.name == "demo-backup-2026-11-23.macpt"


def test_change_passphrase(qtbot: QtBot, page: SettingsPage, demo_path: Path) -> None:
    dialog = ChangePassphraseDialog(page.workspace, page)
    qtbot.addWidget(dialog)
    assert dialog.ok_button is not None
    qtbot.keyClicks(dialog.current, "not the passphrase at all")
    qtbot.keyClicks(dialog.new, OTHER_PASSPHRASE)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.again, OTHER_PASSPHRASE)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.error.text().startswith("That passphrase does not open this workspace")
    assert not dialog.changed
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    dialog.ok_button.click()
    assert dialog.changed
    assert dialog.current.text() == dialog.new.text() == ""
    page.workspace.close()
    open_workspace(demo_path, OTHER_PASSPHRASE).close()


def test_about_shows_version_path_and_schema(window: MainWindow) -> None:
    window.show_page("about")
    page = window.pages["about"]
    assert isinstance(page, AboutPage)
    assert page.path.text() == str(window.workspace.path)
    assert page.schema.text() == migrate.SCHEMA_HEAD
    assert page.version.text()
