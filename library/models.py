"""The knowledge library's content: recommendations, tools, models and cases, as data.

Every item names the seed document and the section it is written from (``source_document``,
``source_section``); the texts are our own paraphrases. Themes reuse the slugs of the request
themes (``providers.Theme``: organisational-change, professional-change, violence-threats) plus
``general``; the library keeps its own small table of them so that it stays on the ground floor
without depending on ``providers`` (which links to the library's cases).

``search_vector`` is PostgreSQL's stored ``tsvector`` (Danish configuration, GIN index created by
migration 0002 on PostgreSQL only); on SQLite the column exists but stays empty and search falls
back to ``icontains`` (see ``library.search``). It is written by ``library.services``, never by
hand.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.TextChoices):
    RECOMMENDATIONS = (
        "002_891fa83b274ec6f2.txt",
        _("Danske Regioner: the Working Environment Authority's recommendations with examples"),
    )
    COURSE = (
        "003_602b4d59ffa3b64f.txt",
        _("Course for TRIOs: leading the psychological work environment"),
    )
    CATALOGUE = (
        "004_cef543feac1acd66.txt",
        _("Catalogue for TRIOs: learning-oriented work-environment work"),
    )


class Kind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Recommendation")
    TOOL = "tool", _("Tool")
    MODEL = "model", _("Model")
    CASE = "case", _("Case")


class Theme(models.Model):
    """A theme of the library: the three request themes (same slugs) and ``general``."""

    GENERAL = "general"

    slug = models.SlugField(_("name in web addresses"), unique=True)
    name = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("library theme")
        verbose_name_plural = _("library themes")
        ordering = ["position", "pk"]

    def __str__(self):
        if self.name_en and (get_language() or "da").startswith("en"):
            return self.name_en
        return self.name


GUIDE_FIELDS = (
    "purpose",
    "preparation",
    "materials",
    "duration",
    "facilitator_role",
    "steps",
    "variations",
    "next_steps",
)


def validate_guide_notes(value):
    """``guide_notes`` maps guide field names to a note in words, e.g. {"variations": "…"}."""
    if not isinstance(value, dict):
        raise ValidationError(
            _('Write the notes as {"variations": "…"}: a guide field and its note.')
        )
    for field, note in value.items():
        if field not in GUIDE_FIELDS or not isinstance(note, str):
            raise ValidationError(
                _("“%(field)s” is not a field of the tool guide (%(fields)s)."),
                params={"field": field, "fields": ", ".join(GUIDE_FIELDS)},
            )


class Item(models.Model):
    """One piece of knowledge. Tools also fill the guide fields (purpose … next steps)."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    slug = models.SlugField(_("name in web addresses"), max_length=120, unique=True)
    title = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary = models.TextField(_("summary (Danish)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    body = models.TextField(_("text (Danish)"), blank=True)
    keywords = models.CharField(
        _("search words"),
        max_length=300,
        blank=True,
        help_text=_("Extra words and compounds the search should also find, separated by spaces."),
    )
    themes = models.ManyToManyField(Theme, related_name="items", verbose_name=_("themes"))
    main_theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="main_items",
        verbose_name=_("main theme"),
        help_text=_(
            "The theme this item serves best. A TRIO's start page suggests the tool whose main "
            "theme is that of their latest request."
        ),
    )
    source_document = models.CharField(
        _("source document"), max_length=40, choices=SourceDocument.choices
    )
    source_section = models.CharField(_("section of the source"), max_length=200)
    provider_slug = models.SlugField(
        _("provider involved"),
        blank=True,
        help_text=_("For a case: the provider whose researchers helped (e.g. ruc)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    purpose = models.TextField(_("purpose"), blank=True)
    preparation = models.TextField(_("preparation"), blank=True)
    materials = models.TextField(_("what you need"), blank=True, help_text=_("One thing per line."))
    duration = models.CharField(_("time"), max_length=200, blank=True)
    facilitator_role = models.TextField(_("the facilitator's role"), blank=True)
    steps = models.TextField(_("steps"), blank=True, help_text=_("One step per line."))
    variations = models.TextField(_("variations"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    guide_notes = models.JSONField(
        _("notes on the guide's source"),
        default=dict,
        blank=True,
        validators=[validate_guide_notes],
        help_text=_(
            "Where a guide field is not a section of the source (gathered from other parts, or "
            'written by analogy), say so for that field: {"variations": "…"}. It is shown '
            "under the field."
        ),
    )

    search_vector = SearchVectorField(_("search index"), null=True, editable=False)

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")
        ordering = ["kind", "position", "pk"]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse("library:item", kwargs={"slug": self.slug})

    @property
    def is_tool(self) -> bool:
        return self.kind == Kind.TOOL

    @property
    def is_recommendation(self) -> bool:
        return self.kind == Kind.RECOMMENDATION

    @property
    def display_title(self) -> str:
        if self.title_en and (get_language() or "da").startswith("en"):
            return self.title_en
        return self.title

    @property
    def display_summary(self) -> str:
        if self.summary_en and (get_language() or "da").startswith("en"):
            return self.summary_en
        return self.summary

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class Example(models.Model):
    """An example from a region under a recommendation (002), or a short example under a tool."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="examples", verbose_name=_("item")
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        ordering = ["item", "position", "pk"]

    def __str__(self):
        return self.title
