from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("prisoners/", views.prisoner_list, name="prisoner-list"),
    path("prisoners/<slug:slug>/", views.prisoner_detail, name="prisoner-detail"),
    path("prisoners/<slug:slug>/report/", views.report_inaccuracy, name="report-inaccuracy"),
    path("prisoners/<slug:slug>/photo.jpg", views.prisoner_photo, name="prisoner-photo"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/<slug:slug>/", views.case_detail, name="case-detail"),
    path("facilities/", views.facility_list, name="facility-list"),
    path("facilities/<slug:slug>/", views.facility_detail, name="facility-detail"),
]
