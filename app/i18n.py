"""Translation and Indonesian formatting, usable from every layer (no Qt, no I/O at import).

Indonesian is the source language: message ids are the Indonesian texts themselves, wrapped in
``_()``. Other languages are plain gettext ``.po`` catalogues under
``resources/locale/<lang>/LC_MESSAGES/capaian.po``, read directly (no compiled ``.mo`` binaries in
the repository). ``set_language`` is the only function that reads files; entry points call it once.
"""

from __future__ import annotations

import ast
import gettext
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

DOMAIN = "capaian"
LANGUAGES = ("id", "en")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"

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


class PoTranslations(gettext.NullTranslations):
    """A gettext catalogue read straight from a ``.po`` file (msgid, msgstr, plurals).

    Entries with an empty msgstr or marked ``fuzzy`` fall back to the Indonesian source text.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._catalog: dict[str | tuple[str, int], str] = {}
        for entry in _parse_po(path.read_text(encoding="utf-8")):
            if "fuzzy" in entry.get("#,", "") or not entry.get("msgid"):
                continue
            if "msgid_plural" in entry:
                for key, value in entry.items():
                    if key.startswith("msgstr[") and value:
                        self._catalog[(entry["msgid"], int(key[7:-1]))] = value
            elif entry.get("msgstr"):
                self._catalog[entry["msgid"]] = entry["msgstr"]

    def gettext(self, message: str) -> str:
        """Translated text, or the Indonesian source when not translated."""
        result = self._catalog.get(message)
        return result if isinstance(result, str) else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """English-style plural: form 0 for one, form 1 otherwise."""
        form = 0 if n == 1 else 1
        result = self._catalog.get((msgid1, form))
        if isinstance(result, str):
            return result
        return msgid1 if n == 1 else msgid2

    def __len__(self) -> int:
        return len(self._catalog)


def _parse_po(text: str) -> list[dict[str, str]]:
    """Entries of a .po file as dicts of keyword -> unescaped string (and ``#,`` flags)."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key: str | None = None
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            if current:
                entries.append(current)
            current, key = {}, None
            continue
        if line.startswith("#,"):
            current["#,"] = current.get("#,", "") + line[2:]
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if key is not None:
                current[key] += ast.literal_eval(line)
            continue
        keyword, _sep, rest = line.partition(" ")
        if keyword.startswith("msgid") and "msgstr" in current:  # a new entry without a gap
            entries.append(current)
            current = {}
        key = keyword
        current[key] = ast.literal_eval(rest.strip())
    return entries


def set_language(language: str, locale_dir: Path | None = None) -> None:
    """Switch the message catalogue; a missing catalogue falls back to Indonesian."""
    global _translations, _language  # noqa: PLW0603 - one process-wide language, set at start
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _language = language
    path = (locale_dir or LOCALE_DIR) / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == "id" or not path.exists():
        _translations = gettext.NullTranslations()
        return
    _translations = PoTranslations(path)


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


def month_name(month: int) -> str:
    """``Maret`` (or ``March`` under ``en``) for month 3."""
    return (BULAN if _language == "id" else _MONTHS_EN)[month - 1]


def format_date(value: date) -> str:
    """``29 November 2026`` with Indonesian (or English) month names."""
    return f"{value.day} {month_name(value.month)} {value.year}"
