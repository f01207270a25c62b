"""Restricted printed editions for staff (crisis organisation); routes declared in roles.py.

Mounted at /werkruimte/edities/. The crisis edition has one route name for its three
forms (list, whole municipality, one kern), so it reverses with or without arguments.
"""

from django.urls import path

from weerbaar.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("crisis/", views.crisis, name="crisis"),
    path("crisis/<slug:municipality>/", views.crisis, name="crisis"),
    path("crisis/<slug:municipality>/<slug:community>/", views.crisis, name="crisis"),
]
