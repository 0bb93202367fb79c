from decimal import Decimal

import pytest
from django.urls import reverse

from providers.models import BudgetFrame, BudgetPeriod, Programme, Provider, Theme


@pytest.mark.django_db
def test_seeded_providers_programme_and_frames():
    assert list(Provider.objects.values_list("slug", flat=True)) == ["nfa", "cbs", "alectia", "ruc"]
    for provider in Provider.objects.all():
        assert provider.offerings.count() >= 3
        assert provider.contact_person
        assert provider.themes.exists()
    programme = Programme.objects.get()
    assert str(programme.starts_on) == "2016-04-01"
    assert str(programme.ends_on) == "2018-03-31"
    periods = list(BudgetPeriod.objects.filter(programme=programme))
    assert [period.name for period in periods] == ["2016-17", "2017-18"]
    assert BudgetFrame.objects.count() == 8
    assert set(BudgetFrame.objects.values_list("amount", flat=True)) == {Decimal("900000.00")}


@pytest.mark.django_db
def test_catalogue_lists_all_four_providers(client):
    response = client.get(reverse("providers:list"))
    assert response.status_code == 200
    for name in ["NFA", "CBS", "Alectia", "RUC"]:
        assert name in response.content.decode()


@pytest.mark.django_db
def test_filter_by_theme_keeps_only_providers_with_that_theme(client):
    theme = Theme.objects.get(slug="violence-threats")
    ruc = Provider.objects.get(slug="ruc")
    ruc_only = Theme.objects.create(slug="only-ruc", name="Kun RUC", position=9)
    ruc.themes.add(ruc_only)
    response = client.get(reverse("providers:list"), {"theme": "only-ruc"})
    assert [p.slug for p in response.context["providers"]] == ["ruc"]
    response = client.get(reverse("providers:list"), {"theme": theme.slug})
    expected = set(Provider.objects.filter(themes=theme).values_list("slug", flat=True))
    assert {p.slug for p in response.context["providers"]} == expected


@pytest.mark.django_db
def test_filter_by_format_shows_matching_offerings_only(client):
    response = client.get(reverse("providers:list"), {"format": "webinar"})
    providers = list(response.context["providers"])
    assert providers
    for provider in providers:
        formats = {offering.format for offering in provider.offerings.all()}
        assert formats == {"webinar"}


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored_with_a_message(client):
    response = client.get(reverse("providers:list"), {"theme": "nonsense", "format": "<x>"})
    assert response.status_code == 200
    assert len(response.context["providers"]) == 4
    assert "kunne ikke forstås" in response.content.decode()


@pytest.mark.django_db
def test_provider_detail_shows_contact_details(client):
    provider = Provider.objects.get(slug="cbs")
    response = client.get(reverse("providers:detail", kwargs={"slug": "cbs"}))
    assert response.status_code == 200
    content = response.content.decode()
    assert provider.contact_person in content
    assert provider.name in content
    for offering in provider.offerings.all():
        assert offering.title in content


@pytest.mark.django_db
def test_unknown_or_inactive_provider_is_404(client):
    assert client.get(reverse("providers:detail", kwargs={"slug": "nope"})).status_code == 404
    Provider.objects.filter(slug="ruc").update(is_active=False)
    assert client.get(reverse("providers:detail", kwargs={"slug": "ruc"})).status_code == 404


@pytest.mark.django_db
def test_catalogue_query_count_does_not_grow_with_providers(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("providers:list"))
