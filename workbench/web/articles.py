"""Article list and article page."""

from flask import Blueprint, abort, render_template

from workbench.errors import NotFound
from workbench.extensions import db
from workbench.services.articles import article_sources, get_article, list_articles
from workbench.web.body import body_pieces

bp = Blueprint("articles", __name__)


@bp.get("/")
def index():
    """Every article with its counts."""
    return render_template("articles/index.html", articles=list_articles(db.session))


@bp.get("/articles/<int:article_id>")
def show(article_id: int):
    """The body with claims highlighted in place, and the sources."""
    try:
        article = get_article(db.session, article_id)
    except NotFound:
        abort(404)
    return render_template(
        "articles/show.html",
        article=article,
        blocks=body_pieces(article.body, article.layout, article.claims),
        sources=article_sources(db.session, article_id),
    )
