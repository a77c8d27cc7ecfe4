"""Offer descriptions: plain text or a little HTML, stored with a safe rendering.

Recruiters type plain text (blank lines between paragraphs, "- " for bullets);
API clients may send HTML. Either way the rendering keeps only a few tags and
``nh3`` (Ammonia) removes everything else. Active content (scripts, event
handlers, ``javascript:`` links, frames) is refused with a message rather than
silently removed, so the author knows what will be shown.
"""

import html
import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
MAX_TEXT_LENGTH = 10_000
# Text is read as HTML only if it uses real HTML tags: "<matin>" stays text.
LOOKS_LIKE_HTML = re.compile(
    r"</?(p|br|strong|b|em|i|u|ul|ol|li|h[1-6]|a|div|span|table|tr|td|th|img|font|blockquote)\b[^>]*>",
    re.IGNORECASE,
)
ACTIVE_CONTENT = re.compile(
    r"<\s*(script|iframe|object|embed|style|form|svg|math)\b|\bon[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*[-•*]\s+")


def _plain_text_to_html(text: str) -> str:
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        if lines and all(BULLET.match(line) for line in lines):
            items = "".join(f"<li>{html.escape(BULLET.sub('', line))}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif lines:
            blocks.append("<p>" + "<br>".join(html.escape(line.strip()) for line in lines) + "</p>")
    return "".join(blocks)


def validate_description(text: str) -> None:
    if ACTIVE_CONTENT.search(text):
        raise ValidationError(
            _(
                "La description contient du code qui ne peut pas être publié (script, gestionnaire "
                "d'événement, lien javascript:, cadre...). Retirez-le et gardez du texte simple."
            ),
            code="active_content",
        )
    length = len(text)
    if length > MAX_TEXT_LENGTH:
        raise ValidationError(
            _("La description est trop longue : %(length)s caractères, %(max)s au plus."),
            params={"length": f"{length:,}".replace(",", " "), "max": f"{MAX_TEXT_LENGTH:,}".replace(",", " ")},
            code="too_long",
        )


def render_description(text: str) -> str:
    """Safe HTML for a description typed as plain text or as HTML."""
    source = text if LOOKS_LIKE_HTML.search(text) else _plain_text_to_html(text)
    return nh3.clean(
        source,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
