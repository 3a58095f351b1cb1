from django.apps import apps
from django.contrib import admin
from django_tasks_db.models import DBTaskResult

# Task results hold their arguments (a whole document for an ingest) and are not governed by
# the roles in accounts/permissions.py; the review desk shows what staff need of them.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)

# django-rq's queue dashboard is the same: outside the roles, and not needed by staff.
if apps.is_installed("django_rq"):
    for model in apps.get_app_config("django_rq").get_models():
        if admin.site.is_registered(model):
            admin.site.unregister(model)
