"""Encrypted backups: the whole database, readable only with the backup passphrase.

Format: a header line, a 16-byte salt, a 12-byte nonce, then AES-256-GCM over the gzipped
payload: one JSON line with the audit checkpoint (the head of the audit chain as the backup
holds it, signed with the audit key), then the JSON dump (version 1 files: the dump alone);
the key comes from the passphrase through scrypt. GCM authenticates the header
and the data, so a wrong passphrase and a damaged file are both refused before anything is
touched. Restore replaces every table in one transaction: all of the backup or none of it.
The decrypted dump never touches the disk.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from solidarity.files import open_private

from . import audit

HEADER_V1 = b"SOLIDARITY-BACKUP-1\n"
HEADER = b"SOLIDARITY-BACKUP-2\n"
SALT_BYTES, NONCE_BYTES = 16, 12
# Sessions are not worth keeping; content types and permissions are rebuilt by migrate.
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    pass


def passphrase(from_file: Path | None = None) -> str:
    """The file's contents if given, else BACKUP_PASSPHRASE(_FILE), else var/'s generated one."""
    if from_file is not None:
        return from_file.read_text(encoding="utf-8").strip()
    return default_passphrase()


def default_passphrase() -> str:
    """BACKUP_PASSPHRASE(_FILE), else a passphrase generated into var/backup_passphrase."""
    if settings.BACKUP_PASSPHRASE:
        return str(settings.BACKUP_PASSPHRASE)
    path = Path(settings.VAR_DIR) / "backup_passphrase"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    return path.read_text(encoding="utf-8").strip()


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def _dump() -> bytes:
    out = io.StringIO()
    call_command(
        "dumpdata", natural_foreign=True, exclude=EXCLUDE, format="json", stdout=out, indent=None
    )
    return out.getvalue().encode("utf-8")


def create(out: Path, passphrase: str, actor: object = None) -> int:
    """Write the encrypted backup next to `out` first, then move it in place."""
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    with transaction.atomic():
        # Recorded before the dump, so the backup carries its own entry.
        entry = audit.record(actor, "backup.create", details={"file": out.name})
        dump = _dump()
    point = {"last_id": entry.pk, "last_hash": entry.hash}
    point["mac"] = audit.checkpoint_mac(entry.pk, entry.hash)
    payload = json.dumps({"audit_checkpoint": point}).encode() + b"\n" + dump
    sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, gzip.compress(payload), HEADER)
    temporary = out.with_name(out.name + ".partial")
    try:
        # 0600 from the first byte, a .partial left by an earlier run included.
        with open_private(temporary, "wb") as handle:
            handle.write(HEADER + salt + nonce + sealed)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(out)
    except OSError as exc:
        if temporary.is_file():
            temporary.unlink()
        raise BackupError(f"could not write {out}: {exc.strerror or exc}") from exc
    return out.stat().st_size


def read(path: Path, passphrase: str) -> bytes:
    """The JSON dump a backup holds."""
    return read_parts(path, passphrase)[1]


def read_parts(path: Path, passphrase: str) -> tuple[dict[str, Any], bytes]:
    """The backup's audit checkpoint (empty for version 1 files) and its JSON dump."""
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from exc
    header = next((h for h in (HEADER, HEADER_V1) if blob.startswith(h)), None)
    if header is None:
        raise BackupError(f"{path} is not a Solidarity backup")
    body = blob[len(header) :]
    salt, nonce, sealed = (
        body[:SALT_BYTES],
        body[SALT_BYTES : SALT_BYTES + NONCE_BYTES],
        body[SALT_BYTES + NONCE_BYTES :],
    )
    try:
        packed = AESGCM(_key(passphrase, salt)).decrypt(nonce, sealed, header)
    except (InvalidTag, ValueError) as exc:
        raise BackupError(
            f"{path}: wrong passphrase, or the file is damaged; nothing was changed"
        ) from exc
    data = gzip.decompress(packed)
    if header == HEADER_V1:
        return {}, data
    first, _newline, dump = data.partition(b"\n")
    return json.loads(first).get("audit_checkpoint") or {}, dump


def restore(path: Path, passphrase: str, actor: object = None) -> int:
    """Replace the whole database with the backup; returns the number of rows loaded."""
    point, data = read_parts(path, passphrase)
    # Everything but the rows migrate rebuilds; sessions and the admin's own log are emptied.
    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label_lower != "auth.permission"
        and m._meta.app_label != "contenttypes"
        and m._meta.managed
        and not m._meta.proxy
    ]
    tables = sorted({m._meta.db_table for m in models})
    loaded = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # TRUNCATE refuses tables with deferred checks pending in this transaction.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in connection.ops.sql_flush(no_style(), tables):
                cursor.execute(sql)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        try:
            for item in serializers.deserialize(
                "json", data.decode("utf-8"), handle_forward_references=True
            ):
                item.save()
                loaded += 1
        except serializers.base.DeserializationError as exc:
            if "no configured key opens" not in str(exc):
                raise
            raise BackupError(
                f"{path}: its private fields are encrypted with field keys this server does "
                "not have (restoring needs the backup passphrase and the keys); nothing was "
                "changed"
            ) from exc
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        if point:
            # The backup's chain must end where its checkpoint says, under this audit key.
            held = audit.AuditEntry.objects.filter(pk=int(point.get("last_id") or 0)).first()
            if (
                held is None
                or held.hash != point.get("last_hash")
                or point.get("mac") != audit.checkpoint_mac(held.pk, held.hash)
            ):
                raise BackupError(
                    f"{path}: its audit log does not match its checkpoint (or AUDIT_KEY "
                    "differs); nothing was changed"
                )
        entry = audit.record(actor, "backup.restore", details={"rows": loaded, "file": path.name})
        # An older backup moves the checkpoint back on purpose; the restore entry says so.
        last_id, last_hash = entry.pk, entry.hash
        transaction.on_commit(lambda: audit.write_checkpoint(last_id, last_hash, force=True))
    return loaded
