"""Reads about people that other apps need."""

from django.contrib.auth import get_user_model


def central_users() -> list:
    """The active members of the central parties (Danske Regioner, Forhandlingsfællesskabet)."""
    return list(get_user_model().objects.filter(central_party__isnull=False, is_active=True))
