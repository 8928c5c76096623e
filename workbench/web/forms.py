"""Forms (Flask-WTF: every one carries a CSRF token, one-button actions included)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, PasswordField, StringField, TextAreaField
from wtforms.validators import URL, AnyOf, DataRequired, InputRequired, Length, Optional

from workbench.models import STATUSES, UNSUPPORTED_REASONS
from workbench.services.review import MAX_NOTE


class UploadForm(FlaskForm):
    file = FileField("File (HTML, PDF or text)", validators=[FileRequired()])


class PasteForm(FlaskForm):
    text = TextAreaField("Pasted text", validators=[DataRequired(), Length(max=2_000_000)])


class PinForm(FlaskForm):
    url = StringField(
        "Exact page URL", validators=[DataRequired(), URL(require_tld=False), Length(max=2000)]
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


class ClaimChangeForm(FlaskForm):
    """A one-button change of a claim (not a claim, restore, take it): its version,
    and ``value`` "1" or "0"."""

    version = IntegerField("Version", validators=[InputRequired()])
    value = StringField("Value", validators=[AnyOf(["0", "1"])])


class ClaimSourceForm(FlaskForm):
    url = StringField(
        "Add a page", validators=[DataRequired(), URL(require_tld=False), Length(max=2000)]
    )
