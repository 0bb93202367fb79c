from dashboards import urls_lists, urls_overview

app_name = "dashboards"

urlpatterns = [*urls_overview.urlpatterns, *urls_lists.urlpatterns]
