"""Status links: keep the SHA-256 of each token instead of the token itself.

Existing links keep working (their digest is looked up); the clear tokens are dropped.
"""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    Letter = apps.get_model("letters", "Letter")
    for pk, token in Letter.objects.values_list("pk", "token").iterator():
        digest = hashlib.sha256(token.encode()).hexdigest()
        Letter.objects.filter(pk=pk).update(token_digest=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0006_post_batch"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="token_digest",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="letter", name="token"),
        migrations.AlterField(
            model_name="letter",
            name="token_digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
