"""The admin names every model in Russian, singular and plural: no "Делоs" (Django adds an
English "s" to a translated singular when a model has no plural of its own)."""

import re

from django.contrib import admin
from django.utils import translation


def test_it_names_every_admin_model_in_russian_in_both_numbers():
    wrong = []
    with translation.override("ru"):
        for model in admin.site._registry:
            for name in (model._meta.verbose_name, model._meta.verbose_name_plural):
                if re.search("[A-Za-z]", str(name)):
                    wrong.append(f"{model._meta.label}: {name}")
    assert wrong == []


def test_it_shows_the_plurals_on_the_admin_index(staff_client):
    translation.activate("ru")
    page = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Дела" in page and "Делоs" not in page
