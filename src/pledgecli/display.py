"""How figures read to a person, in the current language (Babel's number formats).

Counts keep the digits they were written with; a value compared with a
threshold gets as many decimals as it takes to read on the right side of it:
59.999% that missed 60% is never shown as 60%, 2.344 against 2.345 never as
2.34 ≥ ... Thresholds are shown exactly as pledged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction
from math import gcd

from pledgecli.evaluate import Result, Status
from pledgecli.figures import Threshold
from pledgecli.i18n import N_, _, language
from pledgecli.models import Rule, Target
from pledgecli.safe_text import visible

MAX_DIGITS = 10
VALUE_DIGITS = 2  # decimals of a value that is not exact in fewer (1/3 -> 0.33)


def to_decimal(value: Fraction, digits: int) -> Decimal:
    """``value`` rounded to ``digits`` decimals, half up (away from zero) from the exact
    value: 2.675 -> 2.68, 2.665 -> 2.67, 0.125 -> 0.13, 2.6749 -> 2.67, -2.665 -> -2.67,
    as a scoring committee rounds; a value never shows as -0."""
    return _to_decimal(value.numerator, value.denominator, digits)


def _to_decimal(numerator: int, denominator: int, digits: int) -> Decimal:
    whole = (2 * abs(numerator) * 10**digits + denominator) // (2 * denominator)
    sign = "-" if numerator < 0 and whole else ""
    return Decimal(f"{sign}{whole}E-{digits}")  # from a string: exact, whatever the context


def exact_digits(value: Fraction, limit: int = MAX_DIGITS) -> int:
    """Fewest decimals that write ``value`` exactly (``limit`` if none up to it does):
    those of the powers of 2 and 5 of its denominator, which must hold no other factor."""
    return _exact_digits(value.denominator, limit)


def _exact_digits(denominator: int, limit: int = MAX_DIGITS) -> int:
    if denominator == 1:
        return 0
    rest, twos, fives = denominator, 0, 0
    while not rest % 2:
        rest, twos = rest // 2, twos + 1
    while not rest % 5:
        rest, fives = rest // 5, fives + 1
    return min(max(twos, fives), limit) if rest == 1 else limit


def decisive_digits(value: Fraction, threshold: Fraction | None, least: int = 0) -> int:
    """Fewest decimals (at least ``least``) at which ``value`` reads on the same side of
    ``threshold`` as it is."""
    if threshold is None:
        return least
    return _decisive_digits(
        value.numerator, value.denominator, threshold.numerator, threshold.denominator, least
    )


def _decisive_digits(numerator: int, denominator: int, over: int, under: int, least: int) -> int:
    # In integers: the value rounded as to_decimal rounds it, compared with the threshold.
    digits = least
    side = _sign(numerator * under - over * denominator)
    while digits < MAX_DIGITS:
        scale = 10**digits
        whole = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
        if _sign((-whole if numerator < 0 else whole) * under - over * scale) == side:
            break
        digits += 1
    return digits


def _sign(number: int) -> int:
    return (number > 0) - (number < 0)


def _pattern(digits: int) -> str:
    """Babel's number pattern with grouping and exactly ``digits`` decimals."""
    return "#,##0" + ("." + "0" * digits if digits else "")


def _english(numerator: int, denominator: int, digits: int) -> str:
    """``f"{to_decimal(value, digits):,.{digits}f}"`` in integers: rounded half up as
    :func:`to_decimal` rounds, the whole part grouped by thousands, never -0."""
    scale = 10**digits
    whole = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
    sign = "-" if numerator < 0 and whole else ""
    if not digits:
        return f"{sign}{whole:,}"
    units, decimals = divmod(whole, scale)
    # the decimals (never negative) padded by zfill: faster than a nested format spec
    # (a national report writes ~100,000 figures)
    return f"{sign}{units:,}.{str(decimals).zfill(digits)}"


def fixed(value: Fraction, digits: int) -> str:
    """``value`` with ``digits`` decimals and the language's separators (565.874 / 565,874)."""
    return _fixed(value.numerator, value.denominator, digits)


def _fixed(numerator: int, denominator: int, digits: int) -> str:
    locale = language()
    if locale == "en":  # Python writes English numbers itself; Babel's data takes 20 ms to load
        return _english(numerator, denominator, digits)
    symbols = _SYMBOLS.get(locale) or _symbols(locale)
    if symbols[0]:  # the English text with the language's symbols, as Babel writes it
        return _english(numerator, denominator, digits).translate(symbols[1])
    return _babel(numerator, denominator, digits, locale)


# Per language: whether Babel writes its numbers as Python writes English ones with other
# symbols (Vietnamese: 1.234.567,25), and those symbols as a str.translate table. Babel
# takes ~0.1 ms a figure; a national report writes tens of thousands of them.
# Vietnamese as Babel's data has it (1.234.567,25), known without loading that data (~20 ms
# of a short command); tests/test_fast_paths.py checks that Babel still says so.
VIETNAMESE_SYMBOLS = (True, {ord("."): ",", ord(","): ".", ord("-"): "-"})
_SYMBOLS: dict[str, tuple[bool, dict[int, str]]] = {"vi": VIETNAMESE_SYMBOLS}


def _symbols(locale: str) -> tuple[bool, dict[int, str]]:
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    table = {
        ord("."): get_decimal_symbol(locale),
        ord(","): get_group_symbol(locale),
        ord("-"): get_minus_sign_symbol(locale),
    }
    # Only when the three symbols are distinct single characters, and Babel agrees on a
    # figure that has them all (grouped twice, decimals, negative) and on zero.
    plain = len(set(table.values())) == 3 and all(len(s) == 1 for s in table.values())
    for numerator, denominator, digits in ((-123456789, 100, 2), (0, 1, 1), (1234, 1, 0)):
        text = _english(numerator, denominator, digits).translate(table)
        plain = plain and text == _babel(numerator, denominator, digits, locale)
    _SYMBOLS[locale] = (plain, table)
    return _SYMBOLS[locale]


def _babel(numerator: int, denominator: int, digits: int, locale: str) -> str:
    shown = _to_decimal(numerator, denominator, digits)
    from babel.numbers import format_decimal

    with localcontext() as context:
        context.prec = max(context.prec, len(shown.as_tuple().digits) + 2)  # Babel rounds too
        return format_decimal(
            shown,
            format=_pattern(digits),
            locale=locale,
            decimal_quantization=False,
        )


def _least_digits(value: Fraction, threshold: Fraction | None, usual: int) -> int:
    """Decimals a value gets before deciding: ``usual`` at most, or as many as its
    threshold was written with, never padding a value with zeros it does not need."""
    wanted = max(usual, exact_digits(threshold) if threshold is not None else 0)
    return min(exact_digits(value, MAX_DIGITS), wanted)


def _decided(
    numerator: int, denominator: int, threshold: tuple[int, int] | None, usual: int
) -> str:
    """:func:`fixed` with :func:`_least_digits` then :func:`decisive_digits`, in integers."""
    wanted = usual if threshold is None else max(usual, _exact_digits(threshold[1]))
    least = min(_exact_digits(denominator), wanted)
    digits = (
        least
        if threshold is None
        else _decisive_digits(numerator, denominator, threshold[0], threshold[1], least)
    )
    return _fixed(numerator, denominator, digits)


def number(value: Fraction, threshold: Fraction | None = None) -> str:
    """A count or amount: exact up to two decimals (or the threshold's), more only when
    needed to read on the right side of the threshold."""
    limit = None if threshold is None else (threshold.numerator, threshold.denominator)
    return _decided(value.numerator, value.denominator, limit, VALUE_DIGITS)


def pledged(value: Fraction) -> str:
    """A threshold exactly as written in the pledge."""
    return fixed(value, exact_digits(value))


def _hundredfold(value: Fraction) -> tuple[int, int]:
    """``value * 100`` in lowest terms, as (numerator, denominator): ``value`` is in
    lowest terms, so only the common factor of 100 and its denominator cancels."""
    numerator, denominator = value.numerator, value.denominator
    common = gcd(100, denominator)
    return numerator * (100 // common), denominator // common


def percent(
    value: Fraction, threshold: Fraction | None = None, *, signed: bool = False, exact: bool = False
) -> str:
    numerator, denominator = _hundredfold(value)
    if exact:
        text = _fixed(numerator, denominator, _exact_digits(denominator))
    else:
        limit = _hundredfold(threshold) if threshold is not None else None
        text = _decided(numerator, denominator, limit, 1)
    if signed and numerator > 0:
        text = "+" + text
    return _("{number}%").format(number=text)


def date_text(day: date) -> str:
    """A date as the reader writes it: 27/01/2021 in Vietnamese, 2021-01-27 in English."""
    locale = language()
    if locale == "en":
        return day.isoformat()
    if locale == "vi":  # what Babel writes with this pattern (digits only), without its data
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    from babel.dates import format_date

    return format_date(day, "dd/MM/yyyy", locale=locale)


def boolean(value: bool) -> str:
    return _("yes") if value else _("no")


def _with_unit(text: str, target: Target) -> str:
    return f"{text} {visible(target.unit)}" if target.unit else text


# Each figure's text made once: a national scorecard shows ~70,000 values, fewer than half
# of them different, and its "Targets not met" table shows many again. Keyed by what the
# text depends on (the language, how the target shows values, the value, the threshold);
# emptied when full, so it stays a few MiB at most.
_VALUE_TEXTS: dict[tuple[str, Rule, bool, str | None, int, int, int, int], str] = {}
_MOST_VALUE_TEXTS = 1 << 15


def value_text(target: Target, value: Fraction | bool | None, threshold: Threshold) -> str:
    """An actual value as a person reads it, in the target's unit."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return boolean(value)
    limit = threshold if isinstance(threshold, Fraction) else None
    key = (  # in integers: a Fraction's hash costs more than the four attributes
        language(),
        target.rule,
        target.per is None,
        target.unit,
        value.numerator,
        value.denominator,
        0 if limit is None else limit.numerator,
        0 if limit is None else limit.denominator,  # 0: no limit (a fraction's is >= 1)
    )
    text = _VALUE_TEXTS.get(key)
    if text is None:
        if len(_VALUE_TEXTS) >= _MOST_VALUE_TEXTS:
            _VALUE_TEXTS.clear()
        text = _VALUE_TEXTS[key] = _value_text(target, value, limit)
    return text


def fresh_value_text(target: Target, value: Fraction | bool | None, threshold: Threshold) -> str:
    """``value_text`` made anew, not looked up nor kept: for a caller that keeps the texts
    itself (by a cheaper key), so that they are not held twice."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return boolean(value)
    return _value_text(target, value, threshold if isinstance(threshold, Fraction) else None)


def _value_text(target: Target, value: Fraction, limit: Fraction | None) -> str:
    if target.rule.is_growth:
        return percent(value, limit, signed=True)
    if target.per is not None:
        return percent(value, limit)
    return _with_unit(number(value, limit), target)


_SIGNS = {Rule.AT_MOST: "≤", Rule.GROWTH_AT_MOST: "≤", Rule.ABOVE: ">", Rule.BELOW: "<"}


def threshold_text(target: Target, threshold: Threshold, baseline_year: int | None = None) -> str:
    if isinstance(threshold, bool):
        return "= " + boolean(threshold)
    sign = _SIGNS.get(target.rule, "≥")
    if target.rule.is_growth:
        text = f"{sign} {percent(threshold, signed=True, exact=True)}"
        if baseline_year is None:
            return text
        return _("{threshold} vs {year}").format(threshold=text, year=baseline_year)
    if target.per is not None:
        return f"{sign} {percent(threshold, exact=True)}"
    return f"{sign} {_with_unit(pledged(threshold), target)}"


_GAP_TEXTS: dict[tuple[str, bool, str | None, int, int, int, int], str] = {}


def gap_text(result: Result) -> str:
    """Signed distance to the threshold: percentage points for percentages, else units."""
    actual, threshold = result.actual, result.threshold
    if not (isinstance(actual, Fraction) and isinstance(threshold, Fraction)):
        return ""  # no gap (see Result.gap)
    target = result.target
    key = (
        language(),
        target.is_percent,
        target.unit,
        actual.numerator,
        actual.denominator,
        threshold.numerator,
        threshold.denominator,
    )
    text = _GAP_TEXTS.get(key)  # made once each, as values are (see value_text)
    if text is None:
        if len(_GAP_TEXTS) >= _MOST_VALUE_TEXTS:
            _GAP_TEXTS.clear()
        text = _GAP_TEXTS[key] = _gap_text(result, actual - threshold)
    return text


def fresh_gap_text(result: Result) -> str:
    """``gap_text`` made anew, not looked up nor kept (see :func:`fresh_value_text`)."""
    actual, threshold = result.actual, result.threshold
    if not (isinstance(actual, Fraction) and isinstance(threshold, Fraction)):
        return ""  # no gap (see Result.gap)
    return _gap_text(result, actual - threshold)


def _gap_text(result: Result, gap: Fraction) -> str:
    sign = "+" if gap.numerator > 0 else ""
    if result.target.is_percent:
        numerator, denominator = _hundredfold(gap)  # percentage points
        least = _exact_digits(denominator, 1)
        digits = _decisive_digits(numerator, denominator, 0, 1, least)
        return sign + _("{points} pp").format(points=_fixed(numerator, denominator, digits))
    numerator, denominator = gap.numerator, gap.denominator
    least = _exact_digits(denominator, VALUE_DIGITS)
    digits = _decisive_digits(numerator, denominator, 0, 1, least)
    return sign + _with_unit(_fixed(numerator, denominator, digits), result.target)


_STATUS_WORDS = {
    Status.MET: N_("met"),
    Status.MISSED: N_("missed"),
    Status.NO_DATA: N_("no data"),
    Status.NO_BASELINE: N_("no baseline"),
}


def status_word(status: Status) -> str:
    """What a person reads for a status (JSON and CSV keep the English status values)."""
    return _(_STATUS_WORDS[status])
