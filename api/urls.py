"""The API's machine endpoints under /api/v1/ (no language prefix: the language of texts and
errors follows ``Accept-Language``). Its HTML pages (documentation, downloads, the data
dictionary, tokens and imports in the workspace) are in ``api/page_urls.py``."""

from django.urls import path

from api.bulk import views as bulk
from api.crosswalk import views as crosswalk
from api.views import classify, docs, drafts, public
from register import converters  # noqa: F401 — registers <public_id:…>

app_name = "api"

urlpatterns = [
    # --- Public read endpoints, the schema and its documentation (api/views/public.py, ...)
    path("", public.IndexView.as_view(), name="index"),
    path("systems", public.SystemsView.as_view(), name="systems"),
    path("systems/<public_id:public_id>", public.SystemView.as_view(), name="system"),
    path("systems/<public_id:public_id>/versions", public.VersionsView.as_view(), name="versions"),
    path(
        "systems/<public_id:public_id>/versions/<int:number>",
        public.VersionView.as_view(),
        name="version",
    ),
    path("systems/<public_id:public_id>/diff", public.DiffView.as_view(), name="diff"),
    path("organisations", public.OrganisationsView.as_view(), name="organisations"),
    path("organisations/<slug:code>", public.OrganisationView.as_view(), name="organisation"),
    path("statistics", public.StatisticsView.as_view(), name="statistics"),
    path("rules", public.RulesView.as_view(), name="rules"),
    path("rules/<str:rule_id>", public.RuleView.as_view(), name="rule"),
    path("card-schema", public.CardSchemaView.as_view(), name="card_schema"),
    path("classify", classify.ClassifyView.as_view(), name="classify"),
    path("schema", docs.SchemaView.as_view(), name="schema"),
    path("docs", docs.docs, name="docs"),
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
    path("downloads/register.<slug:format>", bulk.download, name="download"),
    path("downloads/history.csv", bulk.history, name="history"),
    path("downloads/<slug:part>.csv", bulk.download_part, name="download_part"),
    path("dictionary.json", bulk.dictionary, name="dictionary"),
    # --- Crosswalk exports to other registers' formats (api/crosswalk/)
    path(
        "systems/<public_id:public_id>/export/<slug:format>",
        crosswalk.SystemExport.as_view(),
        name="system_export",
    ),
    path("exports/<slug:format>", crosswalk.RegisterExport.as_view(), name="register_export"),
]
