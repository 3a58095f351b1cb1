"""/staff/tokens/: API tokens of the signed-in staff member. Making one needs re-authentication."""

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import sudo, tokens
from .models import ApiToken, User
from .permissions import Perm, require


def token_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.REGISTRY_EDIT)
    user = cast(User, request.user)  # require() let only a signed-in staff member here
    mine = ApiToken.objects.filter(user=user).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"tokens": mine, "scopes": tokens.SCOPES})


@sudo.sudo_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.REGISTRY_EDIT)
    scopes = [s for s in request.POST.getlist("scopes") if s in tokens.SCOPES]
    if not scopes:
        messages.error(request, _("Choose at least one scope."))
        return redirect("api-tokens")
    token, secret = tokens.create(request.user, request.POST.get("name", ""), scopes)
    return render(request, "accounts/token_created.html", {"token": token, "secret": secret})


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.REGISTRY_EDIT)
    user = cast(User, request.user)
    token = get_object_or_404(ApiToken, pk=pk, user=user, revoked_at=None)
    tokens.revoke(request.user, token)
    messages.success(request, _("Token %(name)s revoked.") % {"name": token})
    return redirect("api-tokens")
