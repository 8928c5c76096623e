"""Report downloads: one article's report in any format, several as one zip."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, request, url_for

from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.reports import FORMATS, filename, render
from workbench.reports.model import DEFAULT_ORGANIZATION
from workbench.services.report import build_report, report_zip
from workbench.web.access import role_required

bp = Blueprint("reports", __name__)

# The HTML report carries its CSS inline so that the downloaded file stands alone;
# served here it gets a policy of its own that allows exactly that and nothing else
# (no script at all, no fetches, no framing), stricter than the app's everywhere else.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# Shown in the browser (to read or print); the other formats are downloaded.
INLINE = ("html", "pdf")


def _report(article_id: int, fmt: str):
    report = build_report(db.session, article_id, **_options())
    rendered = render(report, fmt)
    response = _file(rendered.data, rendered.media_type, filename(article_id, rendered), fmt)
    if fmt == "html":
        response.headers["Content-Security-Policy"] = REPORT_CSP
    return response


def _format_view(fmt: str):
    @role_required("reviewer")
    def view(article_id: int):
        return _report(article_id, fmt)

    view.__name__ = view.__qualname__ = f"report_{fmt}"
    view.__doc__ = f"The article's verification report as {fmt}."
    return view


# One rule and endpoint per format (``reports.pdf``: ``/articles/7/report.pdf``): the
# format is part of the file's name, and a rule's only argument is the article's id.
for _fmt in FORMATS:
    bp.add_url_rule(
        f"/articles/<int:article_id>/report.{_fmt}", endpoint=_fmt, view_func=_format_view(_fmt)
    )


@bp.get("/reports.zip")
@role_required("reviewer")
def archive():
    """The reports of the articles ticked on the dashboard (``article=ID``, repeated)
    in one format, as one zip; back to the dashboard with a message when none is."""
    fmt = request.args.get("format", "pdf")
    ids = request.args.getlist("article", type=int)
    try:
        data = report_zip(db.session, ids, fmt, **_options())
    except InputRejected as error:
        flash(str(error), "error")
        return redirect(url_for("articles.index"))
    return _file(data, "application/zip", f"verification-reports-{fmt}.zip", "zip")


def _options() -> dict:
    """The public address the report links to (SITE_URL, else this request's) and
    the organisation named as the reviews' author."""
    config = current_app.config
    return {
        "site_url": config.get("SITE_URL") or request.host_url,
        "organization": config.get("REPORT_ORGANIZATION") or DEFAULT_ORGANIZATION,
    }


def _file(data: bytes, media_type: str, name: str, fmt: str) -> Response:
    response = Response(data, content_type=media_type)
    disposition = "inline" if fmt in INLINE else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    # A report holds reviewers' names and notes: no shared cache keeps it.
    response.headers["Cache-Control"] = "private, no-store"
    return response
