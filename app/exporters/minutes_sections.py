"""The parts of the minutes that follow the agenda: agency information, the
threshold decision, actions and timescales. Each writes into a document from
:class:`MinutesData` alone."""

from __future__ import annotations

from app.exporters import minutes_risk
from app.exporters.docx_base import Writer, long_date, long_datetime
from app.exporters.docx_tables import Column, add_label_table, add_table
from app.exporters.minutes_model import ActionEntry, MinutesData
from app.exporters.minutes_redact import quiet
from app.models import ActionStatus
from app.workdays import ASSESSMENT_FROM_LABELS
from app.workflow.legal_planning import decision_pairs

ACTION_COLUMNS = (
    Column("Action", 5.4),
    Column("Who", 3.0),
    Column("Agency", 2.8),
    Column("By when", 3.0),
    Column("Status", 2.8),
)
_STATUS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.DONE: "Done",
    ActionStatus.CANCELLED: "Cancelled",
}
WORKING_DAYS_NOTE = (
    "Counted in working days from the strategy discussion (day 0): Monday to Friday, "
    "not counting bank holidays in England and Wales or the local authority's closure days. "
    'The "five days" before the review meeting are read as five working days.'
)


def add_text(out: Writer, text: str, *, style: str | None = None) -> None:
    """One paragraph per non-empty line of ``text``."""
    for line in text.splitlines():
        if line.strip():
            out.paragraph(line.strip(), style)


def add_text_or(out: Writer, text: str, otherwise: str) -> None:
    """``text``, or ``otherwise`` where it is empty; a family copy says nothing instead
    (the text may have been removed, and the copy must not say so)."""
    if text.strip():
        add_text(out, text)
    elif not quiet(out):
        out.paragraph(otherwise)


def titled_text(out: Writer, heading: str, text: str, otherwise: str) -> None:
    """A level-2 heading and ``text``; a family copy leaves out both when it is empty."""
    if text.strip() or not quiet(out):
        out.heading(heading, 2)
        add_text_or(out, text, otherwise)


def information(out: Writer, data: MinutesData) -> None:
    if not data.information and not quiet(out):
        out.paragraph("No agency information was recorded.")
    for entry in data.information:
        out.heading(entry.agency or "Agency not recorded", 2)
        if entry.contributor:
            out.paragraph(f"Shared by {entry.contributor}.", "Small print")
        if entry.restricted:
            warning = out.paragraph()
            warning.add_run("Restricted: not to be shared with the child's family.").bold = True
        add_text_or(out, entry.information, "No information was recorded.")


def decision(out: Writer, data: MinutesData) -> None:
    entry = data.decision
    if entry is None:
        out.paragraph("No threshold decision has been recorded.")
        return
    met = {True: "Yes", False: "No", None: "Not recorded"}[entry.threshold_met]
    decided = entry.decided_by or "Not recorded"
    if entry.decided_at is not None:
        decided = f"{decided}, {long_datetime(entry.decided_at)}"
    add_label_table(
        out.document,
        caption="Threshold decision",
        widths=(6.0, 11.0),
        pairs=[
            ("Is the significant-harm threshold met?", met),
            ("Outcome", entry.outcome.label if entry.outcome else "Not recorded"),
            ("Decided by", decided),
        ],
    )
    titled_text(out, "Rationale", entry.rationale, "No rationale has been recorded.")
    if entry.support_detail.strip():
        out.heading("Support to be offered", 2)
        add_text(out, entry.support_detail)
    if entry.views or not quiet(out):
        out.heading("Agency views", 2)
    if entry.views:
        add_table(
            out.document,
            caption="Each agency's view of the decision",
            columns=(Column("Agency", 4.5), Column("View", 2.6), Column("Comment", 9.9)),
            rows=[
                (v.agency, "Agrees" if v.agrees else "Disagrees", v.comment) for v in entry.views
            ],
        )
    elif not quiet(out):
        out.paragraph("No agency views were recorded.")
    titled_text(out, "Dissent", entry.dissent, "No dissent was recorded.")


def _action_row(action: ActionEntry) -> tuple[str, str, str, str, str]:
    what = action.description or "Not described"
    if action.raised_on is not None:
        meeting = action.raised_at.label.lower() if action.raised_at else "meeting"
        what += f"\nAgreed at the {meeting} on {long_date(action.raised_on)}."
    status = _STATUS[action.status]
    if action.status is ActionStatus.DONE and action.completed_on is not None:
        status += f"\n{long_date(action.completed_on)}"
    if action.status is ActionStatus.DONE and action.outcome:
        what += f"\nOutcome: {action.outcome}"
    return (
        what,
        action.owner or "No owner yet",
        action.agency,
        long_date(action.due) if action.due else "No date set",
        status,
    )


def actions(out: Writer, data: MinutesData) -> None:
    if data.actions:
        out.heading("Agreed at this meeting", 2)
        add_table(
            out.document,
            caption="Actions agreed at this meeting",
            columns=ACTION_COLUMNS,
            rows=[_action_row(a) for a in data.actions],
        )
    elif not quiet(out):
        out.heading("Agreed at this meeting", 2)
        out.paragraph("No actions were agreed.")
    if data.carried_over:
        out.heading("Carried over from earlier meetings", 2)
        add_table(
            out.document,
            caption="Actions carried over from earlier meetings",
            columns=ACTION_COLUMNS,
            rows=[_action_row(a) for a in data.carried_over],
        )


def legal_decision(out: Writer, data: MinutesData) -> None:
    """A legal planning meeting's decision on pre-proceedings (legal advice: these
    minutes have no family copy)."""
    out.heading("Pre-proceedings decision", 2)
    if data.legal_planning is None:
        out.paragraph("Not recorded yet. The meeting cannot close until it is.")
        return
    add_label_table(
        out.document,
        caption="Pre-proceedings decision",
        widths=(5.5, 11.5),
        pairs=decision_pairs(data.legal_planning),
    )


def timescales(out: Writer, data: MinutesData) -> None:
    entry = data.timescales
    if entry is None:
        out.paragraph("No timescales were recorded for this meeting.")
        return
    add_label_table(
        out.document,
        caption="Timescales",
        widths=(10.5, 6.5),
        pairs=[
            ("Strategy discussion (day 0)", long_date(entry.strategy_date)),
            ("Review meeting (5th working day)", long_date(entry.review_due)),
            (
                "Initial child protection conference (by the 15th working day)",
                long_date(entry.icpc_due),
            ),
            (
                "Section 47 assessment completed (by the 45th working day "
                f"{ASSESSMENT_FROM_LABELS[entry.assessment_from]})",
                long_date(entry.assessment_due),
            ),
        ],
    )
    out.paragraph(WORKING_DAYS_NOTE, "Small print")


# Agenda item kinds that carry a structured part, with its heading when the
# agenda has no such item and the part is added after it.
STRUCTURED = {
    "agency-information": ("Information from each agency", information),
    "decision": ("Threshold decision", decision),
    "actions": ("Actions", actions),
    "timescales": ("Timescales", timescales),
    "risk-to-others": ("Risk to others", minutes_risk.risk_to_others),
    "legal-decision": ("Legal planning decision", legal_decision),
}
