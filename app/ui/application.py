"""Start the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path


def run(*, workspace: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("MACPT Companion")
    label.show()
    return int(app.exec())
