"""Figures as pledges and reports write them: exact numbers, percentages, thresholds, points.

No binary floating point: values arrive as tomllib gives them, floats already parsed as
``Decimal``, and leave as ``Fraction``. A value that is not a figure raises ``Problem``
with a hint; pydantic's validators in ``schema.py`` and the plain paths of loading call
these parsers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pledgecli.diagnostics import Problem
from pledgecli.i18n import _

MetricValue = Fraction | bool
Threshold = Fraction | bool

_PERCENT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$")
_NUMBER = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?\s*$")


# No figure has a thousand digits; far below the 4,300 digits Python writes out of an
# integer, so that even a cluster's sum of such figures can still be printed.
MAX_EXPONENT = 1000
LARGEST = 10**MAX_EXPONENT


def as_number(value: object) -> Fraction:
    """An exact number from a TOML int or (Decimal-parsed) float; booleans are not numbers."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise TypeError(value)
    if isinstance(value, Decimal) and not value.is_finite():
        written = "nan" if value.is_nan() else ("inf" if value > 0 else "-inf")
        raise Problem(
            _("{value} is not a number").format(value=written), hint=_("write a finite number")
        )
    too_large = abs(value) >= LARGEST if isinstance(value, int) else False
    if too_large or (isinstance(value, Decimal) and abs(value.adjusted()) > MAX_EXPONENT):
        # 1e999999999 as a Fraction would take all memory and time: no figure is that large.
        raise Problem(
            _("{value} is too large or too small to be a figure").format(value=value),
            hint=_("write the figure in full, without an exponent"),
        )
    return Fraction(value)


def parse_percent(value: object) -> Fraction | None:
    """``"60%"`` -> ``3/5``; ``None`` when ``value`` is not a percentage string."""
    if not isinstance(value, str):
        return None
    match = _PERCENT.match(value)
    return Fraction(Decimal(match.group(1))) / 100 if match else None


def describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def percent_hint(value: object) -> str:
    text = str(value).strip().rstrip("%").replace(",", ".")
    return _('write it as a percentage: "{text}%"').format(text=text)


def parse_threshold(
    value: object, key: tuple[str | int, ...], *, must_be: bool, growth: bool, per: bool
) -> Threshold:
    """The threshold of a target: true or false for ``must_be``; a percentage for a growth
    rule or a ratio (a target with ``per``); otherwise a count, never negative."""
    if must_be:
        if not isinstance(value, bool):
            raise Problem(
                _("must_be takes true or false, not {value}").format(value=describe(value)),
                key=key,
            )
        return value
    if per or growth:
        percent = parse_percent(value)
        if percent is None:
            what = _("a growth rule") if growth else _("a ratio (per)")
            raise Problem(
                _("the threshold of {what} must be a percentage, not {value}").format(
                    what=what, value=describe(value)
                ),
                key=key,
                hint=percent_hint(value),
            )
        if not growth and percent < 0:
            raise Problem(
                _("a ratio threshold cannot be negative ({value})").format(value=value), key=key
            )
        return percent
    if isinstance(value, str):
        if parse_percent(value) is not None:
            raise Problem(
                _("{value} is a percentage, but the target has no per (denominator)").format(
                    value=value
                ),
                key=key,
                hint=_('add per = "<metric to divide by>", or write a count'),
            )
        hint = _("write the number without quotes") if _NUMBER.match(value) else None
        raise Problem(
            _("the threshold must be a number, not {value}").format(value=describe(value)),
            key=key,
            hint=hint,
        )
    try:
        number = as_number(value)
    except TypeError:
        raise Problem(
            _("the threshold must be a number, not {value}").format(value=describe(value)),
            key=key,
        ) from None
    except Problem as problem:  # nan, inf, 1e5000: said at the threshold's own line
        raise Problem(problem.message, key=key, hint=problem.hint) from None
    if number < 0:
        raise Problem(
            _("a count threshold cannot be negative ({value})").format(value=value), key=key
        )
    return number


def parse_points(value: object) -> Fraction:
    """A number of points: a TOML number, never negative."""
    if isinstance(value, str):
        raise Problem(
            _("points must be a number, not {value}").format(value=describe(value)),
            hint=_("write the number without quotes") if _NUMBER.match(value) else None,
        )
    try:
        number = as_number(value)
    except TypeError:
        raise Problem(
            _("points must be a number, not {value}").format(value=describe(value))
        ) from None
    if number < 0:
        raise Problem(_("points cannot be negative ({value})").format(value=value))
    return number


def parse_metric_value(value: object) -> MetricValue:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        hint = None
        if _NUMBER.match(value.replace(".", "")):
            digits = value.replace(".", "").replace(",", ".").strip()
            hint = _("write the number without quotes or thousands separators: {digits}").format(
                digits=digits
            )
        elif value.strip().lower() in {"true", "false", "có", "co", "không", "khong"}:
            hint = _("write true or false without quotes")
        raise Problem(
            _("a metric value must be a number or true/false, not {value}").format(
                value=describe(value)
            ),
            hint=hint,
        )
    try:
        number = as_number(value)
    except TypeError:
        raise Problem(
            _("a metric value must be a number or true/false, not {value}").format(
                value=type(value).__name__
            )
        ) from None
    if number < 0:
        raise Problem(_("a count cannot be negative ({value})").format(value=value))
    return number


def whole_at_least(least: int, key: str) -> Callable[[object], int]:
    """A validator of ``key``: a whole number of at least ``least``."""

    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise Problem(
                _("{key} must be a whole number of at least {least}, not {value}").format(
                    key=key, least=least, value=describe(value)
                )
            )
        return value

    return check


@dataclass(frozen=True)
class Quota:
    """How many may be proposed for an award: a number, or a share of the signatories
    (rounded down: a quota is a ceiling)."""

    count: int | None = None
    share: Fraction | None = None

    def seats(self, signatories: int) -> int:
        if self.share is not None:
            return int(self.share * signatories)  # floor: both are non-negative
        return self.count or 0


def parse_quota(value: object) -> Quota:
    if isinstance(value, Quota):
        return value
    if isinstance(value, str):
        share = parse_percent(value)
        if share is None or share < 0 or share > 1:
            raise Problem(
                _("a quota is a number or a share of the signatories, not {value}").format(
                    value=describe(value)
                ),
                hint=_('write 2, or "20%"'),
            )
        return Quota(share=share)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Quota(count=value)
    raise Problem(
        _("a quota is a number or a share of the signatories, not {value}").format(
            value=describe(value)
        ),
        hint=_('write 2, or "20%"'),
    )
