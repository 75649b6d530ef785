"""Forms for the Contexts page: a new context, who is responsible for it, a disruption
entry, and a meeting about the children linked to it. Each stores on OK through one
service call; what the service refuses is shown and the form stays open."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTimeEdit,
    QWidget,
)

from app import clock
from app.errors import ValidationError
from app.models import ContextKind, MeetingType, ResponsibleKind
from app.services.agencies import list_agencies
from app.services.consultations import case_for_reference
from app.services.contexts import (
    DisruptionRow,
    LinkedChild,
    add_disruption,
    add_responsible,
    create_context,
)
from app.services.contextual_meetings import CONTEXTUAL_TYPES, schedule_contextual_meeting
from app.storage.workspace import Workspace
from app.ui.autosave import to_time
from app.ui.date_field import DateField, format_date
from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row, compact

NOT_A_CHILD = "About the place or group only: every linked child's minutes carry it."


def _text_box(lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * (lines + 1))
    return box


def _narrow(box: QComboBox) -> QComboBox:
    """A long item (an agency's full name, an earlier entry) shows whole in the open
    list; closed, the box keeps to the form rather than widening it past the screen."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(30)
    return box


class NewContextDialog(FormDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            "New context…",
            ok_text="&Record context",
            intro="A place, a peer group or an online space where children are harmed.",
            parent=parent,
        )
        self.workspace = workspace
        self.made_id: str | None = None
        self.kind = QComboBox()
        for kind in ContextKind:
            self.kind.addItem(kind.label, kind.value)
        self.name = QLineEdit()
        self.description = _text_box()
        self.description.setPlaceholderText(NOT_A_CHILD)
        add_row(self.form, "&Kind:", self.kind)
        add_row(self.form, "&Name:", self.name)
        add_row(self.form, "&About it:", self.description, NOT_A_CHILD)
        self.name.setFocus()

    def submit(self) -> bool:
        made = create_context(
            self.workspace,
            kind=ContextKind(self.kind.currentData()),
            name=self.name.text(),
            description=self.description.toPlainText(),
        )
        self.made_id = made.id
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace) -> str | None:
        dialog = cls(workspace, parent)
        return dialog.made_id if dialog.exec() == FormDialog.DialogCode.Accepted else None


class ResponsibleDialog(FormDialog):
    def __init__(
        self, workspace: Workspace, context_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Add who is responsible…",
            ok_text="&Add",
            intro="A business, a transport operator, a school or the council: "
            "they can own actions to make the place safer.",
            parent=parent,
        )
        self.workspace, self.context_id = workspace, context_id
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in ResponsibleKind:
            self.kind.addItem(kind.label, kind.value)
        self.contact = QLineEdit()
        add_row(self.form, "&Name:", self.name)
        add_row(self.form, "&Kind:", self.kind)
        add_row(self.form, "&Contact:", self.contact)
        self.name.setFocus()

    def submit(self) -> bool:
        add_responsible(
            self.workspace,
            context_id=self.context_id,
            name=self.name.text(),
            kind=ResponsibleKind(self.kind.currentData()),
            contact=self.contact.text(),
        )
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace, context_id: str) -> bool:
        return cls(workspace, context_id, parent).exec() == FormDialog.DialogCode.Accepted


class DisruptionDialog(FormDialog):
    def __init__(
        self,
        workspace: Workspace,
        context_id: str,
        earlier: Sequence[DisruptionRow] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Add disruption activity…",
            ok_text="&Add to the log",
            intro="The log is only added to: to put an entry right, add another.",
            parent=parent,
        )
        self.workspace, self.context_id = workspace, context_id
        self.date = DateField()
        self.date.set_date(clock.today())
        self.agency = _narrow(QComboBox())
        for agency in list_agencies(workspace):
            self.agency.addItem(agency.name, agency.id)
        self.activity = _text_box(3)
        self.activity.setPlaceholderText(NOT_A_CHILD)
        self.outcome = _text_box(2)
        # A mistake is put right by a new entry that says which one it corrects.
        self.corrects = _narrow(QComboBox())
        self.corrects.addItem("Nothing: a new entry", None)
        for entry in earlier:
            self.corrects.addItem(
                f"{format_date(entry.happened_on)}, {entry.agency_name}: {entry.activity}", entry.id
            )
            self.corrects.setItemData(
                self.corrects.count() - 1, entry.activity, Qt.ItemDataRole.ToolTipRole
            )
        add_row(self.form, "&Date:", self.date)
        add_row(self.form, "A&gency:", self.agency)
        add_row(self.form, "A&ctivity:", self.activity, NOT_A_CHILD)
        add_row(self.form, "&Outcome:", self.outcome)
        add_row(self.form, "Co&rrects:", self.corrects)
        self.activity.setFocus()

    def submit(self) -> bool:
        day = self.date.date()
        if day is None:
            raise ValidationError("Give the date of the activity.")
        add_disruption(
            self.workspace,
            context_id=self.context_id,
            happened_on=day,
            agency_id=str(self.agency.currentData()),
            activity=self.activity.toPlainText(),
            outcome=self.outcome.toPlainText(),
            corrects_id=self.corrects.currentData(),
        )
        return True

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        workspace: Workspace,
        context_id: str,
        earlier: Sequence[DisruptionRow] = (),
    ) -> bool:
        dialog = cls(workspace, context_id, earlier, parent)
        return dialog.exec() == FormDialog.DialogCode.Accepted


class ScheduleSittingDialog(FormDialog):
    """One meeting per ticked child, about the context, at one sitting."""

    def __init__(
        self,
        workspace: Workspace,
        context_id: str,
        children: Sequence[LinkedChild],
        *,
        chair_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Schedule a meeting about the context…",
            ok_text="&Schedule",
            intro="Each child gets his or her own meeting, agenda, decision and minutes; "
            "no child's minutes name another.",
            parent=parent,
        )
        self.workspace, self.context_id = workspace, context_id
        self.meetings: int = 0
        self.meeting_type = QComboBox()
        for kind in MeetingType:
            if kind in CONTEXTUAL_TYPES:
                self.meeting_type.addItem(kind.label, kind.value)
        self.date = DateField()
        self.date.set_date(clock.today())
        self.time = compact(QTimeEdit(QTime(10, 0)), 8)
        self.time.setDisplayFormat("HH:mm")
        self.location = QLineEdit()
        self.chair = QLineEdit(chair_name)
        self.child_list = QListWidget()
        for child in children:
            item = QListWidgetItem(f"{child.la_child_ref}  {child.name}")
            item.setData(Qt.ItemDataRole.UserRole, child.la_child_ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.child_list.addItem(item)
        add_row(self.form, "&Type:", self.meeting_type)
        add_row(self.form, "&Date:", self.date)
        add_row(self.form, "T&ime:", self.time)
        add_row(self.form, "&Place:", self.location)
        add_row(self.form, "C&hair:", self.chair)
        add_row(self.form, "C&hildren:", self.child_list)

    def chosen_refs(self) -> list[str]:
        items = (self.child_list.item(i) for i in range(self.child_list.count()))
        return [
            str(i.data(Qt.ItemDataRole.UserRole))
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> bool:
        day = self.date.date()
        if day is None:
            raise ValidationError("Give the date of the meeting.")
        case_ids = []
        for ref in self.chosen_refs():
            case_id = case_for_reference(self.workspace, la_child_ref=ref)
            if case_id is None:
                raise ValidationError(f"{ref} has no case to hold a meeting about.")
            case_ids.append(case_id)
        sitting = schedule_contextual_meeting(
            self.workspace,
            context_id=self.context_id,
            case_ids=case_ids,
            meeting_type=MeetingType(self.meeting_type.currentData()),
            scheduled_date=day,
            scheduled_time=to_time(self.time.time()),
            location=self.location.text(),
            chair_name=self.chair.text(),
        )
        self.meetings = len(sitting.meetings)
        return True

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        workspace: Workspace,
        context_id: str,
        children: Sequence[LinkedChild],
        *,
        chair_name: str = "",
    ) -> int:
        """How many meetings were scheduled (0 if the chair cancelled)."""
        dialog = cls(workspace, context_id, children, chair_name=chair_name, parent=parent)
        return dialog.meetings if dialog.exec() == FormDialog.DialogCode.Accepted else 0
