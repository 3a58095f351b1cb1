"""The product's URLs plus the limit views under /_limit/ (bench/ratios.py only)."""

import ratios_limits
from django.urls import path

from solidarity.urls import handler500
from solidarity.urls import urlpatterns as product

urlpatterns = [
    path("_limit/person/<slug:slug>/", ratios_limits.person),
    path("_limit/people/", ratios_limits.people),
    path("_limit/api/people", ratios_limits.api_people),
    *product,
]
__all__ = ["handler500", "urlpatterns"]
