"""Creating a workspace: the passphrase typed twice, with the policy explained."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import WeakPassphrase
from app.services.passphrase import POLICY_TEXT, check_new_passphrase
from app.services.workspace import CREATE_STEPS, create_workspace
from app.storage.workspace import Workspace
from app.ui.background import Job, Progress
from app.ui.widgets import (
    add_row,
    fit_to_contents,
    gate_buttons,
    heading,
    hint,
    message_label,
    named,
    show_message,
    user_message,
)


def passphrase_feedback(passphrase: str, confirmation: str) -> tuple[bool, str]:
    """Whether the pair is acceptable, and what to tell the user as they type."""
    if not passphrase:
        return False, ""
    try:
        check_new_passphrase(passphrase, passphrase)
    except WeakPassphrase as exc:
        return False, str(exc)
    if not confirmation:
        return False, "That passphrase is strong enough. Now type it again below."
    if confirmation != passphrase:
        return False, "The two passphrases are not the same yet."
    return True, "The passphrases match."


class CreateWorkspaceDialog(QDialog):
    """Creates a new workspace at ``path`` once an acceptable passphrase is typed twice.

    Signals:
        created(object): the workspace exists and is open; the argument is it.
        open_another: the user wants to open an existing workspace instead.
    """

    created = Signal(object)
    open_another = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.workspace: Workspace | None = None
        self.setWindowTitle(f"Create a workspace – {APP_NAME}")
        self.setObjectName("createDialog")

        intro = hint(
            f"{APP_NAME} keeps every record in one encrypted file, protected by a passphrase. "
            f"It will be created here:\n{path}"
        )
        named(intro, "Where the workspace will be created")
        policy = hint(POLICY_TEXT)
        named(policy, "Passphrase rules")

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirmation = QLineEdit()
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        add_row(form, "&New passphrase:", self.passphrase)
        add_row(form, "Type it &again:", self.confirmation)
        for field in (self.passphrase, self.confirmation):
            field.textChanged.connect(self._on_changed)
        self.confirmation.returnPressed.connect(self._on_create)
        self.show_text = named(QCheckBox("&Show passphrase"), "Show passphrase")
        self.show_text.toggled.connect(self._on_show_toggled)
        form.addRow("", self.show_text)

        self.feedback = message_label("Passphrase feedback")
        self.error = message_label("Problem creating the workspace")
        # Creating takes several seconds (the key, the tables, the directory):
        # the work runs off the window's thread and says how far it has got.
        self.job: Job | None = None
        self.progress = named(QProgressBar(), "Creating the workspace")
        self.progress.setRange(0, CREATE_STEPS)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.status = hint("")
        named(self.status, "Creation progress")

        self.create_button = named(QPushButton("&Create workspace"), "Create workspace")
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._on_create)
        self.another_button, self.quit_button, buttons = gate_buttons(
            self.create_button, open_another=self.open_another, quit_=self.reject
        )

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Create your workspace"))
        layout.addWidget(intro)
        layout.addWidget(policy)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addLayout(buttons)

        QWidget.setTabOrder(self.passphrase, self.confirmation)
        QWidget.setTabOrder(self.confirmation, self.show_text)
        QWidget.setTabOrder(self.show_text, self.create_button)
        QWidget.setTabOrder(self.create_button, self.another_button)
        QWidget.setTabOrder(self.another_button, self.quit_button)
        self.passphrase.setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def show_error(self, message: str) -> None:
        """Say why the new workspace could not be shown."""
        self.workspace = None
        self._set_busy(False)
        self.create_button.setEnabled(False)  # the file exists now: open it instead
        show_message(self.error, message, error=True)
        fit_to_contents(self)

    def _on_changed(self) -> None:
        ok, message = passphrase_feedback(self.passphrase.text(), self.confirmation.text())
        show_message(self.feedback, message, error=bool(message) and not ok)
        fit_to_contents(self)
        self.create_button.setEnabled(ok)

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in (self.passphrase, self.confirmation):
            field.setEchoMode(mode)

    @property
    def creating(self) -> bool:
        """The workspace is being created (nothing can be pressed twice)."""
        return self.job is not None

    def reject(self) -> None:
        # Escape or closing the window mid-way would quit with a half-made file.
        if not self.creating:
            super().reject()

    def _on_create(self) -> None:
        ok, _ = passphrase_feedback(self.passphrase.text(), self.confirmation.text())
        if not ok or self.creating:
            return
        show_message(self.error, "")
        self._set_busy(True)
        path, passphrase = self.path, self.passphrase.text()

        def work(report: Progress) -> Workspace:
            return create_workspace(path, passphrase, progress=report)

        self.job = Job(self)
        self.job.progress.connect(self._on_progress)
        self.job.done.connect(self._on_created)
        self.job.failed.connect(self._on_failed)
        self.job.start(work)

    def _set_busy(self, on: bool) -> None:
        for widget in (
            self.passphrase,
            self.confirmation,
            self.show_text,
            self.create_button,
            self.another_button,
            self.quit_button,
        ):
            widget.setEnabled(not on)
        self.progress.setVisible(on)
        self.progress.setValue(0)
        self.status.setText("Creating the workspace…" if on else "")
        self.setCursor(Qt.CursorShape.BusyCursor if on else Qt.CursorShape.ArrowCursor)
        fit_to_contents(self)

    def _on_progress(self, step: int, steps: int, what: str) -> None:
        self.progress.setRange(0, steps)
        self.progress.setValue(step)
        self.status.setText(f"Step {step + 1} of {steps}: {what}")

    def _on_failed(self, exc: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        show_message(self.error, user_message(exc), error=True)
        fit_to_contents(self)
        self.passphrase.setFocus()

    def _on_created(self, workspace: Workspace) -> None:
        self.job = None
        self.progress.setValue(CREATE_STEPS)
        self.status.setText("The workspace is ready.")
        self.unsetCursor()
        self.passphrase.clear()
        self.confirmation.clear()
        self.workspace = workspace
        self.created.emit(workspace)
        # The shell closes this dialog once the main window is up.
