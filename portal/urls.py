from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import legal, profile, views

# The admin's own name, in the page's language, instead of "Django administration".
admin.site.site_header = _("Expert advice – administration")
admin.site.site_title = _("Expert advice – administration")
admin.site.index_title = _("Maintenance of the portal")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privatliv/", legal.privacy, name="privacy"),
    path("privatliv/mine-data.json", legal.my_data, name="my_data"),
    path("tilgaengelighed/", legal.accessibility, name="accessibility"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/invite/", views.invite_user, name="invite_user"),
    path("profil/", profile.profile, name="profile"),
    path("accounts/", include("allauth.urls")),
    path("providers/", include("providers.urls")),
    path("requests/", include("requests_app.urls")),
    path("invoices/", include("requests_app.invoice_urls")),
    path("notifications/", include("accounts.urls")),
    path("viden/", include("library.urls")),
    path("dialog/", include("dialogue.urls")),
    path("dashboard/", include("dashboards.urls")),
    path("evaluering/", include("evaluations.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.errors.error_500"

# No route serves MEDIA_ROOT, not even with DEBUG on: everything there (dialogue attachments,
# contract and invoice PDFs) is private and goes out only through views that check who asks.
