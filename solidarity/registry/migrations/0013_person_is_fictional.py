from typing import Any

from django.db import migrations, models


def mark_demo_addressee(apps: Any, schema_editor: Any) -> None:
    """The demo loaded before this flag existed made one fictional person: mark it."""
    Person = apps.get_model("registry", "Person")
    Person.objects.filter(is_demo=True, slug="fictional-addressee").update(is_fictional=True)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0012_merge_0010_admin_plurals_0011_person_interests"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="is_fictional",
            field=models.BooleanField(
                default=False,
                help_text="Not a real person: left out of every count",
                verbose_name="fictional",
            ),
        ),
        migrations.RunPython(mark_demo_addressee, migrations.RunPython.noop),
    ]
