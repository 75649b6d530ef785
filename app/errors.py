"""Errors that reach the user. Each message says what is wrong and what to do.

Messages never contain personal data: they may be shown in dialogs, printed on
stderr by ``macpt`` or written to logs.
"""


class MacptError(Exception):
    """Base class: ``str(error)`` is a complete sentence fit for a user."""


class WrongPassphrase(MacptError):
    def __init__(self) -> None:
        super().__init__(
            "That passphrase does not open this workspace. Check it (and Caps Lock) and try again."
        )


class WorkspaceNotFound(MacptError):
    def __init__(self, path: object) -> None:
        super().__init__(f"There is no workspace at {path}. Create one, or choose another file.")


class WorkspaceExists(MacptError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"A file already exists at {path}. Open it instead, or choose another name."
        )


class NotAWorkspace(MacptError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} is not a MACPT Companion workspace (it is empty, too short or unencrypted). "
            "Choose the workspace file, or restore it from a backup."
        )


class WorkspaceDamaged(MacptError):
    def __init__(self, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            "This workspace is damaged or has been altered outside MACPT Companion"
            f"{extra}. Nothing more will be written to it. Restore it from a backup "
            "and contact your IT service desk."
        )


class WalDamaged(WorkspaceDamaged):
    """Committed changes sit behind damage in the ``-wal``: SQLite would drop them."""

    def __init__(self, detail: str, aside: object) -> None:
        MacptError.__init__(
            self,
            f"Recent changes to this workspace cannot all be read: {detail}. "
            f"Nothing has been written; the files are as they were, with a copy in {aside}. "
            "Do not keep working in it: contact your IT service desk, who can recover "
            "the changes from the copy or restore a backup.",
        )


class DiskFull(MacptError):
    def __init__(self, folder: object) -> None:
        super().__init__(
            f"The disk holding {folder} is full, so nothing more can be saved. "
            "Free some space on it, then try again."
        )


class WorkspaceReadOnly(MacptError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} is read-only, so nothing can be saved to it. Make the file writable, "
            "or copy it to a folder you can write to."
        )


class ReadOnlyDisk(MacptError):
    def __init__(self, folder: object) -> None:
        super().__init__(
            f"{folder} is on a read-only disk, so nothing can be saved there. "
            "Copy the workspace to a disk you can write to."
        )


class PermissionDenied(MacptError):
    def __init__(self, path: object, action: str) -> None:
        super().__init__(
            f"You do not have permission to {action} {path}. Ask your IT service desk "
            "to give your account access to it."
        )


class NameTooLong(MacptError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"The name of {path} is too long for this disk. Choose a shorter name or folder."
        )


class StorageFailure(MacptError):
    def __init__(self, path: object, detail: str) -> None:
        super().__init__(
            f"Reading or writing {path} failed ({detail}). Check the disk is connected "
            "and working, then try again; if it keeps happening, contact your IT service desk."
        )


class WorkspaceInUse(MacptError):
    def __init__(self) -> None:
        super().__init__(
            "This workspace is already open in another MACPT Companion window. "
            "Switch to that window, or close it and try again."
        )


class WorkspaceTooNew(MacptError):
    def __init__(self) -> None:
        super().__init__(
            "This workspace was made by a newer version of MACPT Companion. "
            "Install the latest version to open it."
        )


class WeakPassphrase(MacptError):
    pass


class ExportError(MacptError):
    pass


class NotFound(MacptError):
    pass


class RecordLocked(MacptError):
    pass


class ValidationError(MacptError):
    pass


# -- input checked at the service boundary (app.validation) -------------------
class InvalidField(ValidationError):
    """A value a service cannot take; ``field`` names the argument it came in."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field_label(field)} {problem}.")


def field_label(field: str) -> str:
    """``owner_agency_id`` → ``Owner agency``: an argument's name as a person reads it."""
    words = field.removesuffix("_id").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
