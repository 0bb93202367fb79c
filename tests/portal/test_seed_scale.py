"""`seed_scale` fills the database for the benchmarks (issue 12, point 4)."""

import pytest
from django.core.management import call_command

from requests_app.models import Contract, Invoice, Request, RequestEvent, Status


@pytest.mark.django_db
def test_seed_scale_makes_every_status_and_adds_only_what_is_missing():
    call_command("seed_scale", requests=400, workplaces=20, stdout=open("/dev/null", "w"))  # noqa: SIM115
    requests = Request.objects.filter(title__startswith="Skala")
    assert requests.count() == 400
    assert set(requests.values_list("status", flat=True)) == set(Status.values)
    assert Contract.objects.filter(request__in=requests).exists()
    assert Invoice.objects.filter(contract__request__in=requests).exists()
    assert RequestEvent.objects.filter(request__in=requests).count() >= 400
    call_command("seed_scale", requests=450, workplaces=20, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert requests.count() == 450
    assert Request.objects.values("workplace").distinct().count() <= 20
