"""The API's HTML pages, under the language prefix: the data pages for re-users and, in the
workspace, personal API tokens and spreadsheet imports."""

from django.urls import path

from api.bulk import views as bulk
from api.imports import views as imports
from api.views import docs, tokens

app_name = "data"

urlpatterns = [
    # --- The API's documentation (api/views/docs.py)
    path("api-docs/", docs.docs_page, name="api_docs"),
    # --- Downloads and the data dictionary (api/bulk/)
    path("data/", bulk.downloads_page, name="downloads"),
    path("data/dictionary/", bulk.dictionary_page, name="dictionary"),
    # --- Personal API tokens in the workspace (api/views/tokens.py)
    path("workspace/tokens/", tokens.tokens, name="tokens"),
    path("workspace/tokens/<int:pk>/revoke/", tokens.token_revoke_view, name="token_revoke"),
    # --- Spreadsheet imports in the workspace (api/imports/)
    path("workspace/import/", imports.upload, name="import"),
    path(
        "workspace/import/template.<slug:format>",
        imports.template_download,
        name="import_template",
    ),
    path("workspace/import/<int:pk>/", imports.job, name="import_job"),
]
