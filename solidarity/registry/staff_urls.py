from django.urls import path

from . import staff_views

urlpatterns = [
    path("", staff_views.people, name="desk-people"),
    path("people/new/", staff_views.person_new, name="desk-person-new"),
    path("people/<slug:slug>/", staff_views.person, name="desk-person"),
    path("people/<slug:slug>/edit/", staff_views.person_edit, name="desk-person-edit"),
    path("people/<slug:slug>/transfer/", staff_views.person_transfer, name="desk-transfer"),
    path("people/<slug:slug>/consent/", staff_views.person_consent, name="desk-consent"),
    path("people/<slug:slug>/merge/", staff_views.person_merge, name="desk-merge"),
    path("people/<slug:slug>/charges/", staff_views.person_charge, name="desk-charge"),
    path("people/<slug:slug>/sentences/", staff_views.person_sentence, name="desk-sentence"),
    path("people/<slug:slug>/events/", staff_views.person_event, name="desk-event"),
    path(
        "people/<slug:slug>/recognition/", staff_views.person_recognition, name="desk-recognition"
    ),
    path("people/<slug:slug>/aliases/", staff_views.person_alias, name="desk-alias"),
    path("people/<slug:slug>/photo/", staff_views.person_photo, name="desk-photo"),
    path("people/<slug:slug>/photo.jpg", staff_views.person_photo_image, name="desk-photo-image"),
    path("cases/", staff_views.cases, name="desk-cases"),
    path("cases/<slug:slug>/", staff_views.case, name="desk-case"),
    path("cases/<slug:slug>/edit/", staff_views.case_edit, name="desk-case-edit"),
    path("facilities/", staff_views.facilities, name="desk-facilities"),
    path("reports/", staff_views.reports, name="desk-reports"),
    path("reports/<int:pk>/", staff_views.report_settle, name="desk-report-settle"),
    path("facilities/new/", staff_views.facility_edit, name="desk-facility-new"),
    path("facilities/<slug:slug>/", staff_views.facility, name="desk-facility"),
    path("facilities/<slug:slug>/edit/", staff_views.facility_edit, name="desk-facility-edit"),
]
