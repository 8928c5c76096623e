"""The review page: an article's body with its claims, the panel of the selected claim,
and the changes a reviewer makes to a claim (plain forms, or JSON for the page's script)."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.models import UNSUPPORTED_REASONS
from workbench.services import reuse as reusing
from workbench.services import review as reviewing
from workbench.services.articles import article_sources
from workbench.services.panel import (
    REVIEW_ORDERS,
    TRIAGE_LABELS,
    article_page,
    claim_panel,
    first_claim_id,
    review_order,
)
from workbench.services.sources import add_claim_source, remove_claim_source, search_link
from workbench.web.access import role_required, wants_json
from workbench.web.body import body_pieces, check_first_pending, status_counts
from workbench.web.evidence import passage_pieces
from workbench.web.forms import (
    ClaimChangeForm,
    ClaimSourceForm,
    PinForm,
    VerdictForm,
    address_error,
)

bp = Blueprint("review", __name__)


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    """The body with claims highlighted in place, and the selected claim's panel.
    ``order`` and ``only`` (see claim_panel) are kept for the reviewer's session, so
    that every panel, after a verdict too, walks the claims the way they chose."""
    if "order" in request.args or "only" in request.args:
        order, only = review_order(request.args.get("order"), request.args.get("only"))
        session["review_walk"] = [order, only]
    return _page(article_id, request.args.get("claim", type=int))


@bp.get("/claims/<int:claim_id>/panel")
def panel(claim_id: int):
    """The claim's panel as JSON; the script swaps it in, and polls it while busy."""
    data = claim_panel(db.session, claim_id, **_walk())
    return _json(data)


@bp.post("/claims/<int:claim_id>/verdict")
@role_required("reviewer")
def verdict(claim_id: int):
    """Set the claim's status with its evidence (a passage, a selection or a note)."""
    form = VerdictForm()
    if not form.validate():
        return _answer(claim_id, _form_error(form), 400, draft=form.data)
    selection = None
    if form.snapshot_id.data is not None:
        if form.start.data is None or form.end.data is None:
            return _answer(claim_id, "Select the passage in the snapshot's text.", 400)
        selection = (form.snapshot_id.data, form.start.data, form.end.data)
    decision = reviewing.Verdict(
        status=form.status.data,
        note=form.note.data or "",
        reason=form.reason.data or "",
        match_id=form.match_id.data if selection is None else None,
        selection=selection,
        reused_from=form.reused_from.data,
    )
    return _change(
        claim_id,
        lambda: reviewing.decide(
            db.session, claim_id, decision, version=form.version.data, user=current_user
        ),
        draft=form.data,
    )


@bp.get("/claims/<int:claim_id>/reuse/<int:other_id>")
@role_required("reviewer")
def reuse(claim_id: int, other_id: int):
    """The panel with ``other_id``'s verdict proposed in the form (its passage found
    again in the latest snapshot); nothing is saved until the reviewer saves it."""
    try:
        proposal = reusing.propose(db.session, claim_id, other_id)
    except (InputRejected, reusing.PassageGone) as error:
        if wants_json():
            gone = isinstance(error, reusing.PassageGone)
            return _answer(claim_id, str(error), 409 if gone else 400)
        # A link followed, not a form sent: back to the claim, saying why.
        db.session.rollback()
        article_id = claim_panel(db.session, claim_id).claim.article_id
        flash(str(error), "error")
        return redirect(
            url_for("review.article", article_id=article_id, claim=claim_id, _anchor="panel")
        )
    message = f"Proposed: {proposal.status}, as the note says. Check it, then save it."
    if proposal.changed:
        message += " The passage changed in the newer snapshot."
    data = claim_panel(db.session, claim_id, **_walk())
    if wants_json():
        return _json(data, message=message, draft=proposal.draft())
    flash(message)
    return _page(data.claim.article_id, claim_id, draft=proposal.draft())


@bp.post("/claims/<int:claim_id>/kind")
@role_required("reviewer")
def kind(claim_id: int):
    """Mark the sentence as not a claim (value 0), or restore it (value 1)."""
    form = ClaimChangeForm()
    if not form.validate():
        return _answer(claim_id, _form_error(form), 400)
    return _change(
        claim_id,
        lambda: reviewing.set_is_claim(
            db.session,
            claim_id,
            form.value.data == "1",
            version=form.version.data,
            user=current_user,
        ),
    )


@bp.post("/claims/<int:claim_id>/assign")
@role_required("reviewer")
def assign(claim_id: int):
    """Take the claim (value 1), or give it back (value 0)."""
    form = ClaimChangeForm()
    if not form.validate():
        return _answer(claim_id, _form_error(form), 400)
    return _change(
        claim_id,
        lambda: reviewing.assign(
            db.session,
            claim_id,
            version=form.version.data,
            user=current_user,
            to_me=form.value.data == "1",
        ),
    )


@bp.post("/claims/<int:claim_id>/sources")
@role_required("reviewer")
def add_source(claim_id: int):
    """Link a page to the claim; its fetch and match are queued."""
    form = ClaimSourceForm()
    if not form.validate():
        return _answer(claim_id, address_error(form), 400)
    try:
        added = add_claim_source(db.session, claim_id, form.url.data, current_user)
    except InputRejected as error:
        return _answer(claim_id, str(error), 400)
    if added.refused:
        message = (
            f"Added {added.url}, but it cannot be fetched: {added.refused}. "
            "Remove it, or upload or paste the page instead."
        )
    elif not added.linked:
        message = f"{added.url} was already a source of this claim."
    else:
        message = f"Added {added.url}" + ("; fetch queued." if added.queued else ".")
    return _answer(claim_id, message, 200)


@bp.post("/claims/<int:claim_id>/sources/<int:source_id>/remove")
@role_required("reviewer")
def remove_source(claim_id: int, source_id: int):
    """Unlink a wrong source from the claim (CSRFProtect has checked the token)."""
    url = remove_claim_source(db.session, claim_id, source_id, current_user)
    return _answer(claim_id, f"Removed {url} from this claim.", 200)


def _change(claim_id: int, change, draft: dict | None = None):
    """Run one change of a claim and answer: refused input is 400, a stale version
    409 with the current state; neither changes anything."""
    try:
        claim = change()
    except InputRejected as error:
        return _answer(claim_id, str(error), 400, draft=draft)
    except reviewing.StaleClaim as error:
        return _answer(claim_id, str(error), 409, draft=draft)
    label = "not a claim" if not claim.is_claim else claim.status
    return _answer(claim_id, f"Claim {claim.position + 1}: {label}.", 200)


def _answer(claim_id: int, message: str, status: int, draft: dict | None = None):
    """JSON with the re-rendered panel for the script; for a form, back to the page
    (a redirect when it worked, the page with the reviewer's draft when refused)."""
    db.session.rollback()  # a refused change may have left its transaction open
    data = claim_panel(db.session, claim_id, **_walk())
    if wants_json():
        return _json(data, message=message, status=status, draft=draft)
    if status == 200:
        flash(message)
        return redirect(
            url_for(
                "review.article",
                article_id=data.claim.article_id,
                claim=claim_id,
                _anchor="panel",
            )
        )
    flash(message, "error")
    return _page(data.claim.article_id, claim_id, draft=draft, status=status)


def _json(data, *, message: str = "", status: int = 200, draft: dict | None = None):
    claim = data.claim
    body = {
        "claim": {
            "id": claim.id,
            "position": claim.position,
            "status": claim.status,
            "is_claim": claim.is_claim,
            "version": claim.version,
        },
        "busy": data.busy,
        "panel": render_template("review/_panel.html", **_panel_context(data, draft)),
    }
    if status == 200:
        body["message"] = message
    else:
        body["error"] = message
    return jsonify(body), status


def _page(article_id: int, claim_id: int | None, draft: dict | None = None, status: int = 200):
    page = article_page(db.session, article_id)
    article, claims = page.article, page.claims
    walk = _walk()
    claim_id = claim_id or first_claim_id(db.session, article_id, **walk)
    data = claim_panel(db.session, claim_id, article_id, **walk) if claim_id else None
    sources = article_sources(db.session, article_id)
    template = current_app.config["SEARCH_URL_TEMPLATE"]
    topic = article.title or article.dek or (claims[0].text if claims else "")
    context = _panel_context(data, draft) if data else {"panel": None}
    return render_template(
        "review/article.html",
        article=article,
        claims=claims,
        blocks=body_pieces(article.body, article.layout, claims),
        counts=status_counts(claims),
        check_first_pending=check_first_pending(claims),
        sources=sources,
        search_links={
            s.id: search_link(template, s.url, topic) for s in sources if s.kind == "outlet"
        },
        pin=PinForm(),
        walk=walk,
        orders=REVIEW_ORDERS,
        triage_labels=TRIAGE_LABELS,
        **context,
    ), status


def _walk() -> dict[str, str]:
    order, only = session.get("review_walk") or ("article", "")
    order, only = review_order(order, only)
    return {"order": order, "only": only}


def _panel_context(data, draft: dict | None) -> dict:
    return {
        "panel": data,
        "draft": draft or {},
        "reasons": UNSUPPORTED_REASONS,
        "passage_pieces": passage_pieces,
    }


def _form_error(form) -> str:
    for name, errors in form.errors.items():
        if name == "csrf_token":
            return "The form expired; reload the page and try again."
        label = getattr(form, name).label.text
        return f"{label}: {errors[0]}"
    return "The form was not understood."
