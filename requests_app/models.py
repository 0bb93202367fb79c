"""Requests, contracts, deadlines, invoices and the event log (built in later issues)."""
