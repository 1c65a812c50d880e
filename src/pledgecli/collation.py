"""Vietnamese alphabetical order: the sort key of every list sorted by name, in both languages.

The Vietnamese alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
(f, j, w, z of foreign names take their Latin places). Letters decide first, over the
whole name; only names with the same letters are told apart by their tones, in the
dictionary order: none, huyền (à), hỏi (ả), ngã (ã), sắc (á), nặng (ạ); then lowercase
before uppercase. So "Cao Bằng" < "Cần Thơ" (a < â) and "Bình Dương" < "Bình Định"
(d < đ), where sorting without diacritics would put them the other way round.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Marks that make a letter of its own (ă â ê ô ơ ư) against the tone marks.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, huyền, hỏi, ngã, sắc, nặng
_TONE_RANK = {mark: rank for rank, mark in enumerate(TONES)}

# Primary weights: separators first, then digits, then letters, then anything else.
_SEPARATOR, _DIGIT, _LETTER, _OTHER = 0, 1, 2, 3

Key = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]


def _clusters(text: str) -> list[tuple[str, str]]:
    """(base character, its combining marks) of ``text`` decomposed."""
    out: list[tuple[str, str]] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and out:
            base, marks = out[-1]
            out[-1] = (base, marks + char)
        else:
            out.append((char, ""))
    return out


@lru_cache(maxsize=4096)
def vietnamese_key(text: str) -> Key:
    """The sort key of ``text`` in Vietnamese alphabetical order (see the module's doc)."""
    keys = [_cluster_key(base, marks) for base, marks in _clusters(text)]
    return (
        tuple([key[0] for key in keys]),
        tuple([key[1] for key in keys]),
        tuple([key[2] for key in keys]),
        text,
    )


@lru_cache(maxsize=4096)  # names share their letters: a few hundred distinct ones
def _cluster_key(base: str, marks: str) -> tuple[tuple[int, int], int, int]:
    """One character's part of the key: its primary weight, its tone, its case."""
    lower = base.lower()
    letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
    letter = unicodedata.normalize("NFC", lower + letter_marks)
    tone = next((_TONE_RANK[m] for m in marks if m in _TONE_RANK and m), 0)
    others = [m for m in marks if m not in _LETTER_MARKS and m not in _TONE_RANK]
    if letter in _LETTER_RANK:
        primary = (_LETTER, _LETTER_RANK[letter])
    elif lower in _LETTER_RANK:  # a mark Vietnamese does not use on this letter
        primary = (_LETTER, _LETTER_RANK[lower])
        tone = tone or len(TONES)
    elif base.isdigit():
        primary = (_DIGIT, int(unicodedata.digit(base, 0)))
    elif base.isspace() or base in "-_.,;:/'\"()":
        primary = (_SEPARATOR, ord(base))
    else:
        primary = (_OTHER, ord(lower))
    if others:
        tone = tone or len(TONES)
    return primary, tone, 0 if base == lower else 1


def sorted_by_name(items: list[str]) -> list[str]:
    """``items`` (names) in Vietnamese alphabetical order."""
    return sorted(items, key=vietnamese_key)
