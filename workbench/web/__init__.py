"""Blueprints: thin views that parse a request, call one service and render."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from workbench.extensions import login_manager
    from workbench.web import (
        access,
        admin,
        api,
        articles,
        auth,
        errors,
        headers,
        repeated,
        reports,
        review,
        sources,
        tokens,
    )

    login_manager.user_loader(_load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in to continue."
    app.before_request(access.require_login)
    app.register_blueprint(auth.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(repeated.bp)
    app.register_blueprint(sources.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(tokens.bp)
    api.register(app)
    errors.register(app)
    headers.register(app)


def _load_user(session_id: str):
    """The active user whose ``get_id()`` this is (``None`` after a password reset)."""
    from workbench.extensions import db
    from workbench.models import User

    user_id, _, _ = session_id.partition(".")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or user.get_id() != session_id:
        return None
    return user
