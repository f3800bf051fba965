"""Translation and Indonesian formatting, usable from every layer (no Qt, no I/O at import).

Indonesian is the source language: message ids are the Indonesian texts themselves, wrapped in
``_()`` so an English catalogue can be added under ``resources/locale``. ``set_language`` is the
only function that reads files; the entry points call it once.
"""

from __future__ import annotations

import gettext
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

DOMAIN = "capaian"
LANGUAGES = ("id", "en")
_LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "id"

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def set_language(language: str, locale_dir: Path | None = None) -> None:
    """Switch the message catalogue; unknown or missing catalogues fall back to Indonesian."""
    global _translations, _language  # noqa: PLW0603 - one process-wide language, set at start
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _language = language
    if language == "id":
        _translations = gettext.NullTranslations()
        return
    _translations = gettext.translation(
        DOMAIN, localedir=str(locale_dir or _LOCALE_DIR), languages=[language], fallback=True
    )


def language() -> str:
    """The current UI language code."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` (an Indonesian source text) into the current language."""
    return _translations.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction without translating it now (module-level tables)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Plural-aware translation (Indonesian itself does not inflect, English does)."""
    return _translations.ngettext(singular, plural, n)


def format_number(value: Decimal | int, places: int = 2) -> str:
    """Format a number the Indonesian way (``1.234,56``), or the English way under ``en``.

    Rounds half up to ``places`` decimals first, so the printed value matches the stored rule.
    """
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        quantum = Decimal(1).scaleb(-places)
        text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
    if _language == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_percent(value: Decimal, places: int = 2) -> str:
    """``95,5%``-style percentage with trailing zeros trimmed (``100%``, ``92,67%``)."""
    text = format_number(value, places)
    sep = "," if _language == "id" else "."
    if sep in text:
        text = text.rstrip("0").rstrip(sep)
    return f"{text}%"


def format_date(value: date) -> str:
    """``29 November 2026`` (Indonesian) or ``29 November 2026`` (English month names)."""
    months = BULAN if _language == "id" else _MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"
