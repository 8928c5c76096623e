"""The dashboard: every article with its verification status."""

from flask import Blueprint, render_template

from workbench.extensions import db
from workbench.services.articles import list_articles

bp = Blueprint("articles", __name__)


@bp.get("/")
def index():
    """Every article with its counts."""
    return render_template("articles/index.html", articles=list_articles(db.session))
