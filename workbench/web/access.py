"""Who may do what: every page needs a session, and each action the role it names."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import abort, jsonify, redirect, request, url_for
from flask_login import current_user

from workbench.services.users import has_role

# Endpoints anyone may reach: the login page itself and the static files it uses.
PUBLIC_ENDPOINTS = {"auth.login", "static"}


def require_login():
    """``before_request``: send anyone without a session to the login page, with
    ``next`` set to where they were going (JSON callers get 401 instead)."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    if request.blueprint == "api":
        return None  # bearer tokens, checked by the API itself (web/api.py)
    if current_user.is_authenticated:
        return None
    if wants_json():
        return jsonify(error="Your session has ended; log in again."), 401
    return redirect(url_for("auth.login", next=_return_to()))


def _return_to() -> str:
    """Where to go after logging in: the page asked for, or for a form post (which
    cannot be replayed) the page the form was on."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return url_for("articles.index")


def role_required(role: str):
    """The view needs ``role`` (or a higher one); others get 403."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not has_role(current_user, role):
                abort(403)
            return view(*args, **kwargs)

        wrapper.required_role = role
        return wrapper

    return decorate


def wants_json() -> bool:
    """Requests made by the page's script ask for JSON; forms get HTML."""
    return request.accept_mimetypes.best == "application/json"
