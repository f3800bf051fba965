"""Excel workbooks: read what offices fill in, write templates, error reports and exports.

Reading goes through pandas on the ``calamine`` engine (7-11x faster than openpyxl,
perf-limits.md §3); writing goes through openpyxl, which can format, validate and protect.
Nothing here knows the database: :func:`baca_lembar` turns a sheet into rows of typed cell
values plus the problems it saw in the file itself (a NIP typed as a number, a date that is not
a date), and the services check the rest against the database.

File-level failures (not an .xlsx, password-protected, too big, no data) raise ``UserError``
because nothing can be reported row by row.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.i18n import BULAN, _
from app.io.excel_kolom import (
    ANGKA,
    BULAT,
    DAFTAR_SARAN,
    LEMBAR,
    NIP,
    PERIODE,
    TANGGAL,
    Kolom,
    Lembar,
    daftar_pilihan_bawaan,
    normalisasi_judul,
)

MAX_BYTES = 40 * 1024 * 1024
"""Largest workbook accepted (a kabupaten's realisations for a month are a few MB)."""
MAX_UNCOMPRESSED = 400 * 1024 * 1024
"""Largest total size of the workbook's parts once unzipped (guards against zip bombs)."""
MAX_ROWS = 200_000
"""Most data rows in one sheet; a year of monthly realisations of a big OPD fits."""
MAX_EXACT_INT = 2**53
"""Beyond this a number stored in a cell has lost digits (a double holds ~15.9 of them)."""

_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_EXCEL_EPOCH = date(1899, 12, 30)
_HEADER_SCAN_ROWS = 10


@dataclass(frozen=True)
class Masalah:
    """One problem found in a workbook.

    Attributes:
        baris: the Excel row number (1-based) or None for the whole file.
        kolom: the column key (``nip``, ``target``) or None for the whole row.
        pesan: the Indonesian message.
    """

    baris: int | None
    kolom: str | None
    pesan: str


@dataclass(frozen=True)
class Baris:
    """One data row: its Excel row number and typed values by column key.

    Values are ``str`` (text, NIP, periode), ``Decimal`` (numeric cells of number columns),
    ``int``, ``date`` or None (empty). Number columns keep text as text, so the service reads
    ``1.234,5`` the Indonesian way with the same parser as the forms. ``salah`` names the
    columns whose cell could not be read (already in the problems).
    """

    nomor: int
    nilai: dict[str, Any]
    salah: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DataLembar:
    """A sheet read from a workbook."""

    jenis: str
    path: Path
    nama_lembar: str
    baris_judul: int
    posisi: dict[str, int]
    baris: tuple[Baris, ...]
    masalah: tuple[Masalah, ...]
    kolom_lain: tuple[str, ...] = ()
    detik_baca: float = 0.0


# ----------------------------------------------------------------------------- reading
def _refuse(message: str) -> UserError:
    return UserError(message, field="berkas")


def periksa_berkas(path: Path) -> None:
    """Refuse files that are not a readable, reasonably sized .xlsx before parsing them."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise _refuse(_("Berkas {path} tidak ditemukan.").format(path=path)) from None
    except OSError as exc:
        raise _refuse(
            _("Berkas {path} tidak dapat dibaca: {err}").format(path=path, err=exc.strerror)
        ) from exc
    if size > MAX_BYTES:
        raise _refuse(
            _(
                "Berkas {name} terlalu besar ({mb} MB; maksimum {max} MB). Bagi datanya ke "
                "beberapa berkas."
            ).format(name=path.name, mb=size // (1024 * 1024), max=MAX_BYTES // (1024 * 1024))
        )
    if head.startswith(_CFB_MAGIC):
        # An OLE compound file: either an encrypted (password-protected) .xlsx, which Excel
        # stores inside such a container with an "EncryptionInfo" stream, or an old .xls.
        if _ENCRYPTION_INFO in path.read_bytes():
            raise _refuse(
                _(
                    "Berkas {name} dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
                    "(Berkas > Info > Lindungi Buku Kerja), simpan, lalu impor ulang."
                ).format(name=path.name)
            )
        raise _refuse(
            _(
                "Berkas {name} berformat Excel lama (.xls). Simpan ulang sebagai Buku Kerja "
                "Excel (.xlsx), lalu impor ulang."
            ).format(name=path.name)
        )
    not_xlsx = _refuse(
        _("Berkas {name} bukan berkas Excel .xlsx (isinya tidak dikenali).").format(name=path.name)
    )
    if not head.startswith(_ZIP_MAGIC):
        raise not_xlsx
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_xlsx from None
    if "xl/workbook.xml" not in names:
        raise not_xlsx
    if unpacked > MAX_UNCOMPRESSED:
        raise _refuse(
            _(
                "Berkas {name} terlalu besar setelah dibuka ({mb} MB; maksimum {max} MB). Bagi "
                "datanya ke beberapa berkas."
            ).format(
                name=path.name,
                mb=unpacked // (1024 * 1024),
                max=MAX_UNCOMPRESSED // (1024 * 1024),
            )
        )


def _sheet_names(path: Path) -> list[str]:
    import pandas as pd  # noqa: PLC0415 - pandas costs 0.3 s to import; only Excel work needs it

    try:
        with pd.ExcelFile(path, engine="calamine") as book:
            return [str(name) for name in book.sheet_names]
    except Exception as exc:  # calamine raises its own types for every kind of damage
        raise _refuse(
            _("Berkas {name} rusak atau tidak dapat dibaca sebagai .xlsx ({err}).").format(
                name=path.name, err=type(exc).__name__
            )
        ) from exc


def _read_cells(path: Path, sheet: str) -> list[list[Any]]:
    import pandas as pd  # noqa: PLC0415

    try:
        frame = pd.read_excel(path, sheet_name=sheet, engine="calamine", header=None, dtype=object)
    except Exception as exc:  # damaged sheet XML, unsupported features
        raise _refuse(
            _("Lembar {sheet} pada berkas {name} tidak dapat dibaca ({err}).").format(
                sheet=sheet, name=path.name, err=type(exc).__name__
            )
        ) from exc
    rows: list[list[Any]] = frame.to_numpy().tolist()
    return rows


_ERROR_MARK = b't="e"'
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _column_index(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _sheet_xml(archive: zipfile.ZipFile, sheet: str) -> bytes | None:
    """The XML of the sheet named ``sheet`` (found through the workbook's relationships)."""
    from xml.etree import ElementTree  # noqa: PLC0415

    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    rid = next(
        (
            s.get(f"{_DOC_REL_NS}id")
            for s in workbook.iter(f"{_MAIN_NS}sheet")
            if s.get("name") == sheet
        ),
        None,
    )
    target = next(
        (r.get("Target") for r in rels.iter(f"{_PKG_REL_NS}Relationship") if r.get("Id") == rid),
        None,
    )
    if not target:
        return None
    return archive.read(target.lstrip("/") if target.startswith("/") else f"xl/{target}")


def _error_cells(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """Cells of ``sheet`` holding an Excel error (``#N/A``, ``#DIV/0!``), by (row, column), 0-based.

    calamine reads an error cell as empty, so a row whose value is ``#N/A`` (a broken VLOOKUP)
    would pass as "nothing typed" and be skipped without a word. The sheet's XML is searched
    for error cells; a sheet without any is recognised by one byte search, so an ordinary
    import pays almost nothing.
    """
    import io  # noqa: PLC0415
    from xml.etree import ElementTree  # noqa: PLC0415

    try:
        with zipfile.ZipFile(path) as archive:
            raw = _sheet_xml(archive, sheet)
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # calamine read the sheet; without its XML there is nothing more to learn
    if raw is None or _ERROR_MARK not in raw:
        return {}
    found: dict[tuple[int, int], str] = {}
    try:
        for _event, cell in ElementTree.iterparse(io.BytesIO(raw)):
            if cell.tag != f"{_MAIN_NS}c":
                continue
            ref = _CELL_REF.fullmatch(cell.get("r") or "")
            if cell.get("t") == "e" and ref is not None:
                value = cell.find(f"{_MAIN_NS}v")
                text = value.text if value is not None and value.text else "#N/A"
                found[(int(ref.group(2)) - 1, _column_index(ref.group(1)))] = text
            cell.clear()
    except ElementTree.ParseError:
        return found
    return found


def _choose_sheet(names: Sequence[str], lembar: Lembar) -> str | None:
    wanted = normalisasi_judul(lembar.nama)
    for name in names:
        if normalisasi_judul(name) == wanted:
            return name
    skip = {"petunjuk", "daftar", "ringkasankesalahan"}
    others = [n for n in names if normalisasi_judul(n) not in skip]
    return others[0] if len(others) == 1 else None


def _find_header(
    rows: Sequence[Sequence[Any]], lembar: Lembar
) -> tuple[int, dict[str, int], list[str]] | None:
    """The header row (0-based), column key -> position, and the headers not recognised."""
    best: tuple[int, dict[str, int], list[str]] | None = None
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        other: list[str] = []
        for position, cell in enumerate(row):
            text = _text(cell)
            if text is None:
                continue
            key = normalisasi_judul(text)
            match = next((k.kunci for k in lembar.kolom if key in k.kunci_cocok), None)
            if match is not None and match not in found:
                found[match] = position
            else:
                other.append(text)
        if found and (best is None or len(found) > len(best[1])):
            best = (index, found, other)
    return best


def baca_lembar(path: Path, jenis: str) -> DataLembar:
    """Read the data sheet of a pegawai, SKP or realisasi workbook.

    Columns are found by their header whatever their order, case or spacing; unknown columns
    are ignored (and listed). Empty rows are skipped. Raises ``UserError`` when the file cannot
    be used at all; problems of single cells come back in ``masalah``.
    """
    import time  # noqa: PLC0415

    lembar = LEMBAR[jenis]
    periksa_berkas(path)
    started = time.perf_counter()
    names = _sheet_names(path)
    sheet = _choose_sheet(names, lembar)
    if sheet is None:
        raise _refuse(
            _("Berkas {name} tidak memiliki lembar '{sheet}' (lembar yang ada: {ada}).").format(
                name=path.name, sheet=lembar.nama, ada=", ".join(names)
            )
        )
    rows = _read_cells(path, sheet)
    header = _find_header(rows, lembar)
    if header is None:
        if not any(_text(c) is not None for row in rows for c in row):
            raise _refuse(
                _("Lembar {sheet} pada berkas {name} kosong.").format(sheet=sheet, name=path.name)
            )
        raise _refuse(
            _(
                "Judul kolom lembar {sheet} tidak dikenali. Gunakan templat dari 'capaian "
                "template {jenis}'."
            ).format(sheet=sheet, jenis=jenis)
        )
    header_index, posisi, other = header
    problems: list[Masalah] = []
    missing = [k.judul.rstrip(" *") for k in lembar.kolom if k.wajib and k.kunci not in posisi]
    if missing:
        problems.append(
            Masalah(
                header_index + 1,
                None,
                _("Kolom wajib tidak ada: {cols}.").format(cols=", ".join(missing)),
            )
        )
    data: list[Baris] = []
    columns = [(lembar.kolom_by_kunci(k), p) for k, p in posisi.items()]
    galat = _error_cells(path, sheet)
    mapped = set(posisi.values())
    galat_rows = {r for r, c in galat if c in mapped}  # errors in ignored columns do not count
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if index not in galat_rows and all(_is_empty(c) for c in row):
            continue
        nomor = index + 1
        values: dict[str, Any] = {}
        wrong: set[str] = set()
        for kolom, position in columns:
            cell = row[position] if position < len(row) else None
            if (index, position) in galat:
                values[kolom.kunci] = None
                wrong.add(kolom.kunci)
                problems.append(
                    Masalah(
                        nomor,
                        kolom.kunci,
                        _(
                            "Sel berisi galat Excel {galat} (mis. rumus VLOOKUP yang tidak "
                            "menemukan data); isi dengan nilai yang benar."
                        ).format(galat=galat[(index, position)]),
                    )
                )
                continue
            try:
                values[kolom.kunci] = _convert(cell, kolom)
            except _CellError as exc:
                values[kolom.kunci] = None
                wrong.add(kolom.kunci)
                problems.append(Masalah(nomor, kolom.kunci, exc.message))
        data.append(Baris(nomor, values, frozenset(wrong)))
    if len(data) > MAX_ROWS:
        raise _refuse(
            _(
                "Lembar {sheet} berisi {n} baris data; maksimum {max} baris per impor. Bagi "
                "datanya ke beberapa berkas."
            ).format(sheet=sheet, n=len(data), max=MAX_ROWS)
        )
    if not data and not missing:
        raise _refuse(
            _("Lembar {sheet} pada berkas {name} tidak berisi data (hanya judul kolom).").format(
                sheet=sheet, name=path.name
            )
        )
    return DataLembar(
        jenis=jenis,
        path=path,
        nama_lembar=sheet,
        baris_judul=header_index + 1,
        posisi=posisi,
        baris=tuple(data),
        masalah=tuple(problems),
        kolom_lain=tuple(other),
        detik_baca=time.perf_counter() - started,
    )


class _CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _is_empty(cell: Any) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and not cell.strip()


def _text(cell: Any) -> str | None:
    """A cell as text: numbers without a spurious ``.0``, dates as ISO, blanks as None."""
    if _is_empty(cell):
        return None
    if isinstance(cell, bool):
        return "YA" if cell else "TIDAK"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    text = str(cell).replace("\u00a0", " ").strip()
    return text or None


def _convert(cell: Any, kolom: Kolom) -> Any:  # noqa: PLR0911 - one return per kind
    if _is_empty(cell):
        return None
    kind = kolom.jenis
    if kind == NIP:
        return _nip(cell)
    if kind == ANGKA:
        return _number(cell)
    if kind == BULAT:
        return _integer(cell, kolom)
    if kind == TANGGAL:
        return _date(cell)
    if kind == PERIODE:
        return _periode(cell)
    return _text(cell)


def _nip(cell: Any) -> str:
    if isinstance(cell, bool):
        raise _CellError(_("NIP harus diketik sebagai teks 18 digit."))
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not cell.is_integer():
            raise _CellError(_("NIP harus diketik sebagai teks 18 digit."))
        value = int(cell)
        if abs(value) >= MAX_EXACT_INT:
            # An 18-digit number in a cell is a double: Excel keeps 15 significant digits, so
            # the last digits are already gone (19900215201503200 -> ...032000).
            raise _CellError(
                _(
                    "NIP harus diketik sebagai teks: sel ini berisi angka {n}, yang tidak dapat "
                    "menyimpan 18 digit dengan tepat (digit terakhir hilang). Format kolom NIP "
                    "sebagai Teks lalu ketik ulang NIP-nya."
                ).format(n=f"{cell:.6g}".replace(".", ","))
            )
        return str(value)
    text = _text(cell) or ""
    return text.lstrip("'").replace(" ", "").replace(".", "").replace("-", "")


def _number(cell: Any) -> Decimal | str:
    if isinstance(cell, bool):
        raise _CellError(_("Isian harus berupa angka."))
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        if not math.isfinite(cell):
            raise _CellError(_("Isian harus berupa angka."))
        # Excel shows (and keeps when typed) 15 significant digits; a formula result such as
        # 13.299999999999999 is the 13,3 the clerk sees, not a fifth decimal.
        return Decimal(f"{cell:.15g}")
    if isinstance(cell, datetime | date):
        raise _CellError(_("Isian berupa tanggal, padahal kolom ini harus berupa angka."))
    return _text(cell) or ""


def _integer(cell: Any, kolom: Kolom) -> int:
    text = _text(cell) or ""
    if isinstance(cell, float) and not cell.is_integer():
        text = ""
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise _CellError(
            _("Kolom {col} harus berisi bilangan bulat (tertulis {v!r}).").format(
                col=kolom.judul.rstrip(" *"), v=_text(cell)
            )
        )
    return int(text)


_MONTHS = {name.lower(): index for index, name in enumerate(BULAN, start=1)}
_MONTHS.update({name.lower()[:3]: index for index, name in enumerate(BULAN, start=1)})
_MONTHS.update({"agu": 8, "ags": 8, "okt": 10, "des": 12, "nop": 11, "mei": 5})


def _date(cell: Any) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if 1 <= cell < 2958466:  # Excel serials: 1900-01-01 .. 9999-12-31
            return _EXCEL_EPOCH + timedelta(days=int(cell))
        raise _CellError(_("Angka {v} bukan tanggal Excel yang sah.").format(v=cell))
    text = (_text(cell) or "").lower()
    parsed = _parse_date_text(text)
    if parsed is None:
        raise _CellError(
            _(
                "Tanggal {v!r} tidak dikenali; tulis 2026-01-31, 31/01/2026 atau 31 Januari 2026."
            ).format(v=_text(cell))
        )
    return parsed


def _parse_date_text(text: str) -> date | None:
    patterns = (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", (0, 1, 2)),
        (r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", (2, 1, 0)),
    )
    for pattern, (y, m, d) in patterns:
        match = re.fullmatch(pattern, text)
        if match:
            parts = match.groups()
            try:
                return date(int(parts[y]), int(parts[m]), int(parts[d]))
            except ValueError:
                return None
    match = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", text)
    if match and match.group(2) in _MONTHS:
        try:
            return date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            return None
    return None


def _periode(cell: Any) -> str:
    # Excel turns a typed "2026-03" into the date 1 March 2026: read it back as the month.
    if isinstance(cell, datetime | date):
        return f"{cell.year}-{cell.month:02d}"
    return (_text(cell) or "").upper().replace(" ", "")


# ----------------------------------------------------------------------------- writing helpers
def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415

    thin = Side(style="thin", color="9E9E9E")
    return {
        "header_font": Font(bold=True, color="FFFFFF"),
        "header_fill": PatternFill("solid", fgColor="1F4E78"),
        "wajib_fill": PatternFill("solid", fgColor="833C0B"),
        "header_align": Alignment(wrap_text=True, vertical="center", horizontal="center"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "error_fill": PatternFill("solid", fgColor="FFC7CE"),
        "error_font": Font(color="9C0006"),
        "row_fill": PatternFill("solid", fgColor="FFF2CC"),
        "title_font": Font(bold=True, size=14),
        "bold": Font(bold=True),
        "readonly_fill": PatternFill("solid", fgColor="EDEDED"),
    }


def _save(workbook: Any, path: Path) -> Path:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".xlsx")
        os.close(handle)
        # mkstemp makes the file private (0600); a workbook is for the office to share.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        try:
            workbook.save(temporary)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except PermissionError as exc:
        raise UserError(
            _("Berkas {path} tidak dapat ditulis (mungkin sedang dibuka di Excel): {err}").format(
                path=path, err=exc.strerror
            ),
            field="berkas",
        ) from exc
    except OSError as exc:
        raise UserError(
            _("Berkas {path} tidak dapat ditulis: {err}").format(path=path, err=exc.strerror),
            field="berkas",
        ) from exc
    return path


# ----------------------------------------------------------------------------- templates
TEMPLATE_ROWS = 1000
"""Rows of the data sheet prepared for typing (unlocked, NIP as text, validation lists)."""


def tulis_template(  # noqa: PLR0915 - one workbook, built top to bottom
    path: Path,
    jenis: str,
    *,
    pilihan: Mapping[str, Sequence[str]] | None = None,
    baris: Sequence[Mapping[str, Any]] = (),
    hanya_baca: Iterable[str] = (),
    keterangan: Sequence[str] = (),
) -> Path:
    """Write an import template: data sheet, instructions (Petunjuk) and lists (Daftar).

    The header row is locked by sheet protection (no password: it guards against accidents,
    not people); data cells are unlocked; NIP columns are formatted as text; columns with a
    list get a drop-down. ``baris`` pre-fills rows (a realisasi sheet for one period lists the
    indicators to fill); the ``hanya_baca`` columns of those rows stay locked and grey.
    """
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Protection  # noqa: PLC0415
    from openpyxl.utils import get_column_letter, quote_sheetname  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    lembar = LEMBAR[jenis]
    lists = {**daftar_pilihan_bawaan(), **(pilihan or {})}
    st = _styles()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = lembar.nama
    readonly = set(hanya_baca)
    unlocked = Protection(locked=False)
    last_row = 1 + max(TEMPLATE_ROWS, len(baris) + 200)

    # Lists sheet first, so validations can refer to its ranges.
    daftar = workbook.create_sheet("Daftar")
    ranges: dict[str, str] = {}
    used = [k.daftar for k in lembar.kolom if k.daftar and lists.get(k.daftar)]
    for position, name in enumerate(dict.fromkeys(used), start=1):
        letter = get_column_letter(position)
        cell = daftar.cell(row=1, column=position, value=name)
        cell.font = st["bold"]
        for offset, value in enumerate(lists[name], start=2):
            daftar.cell(row=offset, column=position, value=value).number_format = "@"
        daftar.column_dimensions[letter].width = max(14, *(len(v) + 2 for v in lists[name]))
        ranges[name] = f"{quote_sheetname('Daftar')}!${letter}$2:${letter}${len(lists[name]) + 1}"
    daftar.protection.sheet = True
    daftar.sheet_state = "hidden"

    for position, kolom in enumerate(lembar.kolom, start=1):
        letter = get_column_letter(position)
        head = sheet.cell(row=1, column=position, value=kolom.judul)
        head.font = st["header_font"]
        head.fill = st["wajib_fill"] if kolom.wajib else st["header_fill"]
        head.alignment = st["header_align"]
        head.border = st["border"]
        sheet.column_dimensions[letter].width = kolom.lebar
        text_format = kolom.jenis in (NIP, PERIODE) or kolom.daftar == "golongan"
        if text_format:
            sheet.column_dimensions[letter].number_format = "@"
        for row in range(2, last_row + 1):
            cell = sheet.cell(row=row, column=position)
            cell.protection = unlocked
            if text_format:
                cell.number_format = "@"
        if kolom.daftar and kolom.daftar in ranges:
            saran = kolom.daftar in DAFTAR_SARAN
            validation = DataValidation(
                type="list",
                formula1=f"={ranges[kolom.daftar]}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning" if saran else "stop",
                errorTitle="Capaian",
                error=(
                    "Nilai ini tidak ada dalam daftar. Lanjutkan hanya bila memang benar."
                    if saran
                    else "Pilih salah satu nilai dari daftar."
                ),
                promptTitle=kolom.judul.rstrip(" *"),
                prompt=kolom.keterangan[:250],
                showInputMessage=bool(kolom.keterangan),
            )
            validation.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(validation)
    for offset, values in enumerate(baris, start=2):
        for position, kolom in enumerate(lembar.kolom, start=1):
            cell = sheet.cell(
                row=offset, column=position, value=_cell_value(values.get(kolom.kunci))
            )
            if kolom.kunci in readonly:
                cell.protection = Protection(locked=True)
                cell.fill = st["readonly_fill"]
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(lembar.kolom))}{last_row}"
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.insertRows = False
    protection.deleteRows = False
    protection.sort = False
    protection.autoFilter = False
    _petunjuk(workbook, lembar, keterangan)
    workbook.move_sheet("Daftar", offset=1)
    workbook.active = 0
    return _save(workbook, path)


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "value") and not isinstance(value, str | int | float | date):
        return value.value  # enums: their stable code
    return value


def _petunjuk(workbook: Any, lembar: Lembar, keterangan: Sequence[str]) -> None:
    """The instructions sheet, in Indonesian: what to fill, column by column."""
    from openpyxl.styles import Alignment  # noqa: PLC0415

    st = _styles()
    sheet = workbook.create_sheet("Petunjuk")
    lines: list[tuple[str, str, str]] = [
        (f"Petunjuk pengisian: {lembar.judul}", "", ""),
        ("", "", ""),
        ("1.", "Isi lembar '" + lembar.nama + "' mulai baris 2. Jangan mengubah judul kolom.", ""),
        ("2.", "Kolom bertanda * wajib diisi (judul berwarna cokelat).", ""),
        (
            "3.",
            "NIP diketik sebagai teks (kolomnya sudah berformat Teks). NIP 18 digit yang "
            "tersimpan sebagai angka kehilangan digit terakhirnya dan akan ditolak.",
            "",
        ),
        (
            "4.",
            "Angka desimal boleh ditulis dengan koma (95,5) atau titik (95.5); titik sebagai "
            "pemisah ribuan juga dibaca (1.200 = seribu dua ratus).",
            "",
        ),
        ("5.", "Tanggal boleh berupa tanggal Excel atau teks 2026-01-31 / 31/01/2026.", ""),
        (
            "6.",
            "Impor memeriksa seluruh baris terlebih dahulu. Bila ada kesalahan, tidak ada data "
            "yang disimpan; Capaian menulis laporan kesalahan (berkas ini dengan kolom "
            "'Kesalahan' dan sel yang ditandai merah).",
            "",
        ),
        (
            "7.",
            "Impor ulang berkas yang sama tidak mengubah apa pun; baris yang berubah "
            "memperbarui data yang ada. Baris yang tidak ada di berkas tidak dihapus.",
            "",
        ),
        (
            "8.",
            f"Perintah: capaian import-excel {lembar.jenis} BERKAS --dry-run (periksa saja), "
            f"lalu tanpa --dry-run untuk menyimpan.",
            "",
        ),
        *(("", line, "") for line in keterangan),
        ("", "", ""),
        ("Kolom", "Keterangan", "Wajib"),
    ]
    lines.extend(
        (k.judul.rstrip(" *"), k.keterangan, "ya" if k.wajib else "") for k in lembar.kolom
    )
    for row in lines:
        sheet.append(list(row))
    sheet["A1"].font = st["title_font"]
    header_row = len(lines) - len(lembar.kolom)
    for cell in sheet[header_row]:
        cell.font = st["header_font"]
        cell.fill = st["header_fill"]
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100
    sheet.column_dimensions["C"].width = 8
    for row in sheet.iter_rows(min_row=3):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.protection.sheet = True


# ----------------------------------------------------------------------------- error report
def tulis_laporan_kesalahan(data: DataLembar, masalah: Sequence[Masalah], tujuan: Path) -> Path:
    """The workbook back with a 'Kesalahan' column, the wrong cells in red, and a summary.

    The source workbook is loaded with openpyxl, so the clerk gets their own file (formatting,
    extra columns) with the problems marked, fixes it and imports it again.
    """
    from openpyxl import Workbook, load_workbook  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    st = _styles()
    try:
        workbook = load_workbook(data.path)
        sheet = workbook[data.nama_lembar]
    except Exception:  # a file calamine could read but openpyxl cannot: summary only
        workbook = Workbook()
        sheet = None
    by_row: dict[int | None, list[Masalah]] = {}
    for item in masalah:
        by_row.setdefault(item.baris, []).append(item)
    if sheet is not None:
        sheet.protection.sheet = False
        column = (sheet.max_column or 1) + 1
        head = sheet.cell(row=data.baris_judul, column=column, value="Kesalahan")
        head.font = st["header_font"]
        head.fill = st["error_fill"]
        head.font = st["error_font"]
        sheet.column_dimensions[get_column_letter(column)].width = 60
        for nomor, items in by_row.items():
            if nomor is None:
                continue
            cell = sheet.cell(row=nomor, column=column, value="; ".join(i.pesan for i in items))
            cell.font = st["error_font"]
            cell.fill = st["row_fill"]
            for item in items:
                if item.kolom is not None and item.kolom in data.posisi:
                    wrong = sheet.cell(row=nomor, column=data.posisi[item.kolom] + 1)
                    wrong.fill = st["error_fill"]
                    wrong.font = st["error_font"]
    summary = workbook.create_sheet("Ringkasan Kesalahan", 0)
    summary.append([_("Ringkasan kesalahan impor")])
    summary["A1"].font = st["title_font"]
    summary.append([_("Berkas"), data.path.name])
    summary.append([_("Lembar"), data.nama_lembar])
    summary.append([_("Baris data"), len(data.baris)])
    rows_with_errors = len({m.baris for m in masalah if m.baris is not None})
    summary.append([_("Baris bermasalah"), rows_with_errors])
    summary.append([_("Jumlah kesalahan"), len(masalah)])
    summary.append(
        [_("Tidak ada data yang disimpan. Perbaiki sel yang ditandai lalu impor ulang.")]
    )
    summary.append([])
    summary.append([_("Baris"), _("Kolom"), _("Kesalahan")])
    for cell in summary[summary.max_row]:
        cell.font = st["header_font"]
        cell.fill = st["header_fill"]
    lembar = LEMBAR[data.jenis]
    for item in sorted(masalah, key=lambda m: (m.baris or 0, m.kolom or "")):
        judul = lembar.kolom_by_kunci(item.kolom).judul.rstrip(" *") if item.kolom else ""
        summary.append([item.baris, judul, item.pesan])
    summary.column_dimensions["A"].width = 18
    summary.column_dimensions["B"].width = 24
    summary.column_dimensions["C"].width = 100
    workbook.active = 0
    return _save(workbook, tujuan)


# ----------------------------------------------------------------------------- export
@dataclass(frozen=True)
class KolomEkspor:
    """A column of an export sheet: header, width and number format."""

    judul: str
    lebar: int = 14
    format: str | None = None  # openpyxl number format, e.g. "@" or "0.00"


@dataclass(frozen=True)
class LembarEkspor:
    """One sheet of an export: title lines, columns, rows, and fills for chosen values."""

    nama: str
    kolom: tuple[KolomEkspor, ...]
    baris: Sequence[Sequence[Any]]
    judul: tuple[str, ...] = ()
    warna: Mapping[str, str] = field(default_factory=dict)  # cell text -> fill colour (RGB hex)
    kolom_warna: str | None = None  # the header of the column ``warna`` applies to


def tulis_ekspor(path: Path, lembar: Sequence[LembarEkspor]) -> Path:
    """Write an export workbook: a formatted table per sheet (header, widths, filter, panes).

    Values are written as their Python type (decimals as numbers, NIPs as text), so a pivot
    table or a re-import sees the right types.
    """
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    st = _styles()
    workbook = Workbook()
    default = workbook.active
    assert default is not None
    workbook.remove(default)
    fills: dict[str, Any] = {}
    for spec in lembar:
        sheet = workbook.create_sheet(spec.nama[:31])
        for line in spec.judul:
            sheet.append([line])
        if spec.judul:
            sheet["A1"].font = st["title_font"]
        header_row = len(spec.judul) + 2 if spec.judul else 1  # a blank row under the title
        for position, kolom in enumerate(spec.kolom, start=1):
            cell = sheet.cell(row=header_row, column=position, value=kolom.judul)
            cell.font = st["header_font"]
            cell.fill = st["header_fill"]
            cell.alignment = st["header_align"]
            sheet.column_dimensions[get_column_letter(position)].width = kolom.lebar
        formats = [(i, k.format) for i, k in enumerate(spec.kolom) if k.format]
        headers = [k.judul for k in spec.kolom]
        coloured = headers.index(spec.kolom_warna) if spec.kolom_warna in headers else None
        for offset, values in enumerate(spec.baris, start=header_row + 1):
            for position, value in enumerate(values, start=1):
                sheet.cell(row=offset, column=position, value=_cell_value(value))
            for index, number_format in formats:
                sheet.cell(row=offset, column=index + 1).number_format = number_format
            if coloured is not None:
                value = values[coloured]
                colour = spec.warna.get(value) if isinstance(value, str) else None
                if colour:
                    fill = fills.setdefault(colour, PatternFill("solid", fgColor=colour))
                    sheet.cell(row=offset, column=coloured + 1).fill = fill
        last = get_column_letter(max(1, len(spec.kolom)))
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        if spec.baris:
            sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(spec.baris)}"
    return _save(workbook, path)
