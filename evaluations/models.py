"""Questionnaires, responses and results (built in a later issue)."""
