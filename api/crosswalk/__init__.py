"""Exports of a published version to other registers' formats (the "crosswalk").

``FORMATS`` is the one list of formats: the routes, the views, the README's tables and the
tests all read it. Each format is a module with one declared mapping table (``TABLE``, see
``api.crosswalk.mapping``) and a pure function ``export(record, *, language, public, meta)``
of the version's full frozen record.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any, Final

from django.utils.functional import Promise

from api.crosswalk import eu_annex_viii, nl_algoritmeregister, uk_atrs, us_inventory

JSON: Final = "application/json"
CSV: Final = "text/csv"


@dataclass(frozen=True)
class Format:
    """A format: its slug in the URL, the module that maps it, its title, and the media types
    it is served as (the first is the default; CSV where the other register publishes CSV)."""

    slug: str
    module: ModuleType
    media_types: tuple[str, ...] = (JSON,)

    @property
    def title(self) -> Promise:
        return self.module.TITLE

    @property
    def table(self) -> tuple[Any, ...]:
        return self.module.TABLE

    def export(self, record: Any, **kwargs: Any) -> dict[str, Any]:
        return self.module.export(record, **kwargs)


FORMATS: Final[dict[str, Format]] = {
    fmt.slug: fmt
    for fmt in (
        Format(uk_atrs.SLUG, uk_atrs),
        Format(nl_algoritmeregister.SLUG, nl_algoritmeregister),
        Format(eu_annex_viii.SLUG, eu_annex_viii),
        Format(us_inventory.SLUG, us_inventory, media_types=(JSON, CSV)),
    )
}
