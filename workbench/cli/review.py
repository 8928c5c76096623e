"""The verdict command: the same service and rules as the review page."""

from __future__ import annotations

import os

import click
from flask.cli import with_appcontext

from workbench.cli.base import commands, reports_errors
from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.models import STATUSES, UNSUPPORTED_REASONS

NOT_A_CLAIM = "not-a-claim"


@commands.command("review")
@click.argument("claim_id", type=int)
@click.argument("status", type=click.Choice([*STATUSES, NOT_A_CLAIM]))
@click.option("--note", default="", help="How it was checked, or why.")
@click.option("--passage", "match_id", type=int, help="Pin this match (from claims --json).")
@click.option(
    "--reason",
    type=click.Choice(list(UNSUPPORTED_REASONS)),
    help="Why it is unsupported: " + "; ".join(f"{k}: {v}" for k, v in UNSUPPORTED_REASONS.items()),
)
@click.option("--as", "username", help="Who decides (default: $WORKBENCH_USER).")
@with_appcontext
@reports_errors
def review_command(
    claim_id: int, status: str, note: str, match_id: int | None, reason: str | None, username
) -> None:
    """Set a claim's STATUS with its evidence: verified and disputed need --passage or
    --note, unsupported needs --reason."""
    from workbench.models import Claim
    from workbench.services import review
    from workbench.services.users import find_user

    username = username or os.environ.get("WORKBENCH_USER")
    if not username:
        raise InputRejected("Say who decides with --as USER (or set WORKBENCH_USER).")
    user = find_user(db.session, username)
    if not user.is_active:
        raise InputRejected(f"The account {username} is deactivated.")
    claim = db.session.get(Claim, claim_id)
    version = claim.version if claim is not None else 0
    if status == NOT_A_CLAIM:
        claim = review.set_is_claim(
            db.session, claim_id, False, version=version, user=user, note=note
        )
        click.echo(f"claim {claim_id} marked as not a claim")
        return
    verdict = review.Verdict(status, note=note, reason=reason or "", match_id=match_id)
    claim = review.decide(db.session, claim_id, verdict, version=version, user=user)
    pinned = " with the passage pinned" if claim.evidence else ""
    click.echo(f"claim {claim_id} is {claim.status}{pinned} (version {claim.version})")
