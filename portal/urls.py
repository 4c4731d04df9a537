"""What the public reads, with no account: the home page, search, transparency cards and their
versions, organisations, statistics, feeds, citizen feedback and the disclosure kit; and the
organisation's queue of that feedback in the workspace."""

from django.urls import path

from portal import converters as _portal_converters  # noqa: F401 — <feedback_reference:…>
from portal.views import (
    cards,
    disclosure,
    discovery,
    feedback,
    organisations,
    pages,
    search,
    statistics,
)
from register import converters  # noqa: F401 — registers <public_id:…>

app_name = "portal"

urlpatterns = [
    # Search and the list of every published system.
    path("systems/", search.search, name="search"),
    # A transparency card, its versions and a comparison of two of them.
    path("systems/<public_id:public_id>/", cards.card, name="card"),
    path("systems/<public_id:public_id>/versions/", cards.versions, name="versions"),
    path(
        "systems/<public_id:public_id>/versions/<int:number>/",
        cards.version,
        name="version",
    ),
    path("systems/<public_id:public_id>/compare/", cards.compare, name="compare"),
    # Organisations and statistics.
    path("organisations/", organisations.organisations, name="organisations"),
    path("organisations/<slug:code>/", organisations.organisation, name="organisation"),
    path("statistics/", statistics.statistics, name="statistics"),
    # Feeds and the disclosure kit.
    path("feed/", discovery.register_feed, name="feed"),
    path("feed/class/<slug:risk_class>/", discovery.class_feed, name="class_feed"),
    path("organisations/<slug:code>/feed/", discovery.organisation_feed, name="organisation_feed"),
    path("systems/<public_id:public_id>/notice/", disclosure.notice, name="notice"),
    path("systems/<public_id:public_id>/notice.json", disclosure.notice_json, name="notice_json"),
    path("systems/<public_id:public_id>/poster/", disclosure.poster, name="poster"),
    # Citizen feedback, and the organisation's queue of it.
    path("systems/<public_id:public_id>/feedback/", feedback.feedback, name="feedback"),
    path(
        "feedback/confirm/<feedback_secret:token>/",
        feedback.confirm,
        name="feedback_confirm",
    ),
    path(
        "feedback/<feedback_reference:reference>/<feedback_secret:key>/",
        feedback.status,
        name="feedback_status",
    ),
    path(
        "feedback/<feedback_reference:reference>/<feedback_secret:key>/sent/",
        feedback.sent,
        name="feedback_sent",
    ),
    path("workspace/feedback/", feedback.queue, name="feedback_queue"),
    path(
        "workspace/feedback/<feedback_reference:reference>/",
        feedback.case,
        name="feedback_case",
    ),
    # Pages about the register.
    path("accessibility/", pages.accessibility, name="accessibility"),
]
