"""The API's machine endpoints under /api/v1/ (no language prefix: the language of texts and
errors follows ``Accept-Language``). Its HTML pages (documentation, downloads, the data
dictionary, tokens and imports in the workspace) are in ``api/page_urls.py``."""

from django.urls import path

from api.bulk import views as bulk

app_name = "api"

urlpatterns: list = [
    # --- Public read endpoints, the schema and its documentation (api/views/public.py, ...)
    # --- Agencies' drafts with personal tokens (api/views/drafts.py)
    # --- Bulk downloads and the data dictionary (api/bulk/)
    path("downloads/register.<slug:format>", bulk.download, name="download"),
    path("downloads/history.csv", bulk.history, name="history"),
    path("downloads/<slug:part>.csv", bulk.download_part, name="download_part"),
    path("dictionary.json", bulk.dictionary, name="dictionary"),
    # --- Crosswalk exports to other registers' formats (api/crosswalk/)
]
