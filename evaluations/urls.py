from django.urls import path

from evaluations import urls_results
from evaluations.views import participate, reports, rounds

app_name = "evaluations"

urlpatterns = [
    # The participant's link: no login (the token is the key).
    path("s/<str:token>/", participate.answer, name="answer"),
    path("runde/<int:pk>/udlevering/", rounds.handout, name="handout"),
    path("runde/<int:pk>/forlaeng/", rounds.extend, name="extend"),
    path("runde/<int:pk>/luk/", rounds.close, name="close"),
    path("runde/<int:pk>/genaabn/", rounds.reopen, name="reopen"),
    path("runde/<int:pk>/nyt-link/", rounds.renew_link, name="renew_link"),
    path("anmodning/<int:pk>/leveringsrapport/", reports.delivery_report, name="delivery_report"),
    *urls_results.urlpatterns,
]
