"""Results added up over many rounds: who sees which, the filters, and the sums per provider,
per theme, per region, per budget period and in total (the rows and how they are filled:
``evaluations.selectors.sums``; re-exported by ``evaluations.selectors.results``, the public
face).

Anonymity: a round's answers count in a sum only from ``settings.EVALUATION_MIN_RESPONSES``
responses; its response count always counts. A round belongs to a programme or budget period
by its request's delivery date.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.rules import is_central_or_admin
from evaluations.models import Answer, Choice, EvaluationRound, Question, Response
from evaluations.selectors.sums import CODE, KIND, Facets, Summary, add_facets, grouped_rows
from providers.models import Provider, Theme
from requests_app.models import Request, Status
from requests_app.permissions import (
    coordinates_region_of,
    is_local_party,
    is_request_provider_staff,
)


def min_responses() -> int:
    return settings.EVALUATION_MIN_RESPONSES


def sees_request_results(user, request) -> bool:
    """One request's results: its local parties, the provider's staff on it, the region's
    coordinators and the central parties (the threshold applies to all of them); a draft
    has no evaluation, so only its own workplace may open the page."""
    if is_local_party(user, request):
        return True
    if request.status == Status.DRAFT:
        return False
    return bool(
        is_request_provider_staff(user, request)
        or coordinates_region_of(user, request)
        or is_central_or_admin(user)
    )


def sees_overview(user) -> bool:
    """Central parties, regional coordinators and provider staff see results across rounds."""
    if not user.is_authenticated:
        return False
    return bool(
        is_central_or_admin(user) or user.coordinator_roles.exists() or user.provider_roles.exists()
    )


def scope_q(user) -> Q:
    """The rounds the user may see added up: central all, a coordinator their regions', provider
    staff their providers' (the workplace sees its own on its request page)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if is_central_or_admin(user):
        return Q()
    regions = user.coordinator_roles.values("region_id")
    providers = user.provider_roles.values("provider_id")
    return Q(request__workplace__region_id__in=regions) | Q(request__provider_id__in=providers)


def filters_q(*, programme=None, period=None, region=None, provider=None, theme=None) -> Q:
    q = Q()
    span = period or programme
    if span is not None:
        q &= Q(request__contract__delivered_on__range=(span.starts_on, span.ends_on))
    if region is not None:
        q &= Q(request__workplace__region=region)
    if provider is not None:
        q &= Q(request__provider=provider)
    if theme is not None:
        # A subquery, not a join: a request with two themes is never counted twice.
        with_theme = Request.themes.through.objects.filter(theme=theme)
        q &= Q(request_id__in=with_theme.values("request_id"))
    return q


def rounds_in_view(user, **filters) -> QuerySet[EvaluationRound]:
    """Rounds that have opened, scoped to the user and filtered, each with ``response_count``
    and ``participants`` (one query, newest delivery first)."""
    responses = (
        Response.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        EvaluationRound.objects.filter(scope_q(user), filters_q(**filters))
        .filter(opens_at__lte=timezone.now())
        .annotate(
            response_count=Coalesce(Subquery(responses, output_field=IntegerField()), Value(0)),
            participants=Coalesce("request__delivery_report__participants", Value(0)),
        )
        .select_related(
            "request__workplace__region",
            "request__workplace__parent",
            "request__provider",
            "request__contract",
            "version",
        )
        .order_by("-request__contract__delivered_on", "-pk")
    )


def _scale_questions():
    """The newest wording of every question, by ``kind:code`` (one query)."""
    latest = {}
    for question in Question.objects.select_related("version__questionnaire").order_by(
        "-version__questionnaire__kind", "-version__number", "order"
    ):
        key = f"{question.version.questionnaire.kind}:{question.code}"
        latest.setdefault(key, question)
    return latest


def summarise(
    rounds: QuerySet[EvaluationRound],
    *,
    providers: list | None = None,
    themes: list | None = None,
    regions: list | None = None,
    periods: list | None = None,
) -> Summary:
    """Sums over ``rounds`` (from ``rounds_in_view``) per provider, per theme and in total,
    and, given the regions and the budget periods (in the order to show them), per region
    and per period: in nine queries whatever the number of rounds and responses, seven when
    the caller passes the providers and themes it has already read, in the order to show
    them. The answers are read twice, not once per breakdown: at 100,000 requests each read
    of them is a few hundred milliseconds."""
    questions = _scale_questions()
    # Rounds with their response counts, as a plain subquery of ids.
    shown = rounds.filter(response_count__gte=min_responses()).values("pk")
    answers = Answer.objects.filter(response__round__in=shown).order_by()
    scale = answers.filter(question__kind=Question.Kind.SCALE, value__isnull=False, dont_know=False)

    if providers is None:
        providers = Provider.objects.order_by("position", "short_name")
    providers = {p.pk: p for p in providers}
    regions = {r.pk: r for r in regions or []}
    periods = list(periods or [])
    facets = Facets(providers, regions, {p.pk: p for p in periods})
    add_facets(rounds, scale, facets, periods)
    total = facets.total

    if themes is None:
        themes = Theme.objects.order_by("position", "pk")
    themes = {t.pk: t for t in themes}
    by_theme = grouped_rows(rounds, scale, themes, "themes")
    by_provider = facets.in_order("provider", providers)
    by_region = facets.in_order("region", regions)
    by_period = facets.in_order("period", facets.periods)

    choice_counts = defaultdict(int)
    for k, c, order, n in (
        answers.filter(choice__isnull=False)
        .values(KIND, CODE, "choice__order")
        .annotate(n=Count("pk"))
        .values_list(KIND, CODE, "choice__order", "n")
    ):
        choice_counts[(f"{k}:{c}", order)] += n
    choice_lines = []
    with_choices = [(key, q) for key, q in questions.items() if q.has_choices]
    labels = defaultdict(dict)
    for choice in Choice.objects.filter(question__in=[q for _, q in with_choices]):
        labels[choice.question_id][choice.order] = choice.text
    for key, question in with_choices:
        orders = labels[question.pk]
        choice_lines.append(
            (key, question, [(orders[o], choice_counts[(key, o)]) for o in sorted(orders)])
        )
    scales = [(key, q) for key, q in questions.items() if q.kind == Question.Kind.SCALE]
    for row in [total, *by_provider, *by_theme.values(), *by_region, *by_period]:
        row.average_list = [row.average(key) for key, _q in scales]
    return Summary(
        questions=scales,
        total=total,
        by_provider=by_provider,
        by_theme=[by_theme[pk] for pk in themes if pk in by_theme],
        choices=choice_lines,
        by_region=by_region,
        by_period=by_period,
    )


def summary_by_provider_and_theme(
    user, *, programme=None, period=None, region=None, provider=None, theme=None
) -> Summary:
    """The rounds the user may see, filtered, added up per provider and per theme."""
    rounds = rounds_in_view(
        user, programme=programme, period=period, region=region, provider=provider, theme=theme
    )
    return summarise(rounds)


def provider_results(user, provider, filters: dict | None = None):
    """``(rounds, summary)`` for one provider: its opened rounds the user may see (a queryset
    to paginate, newest delivery first) and their sums. ``filters`` as for
    ``summary_by_provider_and_theme`` (the provider among them is replaced)."""
    filters = {**(filters or {}), "provider": provider}
    rounds = rounds_in_view(user, **filters)
    return rounds, summarise(rounds)
