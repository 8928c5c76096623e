"""The report as PDF: the HTML page laid out on A4 by WeasyPrint."""

from __future__ import annotations

from workbench.reports.html import to_html
from workbench.reports.model import Report


def to_pdf(report: Report) -> bytes:
    """The same page as ``to_html``, printed: A4, the title at the top of every page
    and "Page n of m" at the bottom (the CSS's ``@page`` rules). Nothing is fetched:
    the page has no external resources, and the fetcher allows ``data:`` URLs only."""
    # Imported here: WeasyPrint loads pango, which only a PDF needs.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=to_html(report), url_fetcher=fetcher).write_pdf()
