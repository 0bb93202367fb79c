# The worker tests' fixtures: a due reminder and a private Celery queue.
from tests.requests_app.test_celery_worker import due_reminder, queue  # noqa: F401
