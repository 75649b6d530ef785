"""Settings: the chair, the local authority, locking, closure days, agencies, security."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.settings import WorkspaceSettings, get_settings, update_setting
from app.storage.workspace import Workspace
from app.ui.autosave import Autosave
from app.ui.file_dialogs import FileDialogs
from app.ui.pages.agency_directory import AgencyDirectoryBox
from app.ui.pages.agenda_templates import AgendaTemplatesBox
from app.ui.pages.closure_days import ClosureDaysBox
from app.ui.pages.display_box import DisplayBox
from app.ui.pages.security_box import SecurityBox
from app.ui.widgets import add_row, compact, heading, hint, named


class SettingsPage(QWidget):
    """Every setting is stored as it is changed; there is no Save button.

    Signals:
        settings_changed(object): a setting was stored; the argument is the
            new WorkspaceSettings.
    """

    settings_changed = Signal(object)

    def __init__(
        self, workspace: Workspace, file_dialogs: FileDialogs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.autosave = Autosave(workspace, self)
        self.chair_name = QLineEdit()
        self.local_authority = QLineEdit()
        self.la_code = compact(QLineEdit(), 8)
        self.la_code.setMaxLength(3)
        self.idle_minutes = compact(QSpinBox(), 14)
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setSuffix(" minutes")
        self.core_group_weeks = compact(QSpinBox(), 14)
        self.core_group_weeks.setRange(1, 26)
        self.core_group_weeks.setSuffix(" weeks")
        self.birth_review_days = compact(QSpinBox(), 18)
        self.birth_review_days.setRange(1, 65)
        self.birth_review_days.setSuffix(" working days")
        self.full_names = named(
            QCheckBox("Show children's full names in minut&es"),
            "Show children's full names in minutes",
            "When off, minutes name the child by reference only",
        )
        general = QGroupBox("This workspace")
        named(general, "This workspace")
        form = QFormLayout(general)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        add_row(form, "C&hair's name:", self.chair_name, "The LCPP who chairs meetings")
        add_row(form, "&Local authority:", self.local_authority)
        add_row(
            form,
            "DfE local authority c&ode:",
            self.la_code,
            "Three digits; the CIN census export needs it",
        )
        add_row(
            form,
            "Loc&k after no use for:",
            self.idle_minutes,
            "Minutes without use before the workspace locks itself",
        )
        form.addRow("", self.full_names)
        add_row(
            form,
            "Core group fre&quency:",
            self.core_group_weeks,
            "Weeks from one core group to the next; the first is within 10 working days",
        )
        add_row(
            form,
            "First re&view after a birth:",
            self.birth_review_days,
            "After a pre-birth conference: working days from the birth to the first review",
        )

        self.closure_days = ClosureDaysBox(workspace)
        self.agencies = AgencyDirectoryBox(workspace)
        self.agendas = AgendaTemplatesBox(workspace)
        self.security = SecurityBox(workspace, file_dialogs)
        self.display = DisplayBox()

        body = QWidget()
        # Long lines are hard to read: keep the form to a comfortable width.
        body.setMaximumWidth(self.fontMetrics().averageCharWidth() * 130)
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(heading("Settings"))
        body_layout.addWidget(hint("Changes are saved as you make them."))
        sections = (
            general,
            self.display,
            self.closure_days,
            self.agencies,
            self.agendas,
            self.security,
        )
        for section in sections:
            body_layout.addWidget(section)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        named(scroll, "Settings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._bound = False

    def refresh(self) -> None:
        if not self._bound:
            self._load(get_settings(self.workspace))
            self._bind()
        self.closure_days.refresh()
        self.agencies.refresh()
        self.agendas.refresh()

    def _load(self, settings: WorkspaceSettings) -> None:
        self.chair_name.setText(settings.chair_name)
        self.local_authority.setText(settings.local_authority)
        self.la_code.setText(settings.la_code)
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.full_names.setChecked(settings.full_names_in_minutes)
        self.core_group_weeks.setValue(settings.core_group_weeks)
        self.birth_review_days.setValue(settings.birth_review_working_days)

    def _bind(self) -> None:
        for widget, key in (
            (self.chair_name, "chair_name"),
            (self.local_authority, "local_authority"),
            (self.la_code, "la_code"),
            (self.idle_minutes, "idle_lock_minutes"),
            (self.full_names, "full_names_in_minutes"),
            (self.core_group_weeks, "core_group_weeks"),
            (self.birth_review_days, "birth_review_working_days"),
        ):
            self.autosave.bind(widget, self._saver(key))
        self._bound = True

    def _saver(self, key: str) -> Callable[[Any], None]:
        def save(value: Any) -> None:
            self.settings_changed.emit(update_setting(self.workspace, key=key, value=value))

        return save

    def clear(self) -> None:
        self.autosave.unbind_all()
        self.agencies.model.clear()
        self.closure_days.days.clear()
        self.agendas.clear()
