from django.urls import path

from . import staff_views

urlpatterns = [
    path("", staff_views.dashboard, name="support-dashboard"),
    path("needs/new/", staff_views.need_new, name="support-need-new"),
    path("needs/<int:pk>/", staff_views.need_detail, name="support-need"),
    path("money/", staff_views.money, name="support-money"),
    path("money/income/", staff_views.income, name="support-income"),
    path("money/spend/", staff_views.spend, name="support-spend"),
    path("money/rate/", staff_views.rate, name="support-rate"),
    path("money/<int:pk>/correct/", staff_views.correct, name="support-correct"),
    path("money/<int:pk>/receipt", staff_views.receipt, name="support-receipt"),
    path("evenings/", staff_views.evening_list, name="support-evenings"),
    path("evenings/<int:pk>/", staff_views.evening_detail, name="support-evening"),
    path("evenings/<int:pk>/packet.pdf", staff_views.evening_packet, name="support-packet"),
]
