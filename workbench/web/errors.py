"""Error pages that say what happened in words a reviewer understands."""

from flask import Flask, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError

from workbench.errors import NotFound, StorageFull
from workbench.extensions import db

MESSAGES = {
    400: "The request was not understood.",
    403: "Your role does not allow this. Ask an editor or an admin.",
    404: "There is nothing at this address.",
    405: "This address does not take that kind of request; go back and use the page's form.",
    413: "The upload is larger than the limit of {limit}.",
    429: "Too many requests; wait a minute and try again.",
}
API_PREFIX = "/api/"
CSRF_MESSAGE = "The form expired or was not sent from this site; reload the page and try again."
DATABASE_DOWN = "The database is not answering. Nothing was changed; try again in a minute."
# What a client waits before trying again, in seconds (the Retry-After header).
RETRY_AFTER = 60
STORAGE_FULL = "Nothing was saved; tell whoever runs the workbench to free disk space."


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template(
            "error.html",
            code=400,
            message=CSRF_MESSAGE,
        ), 400

    @app.errorhandler(NotFound)
    def missing(error):
        """A record a view named does not exist: the 404 page, or the API's JSON error
        with the service's message. Views let the service's ``NotFound`` through."""
        if request.path.startswith(API_PREFIX):
            from workbench.web.api import error as api_error

            return api_error(404, "not_found", str(error))
        return _page(error, 404, MESSAGES[404])

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_down(error):
        """The database server stopped, restarts or refuses connections: 503, not a
        traceback. The pool pings connections before use (extensions.py), so the
        first request after the server is back succeeds."""
        current_app.logger.warning("database not answering: %s", _first_line(error))
        response = _unavailable(503, "database_unavailable", DATABASE_DOWN)
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response

    @app.teardown_appcontext
    def close_session(_error) -> None:
        """Close the request's session first (Flask-SQLAlchemy's own teardown would
        then find none): closing rolls back, and on a connection the database server
        has just dropped that raises after the answer is made, turning a request that
        succeeded into a 500. The connection is discarded either way."""
        try:
            db.session.remove()
        except (OperationalError, InterfaceError) as error:
            current_app.logger.warning("database not answering: %s", _first_line(error))
            db.session.registry.clear()

    @app.errorhandler(StorageFull)
    def storage_full(error):
        current_app.logger.warning("snapshot storage full: %s", error)
        return _unavailable(507, "storage_full", f"{error} {STORAGE_FULL}")

    for code, message in MESSAGES.items():
        app.register_error_handler(
            code, lambda error, code=code, message=message: _page(error, code, message)
        )


def _page(error, code: int, message: str):
    if request.path.startswith(API_PREFIX):
        # An unknown address or method under the API: no blueprint has seen it yet.
        from workbench.web.api import http_error

        return http_error(error)
    return render_template("error.html", code=code, message=_filled(message)), code


def _unavailable(code: int, api_code: str, message: str):
    """A server-side failure as the API's JSON, the page script's JSON, or a page that
    needs no database (``unavailable.html``; base.html asks who is logged in)."""
    from workbench.web.access import wants_json

    if request.path.startswith(API_PREFIX):
        from workbench.web.api import error as api_error

        return api_error(code, api_code, message)
    if wants_json():
        response = jsonify(error=message)
    else:
        # Straight from the template: render_template's context processors would ask
        # the database who is logged in (Flask-Login's current_user).
        page = current_app.jinja_env.get_template("unavailable.html")
        response = current_app.make_response(page.render(code=code, message=message))
    response.status_code = code
    return response


def _first_line(error: Exception) -> str:
    return (str(getattr(error, "orig", None) or error).strip().splitlines() or [""])[0]


def _filled(message: str) -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    size = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{limit / 1024:.0f} kB"
    return message.format(limit=size)
