"""Figures as people write them in Vietnamese forms: ``1.200``, ``565.874``, ``60,5``.

In Vietnamese writing the point groups thousands and the comma marks decimals
(Babel's ``vi`` locale); forms also arrive written the English way (``en``).
Babel's ``parse_decimal`` reads a figure strictly in each, and:

- with both marks the last one is the decimal mark (``1.234,5``, ``1,234.5``);
- a figure only one of them reads is that figure (``60,5``, ``0,5`` in
  Vietnamese; ``12.5``, ``0.125``, ``1.2345`` in English);
- when both read it differently, points group thousands (``1.200`` is 1200),
  while ``1,200`` (a comma before exactly three digits) could be either and is
  refused as ambiguous;
- spaces (also non-breaking ones) between groups of three digits are ignored;
  nothing but digits and single marks between them is a figure (no ``1e5``,
  ``1_000``, ``.5``).

Nothing here touches binary floating point: figures are ``Decimal``. Babel is
imported on the first figure with a mark, never by the commands that judge.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from pledgecli.diagnostics import Problem
from pledgecli.i18n import _
from pledgecli.names import fold

if TYPE_CHECKING:
    from babel import Locale

_SPACE_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$")
_SPACES = re.compile(r"[ \u00a0\u202f]")
_ZERO_LED_GROUP = re.compile(r"^(0\d{0,2})([.,])(?=\d{3}[.,])")  # Babel refuses it
_FIGURE = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")  # digits, single marks between them

TRUE_WORDS = frozenset({"true", "yes", "y", "co", "da-co", "x", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "khong", "chua", "chua-co", "0"})


def parse_number(text: str) -> Decimal:
    """The exact figure ``text`` means; :class:`Problem` with a hint when it is not one."""
    raw = text.strip()
    compact = _SPACES.sub("", raw) if _SPACE_GROUPS.match(raw) else raw
    if not compact.isascii():  # any script's digits read as the digits they are
        compact = "".join(_ascii_digit(c) for c in compact)
    if not _FIGURE.match(compact):
        hint = _("write the count itself, not a percentage") if compact.endswith("%") else None
        raise Problem(_('"{text}" is not a number').format(text=raw), hint=hint)
    if "." not in compact and "," not in compact:
        return Decimal(compact)  # the usual figure: no need for Babel
    sign, unsigned = "-" if compact[0] == "-" else "", compact.lstrip("+-")
    if "." in unsigned and "," in unsigned:  # the last mark is the decimal one
        while _ZERO_LED_GROUP.match(unsigned):  # 0,924.5 is 924.5, 0.012.345,6 is 12.345,6
            unsigned = _ZERO_LED_GROUP.sub(_without_zeros, unsigned)
        number = _read(sign + unsigned, "vi" if compact.rfind(",") > compact.rfind(".") else "en")
        if number is None:
            raise Problem(_('"{text}" is not a number').format(text=raw))
        return number
    vietnamese, english = _read(sign + unsigned, "vi"), _read(sign + unsigned, "en")
    if vietnamese is None or english is None or vietnamese == english:
        number = vietnamese if vietnamese is not None else english
        if number is None:
            raise Problem(_('"{text}" is not a number').format(text=raw))
        return number
    if "," not in compact:
        return vietnamese  # 1.200: the point groups thousands
    whole = compact.replace(",", "")
    decimal = f"{vietnamese.normalize():f}".replace(".", ",")
    if vietnamese.normalize().as_tuple().exponent == -3:  # 1,234 would read as a group again
        decimal += "0"
    raise Problem(
        _('"{text}" is ambiguous: a decimal comma or a thousands separator').format(text=raw),
        hint=_("write {whole} for the whole number, {decimal} for the decimal").format(
            whole=whole, decimal=decimal
        ),
    )


def _read(text: str, locale: str) -> Decimal | None:
    """``text`` as ``locale`` writes figures (its marks, its groups of three), or ``None``."""
    if not _reads(text.translate(_NONZERO), locale):
        return None
    group, decimal = _symbols(locale)
    return Decimal(text.replace(group, "").replace(decimal, "."))  # as parse_decimal does


# Whether Babel's strict reading accepts a figure depends only on where its marks and its
# zeros are (it formats the figure back and compares): asked once per shape (1.234,5 is
# 1.111,1), a figure costs a few microseconds instead of the 20 to 60 of a strict reading
# of its own (CSV forms hold 100,000 figures).
_NONZERO = str.maketrans("23456789", "11111111")


@lru_cache(maxsize=4096)
def _reads(shape: str, locale: str) -> bool:
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        parse_decimal(shape, _locale(locale), strict=True)
    except (NumberFormatError, InvalidOperation):
        return False
    return True


@cache
def _symbols(locale: str) -> tuple[str, str]:
    """The thousands separator and the decimal mark of ``locale``."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_group_symbol(_locale(locale)), get_decimal_symbol(_locale(locale))


@cache
def _locale(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


def _without_zeros(group: re.Match[str]) -> str:
    digits = group.group(1).lstrip("0")
    return digits + group.group(2) if digits else ""


def _ascii_digit(char: str) -> str:
    digit = unicodedata.decimal(char, None)
    return char if digit is None else str(digit)


def parse_boolean(text: str) -> bool:
    """``true``/``false``, ``yes``/``no``, ``có``/``không``, ``x``, ``1``/``0``."""
    word = fold(text)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise Problem(
        _('"{text}" is not true or false').format(text=text.strip()),
        hint=_("write true or false (có or không)"),
    )


def from_cell(value: object) -> Decimal:
    """A spreadsheet cell's number: ints exactly, floats by their shortest decimal form."""
    if isinstance(value, bool):
        raise Problem(_("{value} is not a number").format(value=str(value).lower()))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation:  # pragma: no cover - repr of a float is always valid
            raise Problem(_('"{text}" is not a number').format(text=value)) from None
        if not number.is_finite():
            raise Problem(_('"{text}" is not a number').format(text=value))
        return number
    if isinstance(value, Decimal):
        return value
    return parse_number(str(value))


def normalise(number: Decimal) -> Decimal:
    """``60,0`` -> ``60``; ``1.50`` -> ``1.5``; never scientific notation, never rounded."""
    with localcontext() as context:
        # enough digits for the whole figure: the default 28 would round or fail
        context.prec = max(context.prec, len(number.as_tuple().digits) + abs(number.adjusted()) + 2)
        if number == number.to_integral_value():
            return number.quantize(Decimal(1))
        return number.normalize()


def toml_text(number: Decimal) -> str:
    """The TOML literal of ``number``: ``1200``, ``60.5``."""
    value = normalise(number)
    return f"{value:f}"


def form_text(number: Decimal) -> str:
    """How a form writes ``number`` so that :func:`parse_number` reads it back unchanged:
    ``1200``, ``60.5``; ``1.125`` becomes ``1.1250`` (never a thousands group)."""
    text = toml_text(number)
    digits, _point, fraction = text.lstrip("+-").partition(".")
    if len(fraction) == 3 and len(digits) <= 3 and digits[0] != "0":
        text += "0"  # 1.125 would read as the thousands group 1125
    return text
