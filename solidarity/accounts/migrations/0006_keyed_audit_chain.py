"""The audit chain is keyed from now on: check the unkeyed chain, then re-hash it with
AUDIT_KEY (HMAC-SHA256). A chain that was already tampered with stops the upgrade and names
the entry (AUDIT_REKEY_BROKEN_CHAIN=1 re-keys it as it is, after a look)."""

from django.conf import settings
from django.db import migrations


def rekey(apps, schema_editor):  # type: ignore[no-untyped-def]
    from solidarity.accounts import audit

    audit.rekey(
        apps.get_model("accounts", "AuditEntry"),
        apps.get_model("accounts", "AuditHead"),
        str(settings.AUDIT_KEY).encode("utf-8"),
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_sealed_second_factors")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
