"""Autosave in the case view: debounced typing, instant choices, failures kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models import ProceedingsType, Sex
from app.services.cases import CaseDetail, get_case, list_cases
from app.services.workspace import open_workspace
from app.ui.autosave import Autosave
from app.ui.main_window import MainWindow
from app.ui.pages.case_view import CaseView
from app.ui.save_indicator import SaveIndicator
from app.ui.shell import Shell
from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock


def _open_case(window: MainWindow, ref: str = "DEMO0001") -> CaseView:
    case = list_cases(window.workspace, search=ref)[0]
    window.open_case(case.case_id)
    assert isinstance(window.detail, CaseView)
    return window.detail


def _stored(view: CaseView) -> CaseDetail:
    return get_case(view.workspace, case_id=view.case_id)


def test_typing_is_stored_after_the_debounce(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_case(window)
    field = view.child_form.known_as
    with qtbot.waitSignal(view.autosave.saving):
        qtbot.keyClicks(field, "Pops")
    assert view.autosave.pending()
    assert _stored(view).known_as is None  # not yet: the debounce is still running
    assert window.indicator.text() == SaveIndicator.SAVING
    with qtbot.waitSignal(view.autosave.saved, timeout=3000):
        pass
    assert not view.autosave.pending()
    assert _stored(view).known_as == "Pops"
    assert window.indicator.text() == SaveIndicator.SAVED
    assert view.title.text() == "Poppy Example"


def test_long_typing_is_stored_within_the_maximum_wait(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_case(window)
    view.autosave.delay_ms = 10_000  # a typist who never pauses
    view.autosave.max_wait_ms = 200
    qtbot.keyClicks(view.case_form.guardian_name, "Jo Guardian-Demo")
    with qtbot.waitSignal(view.autosave.saved, timeout=3000):
        qtbot.keyClicks(view.case_form.guardian_name, " (Cafcass)")
    assert (_stored(view).guardian_name or "").startswith("Jo Guardian-Demo")


def test_choices_are_stored_at_once(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_case(window)
    with qtbot.waitSignal(view.autosave.saved, timeout=1000):
        view.case_form.harm_online.click()
    combo = view.case_form.proceedings
    assert combo.currentData() == ProceedingsType.NONE.value
    with qtbot.waitSignal(view.autosave.saved, timeout=1000):
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # the next choice: public law
    stored = _stored(view)
    assert stored.harm_online is True
    assert stored.proceedings is ProceedingsType.PUBLIC_LAW


def test_combo_and_dates_store_their_values(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_case(window)
    sex = view.child_form.sex
    assert sex.currentData() == Sex.FEMALE.value
    with qtbot.waitSignal(view.autosave.saved, timeout=1000):
        qtbot.keyClick(sex, Qt.Key.Key_Up)  # the choice before: not known
    date = view.child_form.date_of_birth
    assert date.text() == "14/03/2019"
    date.selectAll()
    with qtbot.waitSignal(view.autosave.saved, timeout=3000):
        qtbot.keyClicks(date, "30/6/2019")
    stored = _stored(view)
    assert stored.sex is Sex.NOT_KNOWN
    assert stored.date_of_birth == dt.date(2019, 6, 30)
    date.selectAll()
    with qtbot.waitSignal(view.autosave.failed, timeout=3000) as blocker:
        qtbot.keyClicks(date, "31/02/2019")
    assert "no such date" in blocker.args[0]
    assert date.text() == "31/02/2019"  # kept for the user to correct
    assert _stored(view).date_of_birth == dt.date(2019, 6, 30)
    date.selectAll()
    with qtbot.waitSignal(view.autosave.saved, timeout=3000):
        qtbot.keyClick(date, Qt.Key.Key_Delete)  # empty: not known
    assert _stored(view).date_of_birth is None


def test_leaving_a_field_stores_it_at_once(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_case(window)
    view.autosave.delay_ms = view.autosave.max_wait_ms = 60_000
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    gender = view.child_form.gender
    gender.setFocus()
    qtbot.waitUntil(gender.hasFocus)
    qtbot.keyClicks(gender, "Girl")
    assert view.autosave.pending()
    with qtbot.waitSignal(view.autosave.saved, timeout=1000):
        qtbot.keyClick(gender, Qt.Key.Key_Tab)
    assert not gender.hasFocus()
    assert _stored(view).gender == "Girl"


def test_a_failed_save_keeps_the_text_and_says_why(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_case(window)
    field = view.child_form.la_child_ref
    field.selectAll()
    with qtbot.waitSignal(view.autosave.failed, timeout=3000) as blocker:
        qtbot.keyClicks(field, "DEMO0002")  # another child's reference
    assert "duplicate another record" in blocker.args[0]
    assert field.text() == "DEMO0002"
    assert field.property("saveFailed") is True
    assert window.indicator.text().startswith("Not saved:")
    assert "DEMO0002" not in window.indicator.text()  # no record values in messages
    assert view.autosave.pending()
    assert _stored(view).la_child_ref == "DEMO0001"
    with qtbot.waitSignal(view.autosave.saved, timeout=3000):
        qtbot.keyClicks(field, "A")
    assert _stored(view).la_child_ref == "DEMO0002A"
    assert field.property("saveFailed") is False
    assert window.indicator.text() == SaveIndicator.SAVED


def test_autosave_can_save_through_any_function(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLineEdit

    stored: list[object] = []
    field = QLineEdit()
    qtbot.addWidget(field)
    autosave = Autosave(delay_ms=0)
    autosave.bind(field, stored.append)
    with qtbot.waitSignal(autosave.saved, timeout=1000):
        qtbot.keyClicks(field, "x")
    assert stored == ["x"]


def test_a_pending_edit_is_flushed_on_lock(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], demo_path: Path
) -> None:
    shell = make_shell(demo_path)
    window = unlock(qtbot, shell)
    view = _open_case(window)
    view.autosave.delay_ms = view.autosave.max_wait_ms = 60_000
    qtbot.keyClicks(view.child_form.postcode, "ZZ99 9ZZ")
    assert view.autosave.pending()
    case_id = view.case_id
    with qtbot.waitSignal(shell.locked):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    with open_workspace(demo_path, PASSPHRASE) as workspace:
        assert get_case(workspace, case_id=case_id).postcode == "ZZ99 9ZZ"


def test_the_referral_date_is_stored_through_the_case_service(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = _open_case(window)
    field = view.case_form.referral_date
    assert field.text() == ""
    with qtbot.waitSignal(view.autosave.saved, timeout=3000):
        qtbot.keyClicks(field, "2/11/2026")
    assert _stored(view).referral_date == dt.date(2026, 11, 2)
