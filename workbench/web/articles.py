"""The dashboard, the import page, an article's activity list and its sign-off."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from workbench.errors import InputRejected, WorkbenchError
from workbench.extensions import db
from workbench.models import UNSUPPORTED_REASONS
from workbench.services import review
from workbench.services.dashboard import STATES, Filters, article_status, dashboard
from workbench.services.importing import import_article, import_file
from workbench.services.users import has_role
from workbench.text.analyse import FORMATS
from workbench.text.counted import counted
from workbench.text.language import SEGMENTER_LANGUAGES
from workbench.web.access import role_required
from workbench.web.auth import safe_next
from workbench.web.forms import ActionForm

bp = Blueprint("articles", __name__)
# Templates anywhere (the review page includes the sign-off partial) ask this.
bp.add_app_template_global(has_role, "has_role")

FORMAT_LABELS = {"auto": "Detect", "text": "Plain text", "markdown": "Markdown", "html": "HTML"}
ACTIVITY_LIMIT = 200


class ImportForm(FlaskForm):
    text = TextAreaField("Paste the article")
    file = FileField("Or upload a file (text, Markdown or HTML)")
    url = StringField("Or give its address", validators=[Length(max=2000)])
    fmt = SelectField("Format", choices=[SelectChoice(f, FORMAT_LABELS.get(f, f)) for f in FORMATS])
    language = SelectField(
        "Language",
        choices=[SelectChoice("auto", "Detect")]
        + [SelectChoice(code) for code in sorted(SEGMENTER_LANGUAGES)],
    )


@bp.get("/")
def index():
    """Every article with its counts, state, activity and reviewers; filtered and paged."""
    filters = Filters.parse(request.args)
    return render_template(
        "articles/index.html", page=dashboard(db.session, filters), states=STATES
    )


@bp.get("/import")
@role_required("reviewer")
def new():
    """The import form."""
    return render_template("articles/import.html", form=ImportForm())


@bp.post("/import")
@role_required("reviewer")
def create():
    """Import pasted text, an uploaded file or a URL; land on the article's review page."""
    form = ImportForm()
    if not form.validate_on_submit():
        return _refused(form, "", 400)
    given = [
        name
        for name, present in (
            ("text", (form.text.data or "").strip()),
            ("file", form.file.data),
            ("url", (form.url.data or "").strip()),
        )
        if present
    ]
    if len(given) != 1:
        message = (
            "Paste the article, choose a file or give its address."
            if not given
            else "Give one of them: pasted text, a file or an address, not several."
        )
        return _refused(form, message, 400)
    try:
        result = _import(form, given[0])
    except WorkbenchError as error:
        return _refused(form, str(error), 422)
    if result.existing:
        flash(f"This article was imported before (article {result.article_id}); here it is.")
    else:
        flash(
            f"Imported with {counted(result.claims, 'claim')} and "
            f"{counted(result.sources, 'source')}."
        )
    return redirect(url_for("review.article", article_id=result.article_id))


def _import(form: ImportForm, kind: str):
    config = current_app.config
    max_bytes = int(config["MAX_INPUT_BYTES"])
    options = {"fmt": form.fmt.data, "language": form.language.data}
    if kind == "url":
        # import_file reads local paths too: only a web address may come from a form.
        scheme, sep, rest = form.url.data.strip().partition("://")
        if not sep or scheme.lower() not in ("http", "https"):
            raise InputRejected("Give the address starting with http:// or https://.")
        return import_file(db.session, f"{scheme.lower()}://{rest}", config=config, **options)
    data = form.file.data.read(max_bytes + 1) if kind == "file" else form.text.data
    return import_article(
        db.session,
        data,
        max_bytes=max_bytes,
        user=current_user,
        fetch_pages=bool(config.get("FETCH_ON_IMPORT")),
        **options,
    )


def _refused(form: ImportForm, message: str, status: int):
    return render_template("articles/import.html", form=form, message=message), status


@bp.post("/articles/<int:article_id>/sign-off")
@role_required("editor")
def sign_off(article_id: int):
    """Sign the article off as checked; refused while claims are pending."""
    back = safe_next(request.form.get("next")) if request.form.get("next") else None
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        review.sign_off(db.session, article_id, user=current_user)
    except review.NotReady as error:
        flash(str(error), "error")
    else:
        flash("Signed off as checked.")
    return redirect(back or url_for("review.article", article_id=article_id))


@bp.get("/articles/<int:article_id>/activity")
def activity(article_id: int):
    """The article's review events, newest first."""
    status = article_status(db.session, article_id)
    events = review.article_activity(db.session, article_id, limit=ACTIVITY_LIMIT)
    return render_template(
        "articles/activity.html",
        article=status,
        events=events,
        limit=ACTIVITY_LIMIT,
        reasons=UNSUPPORTED_REASONS,
    )
