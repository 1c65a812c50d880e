"""The Vietnamese sort key is made from each character's part, found once per character
(national data: 3,321 names of the same few letters); the key is the one the whole
computation gives, on every tone, letter mark, case, digit, separator and foreign mark."""

from __future__ import annotations

import unicodedata

import pytest

from pledgecli.collation import (
    _DIGIT,
    _LETTER,
    _LETTER_MARKS,
    _LETTER_RANK,
    _OTHER,
    _SEPARATOR,
    _TONE_RANK,
    TONES,
    Key,
    _clusters,
    sorted_by_name,
    vietnamese_key,
)


def whole_key(text: str) -> Key:
    """The key computed character by character, nothing remembered (the former code)."""
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for base, marks in _clusters(text):
        lower = base.lower()
        letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
        letter = unicodedata.normalize("NFC", lower + letter_marks)
        tone = next((_TONE_RANK[m] for m in marks if m in _TONE_RANK and m), 0)
        others = [m for m in marks if m not in _LETTER_MARKS and m not in _TONE_RANK]
        if letter in _LETTER_RANK:
            primary.append((_LETTER, _LETTER_RANK[letter]))
        elif lower in _LETTER_RANK:
            primary.append((_LETTER, _LETTER_RANK[lower]))
            tone = tone or len(TONES)
        elif base.isdigit():
            primary.append((_DIGIT, int(unicodedata.digit(base, 0))))
        elif base.isspace() or base in "-_.,;:/'\"()":
            primary.append((_SEPARATOR, ord(base)))
        else:
            primary.append((_OTHER, ord(lower)))
        if others:
            tone = tone or len(TONES)
        tones.append(tone)
        cases.append(0 if base == lower else 1)
    return (tuple(primary), tuple(tones), tuple(cases), text)


NAMES = [
    "",
    "Cần Thơ",
    "CẦN THƠ",
    "Cao Bằng",
    "Bình Dương",
    "Bình Định",
    "Bà Rịa – Vũng Tàu",
    "Xã Thử Nghiệm 00001",
    "Đắk Lắk",
    "Thừa Thiên Huế",
    "Hòa Bình",
    "Hoà Bình",  # the tone on the other vowel
    "Quảng Ngãi (cũ)",
    "Phường 12, Quận 3",
    "Zürich",  # a mark Vietnamese does not use on this letter
    "ñandú",
    "٣ Arabic-Indic digit",
    "tab\there",
    "Ỷ Lan",
    "a\u0306\u0301",  # decomposed ắ
]


@pytest.mark.parametrize("name", NAMES)
def test_the_key_is_the_whole_computation(name: str) -> None:
    assert vietnamese_key(name) == whole_key(name)
    assert vietnamese_key(name) == whole_key(name)  # and again, from what is remembered


def test_the_order_is_unchanged() -> None:
    assert sorted_by_name(list(NAMES)) == sorted(NAMES, key=whole_key)
