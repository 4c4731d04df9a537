"""The regulator's workspace, under ``oversight/``."""

from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("oversight/", views.overview, name="overview"),
    path("oversight/systems/", views.systems, name="systems"),
    path("oversight/<slug:name>.<slug:format>", views.export, name="export"),
]
