"""app.io.excel: reading variants, file-level refusals, template and report structure."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import UserError
from app.io import excel
from app.io.excel import Masalah, baca_lembar, tulis_laporan_kesalahan, tulis_template
from tests.data import excel_corpus as corpus


def test_reads_variants_by_header_whatever_order_case_and_extra_columns(tmp_path: Path) -> None:
    path = corpus.workbook(
        tmp_path / "varian.xlsx",
        "Data Saya",  # the only sheet: taken even though it is not named "SKP"
        [
            "catatan",
            "  target ",
            "no indikator",
            "NIP",
            "TAHUN",
            "jenis rhk",
            "No RHK",
            "rencana hasil kerja",
            "Indikator Kinerja Individu",
            "tanggal mulai",
        ],
        [
            ["x", "1.234,5", 1, "19850315 201001 2 001", 2026, "utama", 1, "R", "I", "2026-02-01"],
            ["y", 95.5, 2, "'198503152010012001", "2026", "UTAMA", 1, "R", "J", 46054],
            [None, None, None, None, None, None, None, None, None, None],
        ],
    )
    data = baca_lembar(path, "skp")
    assert data.kolom_lain == ("catatan",)
    assert data.masalah == ()
    first, second = data.baris
    assert (first.nomor, second.nomor) == (2, 3)  # the empty row is skipped
    assert first.nilai["nip"] == second.nilai["nip"] == "198503152010012001"
    assert first.nilai["target"] == "1.234,5"  # text: the service reads it the Indonesian way
    assert second.nilai["target"] == Decimal("95.5")
    assert first.nilai["tahun"] == second.nilai["tahun"] == 2026
    assert first.nilai["tanggal_mulai"] == date(2026, 2, 1)
    assert second.nilai["tanggal_mulai"] == date(2026, 2, 1)  # Excel serial 46054


def test_numeric_18_digit_nip_is_refused_as_not_text(tmp_path: Path) -> None:
    data = baca_lembar(corpus.numeric_nip(tmp_path), "pegawai")
    (problem,) = data.masalah
    assert problem.baris == 2 and problem.kolom == "nip"
    assert problem.pesan.startswith("NIP harus diketik sebagai teks")
    assert data.baris[0].salah == frozenset({"nip"})


def test_small_numbers_in_text_columns_read_without_decimal_point(tmp_path: Path) -> None:
    path = corpus.workbook(
        tmp_path / "a.xlsx",
        "Pegawai",
        corpus.PEGAWAI_HEADERS,
        [[corpus.NIP_A, "Ani", "PNS", None, "Perawat", "FUNGSIONAL", 101, None]],
    )
    assert baca_lembar(path, "pegawai").baris[0].nilai["organisasi_kode"] == "101"


def test_unreadable_dates_and_integers_are_cell_problems(tmp_path: Path) -> None:
    path = corpus.workbook(
        tmp_path / "a.xlsx",
        "SKP",
        ["NIP", "Tahun", "Tanggal Mulai", "No RHK"],
        [[corpus.NIP_A, 2026, "31 Februari 2026", "satu"]],
    )
    data = baca_lembar(path, "skp")
    assert {(m.kolom, m.baris) for m in data.masalah} >= {("tanggal_mulai", 2), ("no_rhk", 2)}


@pytest.mark.parametrize(
    ("builder", "message"),
    [
        (corpus.password_protected, "dilindungi kata sandi"),
        (corpus.old_xls, "format Excel lama (.xls)"),
        (corpus.not_xlsx, "bukan berkas Excel .xlsx"),
        (corpus.empty_sheet, "tidak berisi data (hanya judul kolom)"),
        (corpus.blank_workbook, "kosong"),
    ],
)
def test_file_level_refusals(tmp_path: Path, builder: object, message: str) -> None:
    path = builder(tmp_path)  # type: ignore[operator]
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        baca_lembar(path, "pegawai")


def test_too_many_rows_and_too_many_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = corpus.huge(tmp_path, 30)
    monkeypatch.setattr(excel, "MAX_ROWS", 25)
    with pytest.raises(UserError, match="berisi 30 baris data; maksimum 25"):
        baca_lembar(path, "pegawai")
    monkeypatch.setattr(excel, "MAX_BYTES", 1024)
    with pytest.raises(UserError, match="terlalu besar"):
        baca_lembar(path, "pegawai")


def test_zip_bomb_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = corpus.huge(tmp_path, 5)
    monkeypatch.setattr(excel, "MAX_UNCOMPRESSED", 2048)
    with pytest.raises(UserError, match="terlalu besar setelah dibuka"):
        baca_lembar(path, "pegawai")


def test_template_protection_text_nip_validation_lists_and_instructions(tmp_path: Path) -> None:
    path = tulis_template(tmp_path / "t.xlsx", "skp", pilihan={"organisasi": ("DINKES",)})
    book = load_workbook(path)
    assert book.sheetnames == ["SKP", "Petunjuk", "Daftar"]
    assert book["Daftar"].sheet_state == "hidden"
    ws = book["SKP"]
    assert ws.protection.sheet is True
    assert ws["A1"].value == "NIP *" and ws["A1"].protection.locked
    assert ws["A2"].number_format == "@" and not ws["A2"].protection.locked
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    headers = [c.value for c in ws[1]]
    daftar = book["Daftar"]

    def values(header: str) -> list[str]:
        letter = ws.cell(row=2, column=headers.index(header) + 1).column_letter
        list_letter = lists[f"{letter}2"].split("!$")[1].split("$")[0]
        return [c.value for c in daftar[list_letter][1:] if c.value is not None]

    assert values("Aspek") == ["KUANTITAS", "KUALITAS", "WAKTU", "BIAYA"]
    assert "Dokumen" in values("Satuan")
    instructions = " ".join(
        str(c) for row in book["Petunjuk"].iter_rows(values_only=True) for c in row if c
    )
    assert "NIP diketik sebagai teks" in instructions
    # The template itself imports as "no data", not as garbage.
    with pytest.raises(UserError, match="tidak berisi data"):
        baca_lembar(path, "skp")


def test_pegawai_template_lists_golongan(tmp_path: Path) -> None:
    book = load_workbook(tulis_template(tmp_path / "p.xlsx", "pegawai"))
    daftar = book["Daftar"]
    columns = {daftar.cell(row=1, column=i).value: i for i in range(1, daftar.max_column + 1)}
    gol = [daftar.cell(row=r, column=columns["golongan"]).value for r in range(2, 40)]
    assert "III/b" in gol and "XVII" in gol


def test_error_report_marks_cells_and_adds_summary(tmp_path: Path) -> None:
    data = baca_lembar(corpus.duplicate_nip(tmp_path), "pegawai")
    problems = [Masalah(4, "nip", "NIP ganda"), Masalah(3, None, "baris salah")]
    path = tulis_laporan_kesalahan(data, problems, tmp_path / "laporan.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[0] == "Ringkasan Kesalahan"
    ws = book["Pegawai"]
    column = ws.max_column
    assert ws.cell(row=1, column=column).value == "Kesalahan"
    assert ws.cell(row=4, column=column).value == "NIP ganda"
    assert ws.cell(row=4, column=1).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(row=3, column=1).fill.fgColor.rgb.endswith("000000")
    summary = [r for r in book["Ringkasan Kesalahan"].iter_rows(values_only=True)]
    assert (3, None, "baris salah") in summary and (4, "NIP", "NIP ganda") in summary


def test_float_noise_read_as_excel_shows_it(tmp_path: Path) -> None:
    path = corpus.workbook(
        tmp_path / "a.xlsx", "Realisasi", ["NIP", "No RHK", "No Indikator", "Realisasi"],
        [[corpus.NIP_A, 1, 1, 12.3 + 1.0000000000000002], [corpus.NIP_A, 1, 2, 1 / 3]],
    )  # fmt: skip
    first, second = baca_lembar(path, "realisasi").baris
    assert first.nilai["realisasi"] == Decimal("13.3")
    assert second.nilai["realisasi"] == Decimal("0.333333333333333")


def test_excel_error_cells_are_problems_not_empty_cells(tmp_path: Path) -> None:
    data = baca_lembar(corpus.error_cells(tmp_path), "pegawai")
    found = {(m.baris, m.kolom): m.pesan for m in data.masalah}
    assert set(found) == {(3, "organisasi_kode"), (4, "jabatan")}
    assert "galat Excel #N/A" in found[(3, "organisasi_kode")]
    assert "galat Excel #DIV/0!" in found[(4, "jabatan")]
    # The row holding only an error is kept (and reported); the one whose only error is in
    # an ignored column is an empty row, skipped as before.
    assert [b.nomor for b in data.baris] == [2, 3, 4]
    assert data.baris[1].salah == frozenset({"organisasi_kode"})


def test_error_cells_are_found_where_the_sheet_does_not_start_at_a1(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Pegawai"
    sheet["C3"] = "Daftar pegawai"  # a title row above the header, data from column B
    for offset, header in enumerate(corpus.PEGAWAI_HEADERS):
        sheet.cell(row=5, column=2 + offset, value=header)
    for offset, value in enumerate(corpus.pegawai_row(corpus.NIP_A, unit="#N/A")):
        cell = sheet.cell(row=6, column=2 + offset, value=value)
        if value == "#N/A":
            cell.data_type = "e"
    path = tmp_path / "geser.xlsx"
    book.save(path)
    data = baca_lembar(path, "pegawai")
    assert [(m.baris, m.kolom) for m in data.masalah] == [(6, "organisasi_kode")]
