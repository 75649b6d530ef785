"""What every exported Word document shares: template, marking, page numbers,
document properties, British dates and the atomic save.

Letters and notifications use these too, so a document from MACPT Companion
always carries the same OFFICIAL-SENSITIVE marking and the same clean metadata.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import docx
import platformdirs
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from app import APP_NAME, clock, paths
from app.errors import ExportError
from app.exporters.docx_tables import TABLE_STYLE, TABLE_TEXT
from app.exporters.targets import cannot_write, check_export_target

MARKING = "OFFICIAL-SENSITIVE"
DRAFT = "DRAFT"
LOGO_SLOT = "Logo slot"
# Minutes are read in England: times are shown as the clock on the wall there.
LOCAL_TIME = clock.LOCAL_ZONE
DRAFT_COLOUR = RGBColor(0xC0, 0x00, 0x00)

# Package parts a template edited in Word can carry that say who edited it or
# where it lived (extended and custom properties, SharePoint data, thumbnail).
_DROPPED_PACKAGE_RELS = {RT.EXTENDED_PROPERTIES, RT.CUSTOM_PROPERTIES, RT.THUMBNAIL}
_DROPPED_DOCUMENT_RELS = {RT.CUSTOM_XML}


# -- dates and times ---------------------------------------------------------
def long_date(day: dt.date) -> str:
    """A date as documents write it: "Monday 14 December 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock_time(moment: dt.time | dt.datetime) -> str:
    """ "10:05"; an aware datetime is first put into local (UK) time."""
    if isinstance(moment, dt.datetime):
        moment = local(moment).time()
    return f"{moment:%H:%M}"


def local(moment: dt.datetime) -> dt.datetime:
    """An aware UTC datetime as UK local time."""
    return moment.astimezone(LOCAL_TIME)


def long_datetime(moment: dt.datetime) -> str:
    """ "Monday 14 December 2026 at 10:05", in UK local time."""
    here = local(moment)
    return f"{long_date(here.date())} at {clock_time(here.time())}"


# -- template ----------------------------------------------------------------
def local_templates_dir() -> Path:
    """Where a local area puts its own re-branded copies of the templates."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "templates"


def template_path(name: str) -> Path:
    """The local area's copy of template ``name`` if it has one, else the standard one."""
    own = local_templates_dir() / name
    if own.is_file():
        return own
    return paths.resources_dir() / "templates" / name


# Every export is made from one house template, so a local area that re-brands it in
# Word re-brands the minutes, letters, safety plans and reports at once.
HOUSE_TEMPLATE = "minutes.docx"
HOUSE_STYLES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Organisation",
    "Status line",
    "Small print",
    "List Bullet",
    TABLE_TEXT,
    TABLE_STYLE,
)
TEAM = "Multi-Agency Child Protection Team"


def open_house_template() -> Any:
    """A new document from the house template, checked for every style the exports use."""
    return open_template(HOUSE_TEMPLATE, required_styles=HOUSE_STYLES)


def open_template(name: str, *, required_styles: tuple[str, ...] = ()) -> Any:
    """A new document made from template ``name``, checked for the styles it needs."""
    path = template_path(name)
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise ExportError(
            f"The template {path} cannot be read ({type(exc).__name__}). "
            "Repair it in Word, or remove it to use the standard template."
        ) from exc
    names = {style.name for style in document.styles}
    missing = [name for name in required_styles if name not in names]
    if missing:
        raise ExportError(
            f"The template {path} has no style called {missing[0]!r}. "
            "Add it in Word, or remove the template to use the standard one."
        )
    return document


class Writer:
    """Adds paragraphs and headings to ``document`` in the document's own styles.

    python-docx searches every style each time a style is set by name; with a
    full template that search was most of an export's time, so the ids are
    looked up once here.
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        self._ids = {style.name: style.style_id for style in document.styles}

    def style_id(self, name: str) -> str:
        return str(self._ids[name])

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        paragraph = self.document.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self._ids[style]
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")


# -- marking, page numbers ---------------------------------------------------
def _reusable_first(container: Any) -> Any | None:
    """The container's only paragraph if it is empty, holds no picture and is
    not the logo slot (which stays for the local area's logo)."""
    paragraphs = container.paragraphs
    if len(paragraphs) != 1:
        return None
    only = paragraphs[0]
    if only.text or _has_drawing(only) or only.style.name == LOGO_SLOT:
        return None
    return only


def _has_drawing(paragraph: Any) -> bool:
    return bool(paragraph._p.xpath(".//w:drawing | .//w:pict"))


def _paragraph_after(paragraph: Any) -> Any:
    element = OxmlElement("w:p")
    paragraph._p.addnext(element)
    return Paragraph(element, paragraph._parent)


def _marking_paragraph(container: Any, text: str, *, size: float, colour: RGBColor | None) -> Any:
    paragraph = _reusable_first(container)
    if paragraph is None:
        paragraph = container.paragraphs[0].insert_paragraph_before()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    return paragraph


def add_field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES …) that Word and LibreOffice work out when shown."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def add_page_x_of_y(paragraph: Any) -> None:
    """ "Page X of Y" with real PAGE and NUMPAGES fields."""
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES")


def add_marking(document: Any, *, draft: bool, footer_note: str) -> None:
    """OFFICIAL-SENSITIVE at the top and bottom of every page, DRAFT under the top
    one until the document is final, and ``footer_note`` with "Page X of Y".

    Anything the template already has in its headers and footers (a logo, an
    address) is kept below the marking.
    """
    for section in document.sections:
        headers, footers = [section.header], [section.footer]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
            footers.append(section.first_page_footer)
        for header in headers:
            top = _marking_paragraph(header, MARKING, size=11, colour=None)
            if draft:
                below = _paragraph_after(top)
                below.alignment = WD_ALIGN_PARAGRAPH.CENTER
                below.paragraph_format.space_after = Pt(0)
                run = below.add_run(DRAFT)
                run.bold = True
                run.font.size = Pt(14)
                run.font.color.rgb = DRAFT_COLOUR
        for footer in footers:
            line = _reusable_first(footer)
            if line is None:
                line = footer.paragraphs[0].insert_paragraph_before()
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line.paragraph_format.space_after = Pt(0)
            if footer_note:
                line.add_run(f"{footer_note}  |  ")
            add_page_x_of_y(line)
            for run in line.runs:
                run.font.size = Pt(9)
            marking = _paragraph_after(line)
            marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = marking.add_run(MARKING)
            run.bold = True
            run.font.size = Pt(11)


# -- properties --------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class DocumentProperties:
    """What File > Properties shows. Never a child's name: file browsers index it."""

    title: str
    subject: str
    author: str
    comments: str
    content_status: str
    keywords: str = f"MACPT; {MARKING}"
    category: str = MARKING
    revision: int = 1
    version: str = ""


def set_properties(document: Any, props: DocumentProperties) -> None:
    """Set every core property and drop the template's other metadata."""
    core = document.core_properties
    now = clock.utcnow().astimezone(dt.UTC)
    core.title = props.title
    core.subject = props.subject
    core.author = props.author or APP_NAME
    core.comments = props.comments
    core.keywords = props.keywords
    core.category = props.category
    core.content_status = props.content_status
    core.identifier = ""
    core.language = "en-GB"
    core.last_modified_by = APP_NAME
    core.revision = max(1, props.revision)
    core.version = props.version
    core.created = now
    core.modified = now
    for printed in core._element.findall(qn("cp:lastPrinted")):
        core._element.remove(printed)
    _drop_template_metadata(document)


def _drop_template_metadata(document: Any) -> None:
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in _DROPPED_PACKAGE_RELS:
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in _DROPPED_DOCUMENT_RELS:
            del document.part.rels[rel_id]
    # Word records the path of the template a document came from, which can
    # carry a user name (C:\Users\...).
    settings_part = document.part._settings_part
    settings = settings_part.element
    for attached in settings.findall(qn("w:attachedTemplate")):
        settings.remove(attached)
    for rel_id, rel in list(settings_part.rels.items()):
        if rel.is_external and rel.reltype.endswith("/attachedTemplate"):
            del settings_part.rels[rel_id]


# -- saving ------------------------------------------------------------------
def check_target(target: Path) -> Path:
    """Refuse, with a message the user can act on, a file that cannot be written."""
    return check_export_target(target, suffix=".docx", example="minutes.docx")


def _cannot_write(folder: Path) -> ExportError:
    return cannot_write(folder)


def save_document(document: Any, target: Path) -> Path:
    """Write ``document`` to ``target`` atomically (owner-only, never half-written)."""
    target = check_target(target)
    try:
        with paths.atomic_write(target) as tmp:
            document.save(str(tmp))
    except PermissionError as exc:
        raise _cannot_write(target.parent) from exc
    except OSError as exc:
        raise ExportError(
            f"The document could not be written in {target.parent} ({exc.strerror}). "
            "Check there is space on the drive and try again."
        ) from exc
    return target
