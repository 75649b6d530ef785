"""Build ``resources/templates/minutes.docx``, the standard base document.

Run ``python -m app.exporters.make_template`` after changing the house look.
A local area re-brands by opening the built file in Word: it changes the
styles (fonts, colours, sizes), puts its logo in the first page's header (the
"Logo slot" paragraph) and saves it in its local templates folder (see
``resources/templates/README.md``). The exporter writes only content; the look
comes from here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app import APP_NAME, paths
from app.exporters.docx_base import LOGO_SLOT, DocumentProperties, set_properties

FONT = "Arial"
INK = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x40, 0x40, 0x40)
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _plain_fonts(document: Any) -> None:
    """Arial everywhere, in British English: theme fonts differ between Word and LibreOffice."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:rFonts")) + rpr.findall(qn("w:lang")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    rpr.insert(0, fonts)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        if fonts.getparent() is rpr:
            continue
        for attribute in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)


def _paragraph_style(
    document: Any,
    name: str,
    *,
    size: float,
    bold: bool = False,
    colour: RGBColor | None = None,
    before: float = 0,
    after: float = 6,
    keep_with_next: bool = False,
) -> Any:
    styles = document.styles
    names = {style.name for style in styles}
    style = styles[name] if name in names else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name not in ("Normal",):
        style.base_style = styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = bold
    if colour is not None:
        style.font.color.rgb = colour
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.1
    fmt.keep_with_next = keep_with_next
    return style


def _prune_table_styles(document: Any) -> None:
    """Keep one table style: the exports use it, and the rest only slow loading."""
    for style in list(document.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in ("Table Grid", "Normal Table"):
            style.delete()


def _styles(document: Any) -> None:
    _prune_table_styles(document)
    _plain_fonts(document)
    _paragraph_style(document, "Normal", size=11, after=6)
    _paragraph_style(document, "Title", size=22, bold=True, colour=INK, after=6)
    _paragraph_style(
        document,
        "Heading 1",
        size=14,
        bold=True,
        colour=INK,
        before=16,
        after=6,
        keep_with_next=True,
    )
    _paragraph_style(
        document,
        "Heading 2",
        size=12,
        bold=True,
        colour=INK,
        before=10,
        after=4,
        keep_with_next=True,
    )
    _paragraph_style(document, "Organisation", size=12, bold=True, colour=GREY, after=2)
    _paragraph_style(document, "Status line", size=11, bold=True, after=10)
    _paragraph_style(document, "Table text", size=10, before=2, after=2)
    _paragraph_style(document, "Small print", size=9, colour=GREY, before=2, after=4)
    logo = _paragraph_style(document, LOGO_SLOT, size=11, after=0)
    logo.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.6), Cm(2.4)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True
    # The logo slot: an empty right-aligned paragraph in the first page's header.
    slot = section.first_page_header.paragraphs[0]
    slot.style = document.styles[LOGO_SLOT]
    for header in (section.header, section.footer, section.first_page_footer):
        header.paragraphs[0].text = ""


def build(target: Path) -> None:
    document = docx.Document()
    _styles(document)
    _page(document)
    # Word 2010's copy of the styles would disagree with the ones set above.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rel_id]
    set_properties(
        document,
        DocumentProperties(
            title="Minutes",
            subject="Base document for minutes",
            author=APP_NAME,
            comments="Edit the styles and put a logo in the first page's header; keep the rest.",
            content_status="Template",
        ),
    )
    with paths.atomic_write(target) as tmp:
        document.save(str(tmp))


if __name__ == "__main__":
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else paths.resources_dir() / "templates" / "minutes.docx"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    build(out)
    print(f"Wrote {out}")
