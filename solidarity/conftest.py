"""Shared fixtures: a small registry with one person who consented and one who did not."""

import os
import shutil

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.utils import translation

from solidarity import crypto
from solidarity.registry.tests.factories import make_case, make_facility, make_person

# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are
# ordinary synchronous test code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_REQUIRED = os.environ.get("SOLIDARITY_REQUIRE_BROWSER") == "1"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True, scope="session")
def _compiled_translations() -> None:
    call_command("compiletranslations", verbosity=0)


TEST_FIELD_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _field_keys(settings):
    """Tests never touch var/field_keys: a key made for this run only."""
    settings.FIELD_ENCRYPTION_KEYS = TEST_FIELD_KEY
    settings.FIELD_ENCRYPTION_KEYS_FILE = ""
    crypto.reset()
    yield
    crypto.reset()


@pytest.fixture(autouse=True)
def _audit_checkpoint(settings, tmp_path):
    """Each test's audit checkpoint is its own (it lives outside the database)."""
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "audit_checkpoint")


@pytest.fixture(autouse=True)
def _instant_letter_forms(settings):
    """Tests send forms at once; the minimum form age has a test of its own."""
    from django.core.cache import cache, caches

    settings.LETTERS_FORM_MIN_SECONDS = 0
    # One process here: its own memory is the cache (the shared database or Redis cache,
    # which the servers use, is tested across processes in letters/tests/test_sender_limit).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                  "LOCATION": "test-pages"},
    }  # fmt: skip
    cache.clear()  # the per-minute ceiling counts in the cache
    caches["pages"].clear()  # a page kept by an earlier test is not this test's page


@pytest.fixture(autouse=True)
def _return_address(settings):
    """Printed letters carry the group's return address (LETTERS_RETURN_ADDRESS)."""
    settings.LETTERS_RETURN_ADDRESS = "Группа поддержки «Тест» | а/я 1, г. Тестград, 000001"


@pytest.fixture(autouse=True)
def _english() -> None:
    # A request in Russian leaves Russian active in the test thread; start each test clean.
    translation.activate("en")


@pytest.fixture
def run_tasks(monkeypatch):
    """Run what the task queue holds with the real worker command, as production does.

    The worker closes "old" connections between tasks; in a test that would close the
    test database itself, so that step alone is left out.
    """
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def facility(db):
    return make_facility(
        slug="sizo-1-test",
        name_en="SIZO-1 Testgrad",
        name_ru="СИЗО-1 Тестград",
        postal_address="ул. Тестовая, д. 1, г. Тестград, 000001",
    )


@pytest.fixture
def alice(db, facility):
    """Consented to name and address."""
    return make_person(
        "Алиса Андреева",
        slug="alisa-andreeva",
        facility=facility,
        consent_publish_address=True,
        full_name="Андреева Алиса Петровна",
        region="Moscow",
        tags=["anarchist"],
    )


@pytest.fixture
def bob(db, facility):
    """Never consented: must not appear on any public page, feed or count."""
    return make_person(
        "Борис Хиддинк-Засекреченный",
        slug="boris-hidden",
        consent_publish_name=False,
        facility=facility,
        region="Secretland",
        tags=["anti-war"],
    )


@pytest.fixture
def case(db, alice, bob):
    return make_case("Test case", slug="test-case", defendants=[alice, bob])


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    skipped = terminalreporter.stats.get("skipped", [])
    browser = [r for r in skipped if "chromium" in str(r.longrepr).lower()]
    if browser:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(browser)} browser test(s) did not run: no Chromium at {CHROMIUM}. "
            "Install Debian's 'chromium' package to run them (CI requires them).",
            red=True,
        )


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


@pytest.fixture
def coordinator(db):
    from solidarity.accounts.models import User

    return User.objects.create_superuser(
        "cora", "cora@example.org", "a long test passphrase", role="coordinator"
    )


def sign_in_with_second_factor(client, user):  # type: ignore[no-untyped-def]
    """A session as after password and authenticator code (the flow itself is tested apart)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from solidarity.accounts.models import Authenticator

    device = Authenticator.objects.filter(user=user, confirmed=True).first()
    device = device or Authenticator.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff_client(client, coordinator):
    return sign_in_with_second_factor(client, coordinator)


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        message = f"Chromium not found at {CHROMIUM}"
        if BROWSER_REQUIRED:
            pytest.fail(message + " and SOLIDARITY_REQUIRE_BROWSER=1 forbids skipping")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def staff_context(browser, live_server, client, language: str, width: int, **options):  # type: ignore[no-untyped-def]
    """A browser context signed in as `client` (a test client past both factors), with the
    site's language cookie set to `language`, `width` px wide."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    context.add_cookies([
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
        {"name": "django_language", "value": language, "url": live_server.url},
    ])  # fmt: skip
    return context


def reader_context(browser, live_server, language: str, width: int = 1280, **options):  # type: ignore[no-untyped-def]
    """A browser context of a reader of `language` (en, ru, be) at `width` px: the
    browser's locale and the site's language cookie both say it."""
    locale = {"ru": "ru-RU", "be": "be-BY"}.get(language, "en-GB")
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900},
                                  **options)  # fmt: skip
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context
