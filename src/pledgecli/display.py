"""How figures read to a person: thousands separators, percentages to the digit that decides."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

from pledgecli.evaluate import Result, Status
from pledgecli.i18n import N_, _
from pledgecli.models import Rule, Target, Threshold

MAX_DIGITS = 10


@dataclass(frozen=True)
class Style:
    """Separators and words of one language; English by default."""

    thousands: str = ","
    decimal: str = "."
    yes: str = N_("yes")
    no: str = N_("no")


ENGLISH = Style()


def to_decimal(value: Fraction, digits: int) -> Decimal:
    with localcontext() as context:
        context.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)


def decisive_digits(value: Fraction, threshold: Fraction | None, least: int = 0) -> int:
    """Fewest decimals (at least ``least``) at which ``value`` still reads on the right side
    of ``threshold``: 59.999% that missed 60% is never shown as 60%."""
    digits = least if value.denominator != 1 or least else 0
    while digits < MAX_DIGITS:
        shown = Fraction(to_decimal(value, digits))
        if threshold is None or (
            (shown > threshold) == (value > threshold)
            and (shown < threshold) == (value < threshold)
        ):
            return digits
        digits += 1
    return MAX_DIGITS


def number(value: Fraction, style: Style = ENGLISH, digits: int | None = None) -> str:
    if digits is None:
        digits = 0 if value.denominator == 1 else 2
        while digits < MAX_DIGITS and Fraction(to_decimal(value, digits)) != value and digits < 2:
            digits += 1
    text = f"{to_decimal(value, digits):,.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".") if value.denominator != 1 else text
    return text.replace(",", "\0").replace(".", style.decimal).replace("\0", style.thousands)


def percent(
    value: Fraction, threshold: Fraction | None, style: Style = ENGLISH, *, signed: bool = False
) -> str:
    scaled = value * 100
    least = 1 if scaled.denominator != 1 else 0
    digits = decisive_digits(scaled, threshold * 100 if threshold is not None else None, least)
    text = f"{to_decimal(scaled, digits):,.{digits}f}"
    text = text.replace(",", "\0").replace(".", style.decimal).replace("\0", style.thousands)
    if signed and value > 0:
        text = "+" + text
    return text + "%"


def boolean(value: bool, style: Style = ENGLISH) -> str:
    return _(style.yes) if value else _(style.no)


def value_text(
    target: Target, value: Fraction | bool | None, threshold: Threshold, style: Style = ENGLISH
) -> str:
    """An actual value as a person reads it, in the target's unit."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return boolean(value, style)
    limit = threshold if isinstance(threshold, Fraction) else None
    if target.rule is Rule.GROWTH_AT_LEAST:
        return percent(value, limit, style, signed=True)
    if target.per is not None:
        return percent(value, limit, style)
    return number(value, style)


def threshold_text(
    target: Target, threshold: Threshold, style: Style = ENGLISH, baseline_year: int | None = None
) -> str:
    if isinstance(threshold, bool):
        return "= " + boolean(threshold, style)
    sign = "≤" if target.rule is Rule.AT_MOST else "≥"
    if target.rule is Rule.GROWTH_AT_LEAST:
        text = f"{sign} {percent(threshold, None, style, signed=True)}"
        if baseline_year is None:
            return text
        return _("{threshold} vs {year}").format(threshold=text, year=baseline_year)
    if target.per is not None:
        return f"{sign} {percent(threshold, None, style)}"
    return f"{sign} {number(threshold, style)}"


def gap_text(result: Result, style: Style = ENGLISH) -> str:
    """Signed distance to the threshold: points for percentages, units for counts."""
    gap = result.gap
    if gap is None:
        return ""
    target = result.target
    if target.is_percent:
        points = gap * 100
        digits = decisive_digits(points, Fraction(0), 1 if points.denominator != 1 else 0)
        text = f"{to_decimal(points, digits):,.{digits}f}".replace(",", "\0")
        text = text.replace(".", style.decimal).replace("\0", style.thousands)
        return ("+" if gap > 0 else "") + _("{points} pp").format(points=text)
    return ("+" if gap > 0 else "") + number(gap, style)


_STATUS_WORDS = {
    Status.MET: N_("met"),
    Status.MISSED: N_("missed"),
    Status.NO_DATA: N_("no data"),
    Status.NO_BASELINE: N_("no baseline"),
}


def status_word(status: Status) -> str:
    """What a person reads for a status (JSON and CSV keep the English status values)."""
    return _(_STATUS_WORDS[status])
