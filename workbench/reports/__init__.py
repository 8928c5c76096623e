"""Verification reports: one model (``model.Report``), one small function per format.

Pure: no Flask and no database; ``services/report.py`` builds the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.errors import InputRejected
from workbench.reports.annotations import to_annotations
from workbench.reports.claimreview import to_claimreview
from workbench.reports.csv import to_csv
from workbench.reports.html import to_html
from workbench.reports.json import to_json
from workbench.reports.markdown import to_markdown
from workbench.reports.model import Report
from workbench.reports.pdf import to_pdf

__all__ = ["FORMATS", "InputRejected", "Rendered", "filename", "render"]

FORMATS = ("html", "pdf", "md", "csv", "json", "claimreview", "annotations")


@dataclass(frozen=True)
class Rendered:
    data: bytes
    media_type: str
    extension: str

    @property
    def is_text(self) -> bool:
        return self.media_type != "application/pdf"


_EXPORTERS: dict[str, tuple[Callable[[Report], str | bytes], str, str]] = {
    "html": (to_html, "text/html; charset=utf-8", "html"),
    "pdf": (to_pdf, "application/pdf", "pdf"),
    "md": (to_markdown, "text/markdown; charset=utf-8", "md"),
    "csv": (to_csv, "text/csv; charset=utf-8", "csv"),
    "json": (to_json, "application/json", "json"),
    "claimreview": (to_claimreview, "application/ld+json", "claimreview.jsonld"),
    "annotations": (
        to_annotations,
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        "annotations.jsonld",
    ),
}


def render(report: Report, fmt: str) -> Rendered:
    """The report in ``fmt`` (one of ``FORMATS``) as bytes with its media type and
    file extension; ``InputRejected`` for any other format."""
    if fmt not in _EXPORTERS:
        raise InputRejected(f"A report format is one of {', '.join(FORMATS)}.")
    export, media_type, extension = _EXPORTERS[fmt]
    data = export(report)
    return Rendered(data.encode("utf-8") if isinstance(data, str) else data, media_type, extension)


def filename(article_id: int, rendered: Rendered) -> str:
    """``article-12-report.pdf``: ASCII only, so every browser and zip tool keeps it."""
    return f"article-{article_id}-report.{rendered.extension}"
