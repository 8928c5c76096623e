"""Headers every response carries: no inline script, no framing, no sniffing."""

from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SecureCookieSessionInterface

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over https, even when
    ``SESSION_COOKIE_SECURE`` is off (it stays usable on plain http://127.0.0.1)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        from flask import request

        return super().get_cookie_secure(app) or _is_secure(request)


def _is_secure(request: Request) -> bool:
    try:
        return request.is_secure
    except RuntimeError:
        return False


def register(app: Flask) -> None:
    app.session_interface = SessionInterface()
    app.after_request(add_security_headers)
