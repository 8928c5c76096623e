"""User management for admins: list, create, (de)activate, change role, reset password."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from workbench.errors import InputRejected
from workbench.extensions import db
from workbench.models import ROLES
from workbench.services import users
from workbench.web.access import role_required
from workbench.web.forms import ActionForm

bp = Blueprint("admin", __name__, url_prefix="/admin")

ROLE_CHOICES = list(ROLES)


class PasswordForm(FlaskForm):
    """A password typed twice, or a generated one."""

    generate = BooleanField("Generate a password (shown once)")
    password = PasswordField("Password", validators=[Length(max=1000)])
    confirm = PasswordField("Password again", validators=[Length(max=1000)])

    def chosen_password(self) -> str | None:
        """The password to set, or ``None`` (with an error on the form) when the two
        typed ones differ or are missing."""
        if self.generate.data:
            return users.generate_password()
        if not self.password.data:
            self.password.errors.append("Type a password, or tick “Generate a password”.")
            return None
        if self.password.data != self.confirm.data:
            self.confirm.errors.append("The two passwords differ.")
            return None
        return self.password.data


class CreateUserForm(PasswordForm):
    username = StringField("User name", validators=[DataRequired(), Length(max=80)])
    role = SelectField("Role", choices=ROLE_CHOICES, default="reviewer")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES)


@bp.before_request
@role_required("admin")
def admins_only():
    """Every view here is for admins, so a new one cannot forget to say so."""


@bp.get("/users", endpoint="users")
def users_list():
    """Every user, and the form to add one."""
    return _list_page(CreateUserForm())


@bp.post("/users")
def create():
    """Add a user; a generated password is shown on the answer page, once."""
    form = CreateUserForm()
    if not form.validate_on_submit():
        return _list_page(form), 400
    password = form.chosen_password()
    if password is None:
        return _list_page(form), 400
    try:
        user = users.create_user(db.session, form.username.data, password, form.role.data)
    except InputRejected as error:
        flash(str(error), "error")
        return _list_page(form), 400
    if form.generate.data:
        return _shown_once(user, password, "created")
    flash(f"Created {user.username} ({user.role}).")
    return redirect(url_for("admin.users"))


@bp.get("/users/<int:user_id>")
def user(user_id: int):
    """One user: role, active, password."""
    return _user_page(_get(user_id))


@bp.post("/users/<int:user_id>/role")
def set_role(user_id: int):
    """Change the user's role."""
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    return _apply(
        user_id,
        lambda: users.set_role(db.session, user_id, form.role.data, by=current_user),
        "{name} is now {role}.",
    )


@bp.post("/users/<int:user_id>/deactivate")
def deactivate(user_id: int):
    """Stop the user from logging in; their open sessions end too."""
    return _set_active(user_id, False)


@bp.post("/users/<int:user_id>/activate")
def activate(user_id: int):
    """Let the user log in again."""
    return _set_active(user_id, True)


@bp.post("/users/<int:user_id>/password")
def reset_password(user_id: int):
    """Set a typed password, or generate one and show it once."""
    account = _get(user_id)
    form = PasswordForm()
    if not form.validate_on_submit():
        abort(400)
    password = form.chosen_password()
    if password is None:
        return _user_page(account, password_form=form), 400
    try:
        users.reset_password(db.session, user_id, password)
    except InputRejected as error:
        flash(str(error), "error")
        return _user_page(account, password_form=form), 400
    if form.generate.data:
        return _shown_once(account, password, "given a new password")
    flash(f"New password set for {account.username}.")
    return redirect(url_for("admin.user", user_id=user_id))


def _set_active(user_id: int, active: bool):
    if not ActionForm().validate_on_submit():
        abort(400)
    return _apply(
        user_id,
        lambda: users.set_active(db.session, user_id, active, by=current_user),
        "{name} can log in again." if active else "{name} is deactivated and logged out.",
    )


def _apply(user_id: int, change, message: str):
    try:
        account = change()
    except InputRejected as error:
        flash(str(error), "error")
    else:
        flash(message.format(name=account.username, role=account.role))
    return redirect(url_for("admin.user", user_id=user_id))


def _get(user_id: int):
    return users.get_user(db.session, user_id)


def _list_page(form: CreateUserForm):
    return render_template(
        "admin/users.html",
        users=users.list_users(db.session),
        form=form,
        min_password=users.MIN_PASSWORD,
    )


def _user_page(account, password_form: PasswordForm | None = None):
    return render_template(
        "admin/user.html",
        account=account,
        role_form=RoleForm(role=account.role),
        password_form=password_form or PasswordForm(),
        action=ActionForm(),
        min_password=users.MIN_PASSWORD,
    )


def _shown_once(account, password: str, what: str):
    """The generated password, in this one answer only (never stored unhashed, never
    cached, not put in the session cookie)."""
    response = render_template("admin/password.html", account=account, password=password, what=what)
    return response, 200, {"Cache-Control": "no-store"}
