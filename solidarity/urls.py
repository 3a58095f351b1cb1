from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

urlpatterns = [
    path("", include("solidarity.registry.urls")),
    path("", include("solidarity.letters.urls")),
    path("", include("solidarity.opendata.urls")),
    path("", include("solidarity.support.urls")),
    # No CSRF token on the language switch, which every page carries: a token would set a
    # CSRF cookie on every public page (a trace on a seized laptop). Forging a language
    # choice harms nobody.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("staff/registry/", include("solidarity.registry.staff_urls")),
    path("staff/letters/", include("solidarity.letters.staff_urls")),
    path("staff/intake/", include("solidarity.intake.staff_urls")),
    path("staff/data/", include("solidarity.opendata.staff_urls")),
    path("staff/support/", include("solidarity.support.staff_urls")),
    path("staff/", include("solidarity.accounts.urls")),
    path("admin/", admin.site.urls),
]
handler500 = "solidarity.availability.server_error"
