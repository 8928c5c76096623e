"""The REST API under /api/v1: JSON in and out, authenticated by ``Authorization:
Bearer <token>`` only (never by the session cookie, so it needs no CSRF token), with
errors as ``{"error": {"code", "message"}}``."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, Flask, current_app, g, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from workbench.errors import FetchFailed, InputRejected, UnsafeURL
from workbench.extensions import csrf, db
from workbench.models import STATUSES, UNSUPPORTED_REASONS
from workbench.services import review, tokens
from workbench.services.articles import article_sources, claim_matches, get_article
from workbench.services.dashboard import STATES, Filters, article_status, dashboard
from workbench.services.fetching import fetch_options
from workbench.services.importing import import_article, import_file
from workbench.services.panel import claim_panel
from workbench.services.sources import add_claim_source
from workbench.services.users import has_role
from workbench.sources.guard import check_url
from workbench.text.analyse import FORMATS as INPUT_FORMATS
from workbench.web import api_json
from workbench.web.api_input import (
    Invalid,
    check_query,
    int_arg,
    json_body,
    web_address,
)
from workbench.web.openapi import MAX_ID

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)

# Ids in paths and bodies are 32-bit, as in every database the workbench runs on:
# a larger number is no record (404, 422), not a database error.
ID = f"int(max={MAX_ID})"
MAX_PER_PAGE = 100
MAX_QUERY = 200
# The query parameters each route reads; any other is a mistake worth saying (422).
QUERY = {
    "api.articles": ("state", "q", "language", "page", "per_page"),
    "api.report": ("format",),
}
MAX_TITLE = 500
# Stable codes of the HTTP errors Flask raises itself (the views name their own).
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
    500: "server_error",
}


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    # A cross-site form can send the session cookie but never an Authorization
    # header, and no view here runs without a valid bearer token.
    csrf.exempt(bp)


def error(status: int, code: str, message: str, **extra):
    response = jsonify({"error": {"code": code, "message": message}, **extra})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="workbench"'
    return response


def http_error(exc: HTTPException):
    """An HTTP error as the API's JSON (also for unknown addresses under /api/v1,
    which no blueprint sees: web/errors.py hands those here)."""
    status = exc.code or 500
    response = error(status, HTTP_CODES.get(status, "error"), exc.description or exc.name)
    if status == 405 and getattr(exc, "valid_methods", None):
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


for _status in HTTP_CODES:
    bp.register_error_handler(_status, http_error)


@bp.errorhandler(Invalid)
def invalid(exc: Invalid):
    return error(422, exc.code, str(exc))


@bp.before_request
def authenticate():
    """Every route but the OpenAPI document needs a valid bearer token."""
    if request.endpoint == "api.openapi":
        check_query(())
        return None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return error(401, "unauthorized", "Send the header Authorization: Bearer <API token>.")
    try:
        g.api_user = tokens.authenticate(db.session, secret.strip())
    except tokens.TokenRefused as refused:
        return error(401, "unauthorized", str(refused))
    check_query(QUERY.get(request.endpoint, ()))
    # JSON escapes can double an article's bytes; the article limit itself is
    # checked by the import, with a clearer message.
    request.max_content_length = 2 * int(current_app.config["MAX_INPUT_BYTES"]) + 64 * 1024
    return None


def role_required(role: str):
    """The route needs the token's user to have ``role`` (their current one)."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not has_role(g.api_user, role):
                return error(403, "forbidden", f"This needs the {role} role.")
            return view(*args, **kwargs)

        wrapper.required_role = role
        return wrapper

    return decorate


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of this API (public, so tools can read it)."""
    from workbench.web.openapi import document

    return jsonify(document(request.host_url.rstrip("/") + PREFIX))


@bp.post("/articles")
@role_required("reviewer")
def create_article():
    """Import an article from ``text`` or ``url``; 201 when new, 200 when it exists."""
    body = json_body(
        {"text": str, "url": str, "format": str, "language": str, "title": str},
    )
    text, url = body.get("text"), body.get("url")
    if (text is None) == (url is None):
        raise Invalid("Send the article as text or as url, not both.")
    fmt = body.get("format", "auto")
    if fmt not in INPUT_FORMATS:
        raise Invalid(f"format is one of {', '.join(INPUT_FORMATS)}.")
    language = body.get("language", "auto").strip() or "auto"
    if len(language) > 12:
        raise Invalid("language is a language code such as de or en, or auto.")
    title = " ".join(body.get("title", "").split())
    if len(title) > MAX_TITLE:
        raise Invalid(f"title has at most {MAX_TITLE} characters.")
    config = current_app.config
    try:
        if url is not None:
            url = web_address(url)
            result = import_file(
                db.session,
                url,
                fmt=fmt,
                language=language,
                config=config,
                title=title,
                user=g.api_user,
            )
        else:
            result = import_article(
                db.session,
                text,
                fmt=fmt,
                language=language,
                max_bytes=int(config["MAX_INPUT_BYTES"]),
                user=g.api_user,
                fetch_pages=bool(config.get("FETCH_ON_IMPORT")),
                title=title,
            )
    except UnsafeURL as refused:
        return error(422, "unsafe_url", str(refused))
    except FetchFailed as failed:
        return error(422, "fetch_failed", str(failed))
    except InputRejected as rejected:
        return error(422, "input_rejected", str(rejected))
    response = jsonify(existing=result.existing, article=_article(result.article_id))
    response.status_code = 200 if result.existing else 201
    response.headers["Location"] = url_for(".article", article_id=result.article_id)
    return response


@bp.get("/articles")
@role_required("reviewer")
def articles():
    """Articles, newest first, with state and claims per status; filtered and paged."""
    args = request.args
    state = args.get("state", "")
    if state and state not in STATES:
        raise Invalid(f"state is one of {', '.join(STATES)}.")
    page = int_arg("page", 1, 1, 1_000_000)
    per_page = int_arg("per_page", 25, 1, MAX_PER_PAGE)
    if len(args.get("q", "")) > MAX_QUERY:
        raise Invalid(f"q has at most {MAX_QUERY} characters.")
    filters = Filters.parse({**args.to_dict(), "page": str(page)})
    found = dashboard(db.session, filters, per_page=per_page)
    return jsonify(
        articles=[api_json.article_summary(row) for row in found.rows],
        page=found.page,
        pages=found.pages,
        per_page=per_page,
        total=found.total,
    )


@bp.get(f"/articles/<{ID}:article_id>")
@role_required("reviewer")
def article(article_id: int):
    """One article with its claims (matches, suggestion, evidence) and sources."""
    return jsonify(article=_article(article_id))


@bp.post(f"/articles/<{ID}:article_id>/sign-off")
@role_required("editor")
def sign_off(article_id: int):
    """Sign the article off as checked (editors); 409 while claims are pending."""
    try:
        review.sign_off(db.session, article_id, user=g.api_user)
    except review.NotReady as not_ready:
        return error(409, "not_ready", str(not_ready))
    return jsonify(article=api_json.article_summary(article_status(db.session, article_id)))


@bp.get(f"/articles/<{ID}:article_id>/report")
@role_required("reviewer")
def report(article_id: int):
    """The article's verification report in one of the report formats."""
    from workbench.reports import FORMATS, render
    from workbench.services.report import build_report

    fmt = request.args.get("format", "json")
    if fmt not in FORMATS:
        raise Invalid(f"format is one of {', '.join(FORMATS)}.")
    built = build_report(db.session, article_id, site_url=request.host_url.rstrip("/"))
    rendered = render(built, fmt)
    response = current_app.response_class(rendered.data, content_type=rendered.media_type)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="article-{article_id}-report.{rendered.extension}"'
    )
    return response


@bp.route(f"/claims/<{ID}:claim_id>", methods=["GET", "PATCH"])
@role_required("reviewer")
def claim(claim_id: int):
    """GET: one claim with its matches, evidence and the claims of other articles that
    say the same thing (``seen_before``); PATCH: a change (change_claim). One rule for
    both: with two, an id past ``MAX_ID`` is a 405 for one of them, not a 404."""
    if request.method == "PATCH":
        return change_claim(claim_id)
    return jsonify(claim=_claim(claim_id))


def change_claim(claim_id: int):
    """A verdict (``status`` with its evidence) or a change of ``kind``, made on the
    claim's ``version``; 409 with the current claim when that version is old."""
    body = json_body(
        {
            "version": int,
            "status": str,
            "note": str,
            "reason": str,
            "match_id": (int, type(None)),
            "kind": str,
        },
        required=("version",),
    )
    if ("status" in body) == ("kind" in body):
        raise Invalid("Send a status or a kind (not_claim or statement), not both.")
    if "status" in body and body["status"] not in STATUSES:
        raise Invalid(f"status is one of {', '.join(STATUSES)}.")
    if "kind" in body and body["kind"] not in ("not_claim", "statement"):
        raise Invalid("kind is not_claim or statement.")
    if len(body.get("note", "")) > review.MAX_NOTE:
        raise Invalid(f"note has at most {review.MAX_NOTE:,} characters.")
    if body.get("match_id") == 0:
        raise Invalid("match_id is the id of one of the claim's matches.")
    if body.get("reason", "") and body["reason"] not in UNSUPPORTED_REASONS:
        raise Invalid(f"reason is one of {', '.join(UNSUPPORTED_REASONS)}.")
    user, version = g.api_user, body["version"]
    try:
        if "kind" in body:
            review.set_is_claim(
                db.session,
                claim_id,
                body["kind"] == "statement",
                version=version,
                user=user,
                note=body.get("note", ""),
            )
        else:
            verdict = review.Verdict(
                status=body["status"],
                note=body.get("note", ""),
                reason=body.get("reason", ""),
                match_id=body.get("match_id"),
            )
            review.decide(db.session, claim_id, verdict, version=version, user=user)
    except InputRejected as rejected:
        db.session.rollback()
        return error(422, "input_rejected", str(rejected))
    except review.StaleClaim as stale:
        return error(409, "stale_version", str(stale), claim=_claim(claim_id), changed_by=stale.who)
    return jsonify(claim=_claim(claim_id))


@bp.post(f"/claims/<{ID}:claim_id>/sources")
@role_required("reviewer")
def add_source(claim_id: int):
    """Link the page at ``url`` to the claim and queue its fetch and match (202);
    422 with the fetch guard's reason for an address it refuses."""
    body = json_body({"url": str}, required=("url",))
    url = web_address(body["url"])
    try:
        check_url(url, fetch_options(current_app.config).allow_hosts)
    except UnsafeURL as refused:
        return error(422, "unsafe_url", str(refused))
    except FetchFailed as failed:
        return error(422, "fetch_failed", str(failed))
    try:
        added = add_claim_source(db.session, claim_id, url, g.api_user)
    except InputRejected as rejected:
        return error(422, "input_rejected", str(rejected))
    response = jsonify(
        source={
            "id": added.source_id,
            "url": added.url,
            "linked": added.linked,
            "queued": added.queued,
            "refused": added.refused or None,
        },
        claim=_claim(claim_id),
    )
    response.status_code = 202
    return response


def _article(article_id: int) -> dict:
    article = get_article(db.session, article_id)
    matches = claim_matches(db.session, article_id)
    claims = [
        api_json.claim_json(
            c,
            matches.get(c.id, []),
            [(link.source_id, link.source.url) for link in c.source_links],
        )
        for c in article.claims
    ]
    return api_json.article_detail(
        article,
        article_status(db.session, article_id),
        claims,
        article_sources(db.session, article_id),
    )


def _claim(claim_id: int) -> dict:
    panel = claim_panel(db.session, claim_id)
    own = [(s.source.id, s.source.url) for s in panel.sources if s.scope == "claim"]
    return api_json.claim_json(panel.claim, panel.matches, own, panel.seen_before)
