"""The page of repeated claims: statements said in several articles, with their verdicts."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from workbench.extensions import db
from workbench.services.repeated import repeated_claims

bp = Blueprint("repeated", __name__)


@bp.get("/claims/repeated")
def index():
    """Most-seen first, a page at a time; anyone logged in may read it."""
    page = repeated_claims(db.session, page=request.args.get("page", 1, type=int))
    return render_template("review/repeated.html", page=page)
