from django.urls import path

from compliance import views as compliance_views
from register.views import workspace

app_name = "register"

urlpatterns = [
    path("workspace/", workspace.dashboard, name="dashboard"),
    path("workspace/organisation/", workspace.switch_organisation, name="switch_organisation"),
    path("workspace/systems/new/", workspace.system_create, name="system_create"),
    path(
        "workspace/findings/",
        compliance_views.organisation_findings_page,
        name="organisation_findings",
    ),
    path("workspace/systems/<str:public_id>/", workspace.system_detail, name="system"),
    path("workspace/systems/<str:public_id>/preview/", workspace.preview, name="preview"),
    path("workspace/systems/<str:public_id>/history/", workspace.history, name="history"),
    path(
        "workspace/systems/<str:public_id>/sections/<slug:section>/",
        workspace.section_edit,
        name="section",
    ),
    path(
        "workspace/systems/<str:public_id>/items/<slug:part>/new/",
        workspace.part_edit,
        name="part_add",
    ),
    path(
        "workspace/systems/<str:public_id>/items/<slug:part>/<int:pk>/",
        workspace.part_edit,
        name="part_edit",
    ),
    path(
        "workspace/systems/<str:public_id>/items/<slug:part>/<int:pk>/remove/",
        workspace.part_delete,
        name="part_delete",
    ),
    path(
        "workspace/systems/<str:public_id>/classification/",
        compliance_views.classification,
        name="classification",
    ),
    path(
        "workspace/systems/<str:public_id>/classification/<slug:step>/",
        compliance_views.classification_step,
        name="classification_step",
    ),
    path(
        "workspace/systems/<str:public_id>/findings/",
        compliance_views.system_findings_page,
        name="findings",
    ),
    path(
        "workspace/systems/<str:public_id>/findings/<int:finding_id>/waive/",
        compliance_views.waive,
        name="waive",
    ),
    path(
        "workspace/systems/<str:public_id>/<slug:action>/",
        workspace.workflow_action,
        name="workflow",
    ),
]
