"""A conference's decision: at an ICPC, a plan or not; at a review, continue, change or end it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from app import clock
from app.errors import ValidationError
from app.models import ConferenceOutcome, MeetingType, PlanCategory
from app.services.journey import conference
from app.services.journey.conference import ConferenceDecisionView, CoreGroupMember
from app.ui.autosave import set_date, widget_value
from app.ui.meeting.action_form import date_box
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.steps.agency_views import AgencyViews
from app.ui.meeting.steps.base import StepPage, notes_box
from app.ui.meeting.steps.discharge import DischargePanel
from app.ui.meeting.steps.representation import RepresentationWarning
from app.ui.text import long_date
from app.ui.widgets import add_row, heading, message_label, named, show_message, user_message
from app.workflow import Blocker

ICPC_CHOICES = (
    ("Choose…", None),
    ("Yes: the child needs a child protection plan", True),
    ("No: no child protection plan is needed", False),
)
RCPC_CHOICES = (
    ("Choose…", None),
    (
        conference.OUTCOME_LABELS[ConferenceOutcome.CONTINUE_PLAN],
        ConferenceOutcome.CONTINUE_PLAN.value,
    ),
    (
        conference.OUTCOME_LABELS[ConferenceOutcome.CHANGE_CATEGORY],
        ConferenceOutcome.CHANGE_CATEGORY.value,
    ),
    (conference.OUTCOME_LABELS[ConferenceOutcome.END_PLAN], ConferenceOutcome.END_PLAN.value),
)


def core_group_text(members: tuple[CoreGroupMember, ...]) -> str:
    return "\n".join(f"{m.name}, {m.role}" if m.role else m.name for m in members)


def parse_core_group(text: str) -> list[CoreGroupMember]:
    """One member a line: "Name, role" (the role may be left out)."""
    members = []
    for line in text.splitlines():
        name, _, role = line.partition(",")
        if name.strip():
            members.append(CoreGroupMember(name.strip(), None, role.strip()))
    return members


class ConferenceDecisionPage(StepPage):
    """The conference's decision, recorded with "Record the decision"."""

    recorded_as = "The conference's decision"

    def build(self) -> None:
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        self.icpc = self.state.header.meeting_type is MeetingType.ICPC
        self.context = conference.conference_context(ws, meeting_id=meeting_id)
        # Made inside the page: a part shown before it is placed would be shown as a
        # window of its own, taking the keyboard from the meeting.
        self.representation = RepresentationWarning(self.state, self)
        self.views = AgencyViews(self.state)
        self.warning = QLabel(self.context.chair_warning or "", self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(self.context.chair_warning))
        self.outcome = QComboBox()
        for text, value in ICPC_CHOICES if self.icpc else RCPC_CHOICES:
            self.outcome.addItem(text, value)
        self.category = QComboBox()
        # Long choices show in full in the list; the boxes follow the page's width.
        for combo in (self.outcome, self.category):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(20)
        self.category.addItem("Choose the category…", None)
        for category in PlanCategory:
            self.category.addItem(f"{category.label} ({category.census_code})", category.value)
        self.progress = notes_box("Progress made against the plan, agency by agency.", "Progress")
        self.rationale = notes_box("Why the conference decided this. Required.", "Reasons")
        self.lead = QLineEdit()
        self.core_group = notes_box("One member a line: name, role", "Core group")
        self.outline = notes_box("The outline child protection plan.", "Outline plan")
        self.dissent = notes_box("Any disagreement, in the person's own words.", "Dissent")
        for edit, field in (
            (self.progress, "progress"),
            (self.rationale, "rationale"),
            (self.outline, "outline_plan"),
            (self.dissent, "dissent"),
        ):
            restriction_toggle(edit, self.state, "conference_decision", field, lambda: meeting_id)
        self.next_review = date_box("dd/mm/yyyy (empty: the latest date allowed)")
        self.discharge = DischargePanel(self.state, self)
        self.record = named(QPushButton("Record t&he decision"), "Record the decision")
        self.record.setAutoDefault(False)
        self.record.clicked.connect(self._on_record)
        self.error = message_label("Problem with the decision")
        self.stamp = QLabel()
        self.stamp.setWordWrap(True)
        self.stamp.setTextFormat(Qt.TextFormat.PlainText)
        for edit in (self.progress, self.rationale, self.core_group, self.outline, self.dissent):
            edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.form = form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        what = (
            "Does the child need a child protection &plan?"
            if self.icpc
            else "Decision about the &plan:"
        )
        if not self.icpc:
            add_row(form, "P&rogress against the plan:", self.progress)
        add_row(form, what, self.outcome)
        add_row(
            form, "Categor&y:" if self.icpc else "New categor&y (if it changes):", self.category
        )
        add_row(form, "Reasons (re&quired):", self.rationale)
        add_row(form, "Lea&d practitioner:", self.lead)
        add_row(form, "C&ore group:", self.core_group)
        add_row(form, "O&utline plan:", self.outline)
        months = "3 months" if self.icpc else "6 months"
        add_row(
            form,
            f"&Next review (within {months}, by {long_date(self.context.latest_next_review)}):",
            self.next_review,
        ).setWordWrap(True)  # the long label wraps in a narrow column
        dissent_form = QFormLayout()
        dissent_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        add_row(dissent_form, "Dissen&t:", self.dissent)
        self.body.addWidget(self.representation)
        self.body.addWidget(self.warning)
        self.body.addLayout(form)
        self.body.addWidget(heading("Each agency's view", level=2))
        self.body.addWidget(self.views)
        self.body.addLayout(dissent_form)
        self.body.addWidget(self.discharge)
        self.body.addWidget(self.record, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.error)
        self.body.addWidget(self.stamp)
        self.outcome.currentIndexChanged.connect(lambda _i: self._enable())
        self._load(conference.conference_decision(ws, meeting_id=meeting_id))

    def _load(
        self, view: ConferenceDecisionView | None, warnings: tuple[str, ...] | None = None
    ) -> None:
        if view is None:
            self.stamp.setText("Not recorded yet.")
            self._enable()
            self.mark_recorded()
            return
        if self.icpc:
            needed = {ConferenceOutcome.PLAN_NEEDED: True, ConferenceOutcome.NO_PLAN: False}
            value: object = needed.get(view.outcome) if view.outcome else None
        else:
            value = view.outcome.value if view.outcome else None
        self.outcome.setCurrentIndex(max(self.outcome.findData(value), 0))
        self.category.setCurrentIndex(
            max(self.category.findData(view.category.value if view.category else None), 0)
        )
        self.progress.setPlainText(view.progress)
        self.rationale.setPlainText(view.rationale)
        self.lead.setText(view.lead_practitioner)
        self.core_group.setPlainText(core_group_text(view.core_group))
        self.outline.setPlainText(view.outline_plan)
        self.dissent.setPlainText(view.dissent)
        set_date(self.next_review, view.next_review_due)
        when = clock.local_date(view.decided_at) if view.decided_at else None
        if warnings is None:
            ended = self.discharge.view if view.outcome is ConferenceOutcome.END_PLAN else None
            warnings = ended.warnings if ended is not None else view.warnings
        self.stamp.setText(
            f"{view.outcome_label}. Recorded by {view.decided_by}"
            + (f" on {long_date(when)}." if when else ".")
            + "".join(f"\n{w}" for w in warnings)
        )
        self._enable()
        self.mark_recorded()

    def snapshot(self) -> object:
        texts = (self.progress, self.rationale, self.core_group, self.outline, self.dissent)
        return (
            self.outcome.currentData(),
            self.category.currentData(),
            self.lead.text(),
            self.next_review.text(),
            *(edit.toPlainText() for edit in texts),
            self.discharge.snapshot(),
        )

    def ending(self) -> bool:
        return not self.icpc and self.outcome.currentData() == ConferenceOutcome.END_PLAN.value

    def _enable(self) -> None:
        ending = self.ending()
        self.discharge.setVisible(ending)
        # A review conference asks for a category only when it changes it; a plan that
        # ends has no next review.
        changing = self.outcome.currentData() == ConferenceOutcome.CHANGE_CATEGORY.value
        self.form.setRowVisible(self.category, self.icpc or changing)
        self.form.setRowVisible(self.next_review, not ending)
        if ending:
            self.discharge.refresh()

    def _on_record(self) -> None:
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        chosen = self.outcome.currentData()
        category = (
            PlanCategory(self.category.currentData()) if self.category.currentData() else None
        )
        rationale, dissent = self.rationale.toPlainText(), self.dissent.toPlainText()
        lead, outline = self.lead.text(), self.outline.toPlainText()
        group = parse_core_group(self.core_group.toPlainText())
        review_due = widget_value(self.next_review)
        view: ConferenceDecisionView | None
        warnings: tuple[str, ...] | None = None
        try:
            if chosen is None:
                raise ValidationError("Choose the conference's decision first.")
            if self.icpc:
                view = conference.record_icpc_decision(
                    ws,
                    meeting_id=meeting_id,
                    plan_needed=bool(chosen),
                    category=category,
                    rationale=rationale,
                    lead_practitioner=lead,
                    core_group=group,
                    outline_plan=outline,
                    dissent=dissent,
                    next_review_due=review_due,
                )
            elif self.ending():
                ended = self.discharge.record(
                    progress=self.progress.toPlainText(), rationale=rationale, dissent=dissent
                )
                warnings = ended.warnings
                view = conference.conference_decision(ws, meeting_id=meeting_id)
            else:
                view = conference.record_rcpc_decision(
                    ws,
                    meeting_id=meeting_id,
                    outcome=ConferenceOutcome(chosen),
                    progress=self.progress.toPlainText(),
                    rationale=rationale,
                    category=category,
                    lead_practitioner=lead,
                    core_group=group,
                    outline_plan=outline,
                    dissent=dissent,
                    next_review_due=review_due,
                )
        except Exception as exc:
            self.show_problem(self.error, user_message(exc))
            return
        show_message(self.error, "")
        self.state.changed()
        self._load(view, warnings)
        self.state.tell("The conference's decision is recorded.")
        self.scroller.ensureWidgetVisible(self.stamp)  # what was recorded, and by whom

    def refresh(self) -> None:
        self.representation.refresh()
        self.views.refresh()
        if self.ending():
            self.discharge.refresh()

    def first_field(self) -> QWidget:
        first = self.outcome if self.icpc else self.progress
        return self.representation.first_reason() or first

    def field_for(self, blocker: Blocker) -> QWidget | None:
        return self.representation.field_for(blocker)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for combo in (self.outcome, self.category):
            combo.setEnabled(editable)
        for edit in (self.progress, self.rationale, self.core_group, self.outline, self.dissent):
            edit.setReadOnly(not editable)
        self.lead.setReadOnly(not editable)
        self.record.setVisible(editable)
        self.discharge.set_editable(editable)
        self.views.set_editable(editable)
