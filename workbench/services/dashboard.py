"""The editor's dashboard: articles with their verification state, filtered and paged.

A page costs a constant number of queries however many articles it shows: the total, the
page of articles with each one's state, one grouped count of claims per status and one
grouped read of review events for the ids on the page only, and the filters' choices.
The state is worked out for the articles of the page alone; a filter by state asks, per
article, only the questions that state needs (has it a pending claim? a disputed one?),
each one look into a partial index of the claims with that status (models.py).
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from workbench.errors import NotFound
from workbench.models import STATUSES, Article, Claim, ReviewEvent, User

PER_PAGE = 25
# An article's overall state, in the order the rules in ``_state_column`` test them.
STATES = {
    "unchecked": "unchecked",
    "in_progress": "in progress",
    "has_disputes": "has disputes",
    "ready": "ready to sign off",
    "checked": "checked",
}
# A search term longer than this is cut: no title or useful phrase is longer.
MAX_QUERY = 200


@dataclass(frozen=True)
class Counts:
    """Claims per status; sentences marked not a claim are not counted."""

    pending: int = 0
    verified: int = 0
    disputed: int = 0
    unsupported: int = 0
    # Of the pending ones, those triage puts first (a figure, a name, a quote...).
    check_first_pending: int = 0

    @property
    def total(self) -> int:
        return self.pending + self.verified + self.disputed + self.unsupported

    @property
    def decided(self) -> int:
        return self.total - self.pending

    def by_status(self) -> tuple[tuple[str, int], ...]:
        """``(status, count)`` for every status, decided ones first."""
        return (
            ("verified", self.verified),
            ("disputed", self.disputed),
            ("unsupported", self.unsupported),
            ("pending", self.pending),
        )

    def segments(self) -> list[tuple[str, int, float, float]]:
        """``(status, count, x %, width %)`` for each status with claims, decided first,
        for a stacked bar."""
        shown = [
            (s, n)
            for s in ("verified", "disputed", "unsupported", "pending")
            if (n := getattr(self, s))
        ]
        out, x = [], 0.0
        for i, (status, count) in enumerate(shown):
            # The last segment ends at 100 exactly: rounding leaves no gap at the end.
            width = 100.0 - x if i == len(shown) - 1 else round(100.0 * count / self.total, 3)
            out.append((status, count, round(x, 3), round(width, 3)))
            x += width
        return out


@dataclass(frozen=True)
class DashboardRow:
    id: int
    title: str
    language: str
    imported_at: datetime
    state: str
    counts: Counts
    signed_off_at: datetime | None
    signed_off_by: str
    last_activity: datetime | None = None
    reviewers: tuple[str, ...] = ()

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    @property
    def can_sign_off(self) -> bool:
        """No claim is pending and the article is not signed off yet."""
        return self.state != "checked" and self.counts.pending == 0


@dataclass(frozen=True)
class Filters:
    state: str = ""
    language: str = ""
    reviewer: str = ""
    q: str = ""
    page: int = 1

    @classmethod
    def parse(cls, args) -> Filters:
        """Filters from query arguments; unknown values are ignored, not an error."""
        state = args.get("state", "")
        try:
            page = max(1, int(args.get("page", 1)))
        except ValueError:
            page = 1
        return cls(
            state=state if state in STATES else "",
            language=args.get("language", "").strip()[:12],
            reviewer=args.get("reviewer", "").strip()[:80],
            q=" ".join(args.get("q", "").split())[:MAX_QUERY],
            page=page,
        )

    @property
    def is_active(self) -> bool:
        return bool(self.state or self.language or self.reviewer or self.q)

    def args(self, **changes) -> dict[str, str | int]:
        """The non-empty filters as query arguments, with ``changes`` applied."""
        values = {
            "state": self.state,
            "language": self.language,
            "reviewer": self.reviewer,
            "q": self.q,
            "page": self.page,
            **changes,
        }
        return {k: v for k, v in values.items() if v and not (k == "page" and v == 1)}


@dataclass(frozen=True)
class DashboardPage:
    rows: list[DashboardRow]
    total: int
    page: int
    pages: int
    filters: Filters
    languages: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)
    per_page: int = PER_PAGE


# Who signed an article off (an alias: the reviewer filter has its own users).
_SIGNER = aliased(User)
_ROW_COLUMNS = (
    Article.id,
    Article.title,
    Article.language,
    Article.imported_at,
    Article.signed_off_at,
    _SIGNER.username.label("signed_off_by"),
)


def dashboard(session: Session, filters: Filters, per_page: int = PER_PAGE) -> DashboardPage:
    """The articles that pass ``filters``, newest first, one page of them with counts,
    state, last activity and reviewers; a page past the end shows the last page."""
    where = _conditions(session, filters)
    if filters.q or filters.state:
        page, total, found = _worked_out_first(session, where, filters.page, per_page)
    else:
        total = session.scalar(select(func.count()).select_from(Article).where(*where)) or 0
        page = min(filters.page, max(1, math.ceil(total / per_page)))
        on_page = (
            select(Article.id)
            .where(*where)
            .order_by(*_NEWEST_FIRST)
            .limit(per_page)
            .offset((page - 1) * per_page)
            .subquery()
        )
        found = session.execute(_with_state(on_page)).all()
    languages: list[str] = []
    reviewers: list[str] = []
    for kind, name in session.execute(_CHOICES):
        (languages if kind == "language" else reviewers).append(name)
    return DashboardPage(
        rows=_rows(session, found),
        total=total,
        page=page,
        pages=max(1, math.ceil(total / per_page)),
        filters=filters,
        languages=languages,
        reviewers=reviewers,
    )


def _worked_out_first(
    session: Session, where: list, page: int, per_page: int
) -> tuple[int, int, list]:
    """The page number, total and rows for a search or a state filter (past the end:
    the last page). Their articles are found first, all of them (a materialised CTE on
    PostgreSQL), then ordered, paged and counted in one query: left to itself,
    PostgreSQL may walk the articles newest first reading every body for a rare word,
    or work out every article's state once to count and again for the page."""
    found = session.execute(_page_of_found(where, page, per_page)).all()
    if not found and page > 1:
        total = session.scalar(select(func.count()).select_from(Article).where(*where)) or 0
        page = max(1, math.ceil(total / per_page))
        found = session.execute(_page_of_found(where, page, per_page)).all() if total else []
    return page, (found[0].total if found else 0), found


def _page_of_found(where: list, page: int, per_page: int):
    found = (
        select(Article.id, Article.imported_at)
        .where(*where)
        .cte("found")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )
    on_page = (
        select(found.c.id, func.count().over().label("total"))
        .order_by(found.c.imported_at.desc(), found.c.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
        .subquery()
    )
    return _with_state(on_page, on_page.c.total)


def article_status(session: Session, article_id: int) -> DashboardRow:
    """One article's dashboard row (for its activity page and sign-off); ``NotFound``."""
    found = session.execute(
        select(*_ROW_COLUMNS, _STATE)
        .outerjoin(_SIGNER, Article.signed_off_by_id == _SIGNER.id)
        .where(Article.id == article_id)
    ).all()
    if not found:
        raise NotFound(f"There is no article {article_id}.")
    return _rows(session, found)[0]


_NEWEST_FIRST = (Article.imported_at.desc(), Article.id.desc())


def _languages():
    """The articles' languages, one index look each (a loose index scan), not a read
    of every article's."""
    found = select(func.min(Article.language).label("language")).cte("languages", recursive=True)
    later = aliased(Article)
    found = found.union_all(
        select(
            select(func.min(later.language))
            .where(later.language > found.c.language)
            .scalar_subquery()
        ).where(found.c.language.is_not(None))
    )
    return select(found.c.language).where(found.c.language.is_not(None))


# What the filters offer: the languages of the articles, and who has reviewed any.
_CHOICES = union_all(
    select(literal("language").label("kind"), _languages().subquery().c.language),
    select(literal("reviewer"), User.username).where(
        exists().where(ReviewEvent.user_id == User.id)
    ),
).order_by("kind", "language")


def _with_state(on_page, *extra):
    """The rows of the articles in ``on_page`` (a subquery of ids), with their state."""
    return (
        select(*_ROW_COLUMNS, _STATE, *extra)
        .join(on_page, on_page.c.id == Article.id)
        .outerjoin(_SIGNER, Article.signed_off_by_id == _SIGNER.id)
        .order_by(*_NEWEST_FIRST)
    )


def _rows(session: Session, found: list) -> list[DashboardRow]:
    ids = [r.id for r in found]
    counts = _counts(session, ids)
    activity = _activity(session, ids)
    return [
        DashboardRow(
            id=r.id,
            title=r.title,
            language=r.language,
            imported_at=r.imported_at,
            state=r.state,
            counts=counts.get(r.id, Counts()),
            signed_off_at=r.signed_off_at,
            signed_off_by=r.signed_off_by or "",
            last_activity=activity.get(r.id, (None, ()))[0],
            reviewers=activity.get(r.id, (None, ()))[1],
        )
        for r in found
    ]


def _counts(session: Session, ids: list[int]) -> dict[int, Counts]:
    """Claims per status of these articles, and their pending check-first claims, in
    one grouped query."""
    if not ids:
        return {}
    by_article: dict[int, dict[str, int]] = {}
    check_first = func.sum(case((Claim.triage == "check_first", 1), else_=0))
    for article_id, status, count, first in session.execute(
        select(Claim.article_id, Claim.status, func.count(), check_first)
        .where(Claim.article_id.in_(ids), Claim.kind != "not_claim")
        .group_by(Claim.article_id, Claim.status)
    ):
        values = by_article.setdefault(article_id, {})
        values[status] = count
        if status == "pending":
            values["check_first_pending"] = int(first or 0)
    return {
        aid: Counts(**{s: n for s, n in values.items() if s in (*STATUSES, "check_first_pending")})
        for aid, values in by_article.items()
    }


def _activity(session: Session, ids: list[int]) -> dict[int, tuple[datetime, tuple[str, ...]]]:
    """Latest review event time and the distinct users of these articles' events."""
    if not ids:
        return {}
    latest: dict[int, datetime] = {}
    names: dict[int, set[str]] = {}
    for article_id, username, at in session.execute(
        select(ReviewEvent.article_id, User.username, func.max(ReviewEvent.created_at))
        .outerjoin(User, ReviewEvent.user_id == User.id)
        .where(ReviewEvent.article_id.in_(ids))
        .group_by(ReviewEvent.article_id, User.username)
    ):
        if article_id not in latest or at > latest[article_id]:
            latest[article_id] = at
        if username:
            names.setdefault(article_id, set()).add(username)
    return {aid: (at, tuple(sorted(names.get(aid, ())))) for aid, at in latest.items()}


def _has_claim(status: ColumnElement[bool], article=Article) -> ColumnElement[bool]:
    return exists().where(
        Claim.article_id == article.id,
        Claim.kind != literal("not_claim", literal_execute=True),
        status,
    )


def _status(compare, value: str) -> ColumnElement[bool]:
    """``Claim.status`` compared with a value written into the SQL, as the partial
    indexes of models.py state it, so the database matches them to the question."""
    return compare(Claim.status, literal(value, literal_execute=True))


def _questions() -> tuple[ColumnElement[bool], ...]:
    """Has the article a pending claim, a disputed one, a decided one?"""
    return (
        _has_claim(_status(operator.eq, "pending")),
        _has_claim(_status(operator.eq, "disputed")),
        _has_claim(_status(operator.ne, "pending")),
    )


def _state_column() -> ColumnElement[str]:
    """The state rules, in SQL so that filtering and paging agree with what is shown:
    signed off with nothing pending is checked; any disputed claim is has_disputes;
    nothing pending is ready (to sign off); nothing decided is unchecked; else in
    progress. A claim set back to pending after sign-off reopens the article."""
    pending, disputed, decided = _questions()
    return case(
        (and_(Article.signed_off_at.is_not(None), ~pending), "checked"),
        (disputed, "has_disputes"),
        (~pending, "ready"),
        (~decided, "unchecked"),
        else_="in_progress",
    ).label("state")


def _in_state() -> dict[str, ColumnElement[bool]]:
    """The rules of ``_state_column`` solved for each state: the same articles, but as
    conditions the database answers with index lookups per article (or by reading the
    few disputed claims once) instead of working out every article's state first."""
    signed = Article.signed_off_at.is_not(None)
    pending, disputed, decided = _questions()
    # Not checked, as the few checked articles' ids: an OR with "has a pending claim"
    # would have PostgreSQL read every pending claim to answer it.
    other = aliased(Article)
    checked = select(other.id).where(
        other.signed_off_at.is_not(None),
        ~_has_claim(_status(operator.eq, "pending"), other),
    )
    return {
        "checked": and_(signed, ~pending),
        "has_disputes": and_(disputed, Article.id.not_in(checked)),
        "ready": and_(~signed, ~pending, ~disputed),
        "unchecked": and_(pending, ~decided),
        "in_progress": and_(pending, decided, ~disputed),
    }


# Built once: putting these expressions together costs more than running them.
_STATE = _state_column()
_IN_STATE = _in_state()


def _conditions(session: Session, filters: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.state:
        where.append(_IN_STATE[filters.state])
    if filters.language:
        where.append(Article.language == filters.language)
    if filters.reviewer:
        where.append(
            exists()
            .where(ReviewEvent.article_id == Article.id)
            .where(ReviewEvent.user_id == User.id, User.username == filters.reviewer)
            .correlate(Article)
        )
    if filters.q:
        where.append(_contains(session, filters.q))
    return where


def _contains(session: Session, q: str) -> ColumnElement[bool]:
    """Title or body holds ``q``, whatever the case. On PostgreSQL that is ILIKE, which
    its trigram indexes serve (models.py); SQLite reads every row, comparing lower case."""
    pattern = "%" + escape_like(q.lower()) + "%"
    if session.get_bind().dialect.name != "sqlite":
        return Article.title.ilike(pattern, escape="\\") | Article.body.ilike(pattern, escape="\\")
    fold = _sqlite_lower(session)
    return fold(Article.title).like(pattern, escape="\\") | fold(Article.body).like(
        pattern, escape="\\"
    )


def escape_like(text: str) -> str:
    r"""``text`` with LIKE's wildcards taken literally (escape character ``\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _sqlite_lower(session: Session):
    """Lower case that knows more than ASCII: SQLite's lower() folds only A-Z, so
    ``Über`` would not match ``über``; the connection gets Python's ``str.lower`` as a
    SQL function (PostgreSQL's ILIKE folds like its lower())."""
    raw = session.connection().connection.driver_connection
    raw.create_function("unicode_lower", 1, _python_lower, deterministic=True)
    return func.unicode_lower


def _python_lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value
