"""The audit log: append-only, hash-chained, written in the same transaction as the change.

Each entry's hash covers its own fields and the previous entry's hash, so editing or
deleting any row (even directly in the database) breaks the chain from that row on, and
`solidarity audit verify` names the first row that no longer fits. A single AuditHead row,
locked while appending, keeps concurrent writers from forking the chain and lets verify
notice rows cut from the end.

Entries name what changed (field names, identifiers), never the values of private fields:
no letter text, no contacts, no private notes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _digest(prev_hash: str, fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


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
) -> AuditEntry:
    """Append one entry; must run inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the change's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    head, _created = AuditHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_hash": GENESIS}
    )
    now = timezone.now()
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
    return entry


@dataclass
class Verification:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


def verify(batch: int = 2000) -> Verification:
    """Recompute the chain from the first entry; stop at the first row that does not fit."""
    prev_hash = GENESIS
    checked = 0
    last_id = None
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch):
        if entry.prev_hash != prev_hash:
            return Verification(False, checked, entry.pk, "does not follow the entry before it")
        if _digest(entry.prev_hash, _fields(entry)) != entry.hash:
            return Verification(False, checked, entry.pk, "was changed after it was written")
        prev_hash, last_id = entry.hash, entry.pk
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.last_hash != prev_hash or head.last_id != last_id):
        return Verification(
            False, checked, head.last_id, "is missing: entries were removed from the end"
        )
    return Verification(True, checked)
