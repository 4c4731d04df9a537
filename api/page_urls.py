"""The API's HTML pages, under the language prefix: the data pages for re-users and, in the
workspace, personal API tokens and spreadsheet imports."""

app_name = "data"

urlpatterns: list = [
    # --- Downloads and the data dictionary (api/bulk/)
    # --- Personal API tokens in the workspace (api/views/tokens.py)
    # --- Spreadsheet imports in the workspace (api/imports/)
]
