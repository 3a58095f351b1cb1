"""/staff/accounts/: a coordinator manages staff accounts without Django's admin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import actions, sudo
from .models import Authenticator, Role, User
from .permissions import Perm, require


def accounts_view(request: HttpRequest) -> HttpResponse:
    """Every staff account with its role, whether it may sign in and has a second factor;
    forms to add one, change a role, deactivate, and reset a lost sign-in. A new or reset
    passphrase is shown once, on the page that made it."""
    require(request.user, Perm.USERS_MANAGE)  # before sudo: others are not asked to re-enter
    if not sudo.active(request):
        return sudo.redirect_to_sudo(request)
    shown: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            shown = _change(request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
        else:
            if not shown:
                return redirect("staff-accounts")
    enrolled = set(Authenticator.objects.filter(confirmed=True).values_list("user_id", flat=True))
    staff = User.objects.filter(is_staff=True).order_by("-is_active", "username")
    rows = [{"user": u, "enrolled": u.pk in enrolled} for u in staff]
    return render(request, "accounts/staff_accounts.html", {
        "rows": rows, "roles": Role.choices, "shown": shown,
    }, status=status)  # fmt: skip


def _change(request: HttpRequest) -> dict[str, str]:
    """Apply the posted form; {"username", "passphrase"} when a passphrase is to be shown."""
    what = request.POST.get("do", "")
    if what == "add":
        username = request.POST.get("username", "").strip()
        role = request.POST.get("role", "")
        if not username or len(username) > 150 or role not in Role.values:
            raise ValidationError(_("Give a user name and a role."))
        passphrase = actions.new_passphrase()
        try:
            actions.create_staff_user(request.user, username, role, passphrase)
        except IntegrityError as error:
            raise ValidationError(
                _("The user name %(name)s is taken.") % {"name": username}
            ) from error
        return {"username": username, "passphrase": passphrase}
    user = get_object_or_404(User, pk=request.POST.get("user") or 0, is_staff=True)
    if what == "role":
        actions.change_staff_user(request.user, user, role=request.POST.get("role", ""))
        messages.success(request, _("Role changed."))
    elif what in ("deactivate", "activate"):
        if user.pk == request.user.pk and what == "deactivate":
            raise ValidationError(_("You cannot deactivate your own account."))
        actions.change_staff_user(request.user, user, active=what == "activate")
        messages.success(request, _("Saved."))
    elif what == "reset":
        return {"username": user.username, "passphrase": actions.reset_sign_in(request.user, user)}
    else:
        raise ValidationError(_("Unknown action."))
    return {}
