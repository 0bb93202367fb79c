"""The dialogue's messages expire with their request's free text
(requests_app.services.retention): bodies become the marker; who wrote and when stays, and so
do attachments (the written material a contract may rest on is kept with the contract)."""

from dialogue.models import Message
from requests_app.services.retention import ANONYMISED


def scrub_free_text(sender, request_pks, **kwargs):
    Message.objects.filter(request__in=request_pks).exclude(body=ANONYMISED).update(body=ANONYMISED)
