"""Logging filters: a refused request is one line in the log, a crash keeps its traceback.

Django logs every 4xx response to ``django.request`` with the exception attached
("Forbidden (Permission denied): /invoices/7/", and a full traceback of the
``PermissionDenied`` behind it), and ``django.security`` logs a ``SuspiciousOperation``
(400) the same way. A refusal is the portal working as meant: its traceback only buries the
real errors. 5xx records keep theirs.
"""

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """Drops the traceback of a ``django.request`` or ``django.security`` record below 500.

    Used on those loggers (so every handler, and the test suite's, sees the short record)
    and on the console handler (for ``django.security.*``'s children, whose records pass
    no filter of their parent's).
    """

    LOGGERS = ("django.request", "django.security")

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if (
            record.exc_info
            and status is not None
            and status < 500
            and record.name.startswith(self.LOGGERS)
        ):
            record.exc_info = None
            record.exc_text = None
        return True
