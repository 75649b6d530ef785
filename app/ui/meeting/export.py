"""Export minutes…: ask where (through the injected dialogs), write the .docx, say where it went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.models import MeetingStatus
from app.paths import default_export_dir, ensure_private_dir
from app.services.conduct.signoff import list_minutes_issues
from app.ui.meeting.state import MeetingState
from app.ui.widgets import busy, user_message

# Word loads when the chair first exports, not when a meeting opens.
if TYPE_CHECKING:
    from app.exporters.minutes import MinutesExport


def suggested_minutes_name(state: MeetingState) -> str:
    """A neutral file name: the meeting type, date and version, never the child's name."""
    from app.exporters.minutes import minutes_title

    header = state.header
    version = "DRAFT"
    if header.status is MeetingStatus.SIGNED_OFF:
        issues = list_minutes_issues(state.workspace, meeting_id=state.meeting_id)
        version = f"v{issues[-1].version}" if issues else "signed off"
    return (
        f"{minutes_title(header.meeting_type)} {header.scheduled_date.isoformat()} {version}.docx"
    )


def export_folder() -> Path:
    folder = default_export_dir()
    try:
        ensure_private_dir(folder)
    except OSError:
        return Path.home()
    return folder


def export_minutes_with_dialog(state: MeetingState, parent: QWidget | None) -> MinutesExport | None:
    """Ask for a file, write the minutes there; None if cancelled or it failed (and why)."""
    from app.exporters.minutes import export_minutes

    state.autosave.flush()
    suggested = export_folder() / suggested_minutes_name(state)
    target = state.dialogs.choose_document_target(parent, "Export minutes", suggested)
    if target is None:
        return None
    try:
        with busy(parent):
            written = export_minutes(state.workspace, meeting_id=state.meeting_id, target=target)
    except Exception as exc:
        state.fail(user_message(exc))
        return None
    kind = "Draft minutes" if written.draft else f"Minutes version {written.version}"
    state.tell(f"{kind} saved as {written.path.name} in {written.path.parent}.")
    return written
