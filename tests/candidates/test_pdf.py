"""CV PDFs: which uploads are accepted, and what the generated CV contains.

Every PDF is built here (reportlab for readable ones, pypdf for the crafted ones),
so each test shows what the file holds. No database is needed.
"""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from reportlab.pdfgen import canvas

from tenant_apps.candidates import pdf
from tenant_apps.candidates.pdf import (
    MAX_CV_BYTES,
    MAX_CV_PAGES,
    CheckedCv,
    CvDocument,
    CvEntry,
    check_cv_upload,
    extract_text,
    render_cv,
)


def make_pdf(*lines: str, pages: int = 1) -> bytes:
    """A plain PDF with the given lines on its first page and blank pages after it."""
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    for number in range(pages):
        for row, line in enumerate(lines if number == 0 else ()):
            document.drawString(72, 760 - 20 * row, line)
        document.showPage()
    document.save()
    return buffer.getvalue()


def make_pdf_drawing(content: bytes, pages: int = 1) -> bytes:
    """A PDF whose pages run the given content stream, with Helvetica as /F1."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for _ in range(pages):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "cv.pdf", content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def refusal(uploaded) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_cv_upload(uploaded)
    return caught.value


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def cv_document(**fields) -> CvDocument:
    values = {
        "full_name": "Zoé Lefèvre",
        "headline": "Vendeuse · Hôtesse de caisse",
        "commune": "Hazebrouck",
        "contact_lines": ["06 12 34 56 78", "zoe.lefevre@example.org"],
        "presentation": "J’aime le « travail bien fait ».\nSalaire souhaité : 1 800 € brut.\n\nCœur à l’ouvrage.",
        "mobility_lines": ["Permis B", "Véhicule personnel"],
        "availability": "Disponible à partir du 01/03/2027",
        "experiences": [
            CvEntry("Vendeuse", "Boulangerie Œillet", "Bailleul", "2019 – 2024", "Accueil, encaissement, vitrine.")
        ],
        "trainings": [CvEntry("CAP Boulanger", "CFA de Dunkerque", "Dunkerque", "2018", "")],
        "skills": ["Encaissement", "Hygiène alimentaire"],
        "languages": ["Anglais : bon", "Néerlandais : notions"],
        "accent_colour": "#1d4f91",
        "territory_name": "CC des Hauts de Flandre",
    }
    return CvDocument(**(values | fields))


def first_page_drawing(data: bytes) -> bytes:
    return PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()


# Checking an upload


def test_a_readable_pdf_is_accepted_with_its_page_count_and_text():
    checked = check_cv_upload(upload(make_pdf("Cariste confirmé", "Soudeur TIG", pages=2)))

    assert checked == CheckedCv(page_count=2, text="Cariste confirmé Soudeur TIG")


def test_the_upload_is_rewound_so_that_it_can_be_saved():
    uploaded = upload(make_pdf("Cariste"))

    check_cv_upload(uploaded)

    assert uploaded.read(5) == b"%PDF-"


def test_the_content_decides_not_the_name_nor_the_declared_type():
    checked = check_cv_upload(upload(make_pdf("Cariste"), name="cv.png", content_type="image/png"))

    assert checked.text == "Cariste"


def test_extracted_text_is_whitespace_normalised_and_free_of_control_characters():
    data = make_pdf_drawing(b"BT /F1 12 Tf 72 700 Td (Cariste\\000  Soudeur\\001\\t\\n  TIG) Tj ET")

    assert extract_text(data) == "Cariste Soudeur TIG"


def test_extracted_text_is_capped(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_CV_TEXT_CHARS", 10)

    assert extract_text(make_pdf("Cariste confirmé")) == "Cariste co"


def test_a_file_over_5_mb_is_refused():
    error = refusal(upload(make_pdf("Cariste") + b"%" * MAX_CV_BYTES))

    assert error.code == "too_large"
    assert error.messages == ["Le fichier dépasse 5 Mo. Réduisez sa taille (images moins lourdes) puis réessayez."]


def test_a_file_over_5_mb_is_refused_by_its_size_without_being_read():
    class HugeUpload:
        size = MAX_CV_BYTES + 1

        def read(self, *args):
            raise AssertionError("a file too large must not be read")

        seek = read

    assert refusal(HugeUpload()).code == "too_large"


def test_a_file_that_understates_its_size_is_measured_by_reading_it():
    uploaded = io.BytesIO(make_pdf("Cariste") + b"%" * MAX_CV_BYTES)
    uploaded.size = 1000

    assert refusal(uploaded).code == "too_large"


def test_an_empty_file_is_refused():
    error = refusal(upload(b""))

    assert error.code == "empty"
    assert error.messages == ["Le fichier est vide."]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(png(), id="png"),
        pytest.param(b"<!DOCTYPE html><html><body><h1>Mon CV</h1></body></html>", id="html"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00word/document.xml", id="docx"),
        pytest.param(b" " * 1024 + make_pdf("Cariste"), id="pdf-header-after-1024-bytes"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(content):
    error = refusal(upload(content, name="cv.pdf", content_type="application/pdf"))

    assert error.code == "not_pdf"
    assert error.messages == ["Ce fichier n’est pas un PDF. Enregistrez votre CV au format PDF puis réessayez."]


def test_a_few_bytes_before_the_pdf_header_are_tolerated_as_the_specification_allows():
    assert check_cv_upload(upload(b"\r\n" * 10 + make_pdf("Cariste"))).text == "Cariste"


@pytest.mark.parametrize(
    "user_password",
    [pytest.param("secret", id="password-to-open"), pytest.param("", id="restrictions-only")],
)
def test_an_encrypted_pdf_is_refused_even_one_that_opens_without_a_password(user_password):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Cariste"))))
    writer.encrypt(user_password=user_password, owner_password="proprietaire", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)

    error = refusal(upload(buffer.getvalue()))

    assert error.code == "encrypted"
    assert error.messages == [
        "Ce PDF est protégé par un mot de passe ou des restrictions : enregistrez-en une version sans protection."
    ]


def test_ten_pages_are_accepted():
    assert check_cv_upload(upload(make_pdf("Cariste", pages=MAX_CV_PAGES))).page_count == 10


def test_more_than_ten_pages_are_refused():
    error = refusal(upload(make_pdf("Cariste", pages=11)))

    assert error.code == "too_many_pages"
    assert error.messages == ["Ce PDF compte 11 pages : un CV en compte 10 au plus."]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(make_pdf("Cariste")[:600], id="truncated"),
        pytest.param(b"%PDF-1.7\n" + b"\x00\xff" * 500, id="garbage-after-header"),
        pytest.param(
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", id="no-page-tree"
        ),
    ],
)
def test_a_broken_pdf_is_refused_as_unreadable(content):
    error = refusal(upload(content))

    assert error.code == "corrupt"
    assert error.messages == [
        "Ce PDF est illisible ou endommagé. Enregistrez-le de nouveau au format PDF puis réessayez."
    ]


def test_a_pdf_without_any_page_is_refused_as_unreadable():
    buffer = io.BytesIO()
    PdfWriter().write(buffer)

    assert refusal(upload(buffer.getvalue())).code == "corrupt"


def test_a_pdf_whose_text_takes_too_long_to_extract_is_stopped_and_still_accepted(monkeypatch):
    monkeypatch.setattr(pdf, "TEXT_EXTRACTION_SECONDS", 0.2)
    # Ten pages of 25,000 lines drawn: ten seconds of extraction here without a deadline.
    data = make_pdf_drawing(b"0 0 m 1 1 l S\n" * 25_000, pages=10)
    started = time.monotonic()

    checked = check_cv_upload(upload(data))

    assert checked.page_count == 10
    assert time.monotonic() - started < 5


def test_a_page_with_an_oversized_content_stream_adds_no_text_but_the_file_is_accepted(monkeypatch):
    monkeypatch.setattr(pdf, "CONTENT_STREAM_TOKENS", 1000)
    oversized = make_pdf_drawing(b"BT /F1 12 Tf 10 10 Td (bonjour) Tj ET\n" * 101)  # 10 tokens a line

    assert check_cv_upload(upload(oversized)) == CheckedCv(page_count=1, text="")


# Generating a CV


def test_the_generated_cv_is_a_pdf_that_passes_the_upload_checks():
    data = render_cv(cv_document())

    assert data.startswith(b"%PDF-")
    assert check_cv_upload(upload(data)).page_count == 1


def test_the_generated_cv_text_keeps_names_headings_and_french_typography():
    text = extract_text(render_cv(cv_document()))

    for expected in [
        "Zoé Lefèvre",
        "Présentation",
        "J’aime le « travail bien fait ».",
        "1 800 € brut",
        "Cœur à l’ouvrage.",
        "Expériences",
        "Vendeuse – Boulangerie Œillet",
        "2019 – 2024 · Bailleul",
        "Formations et diplômes",
        "CAP Boulanger",
        "Compétences",
        "Encaissement · Hygiène alimentaire",
        "Langues",
        "Néerlandais : notions",
        "Mobilité",
        "Véhicule personnel",
        "Disponibilité",
        "06 12 34 56 78",
        "CV créé sur le portail emploi de CC des Hauts de Flandre",
    ]:
        assert expected in text


def test_user_text_is_printed_literally_never_read_as_markup():
    presentation = "<script>alert(1)</script> R&D <b>gras</b> &nbsp; <para> 3 < 5 & 7 > 6"

    text = extract_text(render_cv(cv_document(presentation=presentation, full_name="Zoé <i>Lefèvre</i>")))

    assert presentation in text
    assert "Zoé <i>Lefèvre</i>" in text


def test_a_long_description_wraps_and_flows_onto_further_pages():
    long_description = "Mise en rayon, accueil des clients et gestion des stocks. " * 300 + "Dernière phrase."

    data = render_cv(cv_document(experiences=[CvEntry("Employée libre-service", description=long_description)]))

    checked = check_cv_upload(upload(data))
    assert checked.page_count >= 3
    assert "gestion des stocks. Dernière phrase. Formations et diplômes" in checked.text


def test_empty_sections_are_left_out():
    document = cv_document(
        presentation="  ", experiences=[], trainings=[CvEntry("  ")], skills=[" "], languages=[], mobility_lines=[]
    )

    text = extract_text(render_cv(document))

    for heading in ["Présentation", "Expériences", "Formations", "Compétences", "Langues", "Mobilité"]:
        assert heading not in text
    assert "Disponibilité" in text


def test_hidden_contact_details_are_simply_not_passed_and_not_printed():
    text = extract_text(render_cv(cv_document(contact_lines=[])))

    assert "06 12 34 56 78" not in text
    assert "Hazebrouck" in text


def test_the_metadata_title_names_the_candidate_and_nothing_else_is_said_about_them():
    metadata = PdfReader(io.BytesIO(render_cv(cv_document()))).metadata

    assert metadata.title == "CV – Zoé Lefèvre"
    assert not metadata.author
    assert not metadata.subject
    assert not metadata.creator


@pytest.mark.parametrize("colour", ["red", "#1d4f9", "#1d4f91; x", "", "javascript:alert(1)", "#ffff00"])
def test_an_invalid_or_unreadable_accent_colour_falls_back_to_the_default(colour):
    default = first_page_drawing(render_cv(cv_document(accent_colour=pdf.DEFAULT_ACCENT_COLOUR)))

    assert first_page_drawing(render_cv(cv_document(accent_colour=colour))) == default


def test_the_territory_colour_is_used_when_readable():
    default = first_page_drawing(render_cv(cv_document(accent_colour=pdf.DEFAULT_ACCENT_COLOUR)))

    assert first_page_drawing(render_cv(cv_document(accent_colour="#8a3b12"))) != default
