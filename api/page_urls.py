"""The API's HTML pages, under the language prefix: the data pages for re-users and, in the
workspace, personal API tokens and spreadsheet imports."""

from django.urls import path

from api.imports import views as imports

app_name = "data"

urlpatterns: list = [
    # --- Downloads and the data dictionary (api/bulk/)
    # --- Personal API tokens in the workspace (api/views/tokens.py)
    # --- Spreadsheet imports in the workspace (api/imports/)
    path("workspace/import/", imports.upload, name="import"),
    path(
        "workspace/import/template.<slug:format>",
        imports.template_download,
        name="import_template",
    ),
    path("workspace/import/<int:pk>/", imports.job, name="import_job"),
]
