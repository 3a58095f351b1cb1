from django.urls import path

from . import staff_views

urlpatterns = [
    path("import/", staff_views.import_view, name="opendata-import"),
    path("export/", staff_views.export_view, name="opendata-export"),
]
