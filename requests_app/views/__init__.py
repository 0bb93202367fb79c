"""The pages of requests_app, one module per aggregate; ``actions`` holds the shared
decorators. Views are thin: they pick the form, call one service and say what happened."""
