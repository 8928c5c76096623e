"""A user's own API tokens: list them, create one (its secret shown once), revoke one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.services import tokens
from workbench.web.access import role_required
from workbench.web.forms import ActionForm

bp = Blueprint("tokens", __name__, url_prefix="/tokens")


class TokenForm(FlaskForm):
    name = StringField("What is it for?", validators=[Length(max=tokens.MAX_NAME)])


@bp.get("")
def index():
    """The user's tokens, newest first, and the form for a new one."""
    return _page(TokenForm())


@bp.post("")
@role_required("reviewer")
def create():
    """Create a token and show its secret on this answer only (never stored)."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form), 400
    try:
        token, secret = tokens.create_token(db.session, current_user, form.name.data or "")
    except InputRejected as error:
        form.name.errors.append(str(error))
        return _page(form), 400
    response = _page(TokenForm(formdata=None), created=token, secret=secret)
    # The secret must not stay in a cache or be shown again by the back button.
    return response, 201, {"Cache-Control": "no-store"}


@bp.post("/<int:token_id>/revoke")
@role_required("reviewer")
def revoke(token_id: int):
    """Revoke one of the user's own tokens."""
    if not ActionForm().validate_on_submit():
        abort(400)
    token = tokens.revoke_token(db.session, token_id, owner=current_user)
    flash(f"Revoked “{token.name}” ({token.prefix}…): requests with it are refused now.")
    return redirect(url_for("tokens.index"))


def _page(form: TokenForm, **shown):
    return render_template(
        "tokens/index.html",
        form=form,
        tokens=tokens.list_tokens(db.session, current_user),
        **shown,
    )
