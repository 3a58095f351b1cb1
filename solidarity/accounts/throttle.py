"""Lock a username out after repeated wrong passwords, and count anonymous senders;
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


def locked_until(username: str) -> dt.datetime | None:
    row = LoginThrottle.objects.filter(username=username.lower()).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


@transaction.atomic
def record_failure(username: str) -> None:
    now = timezone.now()
    window = dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    row, _created = LoginThrottle.objects.select_for_update().get_or_create(
        username=username.lower()[:150]
    )
    if row.first_failure_at is None or now - row.first_failure_at > window:
        row.failures, row.first_failure_at = 0, now
    row.failures += 1
    if row.failures >= settings.LOGIN_MAX_FAILURES:
        row.locked_until = now + window
    row.save()


def clear(username: str) -> None:
    LoginThrottle.objects.filter(username=username.lower()).delete()


def purge_expired() -> int:
    """Rows whose window and lock are both over; safe to run from cron."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
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
