"""The report as one standalone HTML page with screen and print CSS inline."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from workbench.reports.model import STATUS_ICONS, STATUS_LABELS, Report, human, iso


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("workbench.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(iso=iso, human=human, icons=STATUS_ICONS, labels=STATUS_LABELS)
    return env


def to_html(report: Report) -> str:
    """The page: every value escaped by Jinja2's autoescape, its CSS inline so the
    file reads the same offline, printed, or turned into the PDF."""
    return _environment().get_template("report.html").render(r=report)
