"""Broken and variant workbooks for the Excel import tests, generated (no binaries committed).

Each builder writes one file into a folder and returns its path. The password-protected case
cannot be produced with openpyxl (it does not encrypt); Excel stores an encrypted .xlsx inside an
OLE compound file (CFB) with an ``EncryptionInfo`` stream, so :func:`password_protected` writes
the CFB signature and a directory entry named ``EncryptionInfo`` (UTF-16), which is exactly what
the reader looks at before refusing the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

PEGAWAI_HEADERS = (
    "NIP *", "Nama *", "Jenis Pegawai *", "Golongan", "Jabatan *", "Jenis Jabatan *",
    "Kode Unit Kerja *", "NIP Pejabat Penilai",
)  # fmt: skip

NIP_A = "198503152010012001"
NIP_B = "199001012015031002"


def workbook(path: Path, sheet: str, headers: Sequence[Any], rows: Sequence[Sequence[Any]]) -> Path:
    """A plain workbook with one sheet: headers in row 1, then ``rows``."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def pegawai_row(
    nip: Any, nama: str = "Ani", penilai: Any = None, unit: str = "DINKES"
) -> list[Any]:
    return [nip, nama, "PNS", "III/b", "Perawat", "FUNGSIONAL", unit, penilai]


def missing_column(folder: Path) -> Path:
    headers = [h for h in PEGAWAI_HEADERS if not h.startswith("Jabatan")]
    row = [v for h, v in zip(PEGAWAI_HEADERS, pegawai_row(NIP_A), strict=True) if h in headers]
    return workbook(folder / "kolom-hilang.xlsx", "Pegawai", headers, [row])


def duplicate_nip(folder: Path) -> Path:
    rows = [pegawai_row(NIP_A, "Ani"), pegawai_row(NIP_B, "Budi"), pegawai_row(NIP_A, "Citra")]
    return workbook(folder / "nip-ganda.xlsx", "Pegawai", PEGAWAI_HEADERS, rows)


def invalid_nip(folder: Path) -> Path:
    rows = [pegawai_row(NIP_A), pegawai_row("19850315201001200", "Budi")]
    return workbook(folder / "nip-salah.xlsx", "Pegawai", PEGAWAI_HEADERS, rows)


def numeric_nip(folder: Path) -> Path:
    """An 18-digit NIP typed as a number: the stored double has lost the last digits."""
    rows = [pegawai_row(int(NIP_A), "Ani")]
    return workbook(folder / "nip-angka.xlsx", "Pegawai", PEGAWAI_HEADERS, rows)


def unknown_unit(folder: Path) -> Path:
    rows = [pegawai_row(NIP_A, unit="TIDAK-ADA")]
    return workbook(folder / "unit-tak-dikenal.xlsx", "Pegawai", PEGAWAI_HEADERS, rows)


def error_cells(folder: Path) -> Path:
    """Cached Excel errors, as a broken VLOOKUP leaves them: one in the unit column of a row,
    one alone on an otherwise empty row (the row must not pass as empty), and one in a column
    the import ignores (harmless)."""
    headers = [*PEGAWAI_HEADERS, "Catatan"]
    rows = [
        [*pegawai_row(NIP_A), "#REF!"],
        [*pegawai_row(NIP_B, "Budi", unit="#N/A"), None],
        [None, None, None, None, "#DIV/0!", None, None, None, None],
        [None, None, None, None, None, None, None, None, "#VALUE!"],
    ]
    path = workbook(folder / "galat.xlsx", "Pegawai", headers, rows)
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("#"):
                cell.data_type = "e"  # stored as <c t="e"><v>#N/A</v></c>, as Excel does
    book.save(path)
    return path


def empty_sheet(folder: Path) -> Path:
    return workbook(folder / "kosong.xlsx", "Pegawai", PEGAWAI_HEADERS, [])


def blank_workbook(folder: Path) -> Path:
    book = Workbook()
    assert book.active is not None
    book.active.title = "Pegawai"
    book.save(folder / "tanpa-isi.xlsx")
    return folder / "tanpa-isi.xlsx"


def password_protected(folder: Path) -> Path:
    """An OLE compound file with an EncryptionInfo stream, as Excel writes encrypted files."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    path = folder / "berpassword.xlsx"
    path.write_bytes(header + entry + b"\x00" * 1024)
    return path


def old_xls(folder: Path) -> Path:
    """An OLE compound file without encryption: an Excel 97-2003 .xls."""
    path = folder / "lama.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    return path


def not_xlsx(folder: Path) -> Path:
    path = folder / "bukan-excel.xlsx"
    path.write_text("NIP;Nama\n198503152010012001;Ani\n", encoding="utf-8")
    return path


def huge(folder: Path, rows: int) -> Path:
    """A pegawai sheet of ``rows`` rows (tests lower the row limit instead of writing 200k)."""
    data = [pegawai_row(f"1985031520100120{i % 90 + 10:02d}", f"P{i}") for i in range(rows)]
    return workbook(folder / "besar.xlsx", "Pegawai", PEGAWAI_HEADERS, data)


def write_all(folder: Path) -> list[Path]:
    """Every corpus file into ``folder`` (for looking at them by hand)."""
    folder.mkdir(parents=True, exist_ok=True)
    builders = (missing_column, duplicate_nip, invalid_nip, numeric_nip, unknown_unit,
                error_cells, empty_sheet, blank_workbook, password_protected, old_xls,
                not_xlsx)  # fmt: skip
    return [build(folder) for build in builders] + [huge(folder, 1000)]


if __name__ == "__main__":
    import sys

    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "korpus-excel")):
        print(written)  # noqa: T201
