"""Factories for every test, in one place."""

import factory
from django.contrib.auth import get_user_model

from accounts.models import CentralPartyMember, Membership, Region, RegionalCoordinator, Workplace
from providers.models import Provider, ProviderStaff

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"user{n}@example.dk")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def region(slug="sjaelland"):
    return Region.objects.get(slug=slug)


class WorkplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplace

    name = factory.Sequence(lambda n: f"Arbejdsplads {n}")
    region = factory.LazyFunction(region)
    kind = Workplace.Kind.DEPARTMENT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    workplace = factory.SubFactory(WorkplaceFactory)
    role = Membership.Role.LEADER


def provider(slug="nfa"):
    return Provider.objects.get(slug=slug)


class ProviderStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderStaff

    user = factory.SubFactory(UserFactory)
    provider = factory.LazyFunction(provider)


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalCoordinator

    user = factory.SubFactory(UserFactory)
    region = factory.LazyFunction(region)


class CentralPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CentralPartyMember

    user = factory.SubFactory(UserFactory)
    party = CentralPartyMember.Party.DANSKE_REGIONER
