from django.contrib import admin
from django_tasks_db.models import DBTaskResult

# Task results hold their arguments (a whole document for an ingest) and are not governed by
# the roles in accounts/permissions.py; the review desk shows what staff need of them.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
