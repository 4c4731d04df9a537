"""The transparency card of a record, its version history, a version as it was published and
the comparison of two versions: public pages, read from the frozen versions only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import cards
from portal.cache import public_page
from portal.card_forms import CompareForm
from portal.diff import diff_cards, reduced_view
from portal.feedback.selectors import card_feedback
from register.cards import is_reduced


@public_page
def card(request: HttpRequest, public_id: str) -> HttpResponse:
    record = cards.public_record(public_id)
    return render(
        request,
        "portal/card.html",
        {
            "record": record,
            "card": record.version.snapshot,
            "card_meta": cards.card_meta(record, record.version),
            "similar": cards.similar_systems(record),
            "feedback": card_feedback(record.system_id),
        },
    )


@public_page
def versions(request: HttpRequest, public_id: str) -> HttpResponse:
    record = cards.public_record(public_id)
    all_versions = cards.versions_of(record)
    return render(
        request,
        "portal/versions.html",
        {
            "record": record,
            "card": record.version.snapshot,
            "history": cards.history(all_versions),
            "form": CompareForm({}, versions=all_versions),
        },
    )


@public_page
def version(request: HttpRequest, public_id: str, number: int) -> HttpResponse:
    record = cards.public_record(public_id)
    shown = cards.version_of(record, number)
    card = shown.snapshot
    # Once the record is restricted or withheld, its earlier versions show no more than the
    # current card does.
    if is_reduced(record.version.snapshot.get("withholding")):
        card = reduced_view(card, record.version.snapshot)
    return render(
        request,
        "portal/version.html",
        {
            "record": record,
            "version": shown,
            "current": record.version,
            "card": card,
            "card_meta": cards.card_meta(record, shown),
        },
    )


@public_page
def compare(request: HttpRequest, public_id: str) -> HttpResponse:
    record = cards.public_record(public_id)
    all_versions = cards.versions_of(record)
    form = CompareForm(request.GET, versions=all_versions)
    context = {"record": record, "card": record.version.snapshot, "form": form}
    if not form.is_valid():
        return render(request, "portal/compare.html", context, status=400)
    by_number = {v.number: v for v in all_versions}
    before, after = by_number[form.cleaned_data["from"]], by_number[form.cleaned_data["to"]]
    context.update(
        before=before,
        after=after,
        changes=diff_cards(before.snapshot, after.snapshot) if before != after else None,
    )
    return render(request, "portal/compare.html", context)
