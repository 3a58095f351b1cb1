"""The audit log: append-only, hash-chained, written in the same transaction as the change.

Each entry's hash is an HMAC-SHA256, under AUDIT_KEY (kept outside the database, like the
field keys), of its own fields and the previous entry's hash. Editing or deleting a row
breaks the chain from that row on, and whoever rewrites the whole chain without the key
cannot make a single hash that fits. A single AuditHead row, locked while appending, keeps
concurrent writers from forking the chain; a checkpoint outside the database (a file,
AUDIT_CHECKPOINT_FILE or var/audit_checkpoint, written after each commit and by
`solidarity audit checkpoint`, carried in every backup) names the newest entry seen, so
that cutting entries off the end and moving the head are noticed even when the head row
was moved along. `solidarity audit verify` names what it found: an edited entry, a
rewritten chain, a truncated chain, a moved head, or an altered checkpoint.

Entries name what changed (field names, identifiers), never the values of private fields:
no letter text, no contacts, no private notes.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
from contextvars import ContextVar, Token
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64

# The signed-in user of the request being served (set by StaffGateMiddleware), for changes
# made through doors that do not pass the actor along (Django's admin forms).
_acting: ContextVar[Any] = ContextVar("solidarity_acting_user", default=None)


def acting_user() -> Any:
    user = _acting.get()
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def set_acting_user(user: Any) -> Token[Any]:
    return _acting.set(user)


def reset_acting_user(token: Token[Any]) -> None:
    _acting.reset(token)


def _key() -> bytes:
    return str(settings.AUDIT_KEY).encode("utf-8")


def _canonical(prev_hash: str, fields: dict[str, Any]) -> bytes:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{prev_hash}\n{canonical}".encode()


def _digest(prev_hash: str, fields: dict[str, Any], key: bytes | None = None) -> str:
    return hmac.new(key or _key(), _canonical(prev_hash, fields), hashlib.sha256).hexdigest()


def legacy_digest(prev_hash: str, fields: dict[str, Any]) -> str:
    """The unkeyed hash entries had before AUDIT_KEY (used once, to re-key on upgrade)."""
    return hashlib.sha256(_canonical(prev_hash, fields)).hexdigest()


def fields_of(entry: Any) -> dict[str, Any]:
    return _fields(entry)


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.created_at.isoformat(),
        "actor_id": entry.actor_id,
        "actor": entry.actor_name,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "details": entry.details,
    }


def record(
    actor: Any,
    action: str,
    *,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    details: dict[str, Any] | None = None,
    coarse: bool = False,
) -> AuditEntry:
    """Append one entry; must run inside the transaction of the change it records.

    `coarse`: an anonymous person's action (a letter sent): its time is kept to the hour."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the change's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    head, _created = AuditHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_hash": GENESIS}
    )
    now = timezone.now()
    if coarse:
        now = now.replace(minute=0, second=0, microsecond=0)
    entry = AuditEntry(
        # Milliseconds, as JSON dumps keep them: a restored backup must hash the same.
        created_at=now.replace(microsecond=now.microsecond // 1000 * 1000),
        actor_id=getattr(actor, "pk", None),
        actor_name=getattr(actor, "username", "") or ("system" if actor is None else str(actor)),
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details or {},
        prev_hash=head.last_hash,
    )
    entry.hash = _digest(entry.prev_hash, _fields(entry))
    entry.save_new()
    head.last_hash, head.last_id = entry.hash, entry.pk
    head.save(update_fields=["last_hash", "last_id"])
    last_id, last_hash = entry.pk, entry.hash
    transaction.on_commit(lambda: write_checkpoint(last_id, last_hash))
    return entry


def checkpoint_path() -> Path:
    named = getattr(settings, "AUDIT_CHECKPOINT_FILE", "")
    return Path(named) if named else Path(settings.VAR_DIR) / "audit_checkpoint"


def checkpoint_mac(last_id: int, last_hash: str) -> str:
    return hmac.new(_key(), f"checkpoint\n{last_id}\n{last_hash}".encode(), "sha256").hexdigest()


def read_checkpoint(path: Path | None = None) -> dict[str, Any] | None:
    path = path or checkpoint_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"last_id": 0, "last_hash": "", "mac": "unreadable"}
    return data if isinstance(data, dict) else {"last_id": 0, "last_hash": "", "mac": ""}


def write_checkpoint(last_id: int, last_hash: str, *, force: bool = False) -> None:
    """Record the newest committed entry outside the database; never move it backwards
    (writers in several processes commit in any order), unless `force` (a restore)."""
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(path.with_name(path.name + ".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        current = read_checkpoint(path)
        if current and not force and int(current.get("last_id") or 0) >= last_id:
            return
        data = {
            "last_id": last_id,
            "last_hash": last_hash,
            "mac": checkpoint_mac(last_id, last_hash),
        }
        temporary = path.with_name(path.name + ".new")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data))
        temporary.replace(path)
    finally:
        os.close(lock)


@dataclass
class Verification:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""
    kind: str = ""  # edited, rewritten, truncated, head moved, checkpoint altered


def _walk(batch: int) -> tuple[Verification | None, int, int | None, str, dict[int, str]]:
    """Follow the chain; the first failure, or None with the count, last id and hash."""
    prev_hash, checked, last_id = GENESIS, 0, None
    seen: dict[int, str] = {}
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch):
        fields = _fields(entry)
        if entry.prev_hash != prev_hash:
            return (
                Verification(
                    False,
                    checked,
                    entry.pk,
                    "does not follow the entry before it: entries were removed or inserted",
                    "edited",
                ),
                checked,
                last_id,
                prev_hash,
                seen,
            )
        if not hmac.compare_digest(_digest(entry.prev_hash, fields), entry.hash):
            if checked == 0:
                problem = (
                    "does not carry this site's audit key: the whole chain was "
                    "rewritten (or AUDIT_KEY is not the one it was written with)"
                )
                return (
                    Verification(False, 0, entry.pk, problem, "rewritten"),
                    checked,
                    last_id,
                    prev_hash,
                    seen,
                )
            return (
                Verification(
                    False, checked, entry.pk, "was changed after it was written", "edited"
                ),
                checked,
                last_id,
                prev_hash,
                seen,
            )
        prev_hash, last_id = entry.hash, entry.pk
        seen[entry.pk] = entry.hash
        checked += 1
    return None, checked, last_id, prev_hash, seen


def verify(batch: int = 2000) -> Verification:
    """Recompute the chain from the first entry, then hold its end against the head row and
    against the checkpoint kept outside the database."""
    failure, checked, last_id, last_hash, seen = _walk(batch)
    if failure is not None:
        return failure
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.last_hash != last_hash or head.last_id != last_id):
        if (
            head.last_id is not None
            and head.last_id in seen
            and seen[head.last_id] == head.last_hash
        ):
            return Verification(
                False,
                checked,
                head.last_id,
                f"is named as the newest by the head row, but the chain goes on "
                f"to #{last_id}: the head was moved back",
                "head moved",
            )
        return Verification(
            False,
            checked,
            head.last_id,
            "is missing: entries were cut from the end (truncated)",
            "truncated",
        )
    point = read_checkpoint()
    if point is not None:
        point_id, point_hash = int(point.get("last_id") or 0), str(point.get("last_hash") or "")
        if not hmac.compare_digest(str(point.get("mac", "")), checkpoint_mac(point_id, point_hash)):
            return Verification(
                False,
                checked,
                point_id,
                f"is named by a checkpoint file ({checkpoint_path()}) that was "
                "altered or written without the audit key",
                "checkpoint altered",
            )
        if point_id not in seen:
            if last_id is None or point_id > last_id:
                return Verification(
                    False,
                    checked,
                    point_id,
                    f"is missing: the checkpoint outside the database names it, "
                    f"the chain ends at #{last_id}: entries were cut from the end "
                    "(truncated) and the head moved back",
                    "truncated",
                )
            return Verification(
                False,
                checked,
                point_id,
                "is named by the checkpoint but is not in the chain: the chain was rewritten",
                "rewritten",
            )
        if not hmac.compare_digest(seen[point_id], point_hash):
            return Verification(
                False,
                checked,
                point_id,
                "differs from the checkpoint kept outside the database: the chain was rewritten",
                "rewritten",
            )
    return Verification(True, checked)


def checkpoint_now() -> Verification:
    """Verify the chain and, when it holds, record its end in the checkpoint (cron)."""
    result = verify()
    if result.ok:
        head = AuditHead.objects.filter(pk=1).first()
        if head is not None and head.last_id is not None:
            write_checkpoint(head.last_id, head.last_hash)
    return result


def rekey(entry_model: Any, head_model: Any, key: bytes) -> int:
    """Re-hash a chain written with the unkeyed hash under `key`, after checking it.

    Used once by migration accounts/0006 (with the historical models). Raises ValueError
    naming the first entry that does not fit, unless AUDIT_REKEY_BROKEN_CHAIN=1 says to
    re-key what is there anyway (the operator has looked at it)."""
    prev_legacy, prev_new, count = GENESIS, GENESIS, 0
    accept_broken = os.environ.get("AUDIT_REKEY_BROKEN_CHAIN") == "1"
    for entry in entry_model.objects.order_by("id").iterator(chunk_size=2000):
        fields = _fields(entry)
        fits = (
            entry.prev_hash == prev_legacy and legacy_digest(entry.prev_hash, fields) == entry.hash
        )
        if not fits and not accept_broken:
            raise ValueError(
                f"audit entry #{entry.pk} does not fit the chain: it was changed before the "
                "upgrade. Look at it; AUDIT_REKEY_BROKEN_CHAIN=1 re-keys the log as it is."
            )
        prev_legacy = entry.hash
        new_hash = _digest(prev_new, fields, key)
        entry_model.objects.filter(pk=entry.pk).update(prev_hash=prev_new, hash=new_hash)
        prev_new = new_hash
        count += 1
    head = head_model.objects.filter(pk=1).first()
    if head is not None:
        head_model.objects.filter(pk=1).update(last_hash=prev_new)
    return count
