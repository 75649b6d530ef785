"""Lays a letter out in Word: letterhead, address, date and reference, the text,
and the sign-off, on the same template and with the same marking as the minutes."""

from __future__ import annotations

from typing import Any

from docx.shared import Pt

from app import APP_NAME
from app.exporters.docx_base import (
    TEAM,
    DocumentProperties,
    add_marking,
    open_house_template,
    set_properties,
)
from app.exporters.docx_base import long_date as written_date
from app.exporters.docx_tables import TABLE_TEXT, Column, add_label_table, add_table
from app.exporters.letters.model import (
    Bullets,
    Details,
    Heading,
    Letter,
    LetterText,
    Para,
    Table,
)
from app.models import RecipientRole

# Letters use the minutes' template, so a local area re-brands both at once.
# Families read these at home: a size that is easy to read (12 point or more).
PARENT_TEXT_SIZE = Pt(12)
ENVELOPE_MARKING = "Private and confidential: to be opened by the addressee only"


def _lines(document: Any, text: str, style: str = "Normal") -> Any:
    """One paragraph, with the text's line breaks kept."""
    paragraph = document.add_paragraph(style=style)
    for index, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if index:
            run.add_break()
        run.add_text(line)
    return paragraph


def _gap(document: Any) -> None:
    """A small space after a table (an empty paragraph in small print)."""
    document.add_paragraph(style="Small print").paragraph_format.space_after = Pt(0)


def render_letter(letter: Letter, text: LetterText) -> Any:
    """The letter as a python-docx ``Document`` (not yet saved)."""
    facts = letter.facts
    document = open_house_template()
    if letter.recipient.role is RecipientRole.PARENT_CARER:
        for name in ("Normal", TABLE_TEXT, "List Bullet"):
            document.styles[name].font.size = PARENT_TEXT_SIZE
    add_marking(document, draft=False, footer_note=facts.local_authority or TEAM)
    organisation = "\n".join(p for p in (facts.local_authority, TEAM) if p)
    _lines(document, organisation, "Organisation").paragraph_format.space_after = Pt(12)
    # Above the address, so that it shows through the envelope's window.
    marking = document.add_paragraph()
    marking.add_run(ENVELOPE_MARKING).bold = True
    marking.paragraph_format.space_after = Pt(0)
    _lines(document, "\n".join(letter.address)).paragraph_format.space_after = Pt(12)
    _lines(document, f"{written_date(facts.letter_date)}\nOur reference: {facts.la_child_ref}")
    document.add_paragraph(text.title, style="Title")
    document.add_paragraph(text.greeting)
    # The last section (whom to contact) stays on the page with the signature.
    last_heading = max(
        (i for i, block in enumerate(text.blocks) if isinstance(block, Heading)), default=None
    )
    for index, block in enumerate(text.blocks):
        keep = last_heading is not None and index >= last_heading
        if isinstance(block, Heading):
            paragraph = document.add_paragraph(block.text, style="Heading 2")
            paragraph.paragraph_format.keep_with_next = True
        elif isinstance(block, Para):
            _lines(document, block.text).paragraph_format.keep_with_next = keep
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Details):
            add_label_table(document, pairs=block.pairs, caption=block.caption, widths=(5.0, 12.0))
            _gap(document)
        elif isinstance(block, Table):
            add_table(
                document,
                columns=[Column(h, w) for h, w in block.columns],
                rows=block.rows,
                caption=block.caption,
            )
            _gap(document)
    _lines(document, text.closing).paragraph_format.keep_together = True
    set_properties(
        document,
        DocumentProperties(
            title=f"Letter from the {TEAM}",
            subject=text.subject,
            author=facts.local_authority or APP_NAME,
            comments="A letter about a child protection meeting. Keep it safe and private.",
            content_status="Final",
            keywords="MACPT; letter; OFFICIAL-SENSITIVE",
        ),
    )
    return document
