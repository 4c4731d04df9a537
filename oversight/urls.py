"""The regulators' tools, under ``/<lang>/oversight/``."""

from django.urls import path

from oversight import views
from register import converters  # noqa: F401 — registers <public_id:…>

app_name = "oversight"

urlpatterns = [
    path("systems/<public_id:public_id>/report.pdf", views.report_pdf, name="system_report"),
    path("verify/", views.verify_page, name="verify"),
]
