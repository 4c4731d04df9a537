"""The compliance pages of the agency workspace, under the same ``workspace/`` paths as the
record's own pages (``register.urls``)."""

from django.urls import path

from compliance import views
from register import converters  # noqa: F401 — registers <public_id:…>

app_name = "compliance"

urlpatterns = [
    path("workspace/findings/", views.organisation_findings_page, name="organisation_findings"),
    path(
        "workspace/systems/<public_id:public_id>/classification/",
        views.classification,
        name="classification",
    ),
    path(
        "workspace/systems/<public_id:public_id>/classification/<slug:step>/",
        views.classification_step,
        name="classification_step",
    ),
    path(
        "workspace/systems/<public_id:public_id>/findings/",
        views.system_findings_page,
        name="findings",
    ),
    path(
        "workspace/systems/<public_id:public_id>/findings/<int:finding_id>/waive/",
        views.waive,
        name="waive",
    ),
]
