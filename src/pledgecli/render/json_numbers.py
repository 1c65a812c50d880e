"""The numbers and scalars of ``--format json`` as the encoder writes them: one C encoder
for the whole output, figures as ints or correctly rounded floats, scores rounded half up
to two decimals, and the text of one value without the encoder (national data writes
hundreds of thousands of them)."""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from fractions import Fraction

from pledgecli.evaluate import Result

JsonValue = int | float | bool | None


def json_number(value: Fraction | bool | None) -> JsonValue:
    if value is None or isinstance(value, bool):
        return value
    numerator, denominator = value.as_integer_ratio()
    if denominator == 1:
        return numerator
    try:
        # int / int is correctly rounded, as float(value) is, without the detour via numbers.
        return numerator / denominator
    except OverflowError:  # beyond any float (1e400 in a report): the nearest integer
        return round(value)


def score_number(value: Fraction | None) -> JsonValue:
    """A score or points as the tables show them: rounded half up to two decimals, so
    that JSON and CSV carry ``66.67``, not ``66.66666666666667``.

    In integers (national data writes 100,000 of them): |n|/d * 100 rounded half up is
    q + (2r >= d) for q, r = divmod(|n| * 100, d); the signed hundredths h then give h // 100
    when whole, else h / 100, int / int correctly rounded as ``json_number`` would."""
    if value is None:
        return None
    numerator, denominator = value.as_integer_ratio()
    if denominator == 1:  # a whole number of points: itself
        return numerator
    whole, rest = divmod(abs(numerator) * 100, denominator)
    if 2 * rest >= denominator:
        whole += 1
    hundredths = whole if numerator >= 0 else -whole
    if not hundredths % 100:
        return hundredths // 100
    try:
        return hundredths / 100
    except OverflowError:  # beyond any float: the nearest integer, as json_number does
        return round(Fraction(hundredths, 100))


def json_gap(result: Result) -> JsonValue:
    """``json_number(result.gap)`` without making the Fraction: int / int is correctly
    rounded whether or not the fraction is reduced, so the float is the same."""
    actual, threshold = result.actual, result.threshold
    if type(actual) is not Fraction or type(threshold) is not Fraction:
        return json_number(result.gap)
    an, ad = actual.as_integer_ratio()
    tn, td = threshold.as_integer_ratio()
    denominator = ad * td
    numerator = an * td - tn * ad
    if not numerator % denominator:
        return numerator // denominator
    try:
        return numerator / denominator
    except OverflowError:
        return json_number(result.gap)


def _make_encode() -> Callable[[object], str]:
    """One C encoder for the whole output (``JSONEncoder.encode`` makes one per call, which
    costs as much as encoding a result)."""
    encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    iterencode = make(
        None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
    return lambda value: "".join(iterencode(value, 0))


encode = _make_encode()

text = json.encoder.encode_basestring  # the encoder's own (C) string writer


def scalar(value: JsonValue | str) -> str:
    """One value as the encoder writes it (``json_number``'s results, text, ids)."""
    kind = type(value)
    if kind is str:
        return text(value)  # type: ignore[arg-type]
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value - value == 0:  # type: ignore[operator]  # finite: as the encoder writes it
            return float.__repr__(value)
        return encode(value)  # infinity and NaN as the encoder spells them
    if value is None:
        return "null"
    return "true" if value else "false"


def number_text(value: Fraction | bool | None) -> str:
    """``scalar(json_number(value))`` in one call."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    numerator, denominator = value.as_integer_ratio()
    if denominator == 1:
        return int.__repr__(numerator)
    return scalar(json_number(value))
