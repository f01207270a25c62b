"""Public pages: findpoint (routes relative to /<municipality>/)."""

urlpatterns: list = []
