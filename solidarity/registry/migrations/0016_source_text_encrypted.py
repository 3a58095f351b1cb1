from django.db import migrations

import solidarity.fields


def _rows(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, text, title, url FROM registry_source")
        return cursor.fetchall()


def _write(schema_editor, rows):
    with schema_editor.connection.cursor() as cursor:
        for pk, text, sha in rows:
            cursor.execute(
                "UPDATE registry_source SET text = %s, sha256 = %s WHERE id = %s", [text, sha, pk]
            )


def encrypt_texts(apps, schema_editor):
    """Each source's text under the field keys, and its digest keyed (hiding.text_digest).
    Raw SQL: the model's field would try to open clear text."""
    from solidarity import crypto
    from solidarity.registry.hiding import text_digest

    out = []
    for pk, text, title, url in _rows(schema_editor):
        clear = crypto.decrypt(text) if text.startswith(crypto.PREFIX) else text
        stored = crypto.encrypt(clear) if clear else ""
        out.append((pk, stored, text_digest(clear or f"{title}\n{url}")))
    _write(schema_editor, out)


def decrypt_texts(apps, schema_editor):
    import hashlib

    from solidarity import crypto

    out = []
    for pk, text, title, url in _rows(schema_editor):
        clear = crypto.decrypt(text) if text.startswith(crypto.PREFIX) else text
        basis = clear or f"{title}\n{url}"
        out.append((pk, clear, hashlib.sha256(basis.encode("utf-8")).hexdigest()))
    _write(schema_editor, out)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0015_hidden_people_encrypted"),
    ]

    operations = [
        migrations.AlterField(
            model_name="source",
            name="text",
            field=solidarity.fields.EncryptedTextField(blank=True, verbose_name="full text"),
        ),
        migrations.RunPython(encrypt_texts, decrypt_texts),
    ]
