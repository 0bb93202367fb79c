"""Benchmark: median time to render a typical contract PDF, against a one-line page.

Run with `make bench`. It builds a throwaway test database, creates one request with a
contract of five activities, renders both documents in alternating rounds and prints the medians and
their ratio.
"""

import json
import os
import signal
import statistics
import sys
import time

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))


def _interleaved(first, second, rounds):
    """Median times of two functions, rounds alternating, so drift moves both alike."""
    samples = ([], [])
    for _ in range(rounds):
        for function, times in ((first, samples[0]), (second, samples[1])):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return statistics.median(samples[0]), statistics.median(samples[1])


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "on")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # A run stopped with SIGTERM still removes its test database (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # autoclobber: a database left by an interrupted run is replaced, never asked about.
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return _run()
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def _run() -> int:
    from requests_app.pdf import contract_pdf_bytes, minimal_pdf_bytes
    from requests_app.services import contracts
    from tests import factories

    workplace, leader, amr = factories.trio("sjaelland")
    staff = factories.ProviderStaffFactory(provider=factories.provider("nfa")).user
    request = factories.request_in_dialogue(leader=leader, counterpart=amr, staff=staff)
    activities = factories.activities() * 2 + factories.activities()[:1]
    contract = contracts.contract_draft(
        request_pk=request.pk, user=staff, data=factories.contract_data(), activities=activities
    )
    version = contract.current

    contract_pdf_bytes(version)  # warm up: fonts and imports
    minimal_pdf_bytes()
    contract_median, minimal_median = _interleaved(
        lambda: contract_pdf_bytes(version), minimal_pdf_bytes, ROUNDS
    )
    print(
        f"contract PDF (5 activities): median {contract_median * 1000:.1f} ms over {ROUNDS} rounds"
    )
    print(
        f"one-line page:               median {minimal_median * 1000:.1f} ms over {ROUNDS} rounds"
    )
    print(f"ratio contract / one-line:   {contract_median / minimal_median:.2f}")
    if "--json" in sys.argv:  # for tests/bench/run.py: the last line
        result = {
            "contract_ms": round(contract_median * 1000, 1),
            "minimal_ms": round(minimal_median * 1000, 1),
            "ratio": round(contract_median / minimal_median, 2),
            "rounds": ROUNDS,
            "activities": len(activities),
        }
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
