"""Errors that reach the user. Each message says what is wrong and what to do.

Messages never contain personal data: they may be shown in dialogs, printed on
stderr by ``macpt`` or written to logs.
"""


class MacptError(Exception):
    """Base class: ``str(error)`` is a complete sentence fit for a user."""


class WrongPassphrase(MacptError):
    def __init__(self) -> None:
        super().__init__(
            "That passphrase does not open this workspace. Check it and try again; "
            "if you are sure it is right, the file may be damaged: restore it from a backup."
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
