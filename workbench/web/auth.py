"""Log in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from workbench.extensions import db
from workbench.services.users import LoginRefused, LoginThrottled, authenticate
from workbench.web.forms import ActionForm, LoginForm

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form; on success, back to ``next`` when it is a page of this site."""
    target = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    error, status = None, 200
    if form.validate_on_submit():
        try:
            user = authenticate(
                db.session, form.username.data, form.password.data, request.remote_addr or ""
            )
        except LoginThrottled as refused:
            error, status = str(refused), 429
        except LoginRefused as refused:
            error, status = str(refused), 401
        else:
            login_user(user)
            return redirect(target)
    elif form.is_submitted():
        status = 400
    return render_template("auth/login.html", form=form, next=target, error=error), status


@bp.post("/logout")
def logout():
    """End the session (a form post, so another site cannot log anyone out)."""
    if ActionForm().validate_on_submit():
        logout_user()
        flash("You are logged out.")
    return redirect(url_for("auth.login"))


def safe_next(value: str | None) -> str:
    """``value`` when it is a path on this site, else the dashboard."""
    default = url_for("articles.index")
    if not value or "\\" in value or any(ord(c) < 32 for c in value):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return default
    return value
