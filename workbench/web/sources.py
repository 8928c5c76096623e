"""Source pages: snapshots, their text, uploads, pasted text and fetching again."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.services import fetch_queue, snapshots
from workbench.services.panel import snapshot_view
from workbench.services.sources import add_article_source, source_page
from workbench.web.access import role_required, wants_json
from workbench.web.auth import safe_next
from workbench.web.evidence import text_segments
from workbench.web.forms import ActionForm, PasteForm, PinForm, UploadForm, address_error

bp = Blueprint("sources", __name__)


@bp.get("/sources/<int:source_id>")
def show(source_id: int):
    """A source with its snapshots and the forms to add one."""
    page = source_page(db.session, source_id)
    return render_template(
        "sources/show.html",
        page=page,
        upload=UploadForm(),
        paste=PasteForm(),
        refetch=ActionForm(),
        back=safe_next(request.args.get("next")) if request.args.get("next") else None,
    )


@bp.post("/sources/<int:source_id>/upload")
@role_required("reviewer")
def upload(source_id: int):
    """Add a snapshot from an uploaded file."""
    form = UploadForm()
    if form.validate_on_submit():
        data = form.file.data.read(int(current_app.config["MAX_UPLOAD_BYTES"]) + 1)
        return _added(
            source_id,
            lambda: snapshots.add_upload(
                db.session, source_id, data, current_app.config, current_user
            ),
        )
    return _invalid(source_id, form)


@bp.post("/sources/<int:source_id>/paste")
@role_required("reviewer")
def paste(source_id: int):
    """Add a snapshot from pasted text."""
    form = PasteForm()
    if form.validate_on_submit():
        text = form.text.data
        return _added(
            source_id,
            lambda: snapshots.add_text(
                db.session, source_id, text, current_app.config, current_user
            ),
        )
    return _invalid(source_id, form)


@bp.post("/sources/<int:source_id>/fetch")
@role_required("reviewer")
def refetch(source_id: int):
    """Queue a new fetch of the page; back to ``next`` (the review page) or the source."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if fetch_queue.queue_fetches(db.session, [source_id]):
        return _done(source_id, "Fetch queued; the new snapshot appears when it arrives.")
    return _done(source_id, "Only page sources can be fetched.", 400)


@bp.post("/articles/<int:article_id>/sources")
@role_required("reviewer")
def pin(article_id: int):
    """Pin the exact page behind an outlet (or any page) to an article."""
    back = url_for("review.article", article_id=article_id, _anchor="sources")
    form = PinForm()
    if not form.validate_on_submit():
        return _reply(address_error(form), back, 400)
    try:
        added = add_article_source(db.session, article_id, form.url.data)
    except InputRejected as error:
        return _reply(str(error), back, 400)
    if added.refused:
        message = (
            f"Added {added.url}, but it cannot be fetched: {added.refused}. "
            "Upload or paste the page instead."
        )
        return _reply(message, back)
    return _reply(f"Added {added.url}" + (", fetch queued." if added.queued else "."), back)


@bp.get("/snapshots/<int:snapshot_id>")
def snapshot(snapshot_id: int):
    """The text extracted from one snapshot, escaped; opened for a claim (``claim``),
    it highlights a passage (``match``, or ``pinned`` evidence) and offers to pin one."""
    view = snapshot_view(
        db.session,
        snapshot_id,
        claim_id=request.args.get("claim", type=int),
        match_id=request.args.get("match", type=int),
        pinned=request.args.get("pinned") == "1",
    )
    return render_template(
        "snapshots/show.html",
        view=view,
        snapshot=view.snapshot,
        segments=text_segments(view.snapshot.text, view.snapshot.passages, view.highlight),
    )


def _added(source_id: int, add):
    try:
        snap = add()
    except InputRejected as error:
        return _done(source_id, str(error), 400)
    return _done(source_id, f"Snapshot {snap.id} added: {len(snap.text):,} characters of text.")


def _invalid(source_id: int, form):
    errors = [error for field_errors in form.errors.values() for error in field_errors]
    return _done(source_id, " ".join(errors) or "The form was not understood.", 400)


def _done(source_id: int, message: str, status: int = 200):
    default = url_for("sources.show", source_id=source_id)
    back = safe_next(request.form.get("next")) if request.form.get("next") else default
    return _reply(message, back, status)


def _reply(message: str, back: str, status: int = 200):
    """JSON for the page's script; a flash and a redirect for a form."""
    if wants_json():
        return jsonify({"message" if status == 200 else "error": message}), status
    flash(message, "error" if status != 200 else "message")
    return redirect(back)
