"""Candidates' CVs as PDF: checking an uploaded file, and generating one from the profile.

An uploaded CV is judged by its content, never by its name or declared type, and
refused with a message the candidate can act on. Its text is extracted so that
the CVthèque full-text search covers it; the same extraction runs on the CV
generated here, so both kinds of CV are found alike.

The generated CV embeds DejaVu Sans (fonts/, copied from matplotlib's wheel, see
fonts/LICENSE): reportlab's built-in fonts only cover Windows-1252, and
candidates' names or languages may need more (ł, ş, ă, Cyrillic, Greek...).
"""

import functools
import io
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader, apply_configuration
from pypdf.errors import DependencyError
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import CondPageBreak, HRFlowable, Paragraph, SimpleDocTemplate

from tenants.validators import HEX_COLOUR, WCAG_AA_NORMAL_TEXT, WHITE, contrast_ratio

logger = logging.getLogger(__name__)

MAX_CV_BYTES = 5 * 1024 * 1024
MAX_CV_PAGES = 10
# Far more than any CV holds; bounds what a crafted file can put in the database.
MAX_CV_TEXT_CHARS = 100_000
# A real CV's text comes out in a fraction of a second; a crafted one (content
# streams that inflate 1000-fold, forms drawn thousands of times) could keep a
# worker busy for hours. Past the deadline extraction stops at the next operator,
# and pypdf parses at most this many tokens of a content stream (its default is
# 2,000,000), which bounds the time between two checks of the deadline.
TEXT_EXTRACTION_SECONDS = 5
CONTENT_STREAM_TOKENS = 200_000
# The PDF specification lets a few bytes of junk precede the header.
PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WINDOW = 1024

DEFAULT_ACCENT_COLOUR = "#1d4f91"
FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
TEXT_COLOUR = colors.HexColor("#222222")
MUTED_HEX = "#5a5a5a"
MUTED_COLOUR = colors.HexColor(MUTED_HEX)
# Room needed at the bottom of a page to start a section heading, two lines of
# text, or an entry (its title and period, two lines of description).
HEADING_ROOM = 12 * mm
LINES_ROOM = 10 * mm
ENTRY_ROOM = 22 * mm

# PostgreSQL refuses NUL in text and UTF-8 cannot encode lone surrogates, which a
# broken /ToUnicode map can produce; other control characters are only noise.
UNSTORABLE_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class CheckedCv:
    page_count: int
    text: str


@dataclass(frozen=True)
class CvEntry:
    """One experience or training; every field but the title may be blank."""

    title: str
    organisation: str = ""
    place: str = ""
    period: str = ""
    description: str = ""


@dataclass(frozen=True)
class CvDocument:
    """What the generated CV shows, already chosen by the caller (hidden contact
    details are simply not passed), so that this module knows no model."""

    full_name: str
    headline: str = ""
    commune: str = ""
    contact_lines: list[str] = field(default_factory=list)
    presentation: str = ""
    mobility_lines: list[str] = field(default_factory=list)
    availability: str = ""
    experiences: list[CvEntry] = field(default_factory=list)
    trainings: list[CvEntry] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    accent_colour: str = DEFAULT_ACCENT_COLOUR
    territory_name: str = ""


# Checking an upload ------------------------------------------------------------------------------


def check_cv_upload(uploaded) -> CheckedCv:
    """Accept an uploaded CV only if recruiters can open it: a readable PDF of at
    most MAX_CV_BYTES and MAX_CV_PAGES, without encryption.

    ``uploaded`` is a Django UploadedFile or any file-like object with ``size``,
    ``read()`` and ``seek()``; it is left at position 0 so that it can be saved.
    Raises ValidationError with code ``too_large``, ``empty``, ``not_pdf``,
    ``encrypted``, ``too_many_pages`` or ``corrupt``.
    """
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_CV_BYTES:
        raise _too_large()
    if size == 0:
        raise _empty()
    uploaded.seek(0)
    # One byte more than allowed tells a file that misreports its size.
    data = uploaded.read(MAX_CV_BYTES + 1)
    uploaded.seek(0)
    if len(data) > MAX_CV_BYTES:
        raise _too_large()
    if not data:
        raise _empty()
    return _check_pdf(data)


def extract_text(data: bytes) -> str:
    """The searchable text of a PDF, whitespace-normalised and storable in PostgreSQL.

    Runs the same checks as an upload (minus the size), so a file that would be
    refused raises the same ValidationError instead of being parsed at length.
    """
    return _check_pdf(data).text


def _check_pdf(data: bytes) -> CheckedCv:
    if PDF_MAGIC not in data[:PDF_MAGIC_WINDOW]:
        raise ValidationError(
            _("Ce fichier n’est pas un PDF. Enregistrez votre CV au format PDF puis réessayez."), code="not_pdf"
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        # Before any page is read: a crafted page tree can be huge.
        page_count = 0 if encrypted else len(reader.pages)
    except DependencyError:
        # Opening a file needs an optional library only to decrypt AES-encrypted ones.
        encrypted = True
    except Exception as error:
        # A parser fed arbitrary bytes can fail in any way; each one means the same to the candidate.
        logger.info("Unreadable PDF: %r", error)
        raise _corrupt() from error
    # Refused even when it opens without a password (owner restrictions only):
    # without a crypto library AES-encrypted text cannot be extracted, and some
    # viewers still ask recruiters for a password or forbid printing.
    if encrypted:
        raise ValidationError(
            _(
                "Ce PDF est protégé par un mot de passe ou des restrictions : "
                "enregistrez-en une version sans protection."
            ),
            code="encrypted",
        )
    if page_count == 0:
        raise _corrupt()
    if page_count > MAX_CV_PAGES:
        raise ValidationError(
            _("Ce PDF compte %(count)s pages : un CV en compte %(max)s au plus."),
            code="too_many_pages",
            params={"count": page_count, "max": MAX_CV_PAGES},
        )
    return CheckedCv(page_count=page_count, text=_text_of(reader))


class _OutOfTime(BaseException):
    """Stops a text extraction past its deadline. Not an Exception, so that pypdf,
    which ignores any Exception raised within a form XObject, lets it through."""


def _text_of(reader: PdfReader) -> str:
    """The pages' text, until MAX_CV_TEXT_CHARS or TEXT_EXTRACTION_SECONDS.

    A page whose text cannot be extracted (a scan, an exotic font, a crafted
    stream over the limits) adds nothing: the file still opens in a viewer, so
    refusing it would only punish the candidate for our extractor's limits.
    """
    deadline = time.monotonic() + TEXT_EXTRACTION_SECONDS

    def stop_when_late(*_operation):
        if time.monotonic() > deadline:
            raise _OutOfTime

    parts: list[str] = []
    length = 0
    with apply_configuration(stream_parsing_work_maximum_count=CONTENT_STREAM_TOKENS):
        for number, page in enumerate(reader.pages, start=1):
            try:
                stop_when_late()
                page_text = page.extract_text(visitor_operand_before=stop_when_late)
            except _OutOfTime:
                logger.info("PDF text extraction stopped after %s s, on page %s", TEXT_EXTRACTION_SECONDS, number)
                break
            except Exception as error:
                logger.info("No text extracted from PDF page %s: %r", number, error)
                continue
            parts.append(page_text)
            length += len(page_text)
            if length >= MAX_CV_TEXT_CHARS:
                break
    text = UNSTORABLE_CHARACTERS.sub(" ", " ".join(parts))
    return " ".join(text.split())[:MAX_CV_TEXT_CHARS]


def _too_large() -> ValidationError:
    return ValidationError(
        _("Le fichier dépasse %(max)s Mo. Réduisez sa taille (images moins lourdes) puis réessayez."),
        code="too_large",
        params={"max": MAX_CV_BYTES // (1024 * 1024)},
    )


def _empty() -> ValidationError:
    return ValidationError(_("Le fichier est vide."), code="empty")


def _corrupt() -> ValidationError:
    return ValidationError(
        _("Ce PDF est illisible ou endommagé. Enregistrez-le de nouveau au format PDF puis réessayez."),
        code="corrupt",
    )


# Generating a CV ---------------------------------------------------------------------------------


def render_cv(cv: CvDocument) -> bytes:
    """An A4 PDF of the candidate's profile: the header, then each section that
    has content, in the order a recruiter reads them. Text flows to new pages."""
    _register_fonts()
    accent = colors.HexColor(_accent_colour(cv.accent_colour))
    styles = _styles(accent)
    story = [Paragraph(_markup(cv.full_name), styles["name"])]
    if _clean(cv.headline):
        story.append(Paragraph(_markup(cv.headline), styles["headline"]))
    details = [line for line in (cv.commune, *cv.contact_lines) if _clean(line)]
    if details:
        story.append(Paragraph(" · ".join(_markup(line) for line in details), styles["details"]))
    story.append(HRFlowable(width="100%", thickness=2, color=accent, spaceBefore=4, spaceAfter=6))

    if _clean(cv.presentation):
        story += _section(_("Présentation"), _paragraphs(cv.presentation, styles["body"]), accent, styles)
    for title, entries in ((_("Expériences"), cv.experiences), (_("Formations et diplômes"), cv.trainings)):
        flowables = [flowable for entry in entries if _clean(entry.title) for flowable in _entry(entry, styles)]
        if flowables:
            story += _section(title, flowables, accent, styles, first_room=ENTRY_ROOM)
    for title, items in ((_("Compétences"), cv.skills), (_("Langues"), cv.languages)):
        filled = [item for item in items if _clean(item)]
        if filled:
            story += _section(title, [Paragraph(" · ".join(map(_markup, filled)), styles["body"])], accent, styles)
    mobility = [line for line in cv.mobility_lines if _clean(line)]
    if mobility:
        bullets = [Paragraph(_markup(line), styles["bullet"], bulletText="•") for line in mobility]
        story += _section(_("Mobilité"), bullets, accent, styles)
    if _clean(cv.availability):
        story += _section(_("Disponibilité"), _paragraphs(cv.availability, styles["body"]), accent, styles)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=_("CV – %(name)s") % {"name": _clean(cv.full_name)},
        author="",
        subject="",
        creator="",
        lang=translation.get_language() or "fr",
        displayDocTitle=True,
    )
    footer = _clean(cv.territory_name)

    def draw_footer(canvas, _document):
        if footer:
            canvas.saveState()
            canvas.setFont(FONT, 7.5)
            canvas.setFillColor(MUTED_COLOUR)
            text = _("CV créé sur le portail emploi de %(territory)s") % {"territory": footer}
            canvas.drawCentredString(A4[0] / 2, 10 * mm, text)
            canvas.restoreState()

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


@functools.cache
def _register_fonts() -> None:
    """Once per process: reportlab keeps registered fonts in a global registry."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    # Lets <b> in paragraph markup pick the bold face.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD_FONT, italic=FONT, boldItalic=BOLD_FONT)


def _accent_colour(value: str) -> str:
    """The territory's colour if it is a #rrggbb readable on white (as the
    territory settings require), else the default: the CV must stay readable."""
    if HEX_COLOUR.match(value or "") and contrast_ratio(value, WHITE) >= WCAG_AA_NORMAL_TEXT:
        return value
    return DEFAULT_ACCENT_COLOUR


def _styles(accent: colors.Color) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=TEXT_COLOUR, spaceAfter=4)
    return {
        "name": ParagraphStyle("name", fontName=BOLD_FONT, fontSize=20, leading=25, textColor=accent),
        "headline": ParagraphStyle("headline", fontName=BOLD_FONT, fontSize=12, leading=16, textColor=TEXT_COLOUR),
        "details": ParagraphStyle("details", parent=body, fontSize=9.5, textColor=MUTED_COLOUR, spaceBefore=2),
        "section": ParagraphStyle(
            "section", fontName=BOLD_FONT, fontSize=12, leading=15, textColor=accent, spaceBefore=10
        ),
        "entry_title": ParagraphStyle("entry_title", parent=body, spaceBefore=4, spaceAfter=2),
        "body": body,
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=12, bulletIndent=2, bulletFontName=FONT, spaceAfter=1
        ),
    }


def _section(
    title: str, flowables: list, accent: colors.Color, styles: dict[str, ParagraphStyle], first_room: float = LINES_ROOM
) -> list:
    """A heading and its content. The page break made when there is no room for
    the heading and the start of its content keeps a heading from ending a page
    alone (reportlab's keepWithNext would push a whole long first entry to the next page)."""
    return [
        CondPageBreak(HEADING_ROOM + first_room),
        Paragraph(escape(title), styles["section"]),
        HRFlowable(width="100%", thickness=0.6, color=accent, spaceBefore=1, spaceAfter=4),
        *flowables,
    ]


def _entry(entry: CvEntry, styles: dict[str, ParagraphStyle]) -> list:
    """The title, organisation, period and place in one paragraph, so that they
    never part; the description follows, free to flow to the next page."""
    title = f"<b>{_markup(entry.title)}</b>"
    if _clean(entry.organisation):
        title += f" – {_markup(entry.organisation)}"
    meta = [_markup(value) for value in (entry.period, entry.place) if _clean(value)]
    if meta:
        title += f'<br/><font size="9" color="{MUTED_HEX}">{" · ".join(meta)}</font>'
    return [
        CondPageBreak(ENTRY_ROOM),
        Paragraph(title, styles["entry_title"]),
        *_paragraphs(entry.description, styles["body"]),
    ]


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """Blank lines separate paragraphs and line breaks are kept, as typed in the profile."""
    return [Paragraph(_markup(block), style) for block in PARAGRAPH_BREAK.split(_clean(text)) if block.strip()]


def _clean(text: str) -> str:
    """Profile text without the control characters a form can let through (no
    font draws them), with Unix line breaks and no surrounding blanks."""
    return UNSTORABLE_CHARACTERS.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def _markup(text: str) -> str:
    """User text as reportlab paragraph markup: shown literally, never interpreted."""
    return escape(_clean(text)).replace("\n", "<br/>")
