"""The 500 handler: when the database is out of reach the page says so (503, try again in a
minute) instead of a generic error. Both pages render without the database: no context
processors, no user, no bell."""

import sys

from django import db
from django.http import HttpResponse
from django.template.loader import render_to_string

DATABASE_ERRORS = (db.OperationalError, db.InterfaceError)


def error_500(request):
    # Django calls the handler inside its ``except``, so the exception is at hand.
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
