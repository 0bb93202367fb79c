"""Dashboards (third floor, read-only): budgets, burn-down, pipeline, deadlines, reach and
evaluations at a glance, and the filtered lists behind every figure.

Where things are:

- ``selectors/filters.py``: ``DashboardFilters`` (programme, period, region, provider, theme
  from the URL) and what each filter means for requests, contracts and invoices;
- ``permissions.py``: who sees which dashboard and the ``Scope`` every figure is read from
  (central parties all; a coordinator their region; provider staff their provider);
- ``selectors/budgets.py``, ``pipeline.py``, ``deadlines.py``, ``reach.py``,
  ``evaluations.py``: one subject each, ``(user, filters)``, a fixed number of queries with
  the aggregation in the database; the API (``api``) answers from the same functions;
- ``views/overview.py`` and ``charts.py``: the central, region and provider pages; the charts'
  data goes through ``json_script`` to ``static/js/dashboard.js``, with a table beside each;
- ``views/lists.py``, ``filters.py``, ``tables.py``, ``exports.py``: the lists and exports.

Nothing is cached: every figure is as fresh as the page.
"""
