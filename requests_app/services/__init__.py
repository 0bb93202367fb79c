"""The writes of requests_app, one module per aggregate; only these change the database.

``base`` holds what they share (the domain error, the lock, the transition and permission
checks, the event log). Views, tasks and other apps call the functions in ``intake``,
``contracts``, ``invoices``, ``deadlines``, ``deadline_scan`` and ``frame_alerts``.
"""
