from django.urls import path

from . import views

urlpatterns = [
    path("write/", views.write_to_someone, name="write-to-someone"),
    path("prisoners/<slug:slug>/write/", views.write_letter, name="letter-write"),
    path("letters/erased/", views.letter_erased, name="letter-erased"),
    path("letters/<str:token>/", views.letter_status, name="letter-status"),
    path("letters/<str:token>/erase/", views.erase_letter, name="letter-erase"),
    path("letters/<str:token>/replies/<int:pk>/scan/", views.reply_scan, name="reply-scan"),
]
