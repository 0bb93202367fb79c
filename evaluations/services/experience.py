"""The region's coordinator records the main committee's experiences with a programme.

One text per programme and region, written and rewritten by the region's coordinators; the
row is locked while it changes, so two coordinators saving at once never lose each other's
change silently (the later save wins, after the first has committed).
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluations.models import ProgrammeExperience
from evaluations.models.experience import TEXT_MAX_LENGTH
from requests_app.services.base import RequestError
from requests_app.text import clean_date, clean_text

FIELDS = {
    "worked_well": gettext_lazy("What worked well"),
    "challenges": gettext_lazy("Challenges"),
    "model_choice": gettext_lazy("Experience with the region's model"),
    "recommendations": gettext_lazy("Recommendations for a future offer"),
}


def writes_experience(user, region) -> bool:
    """The region's own coordinators, and no one else (central parties read them)."""
    return user.is_authenticated and user.coordinator_roles.filter(region=region).exists()


def programme_experience_save(*, programme, region, user, data: dict) -> ProgrammeExperience:
    """Create or update the region's experiences with the programme (changed fields only)."""
    if not writes_experience(user, region):
        raise RequestError(_("Only the region's coordinators can write its experiences."))
    values = {
        name: clean_text(data.get(name), max_length=TEXT_MAX_LENGTH, field_label=label)
        for name, label in FIELDS.items()
    }
    values["discussed_on"] = clean_date(
        data.get("discussed_on") or None,
        planned=False,
        field_label=_("Discussed by the main committee on"),
    )
    if not any(values[name] for name in FIELDS):
        raise RequestError(_("Write at least one of the experiences."))
    try:
        with transaction.atomic():
            experience = (
                ProgrammeExperience.objects.select_for_update()
                .filter(programme=programme, region=region)
                .first()
            )
            if experience is None:
                return ProgrammeExperience.objects.create(
                    programme=programme, region=region, written_by=user, **values
                )
            changed = [name for name, value in values.items() if getattr(experience, name) != value]
            if changed:
                for name in changed:
                    setattr(experience, name, values[name])
                experience.written_by = user
                experience.save(update_fields=[*changed, "written_by", "updated_at"])
            return experience
    except IntegrityError:
        # Another coordinator created it a moment ago: save again over theirs, now locked.
        return programme_experience_save(programme=programme, region=region, user=user, data=data)
