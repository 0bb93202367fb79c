from tests.requests_app.conftest import model2  # noqa: F401
