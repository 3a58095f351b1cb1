"""Settings come from the environment (with ``NAME_FILE`` for secrets), healthchecks-style.

With nothing set, Solidarity runs embedded: SQLite and generated keys under ``var/``.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url

from solidarity import mailurl

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SOLIDARITY_VAR_DIR", BASE_DIR.parent / "var")).resolve()


def env(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def _generated_secret(file_name: str) -> str:
    """A secret kept under var/ so the embedded install needs no set-up; never in the repo."""
    path = VAR_DIR / file_name
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="utf-8").strip()


def _private_file(path: Path) -> None:
    """Make `path` exist, readable by this account only (0600): SQLite gives its -wal and
    -shm files the mode of the database file, so those are 0600 too."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        if path.stat().st_mode & 0o077 and path.stat().st_uid == os.geteuid():
            path.chmod(0o600)  # a file made before this rule, world-readable
    except OSError:
        pass  # read-only or not ours: SQLite says what is wrong when it opens it


DEBUG = env_bool("DEBUG")
SECRET_KEY = env("SECRET_KEY") or _generated_secret("secret_key")
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]
SITE_NAME = env("SITE_NAME", "Solidarity")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "solidarity.accounts",
    "solidarity.registry",
    "solidarity.letters",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
    # After django_tasks_db: its admin.py takes the task results out of the admin.
    "solidarity.intake",
    "solidarity.opendata",
    "solidarity.support",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "solidarity.security.SecurityHeadersMiddleware",
    "solidarity.security.AnonymousBodySizeMiddleware",
    "solidarity.security.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "solidarity.accounts.middleware.AnonymousPostLimitMiddleware",
    "solidarity.accounts.middleware.StaffGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "solidarity.urls"
WSGI_APPLICATION = "solidarity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "solidarity.context_processors.site",
                "solidarity.context_processors.demo",
                "solidarity.context_processors.staff_menu",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'solidarity.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE avoids "database is locked"
    # surprises when two writers upgrade their locks at once.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            # What is deleted or overwritten is zeroed in the file (a writer's erased letter).
            " PRAGMA secure_delete=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        _private_file(Path(DATABASES["default"]["NAME"]))
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parameters bound by the server, so that psycopg prepares a statement run five times
    # and PostgreSQL stops planning it anew: the person page's four queries spent 3.3 ms a
    # request being planned and run, 1.0 ms prepared (bench/ratios.py). Off (0) behind a
    # pooler in transaction mode (PgBouncer before 1.21), which cannot keep statements.
    # (Django turns psycopg's preparing off unless OPTIONS name a threshold.)
    if env_bool("DATABASE_SERVER_SIDE_BINDING", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )

# A PostgreSQL streaming replica for the public pages' reads (see solidarity/replica.py).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60),
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["solidarity.replica.ReplicaRouter"]
    MIDDLEWARE.insert(1, "solidarity.replica.ReadsFromReplicaMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Belarusian for the public pages and the letter form (the registry covers Belarus);
# staff pages untranslated into it show English.
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("be", "Беларуская")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the app folders: no collectstatic step for the embedded install.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Files a browser asks for at the root (/favicon.ico), served as they are.
WHITENOISE_ROOT = BASE_DIR / "site_root"

# Database sessions keyed by an HMAC of the cookie: a copy of django_session signs nobody in.
SESSION_ENGINE = "solidarity.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
# Set only by pages with a form (see urls.py: the language switch needs none), and gone
# when the browser closes.
CSRF_COOKIE_AGE = None
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": under no-referrer Chromium sends "Origin: null" with
# every form POST and Django's CSRF check (rightly) refuses it. Other hosts still get nothing.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The largest body accepted from someone not signed in (a letter is at most 20,000
# characters): larger ones are refused by Content-Length, before any byte is read.
ANONYMOUS_BODY_MAX_BYTES = int(env("ANONYMOUS_BODY_MAX_BYTES", str(256 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(env("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2 * 1024 * 1024)))
# Uploads up to this size stay in memory: a reply scan never touches the disk in clear.
FILE_UPLOAD_MAX_MEMORY_SIZE = int(env("REPLY_SCAN_MAX_BYTES", str(10 * 1024 * 1024)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"letter_links": {"()": "solidarity.logfilters.RedactLetterLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["letter_links"]}},
    # No request logger at INFO: it would write public visitors' paths and addresses.
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}

# Comma- or line-separated Fernet keys, newest first; empty: generated into var/field_keys.
# With FIELD_ENCRYPTION_KEYS_FILE, processes re-read that file when it changes (rotation on a
# running server), so it is kept as a path rather than read once here.
FIELD_ENCRYPTION_KEYS_FILE = os.environ.get("FIELD_ENCRYPTION_KEYS_FILE", "")
FIELD_ENCRYPTION_KEYS = "" if FIELD_ENCRYPTION_KEYS_FILE else env("FIELD_ENCRYPTION_KEYS")

# HMAC key of the audit chain, kept outside the database; empty: generated into var/audit_key.
AUDIT_KEY = env("AUDIT_KEY") or _generated_secret("audit_key")
# The audit checkpoint (newest entry seen), outside the database; default var/audit_checkpoint.
AUDIT_CHECKPOINT_FILE = env("AUDIT_CHECKPOINT_FILE")

# Passphrase for `solidarity backup`; empty: generated into var/backup_passphrase.
BACKUP_PASSPHRASE = env("BACKUP_PASSPHRASE")

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Retention: what `solidarity purge` deletes, and after how long.
RETENTION_ENROLMENT_HOURS = int(env("RETENTION_ENROLMENT_HOURS", "24"))
RETENTION_PURGERS = [
    "solidarity.accounts.retention.expired_sessions",
    "solidarity.accounts.retention.failed_logins",
    "solidarity.accounts.retention.abandoned_enrolments",
    "solidarity.letters.retention.closed_letters",
    "solidarity.letters.retention.old_batches",
    "solidarity.support.retention.donor_names",
    "solidarity.accounts.retention.finished_tasks",
    "solidarity.accounts.retention.admin_log",
]
# The monthly report names a person's spending only from this sum (base currency) on, and
# only when at least this many people share the unnamed line (small sums single people out).
REPORT_MIN_PERSON_SUM = int(env("REPORT_MIN_PERSON_SUM", "50"))
REPORT_MIN_GROUP = int(env("REPORT_MIN_GROUP", "3"))
# The licence the open data is published under: stated on /data/, in datapackage.json and
# in the API (its OpenAPI info and a Link header). An SPDX id, its title and address, and
# whom reusers credit.
OPEN_DATA_LICENSE = env("OPEN_DATA_LICENSE", "CC-BY-4.0")
OPEN_DATA_LICENSE_TITLE = env(
    "OPEN_DATA_LICENSE_TITLE", "Creative Commons Attribution 4.0 International"
)
OPEN_DATA_LICENSE_URL = env("OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/")
OPEN_DATA_ATTRIBUTION = env("OPEN_DATA_ATTRIBUTION", "Solidarity")
# Days finished background-task rows and the admin's own log are kept.
RETENTION_TASK_DAYS = int(env("RETENTION_TASK_DAYS", "7"))
RETENTION_ADMIN_LOG_DAYS = int(env("RETENTION_ADMIN_LOG_DAYS", "30"))
# Days after a letter is closed (answered, rejected, returned, withheld, lost) before its
# words and its writer's contact are deleted.
LETTERS_RETENTION_DAYS = int(env("LETTERS_RETENTION_DAYS", "180"))
# Days a print batch (a zip of letters for the post) can be downloaded before it is emptied.
LETTERS_BATCH_KEEP_DAYS = int(env("LETTERS_BATCH_KEEP_DAYS", "7"))
# How e-mail to writers leaves: smtp://, smtp+tls://, smtps:// or file:/// (solidarity/
# mailurl.py); EMAIL_URL_FILE for one with a password. Empty: files under var/mail, never
# the console (the log would hold writers' addresses and status links).
EMAIL_URL = env("EMAIL_URL")
_email = mailurl.parse(EMAIL_URL, VAR_DIR / "mail")
EMAIL_BACKEND = _email.backend
EMAIL_HOST = _email.host
EMAIL_PORT = _email.port
EMAIL_HOST_USER = _email.user
EMAIL_HOST_PASSWORD = _email.password
EMAIL_USE_TLS = _email.use_tls
EMAIL_USE_SSL = _email.use_ssl
EMAIL_FILE_PATH = _email.file_path
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "solidarity@localhost")
# The one base of every absolute address the site gives (the status links in e-mails and
# on the status page), no trailing slash. `solidarity serve` and `demo` set it to the
# address they serve when it is not set.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The group's return address printed on paper letters («От кого»): lines separated by
# newlines or " | ". Printing refuses to start without it: a reply needs somewhere to go.
LETTERS_RETURN_ADDRESS = env("LETTERS_RETURN_ADDRESS")
# Reply scans: at most this many bytes, images or PDF only.
REPLY_SCAN_MAX_BYTES = int(env("REPLY_SCAN_MAX_BYTES", str(10 * 1024 * 1024)))
# People's photos (registry/photos.py): upload size, pixels read, side of the kept JPEG.
PHOTO_MAX_BYTES = int(env("PHOTO_MAX_BYTES", str(10 * 1024 * 1024)))
PHOTO_MAX_PIXELS = int(env("PHOTO_MAX_PIXELS", str(40_000_000)))
PHOTO_SIDE = int(env("PHOTO_SIDE", "800"))

# Background work (django-tasks): the database backend needs no other service; run
# `solidarity db_worker` beside the web server. The RQ backend is for more than one machine.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# One cache shared by every process (and machine): the site-wide and per-sender ceilings
# count there. The database by default (table made by migration accounts/0007), Redis when
# REDIS_URL is set.
CACHES: dict[str, dict[str, Any]]
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "solidarity_cache",
        }
    }
# Public pages as anonymous readers get them (registry.pagecache): kept PAGE_CACHE_SECONDS
# (0: never), under a key that moves with the audit chain's head, so any audited change
# (consent withdrawn, a name corrected, a transfer) reaches the next request. Each process
# keeps its own copies in memory (at most PAGE_CACHE_ENTRIES pages); with REDIS_URL, Redis
# keeps one copy for all. Only what is already public is ever stored.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
if env("REDIS_URL"):
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": "pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "solidarity-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": int(env("PAGE_CACHE_ENTRIES", "2000"))},
    }
# The request header holding the client's address when a proxy sits in front (nginx sets
# X-Forwarded-For: HTTP_X_FORWARDED_FOR); empty: the connection's address. The address is
# only ever hashed, under a key that changes every hour, and never stored.
CLIENT_ADDRESS_HEADER = env("CLIENT_ADDRESS_HEADER")
# Per sender (keyed hash of the address) and hour: letters sent, and anonymous form posts.
LETTERS_PER_SENDER_PER_HOUR = int(env("LETTERS_PER_SENDER_PER_HOUR", "10"))
REPORTS_PER_SENDER_PER_HOUR = int(env("REPORTS_PER_SENDER_PER_HOUR", "5"))
ANONYMOUS_POSTS_PER_SENDER_PER_HOUR = int(env("ANONYMOUS_POSTS_PER_SENDER_PER_HOUR", "120"))
# With TASKS_BACKEND=django_tasks_rq.RQBackend, workers on any machine take the work from
# Redis: `solidarity rqworker --job-class django_tasks_rq.Job default`.
RQ_QUEUES = {"default": {"URL": env("REDIS_URL", "redis://127.0.0.1:6379/0")}}
if "django_tasks_rq" in TASKS["default"]["BACKEND"]:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("django_tasks_db"), "django_rq")

# Support desk: the currency balances and reports are kept in.
SUPPORT_BASE_CURRENCY = env("SUPPORT_BASE_CURRENCY", "EUR").upper()
# Days a donor's name is kept with the money they gave (then emptied by `solidarity purge`).
SUPPORT_DONOR_RETENTION_DAYS = int(env("SUPPORT_DONOR_RETENTION_DAYS", "365"))

# Imports (`solidarity import`, /staff/import/): the largest file read (bytes).
IMPORT_MAX_BYTES = int(env("IMPORT_MAX_BYTES", str(100 * 1024 * 1024)))

# Intake: the largest document `extract` and `ingest` will read (bytes).
INTAKE_MAX_BYTES = int(env("INTAKE_MAX_BYTES", str(5 * 1024 * 1024)))
# Seconds a task worker gives one uploaded PDF to be read (in a child process it kills).
INTAKE_READ_SECONDS = float(env("INTAKE_READ_SECONDS", "20"))
# Fetching an address given on the intake desk (worker only): the whole fetch's time limit,
# and networks allowed although private (comma-separated CIDRs; empty: public addresses only).
INTAKE_FETCH_SECONDS = float(env("INTAKE_FETCH_SECONDS", "20"))
INTAKE_FETCH_ALLOW = [n.strip() for n in env("INTAKE_FETCH_ALLOW", "").split(",") if n.strip()]

# The public letter form: at least this many seconds between showing and sending it, at
# most this old, and at most this many letters a minute for the whole site.
LETTERS_FORM_MIN_SECONDS = int(env("LETTERS_FORM_MIN_SECONDS", "3"))
LETTERS_FORM_MAX_SECONDS = int(env("LETTERS_FORM_MAX_SECONDS", str(24 * 3600)))
LETTERS_MAX_PER_MINUTE = int(env("LETTERS_MAX_PER_MINUTE", "600"))

# A dispatched letter with no news for this many days counts as lost.
LETTERS_LOST_AFTER_DAYS = int(env("LETTERS_LOST_AFTER_DAYS", "90"))
LOGIN_URL = "/staff/login/"
OTP_TOTP_ISSUER = SITE_NAME
# Failed passwords per username before a lock-out, and how long it lasts.
LOGIN_MAX_FAILURES = int(env("LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_SECONDS = int(env("LOGIN_LOCKOUT_SECONDS", str(15 * 60)))
# How long a re-authentication ("sudo") lets dangerous actions through.
SUDO_SECONDS = int(env("SUDO_SECONDS", str(10 * 60)))
# WebAuthn relying party: by default the host name the staff page was served from.
WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID")

REGISTRY_PAGE_SIZE = int(env("REGISTRY_PAGE_SIZE", "50"))
# The public list counts its matches up to this many (and further only as deep as the page
# asked for); beyond, it says "more than": an exact count of a large registry costs more
# than the page itself.
REGISTRY_COUNT_CAP = int(env("REGISTRY_COUNT_CAP", "1000"))
# How long the list's count under one filter is kept (seconds; 0: counted every time). The
# key holds the audit chain's head: any change of the registry counts afresh.
REGISTRY_COUNT_SECONDS = int(env("REGISTRY_COUNT_SECONDS", "300"))
