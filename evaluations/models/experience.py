"""The regional main committee's experiences, for the programme's final evaluation.

001 section 7: "I forbindelse med en afsluttende evaluering vil hovedudvalgets erfaringer
blive medinddraget." Each region's coordinator records them, once per programme, through
``services.experience``; the central parties read them in the programme report.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Region
from providers.models import Programme

TEXT_MAX_LENGTH = 4000


class ProgrammeExperience(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="experiences",
        verbose_name=_("programme"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="experiences", verbose_name=_("region")
    )
    worked_well = models.TextField(_("what worked well"), blank=True, max_length=TEXT_MAX_LENGTH)
    challenges = models.TextField(_("challenges"), blank=True, max_length=TEXT_MAX_LENGTH)
    model_choice = models.TextField(
        _("experience with the region's model"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    recommendations = models.TextField(
        _("recommendations for a future offer"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    discussed_on = models.DateField(_("discussed by the main committee on"), null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("main committee's experiences")
        verbose_name_plural = _("main committees' experiences")
        ordering = ["programme", "region__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "region"], name="one_experience_per_programme_region"
            )
        ]

    def __str__(self):
        return f"{self.region} – {self.programme}"
