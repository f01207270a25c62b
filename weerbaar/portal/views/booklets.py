"""Public pages: booklets (routes relative to /<municipality>/)."""

urlpatterns: list = []
