"""One rounding rule for every number the scoring rules produce.

Official forms and legacy BKD records show two decimals rounded half up (``88,666…`` → ``88,67``);
Python's default banker's rounding would print ``0,125`` as ``0,12`` and disagree with a
calculator, so every module rounds through :func:`round2` and nowhere else.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.i18n import format_number

HUNDRED = Decimal(100)
"""The 100 of "× 100" in every percentage formula, as a Decimal so no float sneaks in."""

_CENT = Decimal("0.01")
_MAX_PLACES = 6


def round2(value: Decimal) -> Decimal:
    """Round ``value`` half up to two decimals.

    Args:
        value: Any finite Decimal.

    Returns:
        The value quantized to ``0.01`` with ``ROUND_HALF_UP`` (``Decimal("2.085")`` → ``2.09``),
        the rule used by the regulation's worked examples and the forms the pegawai compares
        against.
    """
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def angka(value: Decimal | int) -> str:
    """Format an input number for an explanation without inventing or hiding decimals.

    Targets and realisasi are typed by people (``12``, ``12,5``, ``0,005``); showing them with
    exactly the decimals they carry (up to six) lets the pegawai recognise their own figures,
    whereas computed results always go through :func:`round2` and ``format_number``.

    Args:
        value: An integer or Decimal as entered.

    Returns:
        The number in the current locale's notation, e.g. ``1.234,5`` in Indonesian.
    """
    if isinstance(value, int):
        return format_number(value)
    exponent = value.normalize().as_tuple().exponent
    places = min(_MAX_PLACES, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, places)
