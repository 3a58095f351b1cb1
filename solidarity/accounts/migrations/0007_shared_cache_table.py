"""The table of the shared database cache (CACHES), where the site-wide and per-sender
ceilings count; nothing is made when the cache is Redis."""

from django.core.management import call_command
from django.db import migrations


def make_cache_table(apps, schema_editor):  # type: ignore[no-untyped-def]
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_keyed_audit_chain")]

    operations = [migrations.RunPython(make_cache_table, migrations.RunPython.noop)]
