"""Reading the API's requests: a JSON body of the documented shape, query parameters,
web addresses; anything else is ``Invalid`` (422) or the HTTP error it is (400, 415)."""

from __future__ import annotations

from flask import abort, request
from werkzeug.exceptions import BadRequest

from workbench.web.openapi import MAX_ID

MAX_URL = 2000


class Invalid(Exception):
    """A request body or query that does not have the documented shape (422)."""

    def __init__(self, message: str, code: str = "invalid_request"):
        super().__init__(message)
        self.code = code


def json_body(fields: dict[str, type | tuple], required: tuple[str, ...] = ()) -> dict:
    """The request's JSON object, checked against ``fields`` (name -> type): 415
    unless it is JSON, 400 when it does not parse, 422 for another shape."""
    if not request.is_json:
        abort(415, "Send the body as JSON with Content-Type: application/json.")
    try:
        data = request.get_json()
    except BadRequest:
        abort(400, "The body is not valid JSON.")
    if not isinstance(data, dict):
        raise Invalid("The body must be a JSON object.")
    unknown = sorted(data.keys() - fields.keys())
    if unknown:
        raise Invalid(f"Unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}.")
    for name in required:
        if name not in data:
            raise Invalid(f"{name} is required.")
    for name, value in data.items():
        expected = fields[name]
        if isinstance(value, float) and value.is_integer() and int in _types(expected):
            value = data[name] = int(value)  # JSON does not tell 2 from 2.0
        # bool is an int to Python, not to a JSON client.
        if isinstance(value, bool) or not isinstance(value, expected):
            kind = expected if isinstance(expected, type) else expected[0]
            raise Invalid(f"{name} must be {'an integer' if kind is int else 'a string'}.")
        if isinstance(value, int) and not 0 <= value <= MAX_ID:
            raise Invalid(f"{name} is a whole number from 0 to {MAX_ID}.")
        if isinstance(value, str):
            check_text(name, value)
    return data


def _types(expected: type | tuple) -> tuple:
    return expected if isinstance(expected, tuple) else (expected,)


def check_query(allowed) -> None:
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        raise Invalid(f"Unknown query parameter: {', '.join(unknown) or '(no name)'}.")
    for name, value in request.args.items(multi=True):
        check_text(name, value)
    repeated = [name for name in request.args if len(request.args.getlist(name)) > 1]
    if repeated:
        raise Invalid(f"Give {repeated[0]} once.")


def check_text(name: str, value: str) -> None:
    """No NUL character and no lone surrogate: neither can be stored as text."""
    if "\x00" in value:
        raise Invalid(f"{name} must not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid(f"{name} is not valid Unicode text.") from None


def web_address(url: str) -> str:
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or len(url) > MAX_URL:
        raise Invalid(f"url is an http:// or https:// address of at most {MAX_URL} characters.")
    return f"{scheme.lower()}://{rest}"


def int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise Invalid(f"{name} is a whole number from {low} to {high}.")
    return int(raw)
