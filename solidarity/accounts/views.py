"""Staff sign-in with two factors, re-authentication, and the staff home page."""

from typing import Any

from django.contrib import auth, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from solidarity import crypto

from . import audit, sudo, throttle, twofactor, work
from .keys import KeysInEnvironment, fingerprint, retire, rotate
from .permissions import Perm, allowed, require


def _next(request: HttpRequest, default: str = "/staff/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _second_step(request: HttpRequest) -> HttpResponse:
    step = "/staff/verify/" if twofactor.has_second_factor(request.user) else "/staff/enrol/"
    return redirect(f"{step}?next={_next(request)}")


def _signed_in(request: HttpRequest, device: Any, how: str) -> None:
    """Mark the session as past the second factor, under a new session key: a key seen
    before this step (on a shared machine, in a proxy) does not carry the second factor."""
    with transaction.atomic():
        request.session.cycle_key()
        otp_login(request, device)
        audit.record(request.user, "accounts.login", details={"second_factor": how})


def login_view(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        until = throttle.locked_until(username, request)
        if until:
            error = _("Too many failed attempts. Try again after %(time)s UTC.") % {
                "time": until.strftime("%H:%M:%S")
            }
        else:
            user = auth.authenticate(
                request, username=username, password=request.POST.get("password", "")
            )
            if user is None or not user.is_staff:
                throttle.record_failure(username, request)
                error = _("Wrong username or password.")
            else:
                throttle.clear(username, request)
                auth.login(request, user)
                return _second_step(request)
    return render(request, "accounts/login.html", {"error": error, "next": _next(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    return redirect("/")


def verify_view(request: HttpRequest) -> HttpResponse:
    if not twofactor.has_second_factor(request.user):
        return redirect(f"/staff/enrol/?next={_next(request)}")
    error = ""
    if request.method == "POST":
        device = twofactor.check_code(request.user, request.POST.get("code", "")[:64])
        if device is not None:
            _signed_in(request, device, device.__class__.__name__)
            return HttpResponseRedirect(_next(request))
        error = _("That code was not accepted. Codes change every 30 seconds.")
    has_passkey = request.user.webauthndevice_set.filter(confirmed=True).exists()  # type: ignore[union-attr]
    return render(
        request,
        "accounts/verify.html",
        {"error": error, "next": _next(request), "has_passkey": has_passkey},
    )


def enrol_view(request: HttpRequest) -> HttpResponse:
    """The first second factor: an authenticator app; passkeys can be added afterwards.

    Adding another one (which also replaces the recovery codes) needs a recent
    re-authentication, as every change of a sign-in factor does."""
    if twofactor.has_second_factor(request.user):
        if not request.user.is_verified():  # type: ignore[union-attr]
            return redirect(f"/staff/verify/?next={_next(request)}")
        if not sudo.active(request):
            return sudo.redirect_to_sudo(request)
    device = twofactor.totp_enrolment(request.user)
    error = ""
    if request.method == "POST":
        if twofactor.confirm_totp(request.user, device, request.POST.get("code", "")[:16]):
            if not request.user.is_verified():  # type: ignore[union-attr]
                _signed_in(request, device, "Authenticator")
            codes = twofactor.new_recovery_codes(request.user)
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
        error = _("That code was not accepted. Check the time on your phone and try again.")
    return render(
        request,
        "accounts/enrol.html",
        {
            "error": error,
            "next": _next(request),
            "qr": twofactor.totp_qr_data_uri(device),
            "secret": twofactor.totp_secret(device),
        },
    )


@require_POST
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    """New recovery codes, after a recent re-authentication (back to the staff home page
    first: the form is posted from there)."""
    if not sudo.active(request):
        return HttpResponseRedirect("/staff/sudo/?next=/staff/")
    codes = twofactor.new_recovery_codes(request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/staff/"})


def sudo_view(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        user = request.user
        username = user.get_username()
        if throttle.locked_until(username):
            error = _("Too many failed attempts. Try again later.")
        elif (
            user.check_password(request.POST.get("password", ""))
            and twofactor.check_code(  # type: ignore[union-attr]
                user, request.POST.get("code", "")[:64]
            )
        ):
            sudo.grant(request)
            with transaction.atomic():
                audit.record(user, "accounts.sudo")
            return HttpResponseRedirect(_next(request))
        else:
            throttle.record_failure(username, request)
            error = _("Password or code not accepted.")
    return render(request, "accounts/sudo.html", {"error": error, "next": _next(request)})


def staff_home(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.STAFF_AREA)
    return render(
        request,
        "accounts/staff_home.html",
        {
            "can_edit_registry": allowed(request.user, Perm.REGISTRY_EDIT),
            "can_view_registry": allowed(request.user, Perm.REGISTRY_VIEW),
            "can_rotate_keys": allowed(request.user, Perm.KEYS_ROTATE),
            "can_manage_users": allowed(request.user, Perm.USERS_MANAGE),
            "can_translate": allowed(request.user, Perm.LETTERS_TRANSLATE),
            "can_moderate": allowed(request.user, Perm.LETTERS_MODERATE),
            "can_review_intake": allowed(request.user, Perm.INTAKE_REVIEW),
            "can_support": allowed(request.user, Perm.SUPPORT),
            "can_private_export": allowed(request.user, Perm.PRIVATE_EXPORT),
            "devices": request.user.webauthndevice_set.all(),  # type: ignore[union-attr]
            "waiting": work.waiting(request.user),
        },
    )


@sudo.sudo_required
def keys_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.KEYS_ROTATE)
    if request.method == "POST":
        if request.POST.get("step") == "retire":
            counts = retire(request.user)
            messages.success(
                request,
                _("Old keys retired: %(rows)s values re-encrypted.")
                % {"rows": sum(counts.values())},
            )
        else:
            try:
                rotate(request.user)
            except KeysInEnvironment:
                messages.error(
                    request,
                    _("The keys come from the environment: change them there and restart."),
                )
            else:
                messages.success(
                    request, _("New key added; retire the old keys once every server has it.")
                )
        return redirect("/staff/keys/")
    keys = [fingerprint(k) for k in crypto.configured_keys()]
    return render(request, "accounts/keys.html", {"keys": keys})


def _sudo_needed() -> JsonResponse:
    """What the passkey script gets without a recent re-authentication: where to get one."""
    return JsonResponse(
        {"ok": False, "error": _("Confirm your password and code first."),
         "sudo": "/staff/sudo/?next=/staff/"},
        status=403,
    )  # fmt: skip


@require_POST
def webauthn_register_options(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.STAFF_AREA)
    if not sudo.active(request):
        return _sudo_needed()
    return HttpResponse(
        twofactor.registration_options(request, request.user), content_type="application/json"
    )


@require_POST
def webauthn_register(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.STAFF_AREA)
    if not sudo.active(request):
        return _sudo_needed()
    try:
        twofactor.finish_registration(
            request, request.user, request.POST.get("credential", ""), request.POST.get("name", "")
        )
    except twofactor.SecondFactorError as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=400)
    return JsonResponse({"ok": True, "next": "/staff/"})


@require_POST
def webauthn_login_options(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        twofactor.authentication_options(request, request.user), content_type="application/json"
    )


@require_POST
def webauthn_login(request: HttpRequest) -> HttpResponse:
    try:
        device = twofactor.finish_authentication(
            request, request.user, request.POST.get("credential", "")
        )
    except twofactor.SecondFactorError as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=400)
    _signed_in(request, device, "WebAuthnDevice")
    return JsonResponse({"ok": True, "next": _next(request)})
