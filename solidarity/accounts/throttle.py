"""Slow down repeated wrong passwords per account and client, and count anonymous senders;
no addresses are kept.

A sender is a keyed hash of the client's address: HMAC-SHA256 under a key made from
SECRET_KEY and a random salt that lives in the shared cache for one hour only. Counters
are per hour, in the shared cache (database or Redis), so they hold across processes and
machines. Once the hour's salt has expired, nobody (not even with SECRET_KEY) can tell
which address a counter belonged to; during the hour, it takes SECRET_KEY and the cache.
"""

import datetime as dt
import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import LoginThrottle


def _row_key(username: str, request: HttpRequest | None) -> str:
    """One row per account and client: the client is this hour's keyed hash of its address
    (see `sender`), so failures from one place never hold the account's owner elsewhere."""
    who = sender(request) if request is not None else ""
    return f"{username.lower()[:100]}|{who}"


def locked_until(username: str, request: HttpRequest | None = None) -> dt.datetime | None:
    row = LoginThrottle.objects.filter(username=_row_key(username, request)).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


@transaction.atomic
def record_failure(username: str, request: HttpRequest | None = None) -> None:
    """The first LOGIN_MAX_FAILURES failures are free; each one after makes this client wait
    twice as long as the last (1 s, 2 s, 4 s…), at most LOGIN_LOCKOUT_SECONDS. Nothing can
    lock an account for good, and the owner, signing in from elsewhere, is not held."""
    now = timezone.now()
    window = dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    row, _created = LoginThrottle.objects.select_for_update().get_or_create(
        username=_row_key(username, request)
    )
    if row.first_failure_at is None or now - row.first_failure_at > 4 * window:
        row.failures, row.first_failure_at = 0, now
    row.failures += 1
    over = row.failures - settings.LOGIN_MAX_FAILURES
    if over >= 0:
        delay = min(2.0**over, float(settings.LOGIN_LOCKOUT_SECONDS))
        row.locked_until = now + dt.timedelta(seconds=delay)
    row.save()


def clear(username: str, request: HttpRequest | None = None) -> None:
    LoginThrottle.objects.filter(username=_row_key(username, request)).delete()


def purge_expired() -> int:
    """Rows whose window and delay are both over; safe to run from cron."""
    cutoff = timezone.now() - 4 * dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    stale = LoginThrottle.objects.filter(first_failure_at__lt=cutoff).exclude(
        locked_until__gt=timezone.now()
    )
    return stale.delete()[0]


HOUR = 3600


def _hour_key(hour: int) -> bytes:
    salt = cache.get_or_set(f"senders:salt:{hour}", secrets.token_hex(16), HOUR + 300)
    return hmac.new(settings.SECRET_KEY.encode(), f"senders\n{salt}".encode(), "sha256").digest()


def client_address(request: HttpRequest) -> str:
    if settings.CLIENT_ADDRESS_HEADER:
        forwarded = request.META.get(settings.CLIENT_ADDRESS_HEADER, "")
        return str(forwarded).split(",")[-1].strip()  # the hop our own proxy added
    return str(request.META.get("REMOTE_ADDR", ""))


def sender(request: HttpRequest, hour: int | None = None) -> str:
    """This hour's pseudonym of the client; "" when there is no address (onion visitors)."""
    address = client_address(request)
    if not address:
        return ""
    hour = int(time.time() // HOUR) if hour is None else hour
    return hmac.new(_hour_key(hour), address.encode(), hashlib.sha256).hexdigest()[:32]


def sender_allows(request: HttpRequest, scope: str, per_hour: int) -> bool:
    """Count one more `scope` action for this sender this hour; False once over the limit."""
    hour = int(time.time() // HOUR)
    who = sender(request, hour)
    if not who:
        return True  # no address to tell senders apart: the site-wide ceilings hold
    key = f"senders:{scope}:{hour}:{who}"
    cache.add(key, 0, HOUR + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, HOUR + 60)
        count = 1
    return count <= per_hour
