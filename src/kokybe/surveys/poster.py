"""The QR code of a survey's public link and the printable A4 poster that carries it (tagged PDF/UA)."""

import segno
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from kokybe.core.texts import text_in
from kokybe.surveys.models import Survey
from kokybe.tenancy.models import Institution


def qr_svg(url: str, *, scale: int = 8) -> str:
    """The link as an SVG QR code; medium error correction survives a creased or smudged print."""
    return segno.make(url, error="m").svg_inline(scale=scale, title=url, border=2)


def poster_pdf(survey: Survey, url: str, language: str, institution: Institution | None) -> bytes:
    with translation.override(language):
        html = render_to_string(
            "surveys/poster.html",
            {
                "survey": survey,
                "title": text_in(survey.title, language, survey.main_language),
                "institution": institution or survey.institution,
                "url": url,
                "qr": qr_svg(url, scale=10),
                "language": language,
            },
        )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
