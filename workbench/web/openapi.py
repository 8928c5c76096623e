"""The OpenAPI 3.1 document of the REST API (web/api.py), built from the same
constants the views check, so what it promises is what they accept."""

from __future__ import annotations

from workbench.models import STATUSES, UNSUPPORTED_REASONS
from workbench.services.dashboard import STATES
from workbench.services.panel import TRIAGE_LABELS
from workbench.services.review import MAX_NOTE
from workbench.text.analyse import FORMATS as INPUT_FORMATS

# Ids are 32-bit in every database the workbench runs on.
MAX_ID = 2_147_483_647
SOURCE_STATES = ("queued", "fetched", "failed", "refused", "outlet", "none")
REPORT_MEDIA_TYPES = {
    "text/html": {"type": "string"},
    "application/pdf": {"type": "string", "format": "binary"},
    "text/markdown": {"type": "string"},
    "text/csv": {"type": "string"},
    "application/json": {"type": "object"},
    "application/ld+json": {},
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict, required: list[str] | None = None, **extra) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **extra,
    }


STRING = {"type": "string"}
TIME = {"type": "string", "format": "date-time"}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}

_SUMMARY = {
    "id": ID,
    "title": STRING,
    "language": STRING,
    "imported_at": TIME,
    "state": {"enum": list(STATES)},
    "counts": _ref("Counts"),
    "signed_off_at": _nullable(TIME),
    "signed_off_by": _nullable(STRING),
    "last_activity": _nullable(TIME),
    "reviewers": {"type": "array", "items": STRING},
}

SCHEMAS = {
    "ErrorDetail": _object(
        {
            "code": {
                "type": "string",
                "description": "Stable, for programs: unauthorized, forbidden, "
                "not_found, method_not_allowed, stale_version, not_ready, too_large, "
                "unsupported_media_type, invalid_request, input_rejected, unsafe_url, "
                "fetch_failed, bad_request.",
            },
            "message": {"type": "string", "description": "For people."},
        }
    ),
    "Error": _object({"error": _ref("ErrorDetail")}),
    "StaleClaim": _object(
        {
            "error": _ref("ErrorDetail"),
            "claim": _ref("Claim"),
            "changed_by": _nullable(STRING),
        }
    ),
    "Counts": _object(
        {
            name: {"type": "integer", "minimum": 0}
            for name in (*STATUSES, "total", "check_first_pending")
        }
    ),
    "ArticleSummary": _object(_SUMMARY),
    "Article": _object(
        {
            **_SUMMARY,
            "dek": STRING,
            "body": STRING,
            "input_format": STRING,
            "origin_url": _nullable(STRING),
            "publisher": _nullable(STRING),
            "claims": {"type": "array", "items": _ref("Claim")},
            "sources": {"type": "array", "items": _ref("Source")},
        }
    ),
    "Claim": _object(
        {
            "id": ID,
            "article_id": ID,
            "position": {"type": "integer", "minimum": 0},
            "text": STRING,
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "kind": {"type": "string", "description": "statement, quote or not_claim"},
            "status": {"enum": list(STATUSES)},
            "version": {
                "type": "integer",
                "description": "Send it back with a change; a newer one means someone "
                "else changed the claim (409).",
            },
            "note": STRING,
            "reason": {"enum": ["", *UNSUPPORTED_REASONS]},
            "evidence": _nullable(
                {
                    "type": "object",
                    "description": "The pinned passage: snapshot_id, source_url, sha256, "
                    "fetched_at, passage and its W3C anchor.",
                }
            ),
            "triage": _object(
                {
                    "label": {"enum": list(TRIAGE_LABELS)},
                    "score": {"type": "integer", "minimum": 0, "maximum": 100},
                    "reason": {
                        "type": "string",
                        "description": "Why, in words: has a figure and an attribution.",
                    },
                }
            ),
            "suggestion": _nullable(
                _object(
                    {
                        "status": {"enum": ["verified", "disputed", "unsupported", "needs_source"]},
                        "reason": STRING,
                    }
                )
            ),
            "source_changed": {"type": "boolean"},
            "updated_by": _nullable(STRING),
            "updated_at": _nullable(TIME),
            "assigned_to": _nullable(STRING),
            "sources": {"type": "array", "items": _object({"id": ID, "url": STRING})},
            "matches": {"type": "array", "items": _ref("Match")},
            "seen_before": {
                "type": "array",
                "items": _ref("SeenBefore"),
                "description": "The claims of other articles (same language) that say the "
                "same thing, most similar first; in the answers about one claim, not in an "
                "article's list of claims.",
            },
        },
        required=[
            "id",
            "article_id",
            "position",
            "text",
            "start",
            "end",
            "kind",
            "status",
            "version",
            "note",
            "reason",
            "evidence",
            "triage",
            "suggestion",
            "source_changed",
            "updated_by",
            "updated_at",
            "assigned_to",
            "sources",
            "matches",
        ],
    ),
    "SeenBefore": _object(
        {
            "claim_id": ID,
            "article_id": ID,
            "article_title": STRING,
            "status": {"enum": list(STATUSES)},
            "similarity": {
                "type": "number",
                "minimum": 0,
                "maximum": 100,
                "description": "How close it is to this claim, both ways (the matcher's score).",
            },
            "decided_at": _nullable(TIME),
        }
    ),
    "Match": _object(
        {
            "id": ID,
            "snapshot_id": ID,
            "source_url": STRING,
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "passage": STRING,
            "span": {
                "type": "array",
                "items": {"type": "integer"},
                "minItems": 2,
                "maxItems": 2,
                "description": "Where the claim's words lie in the passage.",
            },
            "flags": {
                "type": "array",
                "items": _object(
                    {
                        "kind": STRING,
                        "claim": STRING,
                        "source": STRING,
                        "message": STRING,
                    },
                    required=["kind", "message"],
                ),
            },
        }
    ),
    "Source": _object(
        {
            "id": ID,
            "url": STRING,
            "kind": {"enum": ["page", "outlet", "upload", "text"]},
            "title": STRING,
            "origin": STRING,
            "label": STRING,
            "claim_positions": {"type": "array", "items": {"type": "integer"}},
            "state": {"enum": list(SOURCE_STATES)},
            "snapshot": _nullable(_ref("Snapshot")),
        }
    ),
    "Snapshot": _object(
        {
            "id": ID,
            "state": {"enum": ["fetched", "failed", "refused"]},
            "fetched_at": TIME,
            "http_status": _nullable({"type": "integer"}),
            "final_url": STRING,
            "sha256": _nullable(STRING),
            "error": STRING,
        }
    ),
    "ImportRequest": {
        **_object(
            {
                "text": {"type": "string", "minLength": 1, "description": "The article."},
                "url": {
                    "type": "string",
                    "maxLength": 2000,
                    "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://",
                    "description": "Or its address, fetched through the address guard.",
                },
                "format": {"enum": list(INPUT_FORMATS), "default": "auto"},
                "language": {"type": "string", "maxLength": 12, "default": "auto"},
                "title": {"type": "string", "maxLength": 500},
            },
            required=[],
            additionalProperties=False,
        ),
        "oneOf": [{"required": ["text"]}, {"required": ["url"]}],
    },
    "ClaimChange": {
        **_object(
            {
                "version": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                "status": {"enum": list(STATUSES)},
                "note": {"type": "string", "maxLength": MAX_NOTE},
                "reason": {"enum": ["", *UNSUPPORTED_REASONS]},
                "match_id": _nullable(ID),
                "kind": {"enum": ["not_claim", "statement"]},
            },
            required=["version"],
            additionalProperties=False,
        ),
        "oneOf": [{"required": ["status"]}, {"required": ["kind"]}],
        "description": "verified and disputed need match_id (a passage of the claim's "
        "matches) or a note; unsupported needs a reason; kind marks the sentence as not "
        "a claim, or restores it.",
    },
    "SourceRequest": _object(
        {"url": {"type": "string", "maxLength": 2000, "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}},
        additionalProperties=False,
    ),
    "SourceAdded": _object(
        {
            "source": _object(
                {
                    "id": ID,
                    "url": STRING,
                    "linked": {"type": "boolean", "description": "false: it was linked before"},
                    "queued": {"type": "boolean", "description": "a fetch was queued"},
                    "refused": _nullable(STRING),
                }
            ),
            "claim": _ref("Claim"),
        }
    ),
}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict:
    words = {
        400: "The body is not valid JSON.",
        401: "No token, or an unknown or revoked one, or its user is deactivated.",
        403: "The token's user lacks the role.",
        404: "No such article or claim.",
        409: "A conflict with the current state.",
        413: "The body is over the size limit.",
        415: "The body is not JSON.",
        422: "The request has the wrong shape or breaks a rule; the message says which.",
    }
    return {str(s): _json(_ref("Error"), words[s]) for s in statuses}


ARTICLE_ID = {
    "name": "article_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
}
CLAIM_ID = {**ARTICLE_ID, "name": "claim_id"}


def _body(name: str) -> dict:
    return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}


def _paths() -> dict:
    from workbench.reports import FORMATS as REPORT_FORMATS

    article = _json(_object({"article": _ref("Article")}), "The article.")
    claim = _json(_object({"claim": _ref("Claim")}), "The claim as it is now.")
    return {
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document",
                "security": [],
                "responses": {"200": _json({"type": "object"}, "The OpenAPI document.")},
            }
        },
        "/articles": {
            "get": {
                "operationId": "listArticles",
                "summary": "Articles, newest first, with their state and claims per status",
                "parameters": [
                    {"name": "state", "in": "query", "schema": {"enum": list(STATES)}},
                    {
                        "name": "q",
                        "in": "query",
                        "schema": {"type": "string", "maxLength": 200},
                        "description": "Words in the title or text.",
                    },
                    {"name": "language", "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "page",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000},
                    },
                    {
                        "name": "per_page",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                    },
                ],
                "responses": {
                    "200": _json(
                        _object(
                            {
                                "articles": {"type": "array", "items": _ref("ArticleSummary")},
                                "page": {"type": "integer"},
                                "pages": {"type": "integer"},
                                "per_page": {"type": "integer"},
                                "total": {"type": "integer"},
                            }
                        ),
                        "One page of articles.",
                    ),
                    **_errors(401, 403, 422),
                },
            },
            "post": {
                "operationId": "importArticle",
                "summary": "Import an article from text or a URL",
                "requestBody": _body("ImportRequest"),
                "responses": {
                    "201": _with_existing("Imported: the article and its claims."),
                    "200": _with_existing("Imported before: that article."),
                    **_errors(400, 401, 403, 413, 415, 422),
                },
            },
        },
        "/articles/{article_id}": {
            "get": {
                "operationId": "getArticle",
                "summary": "An article with its claims, matches, suggestions and sources",
                "parameters": [ARTICLE_ID],
                "responses": {"200": article, **_errors(401, 403, 404)},
            }
        },
        "/articles/{article_id}/sign-off": {
            "post": {
                "operationId": "signOff",
                "summary": "Sign the article off as checked (editor)",
                "parameters": [ARTICLE_ID],
                "responses": {
                    "200": _json(_object({"article": _ref("ArticleSummary")}), "Signed off."),
                    **_errors(401, 403, 404, 409),
                },
            }
        },
        "/articles/{article_id}/report": {
            "get": {
                "operationId": "getReport",
                "summary": "The verification report in one format",
                "parameters": [
                    ARTICLE_ID,
                    {
                        "name": "format",
                        "in": "query",
                        "schema": {"enum": list(REPORT_FORMATS), "default": "json"},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The report, as a download.",
                        "content": {t: {"schema": s} for t, s in REPORT_MEDIA_TYPES.items()},
                    },
                    **_errors(401, 403, 404, 422),
                },
            }
        },
        "/claims/{claim_id}": {
            "get": {
                "operationId": "getClaim",
                "summary": "A claim, with the claims of other articles that say it",
                "parameters": [CLAIM_ID],
                "responses": {"200": claim, **_errors(401, 403, 404)},
            },
            "patch": {
                "operationId": "changeClaim",
                "summary": "Decide a claim, or mark it as not a claim",
                "parameters": [CLAIM_ID],
                "requestBody": _body("ClaimChange"),
                "responses": {
                    "200": claim,
                    "409": _json(
                        _ref("StaleClaim"),
                        "The version is old: the claim as it is now, and who changed it.",
                    ),
                    **_errors(400, 401, 403, 404, 413, 415, 422),
                },
            },
        },
        "/claims/{claim_id}/sources": {
            "post": {
                "operationId": "addClaimSource",
                "summary": "Link a page to the claim; its fetch and match are queued",
                "parameters": [CLAIM_ID],
                "requestBody": _body("SourceRequest"),
                "responses": {
                    "202": _json(_ref("SourceAdded"), "Linked; fetch and match are queued."),
                    **_errors(400, 401, 403, 404, 413, 415, 422),
                },
            }
        },
    }


def _with_existing(description: str) -> dict:
    return _json(
        _object({"existing": {"type": "boolean"}, "article": _ref("Article")}), description
    )


def document(server_url: str) -> dict:
    """The OpenAPI document, its server being ``server_url`` (…/api/v1)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Fact-checking workbench API",
            "version": "1",
            "description": "Articles in, verdicts out. Every operation but this document "
            "needs `Authorization: Bearer <token>`; a token acts with its user's current "
            'role. Errors are `{"error": {"code", "message"}}`.',
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": _paths(),
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from the Tokens page or `workbench token create`.",
                }
            },
            "schemas": SCHEMAS,
        },
    }
