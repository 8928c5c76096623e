"""Forms (Flask-WTF: every one carries a CSRF token, one-button actions included)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, PasswordField, StringField, TextAreaField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from workbench.errors import UnsafeURL
from workbench.models import STATUSES, UNSUPPORTED_REASONS
from workbench.services.review import MAX_NOTE
from workbench.sources.guard import parse_target

ADDRESS_MESSAGE = "Enter the full address of the page, starting with https://."


def page_address(form, field) -> None:
    """An http(s) address with a host. Whether it may be fetched is the fetch's to
    say, with its reason (a stricter URL pattern here refused ``http://localhost./``
    for the wrong one)."""
    scheme, sep, _ = (field.data or "").strip().partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        raise ValidationError(ADDRESS_MESSAGE)
    try:
        parse_target(field.data)
    except UnsafeURL as error:
        raise ValidationError(str(error)) from None


def address_error(form) -> str:
    """Why a form's ``url`` was refused, in words a reviewer can act on."""
    return form.url.errors[0] if form.url.errors else ADDRESS_MESSAGE


class UploadForm(FlaskForm):
    file = FileField("File (HTML, PDF or text)", validators=[FileRequired()])


class PasteForm(FlaskForm):
    text = TextAreaField("Pasted text", validators=[DataRequired(), Length(max=2_000_000)])


class PinForm(FlaskForm):
    url = StringField(
        "Exact page URL",
        validators=[DataRequired(ADDRESS_MESSAGE), Length(max=2000), page_address],
    )


class ActionForm(FlaskForm):
    """A button that only carries the CSRF token."""


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])


class VerdictForm(FlaskForm):
    """A verdict with its evidence: a match of the claim, a selection in a snapshot's
    text (``snapshot_id``, ``start``, ``end``), or a note."""

    status = StringField(
        "Status", validators=[DataRequired(), AnyOf(STATUSES, message="Choose a verdict.")]
    )
    version = IntegerField("Version", validators=[InputRequired()])
    note = TextAreaField("Note", validators=[Optional(), Length(max=MAX_NOTE)])
    reason = StringField(
        "Why unsupported",
        validators=[
            Optional(),
            AnyOf(list(UNSUPPORTED_REASONS), message="Choose one from the list."),
        ],
    )
    match_id = IntegerField("Passage", validators=[Optional()])
    snapshot_id = IntegerField("Snapshot", validators=[Optional()])
    start = IntegerField("Start", validators=[Optional()])
    end = IntegerField("End", validators=[Optional()])
    # The claim whose verdict the reviewer reused (the panel's "Reuse" pre-fills it).
    reused_from = IntegerField("Reused from", validators=[Optional()])


class ClaimChangeForm(FlaskForm):
    """A one-button change of a claim (not a claim, restore, take it): its version,
    and ``value`` "1" or "0"."""

    version = IntegerField("Version", validators=[InputRequired()])
    value = StringField("Value", validators=[AnyOf(["0", "1"])])


class ClaimSourceForm(FlaskForm):
    url = StringField(
        "Add a page", validators=[DataRequired(ADDRESS_MESSAGE), Length(max=2000), page_address]
    )
