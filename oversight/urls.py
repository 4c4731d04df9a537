"""The regulator's workspace: its own pages under ``oversight/`` and the requests on a record
under the workspace's record paths."""

from django.urls import path

from oversight.views import overview, reports, requests
from register import converters  # noqa: F401 — registers <public_id:…>

app_name = "oversight"

urlpatterns = [
    # --- The overview, the list of a selection and its exports (views/overview.py)
    path("oversight/", overview.overview, name="overview"),
    path("oversight/systems/", overview.systems, name="systems"),
    path("oversight/<slug:name>.<slug:format>", overview.export, name="export"),
    # --- Audit reports and their verification (views/reports.py)
    path(
        "oversight/systems/<public_id:public_id>/report.pdf",
        reports.report_pdf,
        name="system_report",
    ),
    path("oversight/verify/", reports.verify_page, name="verify"),
    path("oversight/reports/", reports.collection_reports, name="collection_reports"),
    path("oversight/reports/<int:pk>/", reports.collection_report, name="collection_report"),
    path(
        "oversight/reports/<int:pk>/report.pdf",
        reports.collection_report_pdf,
        name="collection_report_pdf",
    ),
    # --- Requests on a record (views/requests.py)
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
