"""Certificate PDFs: one page per award, rendered from an HTML template by weasyprint, with a QR code of the
award's public verification address."""

import base64

import segno
from django.template.loader import render_to_string
from django.utils import timezone

from .selectors.credentials import issuer, verification_url


def _logo_data_uri(settings_row) -> str:
    """The issuer's logo as a data: URI (the PDF is rendered without fetching anything), or "" without one."""
    image = settings_row.logo
    if image is None:
        return ""
    try:
        with image.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError, ValueError):
        return ""
    kind = "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def certificate_pdf(award) -> bytes:
    """The award's certificate: holder, certification, level, dates, issuer and logo, verification URL and QR."""
    from weasyprint import HTML

    settings_row = issuer()
    url = verification_url(award)
    context = {
        "award": award,
        "holder": award.user.display_name,
        "issuer": settings_row,
        "logo": _logo_data_uri(settings_row),
        "url": url,
        "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=0),
        "status": award.status(timezone.now()),
    }
    html = render_to_string("certify/certificate_pdf.html", context)
    return HTML(string=html, base_url=None).write_pdf()
