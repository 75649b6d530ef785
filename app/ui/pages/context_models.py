"""Table models for the Contexts page: the contexts, who is responsible for one,
the children linked to it and its disruption log."""

from __future__ import annotations

from app.services.contexts import ContextSummary, DisruptionRow, LinkedChild, ResponsibleRow
from app.ui.date_field import format_date
from app.ui.table_models import RowsModel


def _children(count: int) -> str:
    return "1 child" if count == 1 else f"{count} children"


class ContextsModel(RowsModel[ContextSummary]):
    COLUMNS = (
        ("Context", lambda r: r.name + (" (retired)" if r.retired else "")),
        ("Kind", lambda r: r.kind.label),
        ("Children", lambda r: _children(r.children)),
    )


class ResponsibleModel(RowsModel[ResponsibleRow]):
    COLUMNS = (
        ("Name", lambda r: r.name),
        ("Kind", lambda r: r.kind.label),
        ("Contact", lambda r: r.contact),
    )


class LinkedChildrenModel(RowsModel[LinkedChild]):
    COLUMNS = (
        ("Reference", lambda r: r.la_child_ref),
        ("Name", lambda r: r.name),
    )


class DisruptionModel(RowsModel[DisruptionRow]):
    COLUMNS = (
        ("Date", lambda r: format_date(r.happened_on)),
        ("Agency", lambda r: r.agency_name),
        ("Activity", lambda r: r.activity + (" (a correction)" if r.corrects_id else "")),
        ("Outcome", lambda r: r.outcome),
    )
