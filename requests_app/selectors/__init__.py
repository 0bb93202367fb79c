"""The reads of requests_app, one module per aggregate: scoped by who asks, in a fixed
number of queries. Selectors never write."""
