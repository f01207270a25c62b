"""Restricted printed editions for staff (crisis organisation); routes declared in roles.py."""

from django.urls import path  # noqa: F401

app_name = "reports"

urlpatterns: list = []
