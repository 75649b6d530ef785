"""Where an export may be written: one check for every kind of file the app writes."""

from __future__ import annotations

import os
from pathlib import Path

from app.errors import ExportError


def cannot_write(folder: Path) -> ExportError:
    return ExportError(
        f"MACPT Companion cannot write in {folder}. Choose a folder you can write to."
    )


def check_export_target(target: Path, *, suffix: str, example: str) -> Path:
    """The absolute path to write, or an :class:`ExportError` the user can act on.

    ``suffix`` is the ending the file must have (".docx"), ``example`` a file
    name to suggest ("minutes.docx"). Nothing is created or written here.
    """
    target = Path(target).expanduser()
    if target.suffix.lower() != suffix:
        raise ExportError(f"{target.name} does not end in {suffix}. Choose a name like {example}.")
    folder = target.parent.resolve()
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist. Choose another.")
    if target.is_dir():
        raise ExportError(f"{target} is a folder. Choose a file name ending in {suffix}.")
    if not os.access(folder, os.W_OK):
        raise cannot_write(folder)
    return folder / target.name
