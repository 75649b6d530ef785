"""Letters to everyone who must be told about a meeting, and their manifest.

:func:`export_notifications` writes one ``.docx`` per recipient into a folder,
with a manifest listing them. The letters are first written to a hidden
staging folder inside the target and only moved into place, with the manifest
written last, once every one of them is complete: the folder never holds half
a set. File names are neutral (``letter-01-agency.docx``); names of people and
children are only inside the letters. Files already in the folder (minutes,
an earlier export) are never touched: a name that is taken gets a number
(``letter-01-agency-2.docx``, ``manifest-2.json``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from app import paths
from app.errors import ExportError
from app.exporters.letters.agency import agency_letter
from app.exporters.letters.data import LateIssueNeeded, load_letters
from app.exporters.letters.layout import render_letter
from app.exporters.letters.model import Letter, LetterText, Para
from app.exporters.letters.plain import parent_letter
from app.models import RecipientRole
from app.services.journey.notifications import GeneratedLetter, log_letters
from app.storage.workspace import Workspace

MANIFEST = "manifest.json"


@dataclasses.dataclass(frozen=True)
class ManifestEntry:
    recipient: str
    role: RecipientRole
    file: str
    kind: str
    agency: str | None
    notification_id: str

    def as_json(self) -> dict[str, Any]:
        """One object of ``manifest.json``."""
        return {
            "recipient": self.recipient,
            "role": self.role.value,
            "file": self.file,
            "kind": self.kind,
            "agency": self.agency,
            "notification_id": self.notification_id,
        }


@dataclasses.dataclass(frozen=True)
class NotificationsExport:
    folder: Path
    manifest: Path
    entries: tuple[ManifestEntry, ...]


LATE = (
    "This letter is issued late: some of the dates in it have already passed. "
    "Please contact us if you need to talk about what this means for you."
)


def letter_text(letter: Letter) -> LetterText:
    """The words of one letter: plain English for a parent or carer, else for an agency."""
    if letter.recipient.role is RecipientRole.PARENT_CARER:
        text = parent_letter(letter)
    else:
        text = agency_letter(letter)
    if letter.facts.late_issue:
        text = dataclasses.replace(text, blocks=(Para(LATE), *text.blocks))
    return text


def _cannot_write(folder: Path) -> ExportError:
    return ExportError(
        f"MACPT Companion cannot write in {folder}. Choose a folder you can write to."
    )


def prepare_folder(out_dir: Path) -> Path:
    """The folder for the letters, created if only it is missing; refused, with a
    reason, if it is a file or cannot be written. Files already in it are fine."""
    folder = Path(out_dir).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder. Choose a folder for the letters.")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise ExportError(f"The folder {folder.parent} does not exist. Choose another.")
        try:
            folder.mkdir(mode=0o700)
        except PermissionError as exc:
            raise _cannot_write(folder.parent) from exc
    folder = folder.resolve()
    if not os.access(folder, os.W_OK):
        raise _cannot_write(folder)
    return folder


def _claim(folder: Path, name: str, claimed: list[Path]) -> Path:
    """An empty file in ``folder`` named ``name``, or ``name`` with a number added
    when that is taken (``letter-01-agency-2.docx``). Created exclusively, so no
    existing file is ever overwritten, even one that appears meanwhile."""
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while True:
        path = folder / (name if number == 1 else f"{stem}-{number}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            number += 1
            continue
        os.close(fd)
        claimed.append(path)
        return path


def export_notifications(
    workspace: Workspace, *, meeting_id: str, out_dir: Path, late_issue: bool = False
) -> NotificationsExport:
    """Write every letter the meeting needs into ``out_dir`` and log each one.

    A meeting that needs no letters gets an empty manifest. Nothing already in
    the folder is replaced: a taken name gets a number. Refused, with the reason,
    where the journey forbids a letter or its dates are past (see ``load_letters``).
    """
    folder = prepare_folder(out_dir)
    letters = load_letters(workspace, meeting_id=meeting_id, late_issue=late_issue)
    documents = [(letter, render_letter(letter, letter_text(letter))) for letter in letters]
    staging = Path(tempfile.mkdtemp(prefix=".partial-letters-", dir=folder))
    claimed: list[Path] = []
    done = False
    try:
        for letter, document in documents:
            document.save(str(staging / letter.file_name))
            _fsync(staging / letter.file_name)
        names = [_claim(folder, lt.file_name, claimed).name for lt, _ in documents]
        manifest = _claim(folder, MANIFEST, claimed)
        with workspace.transaction() as session:
            logged = log_letters(
                session,
                meeting_id=meeting_id,
                letters=[
                    GeneratedLetter(lt.recipient, name)
                    for (lt, _), name in zip(documents, names, strict=True)
                ],
            )
            entries = tuple(
                ManifestEntry(
                    lt.recipient.name,
                    lt.recipient.role,
                    name,
                    lt.recipient.kind.value,
                    lt.recipient.agency_name or None,
                    row.id,
                )
                for (lt, _), name, row in zip(documents, names, logged, strict=True)
            )
            # Inside the transaction: if the letters cannot be put in place, the log
            # does not claim they were written.
            for (lt, _), name in zip(documents, names, strict=True):
                (staging / lt.file_name).chmod(0o600)
                (staging / lt.file_name).replace(folder / name)
            with paths.atomic_write(manifest) as tmp:
                tmp.write_text(
                    json.dumps([e.as_json() for e in entries], indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8",
                )
        done = True
    except PermissionError as exc:
        raise _cannot_write(folder) from exc
    except OSError as exc:
        raise ExportError(
            f"The letters could not be written in {folder} ({exc.strerror}). "
            "Check there is space on the drive and try again."
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not done:  # only the files this export created: never anything older
            for path in claimed:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
    return NotificationsExport(folder, manifest, entries)


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


__all__ = [
    "LateIssueNeeded",
    "ManifestEntry",
    "NotificationsExport",
    "export_notifications",
    "letter_text",
    "prepare_folder",
]
