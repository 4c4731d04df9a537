"""The regulator's workspace, under ``oversight/``."""

from django.urls import path

from oversight import requests, views
from register import converters  # noqa: F401 — registers <public_id:…>

app_name = "oversight"

urlpatterns = [
    path("oversight/", views.overview, name="overview"),
    path("oversight/systems/", views.systems, name="systems"),
    path("oversight/<slug:name>.<slug:format>", views.export, name="export"),
    # --- Requests on a record (oversight/requests.py)
    path(
        "workspace/systems/<public_id:public_id>/requests/",
        requests.requests_page,
        name="requests",
    ),
    path(
        "workspace/systems/<public_id:public_id>/requests/<int:pk>/answer/",
        requests.answer,
        name="request_answer",
    ),
    path(
        "workspace/systems/<public_id:public_id>/requests/<int:pk>/close/",
        requests.close,
        name="request_close",
    ),
]
