"""A family member or carer: added with OK, or edited in place with autosave."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from app.services.cases import FamilyMemberRow, add_family_member
from app.storage.workspace import Workspace
from app.ui.autosave import Autosave
from app.ui.dialogs.base import FormDialog
from app.ui.dialogs.new_case import short_text_box
from app.ui.widgets import add_row, named


class FamilyMemberDialog(FormDialog):
    """New (``member`` is None): stores the person on OK. Existing: every change
    is stored as it is typed, and the only button is Close."""

    def __init__(
        self,
        workspace: Workspace,
        child_id: str,
        member: FamilyMemberRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = member is not None
        super().__init__(
            "Family member or carer" if editing else "Add family member or carer…",
            ok_text="" if editing else "&Add",
            cancel_text="&Close" if editing else "Cancel",
            intro="Changes are saved as you type." if editing else "",
            parent=parent,
        )
        self.workspace = workspace
        self.child_id = child_id
        self.result_id: str | None = member.id if member else None
        self.name = QLineEdit()
        self.relationship = QLineEdit()
        self.relationship.setPlaceholderText("For example: mother, stepfather, grandmother")
        self.responsibility = named(
            QCheckBox("Has &parental responsibility"), "Has parental responsibility"
        )
        self.carer = named(QCheckBox("Is a carer for &the child"), "Is a carer for the child")
        self.invite = named(
            QCheckBox("&Invite to conferences"), "Invite to child protection conferences"
        )
        self.address = short_text_box()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        add_row(self.form, "&Name:", self.name)
        add_row(self.form, "&Relationship to the child:", self.relationship)
        self.form.addRow("", self.responsibility)
        self.form.addRow("", self.carer)
        self.form.addRow("", self.invite)
        add_row(self.form, "A&ddress:", self.address)
        add_row(self.form, "P&hone:", self.phone)
        add_row(self.form, "&Email:", self.email)
        self.autosave: Autosave | None = None
        if member is not None:
            self._load(member)
            self._bind(member.id)
        self.name.setFocus()

    def _load(self, member: FamilyMemberRow) -> None:
        self.name.setText(member.name)
        self.relationship.setText(member.relationship_to_child)
        self.responsibility.setChecked(member.parental_responsibility)
        self.carer.setChecked(member.is_carer)
        self.invite.setChecked(member.invite_to_conferences)
        self.address.setPlainText(member.address)
        self.phone.setText(member.phone or "")
        self.email.setText(member.email or "")

    def _bind(self, member_id: str) -> None:
        self.autosave = Autosave(self.workspace, self)
        self.autosave.failed.connect(self.fail)
        self.autosave.saved.connect(lambda: self.fail("") if not self.autosave_errors() else None)
        for widget, field in (
            (self.name, "name"),
            (self.relationship, "relationship_to_child"),
            (self.responsibility, "parental_responsibility"),
            (self.carer, "is_carer"),
            (self.invite, "invite_to_conferences"),
            (self.address, "address"),
            (self.phone, "phone"),
            (self.email, "email"),
        ):
            self.autosave.bind_field(
                widget, table="family_member", record_id=member_id, field=field
            )

    def autosave_errors(self) -> list[str]:
        return self.autosave.errors() if self.autosave else []

    def submit(self) -> bool:
        self.result_id = add_family_member(
            self.workspace,
            child_id=self.child_id,
            name=self.name.text(),
            relationship_to_child=self.relationship.text().strip(),
            parental_responsibility=self.responsibility.isChecked(),
            address=self.address.toPlainText(),
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
            invite_to_conferences=self.invite.isChecked(),
            is_carer=self.carer.isChecked(),
        )
        return True

    def done(self, result: int) -> None:
        # Closing the dialog stores anything still waiting for its debounce.
        if self.autosave is not None:
            self.autosave.flush()
        super().done(result)

    @classmethod
    def ask_new(cls, parent: QWidget | None, workspace: Workspace, child_id: str) -> str | None:
        """The new family member's id, or ``None`` if the user cancelled."""
        dialog = cls(workspace, child_id, parent=parent)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            return dialog.result_id
        return None

    @classmethod
    def ask_edit(
        cls, parent: QWidget | None, workspace: Workspace, child_id: str, member: FamilyMemberRow
    ) -> None:
        """Edit ``member`` in place until the user closes the dialog."""
        cls(workspace, child_id, member, parent).exec()
