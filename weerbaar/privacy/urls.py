"""Privacy pages for the privacy officer; mounted at /werkruimte/privacy/."""

from django.urls import path

from weerbaar.privacy import views

app_name = "privacy"

urlpatterns = [
    path("verwerkingsregister/", views.register, name="register"),
]
