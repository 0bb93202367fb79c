"""Settings for `make bench` only: the production settings plus a minimal baseline view.

Everything a page pays for in production is kept — DEBUG off, the full middleware (MFA
included: the bench's privileged users get a TOTP device, see tests/bench/sessions.py),
persistent connections (CONN_MAX_AGE, CONN_HEALTH_CHECKS) and JIT off for the portal's
connections, whitenoise's compressed manifest storage — so each page's throughput as a
share of the baseline's says what the page itself costs. The only change is the URLconf:
``portal.urls_bench`` adds ``/bench/baseline/`` (one query, a tiny template) to the portal's
own URLs. Production never names this module, so the baseline is never reachable there.
"""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "portal.urls_bench"
# The bench speaks plain HTTP on loopback; its requests say X-Forwarded-Proto: https, as the
# production proxy does, so no redirect to HTTPS happens and secure cookies stay on.
