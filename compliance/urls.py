"""The compliance pages of the agency workspace, under the same ``workspace/`` paths as the
record's own pages (``register.urls``)."""

from django.urls import path

from compliance import views

app_name = "compliance"

urlpatterns = [
    path("workspace/findings/", views.organisation_findings_page, name="organisation_findings"),
    path(
        "workspace/systems/<str:public_id>/classification/",
        views.classification,
        name="classification",
    ),
    path(
        "workspace/systems/<str:public_id>/classification/<slug:step>/",
        views.classification_step,
        name="classification_step",
    ),
    path(
        "workspace/systems/<str:public_id>/findings/",
        views.system_findings_page,
        name="findings",
    ),
    path(
        "workspace/systems/<str:public_id>/findings/<int:finding_id>/waive/",
        views.waive,
        name="waive",
    ),
]
