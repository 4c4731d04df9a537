from django.urls import path

from register.views import workspace

app_name = "register"

urlpatterns = [
    path("workspace/", workspace.dashboard, name="dashboard"),
    path("workspace/organisation/", workspace.switch_organisation, name="switch_organisation"),
    path("workspace/systems/new/", workspace.system_create, name="system_create"),
    path("workspace/systems/<str:public_id>/", workspace.system_detail, name="system"),
    path("workspace/systems/<str:public_id>/preview/", workspace.preview, name="preview"),
    path("workspace/systems/<str:public_id>/history/", workspace.history, name="history"),
    path(
        "workspace/systems/<str:public_id>/versions/<int:number>/record.json",
        workspace.version_record,
        name="version_record",
    ),
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
        "workspace/systems/<str:public_id>/<slug:action>/",
        workspace.workflow_action,
        name="workflow",
    ),
]
