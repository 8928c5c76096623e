"""Schemathesis against the OpenAPI document: requests made from the document (and
requests that break it) find no server error and no response the document does not
describe. Deterministic (derandomized) and small, so it runs in every suite."""

from __future__ import annotations

import socket

import pytest
import schemathesis
from api_client import api_client
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from workbench.extensions import db
from workbench.services.importing import import_article
from workbench.web.openapi import document

EXAMPLES = 25
# Negative cases need something to break: an operation without parameters or a body
# (the document itself) has none.
CASES = [
    (path, method.upper(), mode)
    for path, methods in document("http://localhost/api/v1")["paths"].items()
    for method, operation in methods.items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode == GenerationMode.POSITIVE or {"parameters", "requestBody"} & operation.keys()
]


@pytest.fixture
def api_token(app, make_user, demo_text, evidence_article, monkeypatch):
    """An editor's token (every operation is open to it) and two real articles, so
    that generated ids sometimes name something. Names do not resolve here, as on a
    machine without DNS: a generated URL is a 422, not a lookup beyond this machine."""
    guarded = socket.getaddrinfo

    def offline(host, *args, **kwargs):
        try:
            return guarded(host, *args, **kwargs)
        except AssertionError:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    with app.app_context():
        import_article(db.session, demo_text)
        db.session.remove()
    return api_client(app, make_user, "editor").secret


@pytest.mark.parametrize(("path", "method", "mode"), CASES)
def test_the_api_answers_as_its_document_says(app, api_token, path, method, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    # Valid shapes may still break a rule the document cannot state (a text without
    # sentences, a URL whose host is on this machine): 422 with the reason.
    schema.config.checks.positive_data_acceptance.expected_statuses.append("422")
    operation = schema[path][method]
    headers = {"Authorization": f"Bearer {api_token}"}

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(headers=headers)

    check()
