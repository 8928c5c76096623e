"""Error pages that say what happened in words a reviewer understands."""

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError

from workbench.errors import NotFound

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


def _filled(message: str) -> str:
    from flask import current_app

    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    size = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{limit / 1024:.0f} kB"
    return message.format(limit=size)
