"""What identifies a person who has not consented to publication stays out of the database
in clear (issue 13: a dump, a seized disk).

A hidden person's names (`Person.name`, `name_latin`, every `PersonAlias.name`), stories
and interests are stored encrypted with the field keys (`solidarity.fields.HiddenTextField`
decides at each write, from the person's consent). Their search keys are kept as a blind
index: `blind(key)` is HMAC-SHA256 under a key derived from `SECRET_KEY` (never in the
database), so staff still find a hidden person by any whole word of any of their names,
while a dump shows neither the keys nor which name belongs to a hidden person. Whole words
only: a blind key has no prefix to match. Published people's keys stay plain (their names
are published anyway), which is what the public search and "did you mean" read; a public
search for a hidden person's name meets no key at all, so its timing tells nothing.

Changing `SECRET_KEY` changes every blind key: run `solidarity reindex` afterwards
(hidden people are otherwise not found by name until they are next saved).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Iterable
from typing import Any

from django.conf import settings

BLIND = "~"  # sorts after a-z and '{': no plain-key prefix range or LIKE reaches it


@functools.lru_cache(maxsize=4)
def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"solidarity.registry.blind-index", hashlib.sha256).digest()


def blind(term: str) -> str:
    """The blind index key of one folded search key: '~' and 40 hex digits (160 bits)."""
    mac = hmac.new(_key(settings.SECRET_KEY), term.encode("utf-8"), hashlib.sha256)
    return BLIND + mac.hexdigest()[:40]


def text_digest(text: str) -> str:
    """A document's identity for finding it again (64 hex digits): HMAC-SHA256 under the
    same key, so a dump cannot confirm that the group holds a text someone else has."""
    mac = hmac.new(_key(settings.SECRET_KEY), b"source:" + text.encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()


def is_hidden(person: Any) -> bool:
    """Whether `person` (a Person) keeps what identifies them encrypted: no name consent."""
    return not person.consent_publish_name


def stored_keys(person: Any, terms: Iterable[str]) -> set[str]:
    """The search keys stored for `person`: the folded keys themselves for a published
    person, their blind keys for a hidden one."""
    if is_hidden(person):
        return {blind(t) for t in terms}
    return set(terms)


def query_keys(terms: Iterable[str]) -> list[str]:
    """The stored keys a set of whole-word keys can meet: plain and blind."""
    plain = sorted(set(terms))
    return plain + [blind(t) for t in plain]


def stored_value(person: Any, text: str) -> str:
    """What the database keeps for a name or text of `person` (for rows written without a
    model instance, e.g. bulk inserts): encrypted for a hidden person."""
    from solidarity import crypto

    return crypto.encrypt(text) if text and is_hidden(person) else text
