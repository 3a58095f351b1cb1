from django.urls import path

from . import staff_views

urlpatterns = [
    path("translate/", staff_views.translation_queue, name="letters-translation-queue"),
    path("<int:pk>/claim/", staff_views.claim, name="letters-claim"),
    path("<int:pk>/translate/", staff_views.translate, name="letters-translate"),
    path("moderate/", staff_views.moderation_queue, name="letters-moderation-queue"),
    path("<int:pk>/moderate/", staff_views.moderate, name="letters-moderate"),
    path("tracking/", staff_views.tracking, name="letters-tracking"),
    path("dispatch/", staff_views.dispatch, name="letters-dispatch"),
    path("dispatch/<int:pk>.zip", staff_views.batch_download, name="letters-batch-download"),
    path("dispatch/<int:pk>/posted/", staff_views.batch_posted, name="letters-batch-posted"),
    path(
        "dispatch/<int:pk>/delivered/", staff_views.batch_delivered, name="letters-batch-delivered"
    ),
    path("eletters/", staff_views.eletters, name="letters-eletters"),
    path("blockades/", staff_views.blockades, name="letters-blockades"),
    path("<int:pk>/eletter.pdf", staff_views.eletter_pdf_view, name="letters-eletter-pdf"),
    path("<int:pk>/eletter-sent/", staff_views.eletter_sent, name="letters-eletter-sent"),
    path("<int:pk>/track/", staff_views.track, name="letters-track"),
    path("<int:pk>/reply/", staff_views.reply, name="letters-reply"),
]
