"""Forms (Flask-WTF: every one carries a CSRF token, one-button actions included)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length


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
