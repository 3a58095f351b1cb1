from django.urls import path, re_path

from . import views

urlpatterns = [
    path("reports/", views.report_list, name="support-reports"),
    re_path(r"^reports/(?P<month>\d{4}-\d{2})/$", views.report_page, name="support-report"),
    re_path(
        r"^reports/(?P<month>\d{4}-\d{2})\.pdf$", views.report_pdf_view, name="support-report-pdf"
    ),
]
