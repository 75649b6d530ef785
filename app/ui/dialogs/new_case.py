"""New case: a child (found by reference, or new) and an open case episode."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.models import Sex
from app.services.cases import CaseSummary, create_case
from app.storage.workspace import Workspace
from app.ui.autosave import optional_date_edit, widget_value
from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row, compact, named

SEX_CHOICES = (("Not known", Sex.NOT_KNOWN), ("Female", Sex.FEMALE), ("Male", Sex.MALE))


def sex_combo() -> QComboBox:
    combo = QComboBox()
    for text, value in SEX_CHOICES:
        combo.addItem(text, value.value)
    return compact(combo, 16)


def short_text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class NewCaseDialog(FormDialog):
    """Creates a case on OK. If the reference is already known, the child is reused."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            "New case…",
            ok_text="C&reate case",
            intro="Only the local authority reference is needed now; "
            "everything else can be added or changed later in the case.",
            parent=parent,
        )
        self.workspace = workspace
        self.result_case: CaseSummary | None = None
        self.reference = QLineEdit()
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.unborn = named(QCheckBox("&Unborn baby"), "Unborn baby")
        self.date_of_birth = optional_date_edit()
        self.expected = optional_date_edit()
        self.expected.setEnabled(False)
        self.unborn.toggled.connect(self._on_unborn)
        self.sex = sex_combo()
        self.address = short_text_box()
        self.concern = short_text_box(4)
        self.referral_date = optional_date_edit()
        add_row(self.form, "Local authority r&eference:", self.reference)
        add_row(self.form, "&First name:", self.first_name)
        add_row(self.form, "&Last name:", self.last_name)
        self.form.addRow("", self.unborn)
        add_row(self.form, "&Date of birth:", self.date_of_birth)
        add_row(self.form, "E&xpected date of birth:", self.expected)
        add_row(self.form, "&Sex:", self.sex)
        add_row(self.form, "&Address:", self.address)
        add_row(self.form, "&Concern:", self.concern, "Why the child is being discussed")
        add_row(
            self.form,
            "Referral recei&ved:",
            self.referral_date,
            "If known: the section 47 assessment's 45 working days count from it",
        )
        self.reference.setFocus()

    def _on_unborn(self, unborn: bool) -> None:
        self.date_of_birth.setEnabled(not unborn)
        self.expected.setEnabled(unborn)

    def submit(self) -> bool:
        unborn = self.unborn.isChecked()
        self.result_case = create_case(
            self.workspace,
            la_child_ref=self.reference.text(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            date_of_birth=None if unborn else widget_value(self.date_of_birth),
            expected_date_of_birth=widget_value(self.expected) if unborn else None,
            sex=Sex(self.sex.currentData()),
            address=self.address.toPlainText(),
            concern=self.concern.toPlainText(),
            referral_date=widget_value(self.referral_date),
        )
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace) -> CaseSummary | None:
        """The new case, or ``None`` if the user cancelled."""
        dialog = cls(workspace, parent)
        dialog.exec()
        return dialog.result_case
