"""The evaluation section of the request page (registered in ``evaluations.apps``).

Everyone who may see the request sees its rounds, their state and response counts; the
local parties also get the participant link, the hand-out page, the buttons to extend or close
collection and their own summary (from the threshold on); provider staff on the request write
the delivery report, which all who see the request can read. A fixed number of queries.
"""

from django.conf import settings
from django.urls import reverse

from evaluations import permissions, tokens, windows
from evaluations.models import DeliveryReport, EvaluationRound
from evaluations.selectors.rounds import rounds_of_request
from evaluations.selectors.summary import summaries


def participant_path(round) -> str | None:
    token = tokens.token_for(round)
    return reverse("evaluations:answer", args=[token]) if token else None


BADGES = {
    EvaluationRound.State.OPEN: "text-bg-success",
    EvaluationRound.State.CLOSED_EMPTY: "text-bg-warning",
}
COLLECTING = {EvaluationRound.State.SCHEDULED, EvaluationRound.State.OPEN}


def evaluation_panel(user, request) -> dict | None:
    # The request page shows the panel only to who may see the request (requests_app).
    local = permissions.sees_link(user, request)
    if not local and not permissions.sees_rounds(user, request):
        return None
    rounds = rounds_of_request(request)
    writes_report = permissions.writes_delivery_report(user, request)
    report = DeliveryReport.objects.filter(request=request).first()
    if not rounds and not writes_report and report is None:
        return None
    summary = summaries(rounds) if local else {}
    lines = []
    for round in rounds:
        lines.append(
            {
                "round": round,
                "badge": BADGES.get(round.state, "text-bg-secondary"),
                "collecting": round.state in COLLECTING,
                "actions": permissions.available_round_actions(user, round, local=local),
                "path": participant_path(round) if local else None,
                "summary": summary.get(round.pk),
                "last_reopen_day": windows.last_reopen_day(round),
            }
        )
    return {
        "template": "evaluations/_panel.html",
        "rounds": lines,
        "local": local,
        "report": report,
        "writes_report": writes_report,
        "min_responses": settings.EVALUATION_MIN_RESPONSES,
    }
