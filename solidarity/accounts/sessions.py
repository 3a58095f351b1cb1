"""Sessions whose database rows cannot be used as cookies.

Django's database engine stores the cookie's value as the row's primary key, so a copy of
`django_session` is a list of working sign-ins. This engine stores a keyed hash of it
instead: HMAC-SHA256 under SECRET_KEY (kept out of the database), cut to the column's 40
hex characters (160 bits). The cookie finds its row; the row gives no cookie back.

Set with SESSION_ENGINE = "solidarity.accounts.sessions".
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.crypto import salted_hmac

SALT = "solidarity.accounts.sessions"


def stored_key(session_key: str) -> str:
    """The primary key kept for a cookie's session key: 40 lowercase hex characters."""
    return salted_hmac(SALT, session_key, algorithm="sha256").hexdigest()[:40]


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        if self.session_key is None:
            return None
        found = Session.objects.filter(
            session_key=stored_key(self.session_key), expire_date__gt=timezone.now()
        ).first()
        if found is None:
            self._session_key = None
        return found

    async def _aget_session_from_db(self) -> Session | None:
        if self.session_key is None:
            return None
        found = await Session.objects.filter(
            session_key=stored_key(self.session_key), expire_date__gt=timezone.now()
        ).afirst()
        if found is None:
            self._session_key = None
        return found

    def exists(self, session_key: str) -> bool:
        return Session.objects.filter(session_key=stored_key(session_key)).exists()

    async def aexists(self, session_key: str) -> bool:
        return await Session.objects.filter(session_key=stored_key(session_key)).aexists()

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        return Session(
            session_key=stored_key(self._get_or_create_session_key()),  # type: ignore[attr-defined]
            session_data=self.encode(data),
            expire_date=self.get_expiry_date(),
        )

    async def acreate_model_instance(self, data: dict[str, Any]) -> Session:
        return Session(
            session_key=stored_key(await self._aget_or_create_session_key()),  # type: ignore[attr-defined]
            session_data=self.encode(data),
            expire_date=await self.aget_expiry_date(),
        )

    def delete(self, session_key: str | None = None) -> None:
        session_key = session_key if session_key is not None else self.session_key
        if session_key is not None:
            Session.objects.filter(session_key=stored_key(session_key)).delete()

    async def adelete(self, session_key: str | None = None) -> None:
        session_key = session_key if session_key is not None else self.session_key
        if session_key is not None:
            await Session.objects.filter(session_key=stored_key(session_key)).adelete()
