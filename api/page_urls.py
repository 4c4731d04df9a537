"""The API's HTML pages, under the language prefix: the data pages for re-users and, in the
workspace, personal API tokens and spreadsheet imports."""

from django.urls import path

from api.bulk import views as bulk

app_name = "data"

urlpatterns: list = [
    # --- Downloads and the data dictionary (api/bulk/)
    path("data/", bulk.downloads_page, name="downloads"),
    path("data/dictionary/", bulk.dictionary_page, name="dictionary"),
    # --- Personal API tokens in the workspace (api/views/tokens.py)
    # --- Spreadsheet imports in the workspace (api/imports/)
]
