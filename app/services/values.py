"""Parsing of typed values shared by the use cases (numbers as people type them)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.errors import ValidationError
from app.i18n import _

MAX_ABS = Decimal("1e11")
"""Largest magnitude accepted (Rp 99.999.999.999,9999): beyond it floats on SQLite lose digits."""
MAX_PLACES = 4


def parse_decimal(value: object, field: str) -> Decimal | None:
    """Read a number typed the Indonesian or the English way: ``95,5``, ``1.234,5``, ``95.5``.

    Empty means "no value". More than four decimals, non-finite values and magnitudes beyond
    :data:`MAX_ABS` are refused with a message naming ``field``, rather than being stored
    rounded or crashing a later calculation.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(_("Kolom {field} harus berisi angka.").format(field=field), field)
    text = str(value).strip().replace(" ", "")
    if isinstance(value, str):
        if "," in text:  # Indonesian: dots group thousands, the comma is the decimal mark
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1:  # 1.234.567 groups thousands
            text = text.replace(".", "")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            _("Nilai {value!r} pada kolom {field} bukan angka.").format(value=value, field=field),
            field=field,
        ) from None
    if not result.is_finite():
        raise ValidationError(
            _("Nilai pada kolom {field} harus angka terhingga.").format(field=field), field
        )
    if abs(result) >= MAX_ABS:
        raise ValidationError(
            _("Nilai pada kolom {field} terlalu besar (maksimum 99.999.999.999).").format(
                field=field
            ),
            field,
        )
    exponent = result.normalize().as_tuple().exponent  # trailing zeros do not count
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        raise ValidationError(
            _("Nilai pada kolom {field} paling banyak {n} angka di belakang koma.").format(
                field=field, n=MAX_PLACES
            ),
            field,
        )
    return result
