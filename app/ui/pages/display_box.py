"""Settings → "On this computer": text size and high contrast, applied at once."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QFormLayout, QGroupBox, QWidget

from app.ui import display, style
from app.ui.widgets import add_row, hint, message_label, named, show_message

log = logging.getLogger(__name__)


class DisplayBox(QGroupBox):
    """This computer's display preferences (they are not the workspace's)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("On this computer", parent)
        named(self, "On this computer")
        self.text_size = QComboBox()
        for size in display.TEXT_SIZES:
            self.text_size.addItem(f"{size} %", size)
        named(self.text_size, "Text size", "How large text is, against the system's size")
        self.high_contrast = named(
            QCheckBox("High contrast (white on black)"),
            "High contrast",
            "White text on black, yellow for focus and selection",
        )
        self.message = message_label("Display preferences")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(hint("For whoever uses this computer, in every workspace and when unlocking."))
        add_row(form, "Te&xt size:", self.text_size)
        form.addRow("", self.high_contrast)
        form.addRow(self.message)
        self._show(display.load_prefs())
        self.text_size.currentIndexChanged.connect(self._changed)
        self.high_contrast.toggled.connect(self._changed)

    def _show(self, prefs: display.DisplayPrefs) -> None:
        self.text_size.setCurrentIndex(display.TEXT_SIZES.index(prefs.text_size))
        self.high_contrast.setChecked(prefs.high_contrast)

    def prefs(self) -> display.DisplayPrefs:
        return display.DisplayPrefs(
            text_size=int(self.text_size.currentData()),
            high_contrast=self.high_contrast.isChecked(),
        )

    def _changed(self) -> None:
        prefs = self.prefs()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply_style(app, prefs)
        try:
            display.save_prefs(prefs)
        except OSError:
            log.warning("The display preferences could not be saved.")
            show_message(
                self.message,
                "This change applies now but could not be kept for next time: the "
                "settings folder could not be written. Ask your IT service desk.",
                error=True,
            )
            return
        self.message.setVisible(False)
