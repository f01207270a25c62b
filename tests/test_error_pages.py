"""No page ever shows a stack trace: errors get a friendly Dutch page."""

import pytest
from django.test import Client
from django.urls import path

from weerbaar import urls as project_urls


def broken_view(request):
    raise RuntimeError("kapot: geheime interne details")


# The project's own URLs and error handlers, plus one view that breaks.
urlpatterns = [path("kapot/", broken_view), *project_urls.urlpatterns]
handler500 = project_urls.handler500


@pytest.mark.urls("tests.test_error_pages")
def test_server_error_is_friendly(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/kapot/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body
    assert "Traceback" not in body and "geheime interne details" not in body


def test_not_found_is_friendly(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_permission_denied_is_friendly(client, make_user):
    client.force_login(make_user(None, username="zonder-rol"))
    response = client.get("/werkruimte/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_bad_login_names_the_problem(client, make_user):
    make_user("programme", username="medewerker")
    response = client.post("/login/", {"username": "medewerker", "password": "fout"})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
