"""Source pages: snapshots, their text, uploads, pasted text and fetching again."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for

from workbench.errors import InputRejected, NotFound
from workbench.extensions import db
from workbench.services import fetch_queue, snapshots
from workbench.services.sources import add_article_source, source_page
from workbench.web.forms import ActionForm, PasteForm, PinForm, UploadForm

bp = Blueprint("sources", __name__)


@bp.get("/sources/<int:source_id>")
def show(source_id: int):
    """A source with its snapshots and the forms to add one."""
    try:
        page = source_page(db.session, source_id)
    except NotFound:
        abort(404)
    return render_template(
        "sources/show.html",
        page=page,
        upload=UploadForm(),
        paste=PasteForm(),
        refetch=ActionForm(),
    )


@bp.post("/sources/<int:source_id>/upload")
def upload(source_id: int):
    """Add a snapshot from an uploaded file."""
    form = UploadForm()
    if form.validate_on_submit():
        data = form.file.data.read(int(current_app.config["MAX_UPLOAD_BYTES"]) + 1)
        return _added(
            source_id, lambda: snapshots.add_upload(db.session, source_id, data, current_app.config)
        )
    return _invalid(source_id, form)


@bp.post("/sources/<int:source_id>/paste")
def paste(source_id: int):
    """Add a snapshot from pasted text."""
    form = PasteForm()
    if form.validate_on_submit():
        text = form.text.data
        return _added(
            source_id, lambda: snapshots.add_text(db.session, source_id, text, current_app.config)
        )
    return _invalid(source_id, form)


@bp.post("/sources/<int:source_id>/fetch")
def refetch(source_id: int):
    """Queue a new fetch of the page."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if fetch_queue.queue_fetches(db.session, [source_id]):
        flash("Fetch queued; the new snapshot appears here when it arrives.")
    else:
        flash("Only page sources can be fetched.", "error")
    return redirect(url_for("sources.show", source_id=source_id))


@bp.post("/articles/<int:article_id>/sources")
def pin(article_id: int):
    """Pin the exact page behind an outlet (or any page) to an article."""
    form = PinForm()
    if not form.validate_on_submit():
        flash("Enter the full address of the page, starting with https://.", "error")
        return redirect(url_for("review.article", article_id=article_id))
    try:
        added = add_article_source(db.session, article_id, form.url.data)
    except NotFound:
        abort(404)
    except InputRejected as error:
        flash(str(error), "error")
        return redirect(url_for("review.article", article_id=article_id))
    flash(f"Added {added.url}" + (", fetch queued." if added.queued else "."))
    return redirect(url_for("review.article", article_id=article_id))


@bp.get("/snapshots/<int:snapshot_id>")
def snapshot(snapshot_id: int):
    """The text extracted from one snapshot, escaped."""
    try:
        snap = snapshots.get_snapshot(db.session, snapshot_id)
    except NotFound:
        abort(404)
    return render_template("snapshots/show.html", snapshot=snap)


def _added(source_id: int, add):
    try:
        snap = add()
    except NotFound:
        abort(404)
    except InputRejected as error:
        flash(str(error), "error")
        return redirect(url_for("sources.show", source_id=source_id))
    flash(f"Snapshot {snap.id} added: {len(snap.text):,} characters of text.")
    return redirect(url_for("sources.show", source_id=source_id))


def _invalid(source_id: int, form):
    for errors in form.errors.values():
        for error in errors:
            flash(error, "error")
    return redirect(url_for("sources.show", source_id=source_id))
