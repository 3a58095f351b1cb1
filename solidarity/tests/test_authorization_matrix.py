"""Every URL of the project against anonymous visitors and each role.

A new URL pattern without an entry here fails `test_it_has_an_entry_for_every_url`:
whoever adds a page must decide who may open it. Staff sessions here have passed both
factors and a fresh re-authentication, so what remains visible is the role check itself.
"""

import re
import time

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from solidarity.accounts import audit, sudo
from solidarity.accounts.models import User
from solidarity.conftest import sign_in_with_second_factor
from solidarity.registry import models as m

ROLES = ["anon", "viewer", "translator", "moderator", "editor", "coordinator"]
SIGN_IN = 302  # to /staff/login/


def codes(anon: int, viewer: int, translator: int, moderator: int, editor: int,
          coordinator: int) -> dict[str, int]:  # fmt: skip
    return dict(zip(ROLES, [anon, viewer, translator, moderator, editor, coordinator], strict=True))


PUBLIC = codes(200, 200, 200, 200, 200, 200)
ANY_STAFF = codes(SIGN_IN, 200, 200, 200, 200, 200)
POST_ONLY = codes(SIGN_IN, 405, 405, 405, 405, 405)
REGISTRY_READ = codes(SIGN_IN, 200, 403, 200, 200, 200)
REGISTRY_WRITE = codes(SIGN_IN, 403, 403, 403, 200, 200)
COORDINATOR_ONLY = codes(SIGN_IN, 403, 403, 403, 403, 200)
TRANSLATOR_ONLY = codes(SIGN_IN, 403, 200, 403, 403, 200)
MODERATOR_ONLY = codes(SIGN_IN, 403, 403, 200, 403, 200)
SUPERUSER = COORDINATOR_ONLY  # the matrix's coordinator is the only superuser

# route -> (path to request, expected answers)
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "": ("/", PUBLIC),
    "prisoners/": ("/prisoners/", PUBLIC),
    "prisoners/<slug:slug>/": ("/prisoners/alisa-andreeva/", PUBLIC),
    "cases/": ("/cases/", PUBLIC),
    "cases/<slug:slug>/": ("/cases/test-case/", PUBLIC),
    "facilities/": ("/facilities/", PUBLIC),
    "facilities/<slug:slug>/": ("/facilities/sizo-1-test/", PUBLIC),
    "write/": ("/write/", codes(302, 302, 302, 302, 302, 302)),
    "prisoners/<slug:slug>/write/": ("/prisoners/alisa-andreeva/write/", PUBLIC),
    "letters/<str:token>/": ("/letters/test-token/", PUBLIC),
    "letters/<str:token>/erase/": ("/letters/test-token/erase/", PUBLIC),
    "letters/erased/": ("/letters/erased/", PUBLIC),
    "i18n/setlang/": ("/i18n/setlang/", codes(302, 302, 302, 302, 302, 302)),
    "staff/": ("/staff/", ANY_STAFF),
    "staff/letters/translate/": ("/staff/letters/translate/", TRANSLATOR_ONLY),
    "staff/letters/<int:pk>/claim/": ("/staff/letters/{letter}/claim/", POST_ONLY),
    # Only the translator who took the letter has it; others find nothing there.
    "staff/letters/<int:pk>/translate/": (
        "/staff/letters/{letter}/translate/",
        codes(SIGN_IN, 403, 404, 403, 403, 404),
    ),
    "staff/letters/moderate/": ("/staff/letters/moderate/", MODERATOR_ONLY),
    "staff/letters/<int:pk>/moderate/": ("/staff/letters/{letter}/moderate/", POST_ONLY),
    "staff/letters/tracking/": ("/staff/letters/tracking/", MODERATOR_ONLY),
    "staff/letters/dispatch/": ("/staff/letters/dispatch/", MODERATOR_ONLY),
    "staff/letters/dispatch/<int:pk>.zip": ("/staff/letters/dispatch/{batch}.zip", MODERATOR_ONLY),
    "staff/letters/dispatch/<int:pk>/posted/": (
        "/staff/letters/dispatch/{batch}/posted/",
        POST_ONLY,
    ),
    "staff/letters/dispatch/<int:pk>/delivered/": (
        "/staff/letters/dispatch/{batch}/delivered/",
        POST_ONLY,
    ),
    "staff/letters/eletters/": ("/staff/letters/eletters/", MODERATOR_ONLY),
    "staff/letters/blockades/": ("/staff/letters/blockades/", MODERATOR_ONLY),
    # The matrix's letter goes by post: no e-letter PDF exists for it.
    "staff/letters/<int:pk>/eletter.pdf": (
        "/staff/letters/{letter}/eletter.pdf",
        codes(SIGN_IN, 403, 403, 404, 403, 404),
    ),
    "staff/letters/<int:pk>/eletter-sent/": ("/staff/letters/{letter}/eletter-sent/", POST_ONLY),
    "staff/letters/<int:pk>/track/": ("/staff/letters/{letter}/track/", POST_ONLY),
    "staff/letters/<int:pk>/reply/": ("/staff/letters/{letter}/reply/", MODERATOR_ONLY),
    # A letter with no scanned reply: there is nothing at this address for anyone.
    "letters/<str:token>/replies/<int:pk>/scan/": (
        "/letters/test-token/replies/1/scan/",
        codes(404, 404, 404, 404, 404, 404),
    ),
    "api/v1/": ("/api/v1/", codes(404, 404, 404, 404, 404, 404)),
    "api/v1/openapi.json": ("/api/v1/openapi.json", PUBLIC),
    "api/v1/docs": ("/api/v1/docs", PUBLIC),
    "api/v1/people": ("/api/v1/people", PUBLIC),
    "api/v1/people/<person_id>": ("/api/v1/people/alisa-andreeva", PUBLIC),
    "api/v1/charges": ("/api/v1/charges", PUBLIC),
    "api/v1/events": ("/api/v1/events", PUBLIC),
    "api/v1/cases": ("/api/v1/cases", PUBLIC),
    "api/v1/cases/<case_id>": ("/api/v1/cases/test-case", PUBLIC),
    "api/v1/facilities": ("/api/v1/facilities", PUBLIC),
    "api/v1/facilities/<facility_id>": ("/api/v1/facilities/sizo-1-test", PUBLIC),
    "api/v1/stats": ("/api/v1/stats", PUBLIC),
    "data/": ("/data/", PUBLIC),
    "data/prisoners.csv": ("/data/prisoners.csv", PUBLIC),
    "data/prisoners.json": ("/data/prisoners.json", PUBLIC),
    "data/datapackage.json": ("/data/datapackage.json", PUBLIC),
    "data/methodology/": ("/data/methodology/", PUBLIC),
    "data/<slug:name>.csv": ("/data/charges.csv", PUBLIC),
    "data/<slug:name>.json": ("/data/events.json", PUBLIC),
    "feeds/updates.atom": ("/feeds/updates.atom", PUBLIC),
    "calendar/birthdays.ics": ("/calendar/birthdays.ics", PUBLIC),
    "calendar/releases.ics": ("/calendar/releases.ics", PUBLIC),
    "stats/": ("/stats/", PUBLIC),
    "stats/<slug:key>.csv": ("/stats/by_status.csv", PUBLIC),
    "reports/": ("/reports/", PUBLIC),
    "^reports/(?P<month>\\d{4}-\\d{2})/$": ("/reports/2026-10/", PUBLIC),
    "^reports/(?P<month>\\d{4}-\\d{2})\\.pdf$": ("/reports/2026-10.pdf", PUBLIC),
    "staff/support/": ("/staff/support/", REGISTRY_WRITE),
    "staff/support/needs/new/": ("/staff/support/needs/new/", REGISTRY_WRITE),
    "staff/support/needs/<int:pk>/": (
        "/staff/support/needs/999/",
        codes(SIGN_IN, 403, 403, 403, 404, 404),
    ),
    "staff/support/money/": ("/staff/support/money/", COORDINATOR_ONLY),
    "staff/support/money/income/": ("/staff/support/money/income/", POST_ONLY),
    "staff/support/money/spend/": ("/staff/support/money/spend/", POST_ONLY),
    "staff/support/money/rate/": ("/staff/support/money/rate/", POST_ONLY),
    "staff/support/money/<int:pk>/correct/": ("/staff/support/money/1/correct/", POST_ONLY),
    "staff/support/money/<int:pk>/receipt": (
        "/staff/support/money/999/receipt",
        codes(SIGN_IN, 403, 403, 403, 403, 404),
    ),
    "staff/support/evenings/": ("/staff/support/evenings/", REGISTRY_WRITE),
    "staff/support/evenings/<int:pk>/": (
        "/staff/support/evenings/999/",
        codes(SIGN_IN, 403, 403, 403, 404, 404),
    ),
    "staff/support/evenings/<int:pk>/packet.pdf": (
        "/staff/support/evenings/999/packet.pdf",
        codes(SIGN_IN, 403, 403, 403, 404, 404),
    ),
    "staff/intake/": ("/staff/intake/", REGISTRY_WRITE),
    "staff/data/import/": ("/staff/data/import/", REGISTRY_WRITE),
    "staff/data/export/": ("/staff/data/export/", COORDINATOR_ONLY),
    "staff/intake/sources/<int:pk>/": ("/staff/intake/sources/{source}/", REGISTRY_WRITE),
    "staff/intake/proposals/<int:pk>/": ("/staff/intake/proposals/1/", POST_ONLY),
    "staff/login/": ("/staff/login/", PUBLIC),
    "staff/logout/": ("/staff/logout/", codes(405, 405, 405, 405, 405, 405)),
    "staff/verify/": ("/staff/verify/", ANY_STAFF),
    "staff/enrol/": ("/staff/enrol/", ANY_STAFF),
    "staff/sudo/": ("/staff/sudo/", ANY_STAFF),
    "staff/recovery-codes/": ("/staff/recovery-codes/", POST_ONLY),
    "staff/keys/": ("/staff/keys/", COORDINATOR_ONLY),
    "staff/accounts/": ("/staff/accounts/", COORDINATOR_ONLY),
    "staff/tokens/": ("/staff/tokens/", REGISTRY_WRITE),
    "staff/tokens/new/": ("/staff/tokens/new/", POST_ONLY),
    "staff/tokens/<int:pk>/revoke/": ("/staff/tokens/1/revoke/", POST_ONLY),
    "staff/webauthn/register/options/": ("/staff/webauthn/register/options/", POST_ONLY),
    "staff/webauthn/register/": ("/staff/webauthn/register/", POST_ONLY),
    "staff/webauthn/login/options/": ("/staff/webauthn/login/options/", POST_ONLY),
    "staff/webauthn/login/": ("/staff/webauthn/login/", POST_ONLY),
    "admin/": ("/admin/", ANY_STAFF),
    "admin/login/": ("/admin/login/", codes(SIGN_IN, 302, 302, 302, 302, 302)),
    "admin/logout/": ("/admin/logout/", codes(SIGN_IN, 405, 405, 405, 405, 405)),
    "admin/password_change/": ("/admin/password_change/", ANY_STAFF),
    "admin/password_change/done/": ("/admin/password_change/done/", ANY_STAFF),
    "admin/autocomplete/": ("/admin/autocomplete/", codes(SIGN_IN, 403, 403, 403, 403, 403)),
    "admin/jsi18n/": ("/admin/jsi18n/", ANY_STAFF),
    # Registry rows have no public "view on site" address: nothing to redirect to.
    "admin/r/<path:content_type_id>/<path:object_id>/": (
        "/admin/r/1/1/",
        codes(SIGN_IN, 404, 404, 404, 404, 404),
    ),
    # Admin is for superusers only (the matrix's coordinator is one): daily work has staff
    # pages. An app page with no model the user may see does not exist for them.
    "admin/^(?P<app_label>accounts|registry)/$": (
        "/admin/registry/",
        codes(SIGN_IN, 404, 404, 404, 404, 200),
    ),
    "staff/registry/": ("/staff/registry/", REGISTRY_READ),
    "staff/registry/people/new/": ("/staff/registry/people/new/", REGISTRY_WRITE),
    "staff/registry/people/<slug:slug>/": ("/staff/registry/people/boris-hidden/", REGISTRY_READ),
    "staff/registry/people/<slug:slug>/edit/": (
        "/staff/registry/people/alisa-andreeva/edit/",
        REGISTRY_WRITE,
    ),
    "staff/registry/people/<slug:slug>/transfer/": (
        "/staff/registry/people/alisa-andreeva/transfer/",
        POST_ONLY,
    ),
    "staff/registry/people/<slug:slug>/consent/": (
        "/staff/registry/people/alisa-andreeva/consent/",
        POST_ONLY,
    ),
    "staff/registry/facilities/": ("/staff/registry/facilities/", REGISTRY_READ),
    "staff/registry/cases/": ("/staff/registry/cases/", REGISTRY_READ),
    "staff/registry/cases/<slug:slug>/": ("/staff/registry/cases/test-case/", REGISTRY_READ),
    "staff/registry/cases/<slug:slug>/edit/": (
        "/staff/registry/cases/test-case/edit/",
        REGISTRY_WRITE,
    ),
    "staff/registry/reports/": ("/staff/registry/reports/", REGISTRY_READ),
    "staff/registry/reports/<int:pk>/": ("/staff/registry/reports/1/", POST_ONLY),
    "prisoners/<slug:slug>/report/": ("/prisoners/alisa-andreeva/report/", PUBLIC),
    "prisoners/<slug:slug>/photo.jpg": ("/prisoners/alisa-andreeva/photo.jpg", PUBLIC),
    "staff/registry/people/<slug:slug>/photo/": (
        "/staff/registry/people/alisa-andreeva/photo/",
        POST_ONLY,
    ),
    "staff/registry/people/<slug:slug>/photo.jpg": (
        "/staff/registry/people/alisa-andreeva/photo.jpg",
        REGISTRY_READ,
    ),
    "staff/registry/facilities/new/": ("/staff/registry/facilities/new/", REGISTRY_WRITE),
    "staff/registry/facilities/<slug:slug>/": (
        "/staff/registry/facilities/sizo-1-test/",
        REGISTRY_READ,
    ),
    "staff/registry/facilities/<slug:slug>/edit/": (
        "/staff/registry/facilities/sizo-1-test/edit/",
        REGISTRY_WRITE,
    ),
    "staff/registry/people/<slug:slug>/charges/": (
        "/staff/registry/people/alisa-andreeva/charges/",
        POST_ONLY,
    ),
    "staff/registry/people/<slug:slug>/sentences/": (
        "/staff/registry/people/alisa-andreeva/sentences/",
        POST_ONLY,
    ),
    "staff/registry/people/<slug:slug>/recognition/": (
        "/staff/registry/people/alisa-andreeva/recognition/",
        POST_ONLY,
    ),
    "staff/registry/people/<slug:slug>/aliases/": (
        "/staff/registry/people/alisa-andreeva/aliases/",
        POST_ONLY,
    ),
    "staff/registry/people/<slug:slug>/events/": (
        "/staff/registry/people/alisa-andreeva/events/",
        POST_ONLY,
    ),
    "staff/registry/people/<slug:slug>/merge/": (
        "/staff/registry/people/alisa-andreeva/merge/",
        POST_ONLY,
    ),
    "admin/(?P<url>.*)$": ("/admin/nothing-here/", codes(SIGN_IN, 404, 404, 404, 404, 404)),
}

# Admin models: who may read them and who may write them.
ADMIN_MODELS: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    "registry.person": (SUPERUSER, SUPERUSER),
    "registry.sentence": (SUPERUSER, SUPERUSER),
    "registry.charge": (SUPERUSER, SUPERUSER),
    "registry.event": (SUPERUSER, SUPERUSER),
    "registry.case": (SUPERUSER, SUPERUSER),
    "registry.facility": (SUPERUSER, SUPERUSER),
    "registry.source": (SUPERUSER, SUPERUSER),
    "registry.article": (SUPERUSER, SUPERUSER),
    "registry.criminalcode": (SUPERUSER, SUPERUSER),
    "registry.personstatus": (SUPERUSER, SUPERUSER),
    "registry.tag": (SUPERUSER, SUPERUSER),
    "accounts.user": (COORDINATOR_ONLY, COORDINATOR_ONLY),
    # Nobody may change the audit log, not even a coordinator.
    "accounts.auditentry": (COORDINATOR_ONLY, codes(SIGN_IN, 403, 403, 403, 403, 403)),
}
ADMIN_ROUTES = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/(?P<rest>.*)$")


def routes(patterns=None, prefix: str = ""):  # type: ignore[no-untyped-def]
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def admin_route_expectation(route: str, ids: dict[str, int]) -> tuple[str, dict[str, int]]:
    match = ADMIN_ROUTES.match(route)
    assert match, route
    label = f"{match['app']}.{match['model']}"
    read, write = ADMIN_MODELS[label]
    base = f"/admin/{match['app']}/{match['model']}/"
    object_id = ids[label]
    return {
        "": (base, read),
        "add/": (base + "add/", write),
        "<path:object_id>/history/": (f"{base}{object_id}/history/", read),
        "<path:object_id>/delete/": (f"{base}{object_id}/delete/", write),
        "<path:object_id>/change/": (f"{base}{object_id}/change/", read),
        "<path:object_id>/": (f"{base}{object_id}/", codes(SIGN_IN, 302, 302, 302, 302, 302)),
        # UserAdmin's password form.
        "<id>/password/": (f"{base}{object_id}/password/", write),
    }[match["rest"]]


def test_it_has_an_entry_for_every_url():
    registered = {m._meta.label_lower for m in admin.site._registry}
    assert registered == set(ADMIN_MODELS), "every admin model needs an entry"
    missing = [r for r in routes() if r not in MATRIX and not ADMIN_ROUTES.match(r)]
    assert missing == [], f"URL patterns with no entry in the matrix: {missing}"


@pytest.fixture
def world(alice, case, coordinator):
    with transaction.atomic():
        audit.record(coordinator, "test.matrix")
    alice.accepts_letters = True
    alice.consent_publish_photo = True
    alice.save()
    from solidarity.registry.actions import set_photo
    from solidarity.registry.tests.test_desk_person_photo import camera_jpeg

    set_photo(coordinator, alice, camera_jpeg(60, 40))
    from solidarity.letters.services.writing import submit_letter

    letter = submit_letter(alice, body="Привет!", submission_key="matrix")
    from solidarity.letters.models import link_digest

    type(letter).objects.filter(pk=letter.pk).update(token_digest=link_digest("test-token"))
    source = m.Source.objects.create(title="S", text="t")
    sentence = m.Sentence.objects.create(person=alice, case=case, years=1, regime="general")
    charge = m.Charge.objects.create(person=alice, case=case, article=m.Article.objects.first())
    event = m.Event.objects.create(person=alice, type="search")
    ids = {
        "registry.person": alice.pk, "registry.sentence": sentence.pk,
        "registry.charge": charge.pk, "registry.event": event.pk, "registry.case": case.pk,
        "registry.facility": alice.facility_id, "registry.source": source.pk,
        "registry.article": m.Article.objects.first().pk,
        "registry.criminalcode": m.CriminalCode.objects.first().pk,
        "registry.personstatus": m.PersonStatus.objects.first().pk,
        "registry.tag": m.Tag.objects.first().pk, "accounts.user": coordinator.pk,
        "accounts.auditentry": 1,
    }  # fmt: skip
    from solidarity.accounts.models import AuditEntry

    ids["accounts.auditentry"] = AuditEntry.objects.first().pk
    ids["letter"] = letter.pk
    from solidarity.letters.models import PostBatch

    ids["batch"] = PostBatch.objects.create(state="ready", archive="UEsFBg==").pk
    return ids


def client_for(role: str, coordinator: User) -> Client:
    client = Client()
    if role == "anon":
        return client
    user = (
        coordinator
        if role == "coordinator"
        else User.objects.create_user(role, password="p" * 16, is_staff=True, role=role)
    )
    sign_in_with_second_factor(client, user)
    session = client.session
    session[sudo.SESSION_KEY] = time.time() + 600
    session.save()
    return client


def test_it_answers_every_url_as_the_matrix_says(world, coordinator):
    clients = {role: client_for(role, coordinator) for role in ROLES}
    checks = []
    for route in routes():
        if route in MATRIX:
            path, expected = MATRIX[route]
            path = path.format(
                letter=world["letter"], source=world["registry.source"], batch=world["batch"]
            )
            checks.append((route, path, expected))
        else:
            checks.append((route, *admin_route_expectation(route, world)))
    wrong = []
    for route, path, expected in checks:
        for role in ROLES:
            status = clients[role].get(path).status_code
            if status != expected[role]:
                wrong.append(
                    f"{role:>11} GET {path} ({route}): {status}, expected {expected[role]}"
                )
    assert wrong == [], "\n".join(wrong)
