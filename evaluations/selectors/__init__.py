"""Reads of evaluations, scoped by who asks and in a fixed number of queries."""
