"""Public pages: pages (routes relative to /<municipality>/)."""

urlpatterns: list = []
index_patterns: list = []
