from django.urls import path

from . import staff_views

urlpatterns = [
    path("", staff_views.home, name="intake-home"),
    path("sources/<int:pk>/", staff_views.source, name="intake-source"),
    path("proposals/<int:pk>/", staff_views.decide, name="intake-decide"),
]
