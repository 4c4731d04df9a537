"""The API's HTML pages, under the language prefix: the data pages for re-users and, in the
workspace, personal API tokens and spreadsheet imports."""

from django.urls import path

from api.views import tokens

app_name = "data"

urlpatterns: list = [
    # --- Downloads and the data dictionary (api/bulk/)
    # --- Personal API tokens in the workspace (api/views/tokens.py)
    path("workspace/tokens/", tokens.tokens, name="tokens"),
    path("workspace/tokens/<int:pk>/revoke/", tokens.token_revoke_view, name="token_revoke"),
    # --- Spreadsheet imports in the workspace (api/imports/)
]
