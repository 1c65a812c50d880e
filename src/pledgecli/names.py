"""Matching what people type: Vietnamese names with or without diacritics, any case."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fold(text: str) -> str:
    """``"Đắk Lắk"``, ``"dak lak"``, ``"DAK-LAK"`` all fold to ``"dak-lak"``."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").casefold()
    return _NON_ALNUM.sub("-", stripped).strip("-")


def is_slug(text: str) -> bool:
    return bool(SLUG.match(text))


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to ``word`` (compared folded), if any is close enough."""
    pool = list(candidates)
    folded = {fold(c): c for c in pool}
    exact = folded.get(fold(word))
    if exact is not None:
        return exact
    matches = difflib.get_close_matches(fold(word), list(folded), n=1, cutoff=cutoff)
    return folded[matches[0]] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    match = closest(word, candidates)
    from pledgecli.i18n import _

    if match is None or match == word:
        return None
    return _('did you mean "{match}"?').format(match=match)
