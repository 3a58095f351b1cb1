"""Search terms fold Belarusian, Ukrainian and Kazakh spellings now (names.py): rebuild them."""

from django.db import migrations


def reindex(apps, schema_editor):  # type: ignore[no-untyped-def]
    from solidarity.registry import names

    Person = apps.get_model("registry", "Person")
    Term = apps.get_model("registry", "PersonSearchTerm")
    Alias = apps.get_model("registry", "PersonAlias")
    aliases: dict[int, list[str]] = {}
    for person_id, name in Alias.objects.values_list("person_id", "name"):
        aliases.setdefault(person_id, []).append(name)
    batch = []
    for pk, name, latin in Person.objects.values_list("pk", "name", "name_latin").iterator():
        every = [n for n in (name, latin, *aliases.get(pk, [])) if n]
        batch += [Term(person_id=pk, term=t) for t in sorted(names.index_terms(every))]
    Term.objects.all().delete()
    Term.objects.bulk_create(batch, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_case_publish")]
    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
