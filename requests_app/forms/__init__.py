"""The forms of requests_app, one module per aggregate: requests, contracts, invoices."""
