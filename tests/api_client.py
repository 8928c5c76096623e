"""A client of the REST API with a bearer token of a user with some role."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.extensions import db
from workbench.services.tokens import create_token


@dataclass
class ApiClient:
    """Calls /api/v1 with ``Authorization: Bearer <secret>`` and no session."""

    test_client: object
    secret: str
    user_id: int
    token_id: int

    def open(self, method: str, path: str, **kwargs):
        headers = {"Authorization": f"Bearer {self.secret}", **kwargs.pop("headers", {})}
        return self.test_client.open(f"/api/v1{path}", method=method, headers=headers, **kwargs)

    def get(self, path: str, **kwargs):
        return self.open("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.open("POST", path, **kwargs)

    def patch(self, path: str, **kwargs):
        return self.open("PATCH", path, **kwargs)


def api_client(app, make_user, role: str = "reviewer", username: str | None = None) -> ApiClient:
    user = make_user(role, username)
    with app.app_context():
        token, secret = create_token(db.session, user, f"{role} test token")
        token_id = token.id
        db.session.remove()
    return ApiClient(app.test_client(), secret, user.id, token_id)
