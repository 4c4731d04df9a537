from django.urls import path

from register import converters  # noqa: F401 — registers <public_id:…>
from register.views import dashboard, parts, record, sections, translations, workflow

app_name = "register"

# The agency workspace, one view module per page group (register/views/).

urlpatterns = [
    path("workspace/", dashboard.dashboard, name="dashboard"),
    path("workspace/organisation/", dashboard.switch_organisation, name="switch_organisation"),
    path("workspace/systems/new/", record.system_create, name="system_create"),
    path("workspace/systems/<public_id:public_id>/", record.system_detail, name="system"),
    path("workspace/systems/<public_id:public_id>/preview/", record.preview, name="preview"),
    path("workspace/systems/<public_id:public_id>/history/", record.history, name="history"),
    path(
        "workspace/systems/<public_id:public_id>/versions/<int:number>/record.json",
        record.version_record,
        name="version_record",
    ),
    path(
        "workspace/systems/<public_id:public_id>/sections/<slug:section>/",
        sections.section_edit,
        name="section",
    ),
    path(
        "workspace/systems/<public_id:public_id>/translations/",
        translations.translate,
        name="translate",
    ),
    path(
        "workspace/systems/<public_id:public_id>/items/<slug:part>/new/",
        parts.part_edit,
        name="part_add",
    ),
    path(
        "workspace/systems/<public_id:public_id>/items/<slug:part>/<int:pk>/",
        parts.part_edit,
        name="part_edit",
    ),
    path(
        "workspace/systems/<public_id:public_id>/items/<slug:part>/<int:pk>/remove/",
        parts.part_delete,
        name="part_delete",
    ),
    path(
        "workspace/systems/<public_id:public_id>/<slug:action>/",
        workflow.workflow_action,
        name="workflow",
    ),
]
