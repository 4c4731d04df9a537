"""The API's machine endpoints under /api/v1/ (no language prefix: the language of texts and
errors follows ``Accept-Language``). Its HTML pages (documentation, downloads, the data
dictionary, tokens and imports in the workspace) are in ``api/page_urls.py``."""

from django.urls import path

from api.crosswalk import views as crosswalk
from api.views import drafts
from register import converters  # noqa: F401 — registers <public_id:…>

app_name = "api"

urlpatterns: list = [
    # --- Public read endpoints, the schema and its documentation (api/views/public.py, ...)
    # --- Agencies' drafts with personal tokens (api/views/drafts.py)
    path("drafts", drafts.DraftListView.as_view(), name="drafts"),
    path("drafts/<public_id:public_id>", drafts.DraftView.as_view(), name="draft"),
    path(
        "drafts/<public_id:public_id>/items/<slug:part>",
        drafts.DraftItemsView.as_view(),
        name="draft_items",
    ),
    path(
        "drafts/<public_id:public_id>/submit",
        drafts.DraftSubmitView.as_view(),
        name="draft_submit",
    ),
    # --- Bulk downloads and the data dictionary (api/bulk/)
    # --- Crosswalk exports to other registers' formats (api/crosswalk/)
    path(
        "systems/<public_id:public_id>/export/<slug:format>",
        crosswalk.SystemExport.as_view(),
        name="system_export",
    ),
    path("exports/<slug:format>", crosswalk.RegisterExport.as_view(), name="register_export"),
]
