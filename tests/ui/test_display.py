"""Text size and high contrast: applied at once, kept for this computer, and every
colour the app adds meets WCAG AA against what it is drawn on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui import display, style
from app.ui.display import DisplayPrefs
from app.ui.pages.display_box import DisplayBox
from app.ui.widgets import heading

AA = 4.5


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# The backgrounds each set is drawn on: Fusion's light window and base; the
# darkest and lightest window colours common dark desktop themes use; black.
BACKGROUNDS = {
    "light": (style.LIGHT, ("#ffffff", "#efefef", "#f7f7f7")),
    "dark": (style.DARK, ("#1e1e1e", "#2b2b2b", "#353535", "#3c3f41")),
    "high contrast": (style.HIGH_CONTRAST, ("#000000",)),
}


@pytest.mark.parametrize("name", list(BACKGROUNDS))
def test_every_colour_meets_wcag_aa_on_its_palette(name: str) -> None:
    colours, backgrounds = BACKGROUNDS[name]
    for background in backgrounds:
        for text in (
            colours.error,
            colours.notice,
            colours.warning,
            colours.overdue,
            colours.placeholder,
        ):
            assert contrast(text, background) >= AA, (name, text, background)
    for text, background in (
        (colours.warning_text, colours.warning_background),
        (colours.chip_text, colours.chip_background),
        (colours.alert_text, colours.alert_background),
    ):
        assert contrast(text, background) >= AA, (name, text, background)


def test_the_high_contrast_palette_meets_aa_in_every_state() -> None:
    palette = style.high_contrast_palette()
    role = QPalette.ColorRole

    def hex_of(group: QPalette.ColorGroup, r: QPalette.ColorRole) -> str:
        return palette.color(group, r).name()

    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled):
        for text, background in (
            (role.WindowText, role.Window),
            (role.Text, role.Base),
            (role.ButtonText, role.Button),
            (role.PlaceholderText, role.Base),
        ):
            assert contrast(hex_of(group, text), hex_of(group, background)) >= AA
    active = QPalette.ColorGroup.Active
    assert contrast(hex_of(active, role.HighlightedText), hex_of(active, role.Highlight)) >= AA


def test_a_dark_desktop_gets_the_dark_colours() -> None:
    dark = QPalette(QColor("#2b2b2b"))
    assert style.colours_for(dark, high_contrast=False) is style.DARK
    assert style.colours_for(QPalette(QColor("#efefef")), high_contrast=False) is style.LIGHT
    assert style.colours_for(dark, high_contrast=True) is style.HIGH_CONTRAST


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    style.apply_style(qapp, DisplayPrefs())


def test_text_size_and_contrast_apply_at_once_and_are_kept(
    qtbot: QtBot, restored: QApplication
) -> None:
    style.apply_style(restored, DisplayPrefs())
    base = restored.font().pointSizeF()
    window = restored.palette().color(QPalette.ColorRole.Window).name()
    title = heading("Settings")
    qtbot.addWidget(title)
    title_size = title.font().pointSizeF()

    box = DisplayBox()
    qtbot.addWidget(box)
    box.text_size.setCurrentIndex(display.TEXT_SIZES.index(200))
    assert restored.font().pointSizeF() == pytest.approx(base * 2)
    # Headings follow: Qt posts the change of application font to every widget.
    qtbot.waitUntil(lambda: title.font().pointSizeF() == pytest.approx(title_size * 2))
    box.high_contrast.setChecked(True)
    assert restored.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert style.colours() is style.HIGH_CONTRAST
    assert "#ff8c8c" in restored.styleSheet()

    assert display.load_prefs() == DisplayPrefs(text_size=200, high_contrast=True)
    again = DisplayBox()
    qtbot.addWidget(again)
    assert again.prefs() == DisplayPrefs(text_size=200, high_contrast=True)

    box.high_contrast.setChecked(False)
    box.text_size.setCurrentIndex(0)
    assert restored.font().pointSizeF() == pytest.approx(base)
    assert restored.palette().color(QPalette.ColorRole.Window).name() == window
    assert display.load_prefs() == DisplayPrefs()


@pytest.mark.parametrize("content", ["{not json", '{"text_size": 300}', "[]", ""])
def test_a_damaged_preferences_file_falls_back_to_the_defaults(content: str) -> None:
    target = display.prefs_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    assert display.load_prefs() == DisplayPrefs()
