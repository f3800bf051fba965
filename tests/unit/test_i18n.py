"""Translations from .po catalogues and Indonesian number and date formats."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app import i18n

PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: app/x.py:1
msgid "Pegawai {nama} tidak ditemukan."
msgstr "Employee {nama} not found."

msgid "Baris "
"panjang"
msgstr "Long "
"line"

#, fuzzy
msgid "Kabur"
msgstr "Fuzzy"

msgid "Kosong"
msgstr ""

msgid "{n} berkas"
msgid_plural "{n} berkas"
msgstr[0] "{n} file"
msgstr[1] "{n} files"

msgid "Kutip \"ganda\""
msgstr "Double \"quote\""
"""


@pytest.fixture
def english(tmp_path: Path) -> Iterator[None]:
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "capaian.po").write_text(PO, encoding="utf-8")
    i18n.set_language("en", tmp_path)
    yield
    i18n.set_language("id")


def test_po_catalogue(english: None) -> None:
    assert (
        i18n._("Pegawai {nama} tidak ditemukan.").format(nama="Siti") == "Employee Siti not found."
    )
    assert i18n._("Baris panjang") == "Long line"
    assert i18n._("Kabur") == "Kabur"  # fuzzy entries are not trusted
    assert i18n._("Kosong") == "Kosong"  # untranslated falls back to Indonesian
    assert i18n._("Tidak ada di katalog") == "Tidak ada di katalog"
    assert i18n.ngettext("{n} berkas", "{n} berkas", 1) == "{n} file"
    assert i18n.ngettext("{n} berkas", "{n} berkas", 3) == "{n} files"
    assert i18n.ngettext("x", "xs", 2) == "xs"
    assert i18n._('Kutip "ganda"') == 'Double "quote"'
    assert i18n.language() == "en"
    assert i18n.format_number(Decimal("1234.5")) == "1,234.50"
    assert i18n.format_date(date(2026, 11, 29)) == "29 November 2026"
    assert i18n.month_name(3) == "March"


def test_indonesian_formats() -> None:
    i18n.set_language("id")
    assert i18n.format_number(Decimal("1234.565")) == "1.234,57"  # half up, not banker's
    assert i18n.format_number(1234567) == "1.234.567"
    assert i18n.format_percent(Decimal("92.6700")) == "92,67%"
    assert i18n.format_percent(Decimal("100")) == "100%"
    assert i18n.format_date(date(2026, 8, 17)) == "17 Agustus 2026"


def test_missing_catalogue_falls_back(tmp_path: Path) -> None:
    i18n.set_language("en", tmp_path)
    try:
        assert i18n._("Pegawai") == "Pegawai"
    finally:
        i18n.set_language("id")
    with pytest.raises(ValueError, match="unsupported"):
        i18n.set_language("fr")
