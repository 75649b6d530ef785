"""This computer's display preferences: text size and high contrast.

They belong to the person at the laptop, not to the workspace (a chair with
low vision wants large text on the unlock screen too), so they live in the
user's configuration folder, never in a workspace. They hold nothing personal.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import platformdirs

from app import paths

log = logging.getLogger(__name__)

TEXT_SIZES = (100, 125, 150, 175, 200)
FILE_NAME = "display.json"


@dataclasses.dataclass(frozen=True)
class DisplayPrefs:
    text_size: int = 100  # per cent of the system's text size
    high_contrast: bool = False

    def __post_init__(self) -> None:
        if self.text_size not in TEXT_SIZES:
            raise ValueError(f"text size must be one of {TEXT_SIZES}")


def prefs_file() -> Path:
    return Path(platformdirs.user_config_dir(paths.APP_DIR_NAME, appauthor=False)) / FILE_NAME


def load_prefs() -> DisplayPrefs:
    """The saved preferences; the defaults when there are none or the file is unreadable."""
    try:
        raw = json.loads(prefs_file().read_text(encoding="utf-8"))
        return DisplayPrefs(
            text_size=int(raw.get("text_size", 100)),
            high_contrast=bool(raw.get("high_contrast", False)),
        )
    except FileNotFoundError:
        return DisplayPrefs()
    except (OSError, ValueError, TypeError, AttributeError):
        # A damaged file must never stop the app starting: the defaults stand in.
        log.warning("The display preferences could not be read; using the defaults.")
        return DisplayPrefs()


def save_prefs(prefs: DisplayPrefs) -> None:
    target = prefs_file()
    paths.ensure_private_dir(target.parent)
    with paths.atomic_write(target) as temporary:
        temporary.write_text(json.dumps(dataclasses.asdict(prefs)), encoding="utf-8")
