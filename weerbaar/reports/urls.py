"""Restricted printed editions for staff (crisis organisation); routes declared in roles.py.

Mounted at /werkruimte/edities/. The crisis edition has one route name for its three
forms (list, whole municipality, one kern), so it reverses with or without arguments; the
programme reports (rapportage/) follow the same rule.
"""

from django.urls import path

from weerbaar.reports import programme_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("crisis/", views.crisis, name="crisis"),
    path("crisis/<slug:municipality>/", views.crisis, name="crisis"),
    path("crisis/<slug:municipality>/<slug:community>/", views.crisis, name="crisis"),
    # Progress and final report (seed §3.7); without arguments: the list, and the progress PDF.
    path("rapportage/", programme_views.programme_report, name="programme_report"),
    path("rapportage/<slug:kind>/", programme_views.programme_report, name="programme_report"),
    path("rapportage/voortgangsrapportage.pdf", programme_views.programme_report_pdf,
         name="programme_report_pdf"),
    path("rapportage/<slug:kind>.pdf", programme_views.programme_report_pdf,
         name="programme_report_pdf"),
]
