"""Public pages: preparedness (routes relative to /<municipality>/)."""

urlpatterns: list = []
