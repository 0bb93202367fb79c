from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self):
        from evaluations.selectors.panel import evaluation_panel
        from evaluations.services.rounds import rounds_open_at_delivery
        from requests_app.panels import register_request_panel
        from requests_app.services.contracts import delivery_attested

        # Inside the delivery's transaction: the rounds commit with the delivery.
        delivery_attested.connect(
            rounds_open_at_delivery, dispatch_uid="evaluations.rounds_open_at_delivery"
        )
        register_request_panel("evaluations", evaluation_panel)
        # Evaluation answers' free text expires with its request's (the privacy page).
        from evaluations import retention
        from requests_app.services.retention import free_text_expired

        free_text_expired.connect(retention.scrub_free_text, dispatch_uid="evaluations.retention")
