"""Matching what people type: Vietnamese names with or without diacritics, any case."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pledgecli.diagnostics import Problem

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


def slug_problem(text: str, what: str) -> Problem | None:
    """Why ``text`` is not an id (a lowercase kebab-case slug), with the id to use."""
    if is_slug(text):
        return None
    from pledgecli.i18n import _

    return Problem(
        _('{what} "{text}" is not a lowercase kebab-case id').format(what=what, text=text),
        hint=_('use "{id}"').format(id=fold(text)),
    )


class Candidates:
    """The words a did-you-mean search picks from, folded once: one registry searched for
    every unknown name of a file (3,321 unknown communes against 3,321 units)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._by_folded = {fold(word): word for word in words}
        self._folded = list(self._by_folded)

    def closest(self, word: str, cutoff: float = 0.6) -> str | None:
        """The word closest to ``word`` (compared folded), if any is close enough.

        Close is rapidfuzz's ``ratio`` (twice the longest common subsequence over both
        lengths), compiled: every unknown name gets its search, where difflib's
        ``SequenceMatcher`` took 0.2 s a search of 3,321 units. Of equally close words
        the greatest wins, as with difflib's ``get_close_matches``."""
        key = fold(word)
        exact = self._by_folded.get(key)
        if exact is not None or not self._folded:
            return exact  # nothing to search: rapidfuzz is not even imported
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Indel

        # rapidfuzz's cutoffs are floats that it rounds to whole edits, hence a margin of
        # one point, and the cutoff checked on the exact ratio (Indel's similarity is twice
        # the common subsequence). Equal ratios are equal scores: the ties are exact.
        margin, first = 1, 8
        near = process.extract(
            key, self._folded, scorer=fuzz.ratio, score_cutoff=cutoff * 100 - margin, limit=first
        )
        if not near:
            return None
        found, score, _index = near[0]
        if Indel.similarity(key, found) / (len(key) + len(found)) < cutoff:
            return None
        if near[-1][1] == score and len(near) == first:  # more may tie: ask for them all
            near = process.extract(
                key, self._folded, scorer=fuzz.ratio, score_cutoff=score - margin, limit=None
            )
        return self._by_folded[max(match for match, other, _index in near if other == score)]


def closest(word: str, candidates: Iterable[str] | Candidates, cutoff: float = 0.6) -> str | None:
    """The candidate closest to ``word`` (compared folded), if any is close enough."""
    pool = candidates if isinstance(candidates, Candidates) else Candidates(candidates)
    return pool.closest(word, cutoff)


def did_you_mean(word: str, candidates: Iterable[str] | Candidates) -> str | None:
    match = closest(word, candidates)
    from pledgecli.i18n import _

    if match is None or match == word:
        return None
    return _('did you mean "{match}"?').format(match=match)
