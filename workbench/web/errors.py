"""Error pages that say what happened in words a reviewer understands."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

MESSAGES = {
    400: "The request was not understood.",
    404: "There is nothing at this address.",
    413: "The upload is larger than the limit.",
}
CSRF_MESSAGE = "The form expired or was not sent from this site; reload the page and try again."


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template(
            "error.html",
            code=400,
            message=CSRF_MESSAGE,
        ), 400

    for code, message in MESSAGES.items():
        app.register_error_handler(
            code,
            lambda error, code=code, message=message: (
                render_template("error.html", code=code, message=message),
                code,
            ),
        )
