"""Figures as people write them in Vietnamese forms: ``1.200``, ``565.874``, ``60,5``.

In Vietnamese writing the point groups thousands and the comma marks decimals.
Forms also arrive written the English way, so the rules are:

- a point followed by groups of exactly three digits (``1.200``, ``1.234.567``)
  groups thousands; any other point is a decimal point (``12.5``, ``0.125``);
- a comma is a decimal comma (``60,5``), except that ``1,200`` (groups of three
  digits, first digit not 0) could be either and is refused as ambiguous;
- with both, the last one is the decimal mark (``1.234,5``, ``1,234.5``);
- spaces (also non-breaking ones) between digit groups are ignored.

Nothing here touches binary floating point: figures are ``Decimal``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

from pledgecli.diagnostics import Problem
from pledgecli.i18n import _
from pledgecli.names import fold

_SPACE_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$")
_SPACES = re.compile(r"[ \u00a0\u202f]")
_PLAIN = re.compile(r"^[+-]?\d+$")
_POINT_GROUPS = re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$")
_COMMA_GROUPS = re.compile(r"^[+-]?[1-9]\d{0,2}(?:,\d{3})+$")
_DECIMAL = re.compile(r"^[+-]?\d+[.,]\d+$")
_BOTH = re.compile(r"^[+-]?\d{1,3}(?:([.,])\d{3})*([.,])\d+$")

TRUE_WORDS = frozenset({"true", "yes", "y", "co", "da-co", "x", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "khong", "chua", "chua-co", "0"})


def parse_number(text: str) -> Decimal:
    """The exact figure ``text`` means; :class:`Problem` with a hint when it is not one."""
    raw = text.strip()
    compact = _SPACES.sub("", raw) if _SPACE_GROUPS.match(raw) else raw
    if _PLAIN.match(compact):
        return Decimal(compact)
    if _POINT_GROUPS.match(compact):
        return Decimal(compact.replace(".", ""))
    if _COMMA_GROUPS.match(compact):
        whole = compact.replace(",", "")
        decimal = f"{Decimal(compact.replace(',', '.', 1)).normalize():f}".replace(".", ",")
        if _COMMA_GROUPS.match(decimal):
            decimal += "0"
        raise Problem(
            _('"{text}" is ambiguous: a decimal comma or a thousands separator').format(text=raw),
            hint=_("write {whole} for the whole number, {decimal} for the decimal").format(
                whole=whole, decimal=decimal
            ),
        )
    if _DECIMAL.match(compact):
        return Decimal(compact.replace(",", "."))
    both = _BOTH.match(compact)
    if both and both.group(1) and both.group(1) != both.group(2):
        grouping, mark = both.group(1), both.group(2)
        return Decimal(compact.replace(grouping, "").replace(mark, "."))
    hint = None
    if compact.endswith("%"):
        hint = _("write the count itself, not a percentage")
    raise Problem(_('"{text}" is not a number').format(text=raw), hint=hint)


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
    if _POINT_GROUPS.match(text):
        text += "0"
    return text
