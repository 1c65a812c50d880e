"""Looking up what users type: a province by its id, name or alias, and suggestions."""

from __future__ import annotations

from collections.abc import Mapping

from pledgecli.models import Province
from pledgecli.names import Candidates, did_you_mean, fold


def resolve_province(
    text: str, provinces: Mapping[str, Province], labels: Mapping[str, str] | None = None
) -> str | None:
    """Province id from an id, a name or an alias, with or without diacritics, any case.

    Many lookups pass ``labels`` (``province_labels(provinces)``, built once)."""
    if text in provinces:
        return text
    if labels is None:
        labels = province_labels(provinces)
    return labels.get(fold(text))


def province_labels(provinces: Mapping[str, Province]) -> dict[str, str]:
    """Every folded id, name and alias -> its province id: ``resolve_province`` for many
    lookups at once (the first province in registry order wins, as there)."""
    labels: dict[str, str] = {}
    for province_id, province in provinces.items():
        for label in (province_id, province.name, *province.aliases):
            labels.setdefault(fold(label), province_id)
    return labels


def province_candidates(provinces: Mapping[str, Province]) -> Candidates:
    """Every name and id, folded once, to suggest from (a form of many unknown names)."""
    labels = {province.name: province_id for province_id, province in provinces.items()}
    labels.update({province_id: province_id for province_id in provinces})
    return Candidates(labels)


def province_suggestion(
    text: str, provinces: Mapping[str, Province], candidates: Candidates | None = None
) -> str | None:
    """``did you mean "<name or id>"?`` for an unknown province, or ``None``."""
    if candidates is None:
        candidates = province_candidates(provinces)
    return did_you_mean(text, candidates)
