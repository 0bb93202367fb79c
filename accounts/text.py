"""Names in the sentences people are sent (notifications and their e-mail): the genitive.

A provider's frame is "RUC's ramme" and "Alectias ramme" in Danish, "CBS' ramme" for a name
ending in s, x or z; a format string cannot say which, so the name is put in the genitive
before it goes in. Ground floor: any app's notification may use it.

And the bell's lines in both languages (``in_each_language``): Danish for the e-mail and the
Danish pages, English for the English ones.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language


def _is_abbreviation(word: str) -> bool:
    """ "NFA", "RUC", "A/S", "3F": no lower-case letter, at least one capital or digit."""
    return not any(char.islower() for char in word) and any(
        char.isupper() or char.isdigit() for char in word
    )


def genitive(name: str, language: str | None = None) -> str:
    """``name`` in the genitive, in ``language`` (the active language when not given).

    Danish: a name ending in s, x or z takes a bare apostrophe (CBS'), an abbreviation takes
    's (NFA's, RUC's), any other name s without an apostrophe (Alectias). English: ' after s,
    otherwise 's.
    """
    name = str(name).strip()
    if not name:
        return name
    language = (language or get_language() or "da").lower()
    last = name[-1]
    if language.startswith("da"):
        if last.lower() in "sxz":
            return f"{name}'"
        if _is_abbreviation(name.split()[-1]):
            return f"{name}'s"
        return f"{name}s"
    return f"{name}'" if last.lower() == "s" else f"{name}'s"


def in_each_language(render) -> dict:
    """``render()``'s (subject, body) in Danish and in English, as a Notification's fields:
    ``Notification(user=…, **in_each_language(lambda: (subject, body)))``. The Danish is the
    site's language, which the e-mail uses."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = render()
    with translation.override("en"):
        subject_en, body_en = render()
    return {
        "subject": " ".join(str(subject).split())[:300],
        "body": str(body),
        "subject_en": " ".join(str(subject_en).split())[:300],
        "body_en": str(body_en),
    }
