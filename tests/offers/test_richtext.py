import pytest
from django.core.exceptions import ValidationError

from tenant_apps.offers.richtext import render_description, validate_description


def test_plain_text_becomes_paragraphs_and_lists():
    text = "Boulangerie familiale.\nÉquipe de 4.\n\n- Pétrissage\n- Cuisson\n\nHoraires : 4 h - 11 h <matin>"

    assert render_description(text) == (
        "<p>Boulangerie familiale.<br>Équipe de 4.</p>"
        "<ul><li>Pétrissage</li><li>Cuisson</li></ul>"
        "<p>Horaires : 4 h - 11 h &lt;matin&gt;</p>"
    )


def test_html_keeps_only_simple_markup_and_safe_links():
    html = '<div class="x"><p style="color:red">Un <span>poste</span> <strong>stable</strong></p></div><a href="https://ex.fr">site</a>'

    assert render_description(html) == (
        '<p>Un poste <strong>stable</strong></p><a href="https://ex.fr" rel="nofollow noopener noreferrer">site</a>'
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<SCRIPT src=//evil.example></SCRIPT>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">clic</a>',
        "<iframe src=https://evil.example></iframe>",
        "<p onmouseover=alert(1)>survol</p>",
        '<svg onload="alert(1)">',
    ],
)
def test_active_content_is_refused_with_a_message(text):
    with pytest.raises(ValidationError, match="du code qui ne peut pas être publié"):
        validate_description(text)


def test_a_huge_description_is_refused_with_its_length():
    with pytest.raises(ValidationError, match="trop longue : 200 000 caractères, 10 000 au plus"):
        validate_description("a" * 200_000)


def test_whatever_gets_through_is_rendered_without_active_content():
    assert "onerror" not in render_description('<img src=x onerror="alert(1)">')
    assert "<script" not in render_description("<script>alert(1)</script>")
    assert "<script" not in render_description("<p>ok</p><script>alert(1)</script>")
