from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("data/", views.data_dictionary, name="data"),
    path("data/prisoners.csv", views.prisoners_csv, name="prisoners-csv"),
    path("data/prisoners.json", views.prisoners_json, name="prisoners-json"),
    path("data/datapackage.json", views.datapackage, name="datapackage"),
    path("data/methodology/", views.methodology, name="data-methodology"),
    path("data/<slug:name>.csv", views.table_csv, name="data-csv"),
    path("data/<slug:name>.json", views.table_json, name="data-json"),
    path("feeds/updates.atom", views.UpdatesFeed(), name="feed-updates"),
    path("calendar/birthdays.ics", views.birthdays_ics, name="calendar-birthdays"),
    path("calendar/releases.ics", views.releases_ics, name="calendar-releases"),
    path("stats/", views.stats_page, name="stats"),
    path("stats/<slug:key>.csv", views.stats_csv, name="stats-csv"),
]
