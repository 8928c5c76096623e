"""The review page: an article's body with its claims, and the panel of the selected claim."""

from flask import Blueprint, abort, current_app, render_template

from workbench.errors import NotFound
from workbench.extensions import db
from workbench.matching.suggest import SUPPORT_THRESHOLD
from workbench.services.articles import (
    article_sources,
    claim_matches,
    get_article,
)
from workbench.services.sources import search_link
from workbench.web.body import body_pieces
from workbench.web.evidence import passage_pieces
from workbench.web.forms import PinForm

bp = Blueprint("review", __name__)


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    """The body with claims highlighted in place, and the sources."""
    try:
        article = get_article(db.session, article_id)
    except NotFound:
        abort(404)
    sources = article_sources(db.session, article_id)
    template = current_app.config["SEARCH_URL_TEMPLATE"]
    topic = article.title or article.dek or (article.claims[0].text if article.claims else "")
    return render_template(
        "review/article.html",
        article=article,
        blocks=body_pieces(article.body, article.layout, article.claims),
        sources=sources,
        search_links={
            s.id: search_link(template, s.url, topic) for s in sources if s.kind == "outlet"
        },
        pin=PinForm(),
        matches=claim_matches(db.session, article_id),
        passage_pieces=passage_pieces,
        support_floor=SUPPORT_THRESHOLD,
    )
