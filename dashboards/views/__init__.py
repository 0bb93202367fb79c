"""The dashboards' pages: the overviews and the lists (one module each)."""
