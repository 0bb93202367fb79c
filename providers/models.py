"""The four expert providers, what they offer, and the programme whose frames pay for it.

Everything here is data a central party edits in the admin: a renewed programme (new
periods, new amounts, new providers) needs no code change.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A theme of the offer; the first three are the ones the agreement names."""

    slug = models.SlugField(_("name in web addresses"), unique=True)
    name = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "pk"]

    def __str__(self):
        if self.name_en and (get_language() or "da").startswith("en"):
            return self.name_en
        return self.name


class OfferingFormat(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    TALK = "talk", _("Talk")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    COURSE = "course", _("Course of activities")
    ADVICE = "advice", _("Advice")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference")
    NETWORK = "network", _("Network course")
    MAPPING = "mapping", _("Mapping")


class Provider(models.Model):
    slug = models.SlugField(_("name in web addresses"), unique=True)
    short_name = models.CharField(_("short name"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    # Typed in the admin and shown to every workplace; bounded like every free text.
    description = models.TextField(_("description"), blank=True, max_length=4000)
    competences = models.TextField(_("competences"), blank=True, max_length=4000)
    address = models.TextField(_("address"), blank=True, max_length=500)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_title = models.CharField(_("contact person's title"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="providers", verbose_name=_("themes")
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Listing order only; it is not a ranking.")
    )

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["position", "short_name"]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("providers:detail", kwargs={"slug": self.slug})


class Offering(models.Model):
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="offerings", verbose_name=_("provider")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    format = models.CharField(_("format"), max_length=20, choices=OfferingFormat.choices)
    typical_duration = models.CharField(_("typical duration"), max_length=100, blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="offerings", verbose_name=_("themes")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["provider", "position", "pk"]

    def __str__(self):
        return f"{self.provider.short_name}: {self.title}"


class ProviderStaff(models.Model):
    """A user who answers, contracts and invoices on a provider's behalf."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_roles",
        verbose_name=_("user"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="staff", verbose_name=_("provider")
    )

    class Meta:
        verbose_name = _("provider staff member")
        verbose_name_plural = _("provider staff")
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="provider_staff_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.provider}"


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    providers = models.ManyToManyField(
        Provider, blank=True, related_name="programmes", verbose_name=_("providers")
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name


class BudgetPeriod(models.Model):
    """One budget year of a programme (1 April to 31 March in the original)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="periods", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=50)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("budget period")
        verbose_name_plural = _("budget periods")
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="period_unique_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="period_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.programme.name} {self.name}"


class BudgetFrame(models.Model):
    """What one provider may spend in one period, in DKK incl. VAT. Never to be exceeded."""

    period = models.ForeignKey(
        BudgetPeriod,
        on_delete=models.CASCADE,
        related_name="frames",
        verbose_name=_("budget period"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="frames", verbose_name=_("provider")
    )
    amount = models.DecimalField(
        _("frame (DKK incl. VAT)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )

    class Meta:
        verbose_name = _("budget frame")
        verbose_name_plural = _("budget frames")
        ordering = ["period__starts_on", "provider__position"]
        constraints = [
            models.UniqueConstraint(fields=["period", "provider"], name="frame_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="frame_not_negative"),
        ]

    def __str__(self):
        return f"{self.provider} {self.period}"


class FrameAlert(models.Model):
    """A frame has passed a threshold (75, 90 or 100 %); stored once, so told once."""

    frame = models.ForeignKey(
        BudgetFrame, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("budget frame")
    )
    threshold = models.PositiveSmallIntegerField(_("threshold (%)"))
    used_amount = models.DecimalField(
        _("amount used (DKK incl. VAT)"), max_digits=12, decimal_places=2
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("frame alert")
        verbose_name_plural = _("frame alerts")
        constraints = [
            models.UniqueConstraint(fields=["frame", "threshold"], name="frame_alert_once")
        ]

    def __str__(self):
        return f"{self.frame} {self.threshold} %"
