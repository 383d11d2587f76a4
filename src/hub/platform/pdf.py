"""Printed copies: a template rendered to PDF (WeasyPrint) and sent as a download."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_response(template: str, context: dict[str, object], filename: str) -> HttpResponse:
    """The template as a PDF attachment called `filename`."""
    from weasyprint import HTML  # here, not at import: it takes seconds to load

    pdf = HTML(string=render_to_string(template, context)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
