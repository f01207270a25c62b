"""The audit trail for the privacy officer; mounted at /werkruimte/audit/."""

from django.urls import path

from weerbaar.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.events, name="events"),
    path("export.csv", views.export, name="export"),
]
