"""Writes of evaluations: rounds (open, extend, close), responses and delivery reports."""
