"""Excel import/export use cases: round trip, idempotence, broken-file corpus, unchanged DB."""

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from app.errors import UserError
from app.models import AuditLog, OutboxOp, Pegawai, Periode
from app.scoring.types import Rating
from app.services import evaluasi, excel, pegawai, realisasi, skp
from app.services.context import ServiceContext
from tests.data import excel_corpus as corpus
from tests.helpers import NIP_BIDAN, NIP_KEPALA, build_team, snapshot

NIP_PERAWAT = "199203102019031004"


def fill(template: Path, target: Path, rows: list[dict[str, object]]) -> Path:
    """Type rows into a template the way a clerk does: by header, into the data sheet."""
    book = load_workbook(template)
    ws = book.worksheets[0]
    headers = [str(c.value).rstrip(" *") for c in ws[1]]
    for offset, row in enumerate(rows, start=2):
        for key, value in row.items():
            ws.cell(row=offset, column=headers.index(key) + 1, value=value)
    book.save(target)
    return target


def test_pegawai_round_trip_template_import_export(office: ServiceContext, tmp_path: Path) -> None:
    template = excel.buat_template(office, "pegawai", tmp_path / "templat.xlsx")
    filled = fill(
        template,
        tmp_path / "isi.xlsx",
        [
            {
                "NIP": "19850315 201001 2 001",
                "Nama": "Ani Lestari",
                "Jenis Pegawai": "pns",
                "Golongan": "iii/b",
                "Jabatan": "Perawat Ahli Pertama",
                "Jenis Jabatan": "Fungsional",
                "Kode Unit Kerja": "dinkes",
                "NIP Pejabat Penilai": corpus.NIP_B,
            },
            {
                "NIP": corpus.NIP_B,
                "Nama": "Budi",
                "Gelar Depan": "dr.",
                "Jenis Pegawai": "PNS",
                "Golongan": "IV/a",
                "Jabatan": "Kepala Seksi",
                "Jenis Jabatan": "PENGAWAS",
                "Kode Unit Kerja": "DINKES",
            },
        ],
    )
    first = excel.impor_excel(office, "pegawai", filled)
    report = first.value
    assert report.ok and (report.baru, report.diubah, report.sama) == (2, 0, 0)
    assert first.changes.pegawai
    ani = pegawai.get_pegawai(office, corpus.NIP_A)
    assert ani.penilai_nip == corpus.NIP_B  # penilai defined later in the same file
    assert ani.golongan == "III/b" and ani.jenis_jabatan.value == "FUNGSIONAL"
    with office.read() as session:
        ops = session.scalars(select(OutboxOp).where(OutboxOp.entitas == "pegawai")).all()
        assert len(ops) == 2  # change capture saw both rows
    before = snapshot(office.db)
    again = excel.impor_excel(office, "pegawai", filled)
    assert (again.value.baru, again.value.diubah, again.value.sama) == (0, 0, 2)
    assert not again.changes.any
    assert snapshot(office.db) == before  # idempotent: not even an audit entry
    export = excel.ekspor_excel(office, "pegawai", tmp_path / "ekspor.xlsx")
    book = load_workbook(export.berkas)
    ws = book["Pegawai"]
    headers = [c.value for c in ws[1]]
    assert {"nip", "golru", "skp_jabatan", "skp_jenis_jabatan", "pegawai_atasan_nip"} <= set(
        headers
    )
    rows = {
        r[0]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }
    typed_a = {
        "nama": "Ani Lestari",
        "jenis_pegawai": "PNS",
        "golru": "III/b",
        "skp_jabatan": "Perawat Ahli Pertama",
        "skp_jenis_jabatan": "FUNGSIONAL",
        "kode_unor": "DINKES",
        "pegawai_atasan_nip": corpus.NIP_B,
        "gelar_depan": None,
        "jenis_kelamin": "WANITA",
    }  # digit 15 of the NIP
    typed_b = {
        "nama": "Budi",
        "gelar_depan": "dr.",
        "golru": "IV/a",
        "skp_jabatan": "Kepala Seksi",
        "skp_jenis_jabatan": "PENGAWAS",
        "kode_unor": "DINKES",
        "pegawai_atasan_nip": None,
    }
    assert {k: rows[corpus.NIP_A][k] for k in typed_a} == typed_a
    assert {k: rows[corpus.NIP_B][k] for k in typed_b} == typed_b
    # The export imports back as "nothing changed".
    back = excel.impor_excel(office, "pegawai", Path(export.berkas)).value
    assert back.ok and back.sama == 2 and back.baru == back.diubah == 0
    # A changed cell updates exactly that employee.
    ws.cell(row=2, column=headers.index("skp_jabatan") + 1, value="Jabatan Baru")
    book.save(tmp_path / "ubah.xlsx")
    changed = excel.impor_excel(office, "pegawai", tmp_path / "ubah.xlsx").value
    assert (changed.diubah, changed.sama) == (1, 1)


def _snapshot_and_import(
    ctx: ServiceContext, path: Path, jenis: str = "pegawai"
) -> excel.LaporanImpor:
    before = snapshot(ctx.db)
    report = excel.impor_excel(ctx, jenis, path).value
    assert snapshot(ctx.db) == before
    return report


@pytest.mark.parametrize(
    ("builder", "column", "message"),
    [
        (corpus.missing_column, None, "Kolom wajib tidak ada: Jabatan"),
        (corpus.duplicate_nip, "nip", "ganda: sudah ada di baris 2"),
        (corpus.invalid_nip, "nip", "NIP harus 18 digit angka (tertulis 17 digit)"),
        (corpus.numeric_nip, "nip", "NIP harus diketik sebagai teks"),
        (corpus.unknown_unit, "organisasi_kode", "kode TIDAK-ADA tidak terdaftar"),
        (corpus.error_cells, "organisasi_kode", "galat Excel #N/A"),
    ],
)
def test_broken_pegawai_workbooks_change_nothing(
    office: ServiceContext, tmp_path: Path, builder: object, column: str | None, message: str
) -> None:
    path = builder(tmp_path)  # type: ignore[operator]
    report = _snapshot_and_import(office, path)
    assert not report.ok
    assert any(m.kolom == column and message in m.pesan for m in report.masalah), report.masalah
    assert report.laporan_kesalahan is not None and Path(report.laporan_kesalahan).exists()


@pytest.mark.parametrize(
    ("builder", "message"),
    [
        (corpus.empty_sheet, "tidak berisi data"),
        (corpus.password_protected, "dilindungi kata sandi"),
        (corpus.not_xlsx, "bukan berkas Excel"),
    ],
)
def test_unusable_files_raise_and_change_nothing(
    office: ServiceContext, tmp_path: Path, builder: object, message: str
) -> None:
    before = snapshot(office.db)
    with pytest.raises(UserError, match=message):
        excel.impor_excel(office, "pegawai", builder(tmp_path))  # type: ignore[operator]
    assert snapshot(office.db) == before


def test_huge_file_refused(
    office: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.io import excel as excel_io

    monkeypatch.setattr(excel_io, "MAX_ROWS", 10)
    before = snapshot(office.db)
    with pytest.raises(UserError, match="maksimum 10 baris"):
        excel.impor_excel(office, "pegawai", corpus.huge(tmp_path, 11))
    assert snapshot(office.db) == before


def test_dry_run_validates_only(office: ServiceContext, tmp_path: Path) -> None:
    path = corpus.workbook(
        tmp_path / "ok.xlsx", "Pegawai", corpus.PEGAWAI_HEADERS, [corpus.pegawai_row(corpus.NIP_A)]
    )
    before = snapshot(office.db)
    report = excel.impor_excel(office, "pegawai", path, uji_coba=True).value
    assert report.ok and report.uji_coba and report.baru == 1
    assert snapshot(office.db) == before


def test_penilai_cycle_and_unknown_penilai(office: ServiceContext, tmp_path: Path) -> None:
    rows = [
        corpus.pegawai_row(corpus.NIP_A, penilai=corpus.NIP_B),
        corpus.pegawai_row(corpus.NIP_B, "Budi", penilai=corpus.NIP_A),
        corpus.pegawai_row(NIP_PERAWAT, "Citra", penilai="196001011990031001"),
    ]
    path = corpus.workbook(tmp_path / "siklus.xlsx", "Pegawai", corpus.PEGAWAI_HEADERS, rows)
    report = _snapshot_and_import(office, path)
    messages = {(m.baris, m.pesan.split(" (")[0].split(" dengan")[0]) for m in report.masalah}
    assert (2, "Rantai pejabat penilai melingkar") in messages
    assert (3, "Rantai pejabat penilai melingkar") in messages
    assert (4, "Pejabat penilai") in messages


SKP_ROWS = [
    {
        "NIP": "199203102019031004",
        "Tahun": 2026,
        "Jenis RHK": "UTAMA",
        "No RHK": 1,
        "Rencana Hasil Kerja": "Terlaksananya asuhan keperawatan",
        "RHK Pimpinan yang Diintervensi": "Meningkatnya cakupan imunisasi dasar lengkap",
        "No Indikator": 1,
        "Indikator Kinerja Individu": "Jumlah pasien diasuh",
        "Aspek": "KUANTITAS",
        "Target": "1.200",
        "Satuan": "pasien",
    },
    {
        "NIP": "199203102019031004",
        "Tahun": 2026,
        "Jenis RHK": "UTAMA",
        "No RHK": 1,
        "Rencana Hasil Kerja": "Terlaksananya asuhan keperawatan",
        "No Indikator": 2,
        "Indikator Kinerja Individu": "Persentase asuhan sesuai standar",
        "Aspek": "KUALITAS",
        "Target": "95,5",
        "Satuan": "%",
        "Cara Agregasi": "TERAKHIR",
    },
]


def _perawat(ctx: ServiceContext) -> None:
    from app.scoring.types import JenisJabatan, JenisPegawai

    pegawai.create_pegawai(
        ctx,
        pegawai.PegawaiInput(
            nip=NIP_PERAWAT,
            nama="Rudi",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Perawat",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode="PKM-01",
            penilai_nip=NIP_KEPALA,
        ),
    )


def test_skp_import_creates_draft_with_cascade_and_is_idempotent(
    office: ServiceContext, tmp_path: Path
) -> None:
    build_team(office)
    _perawat(office)
    template = excel.buat_template(office, "skp", tmp_path / "skp.xlsx")
    filled = fill(template, tmp_path / "skp-isi.xlsx", SKP_ROWS)
    report = excel.impor_excel(office, "skp", filled).value
    assert report.ok, report.masalah
    assert report.rincian == {"skp": 1, "perilaku_skp": 7, "rhk": 1, "indikator": 2}
    (dto,) = skp.list_skp(office, nip=NIP_PERAWAT)
    full = skp.get_skp(office, dto.id)
    (rhk,) = full.rhk
    assert rhk.rhk_atasan_uraian == "Meningkatnya cakupan imunisasi dasar lengkap"
    targets = [(i.target_angka, i.satuan, i.target_teks) for i in rhk.indikator]
    assert [(t, s) for t, s, _tt in targets] == [(Decimal(1200), "Pasien"), (Decimal("95.5"), "%")]
    before = snapshot(office.db)
    assert excel.impor_excel(office, "skp", filled).value.sama == 2
    assert snapshot(office.db) == before
    # Export -> import of every SKP (the team's approved ones included) changes nothing.
    export = excel.ekspor_excel(office, "skp", tmp_path / "skp-ekspor.xlsx")
    back = excel.impor_excel(office, "skp", Path(export.berkas)).value
    assert back.ok, back.masalah
    assert back.baru == back.diubah == 0 and back.sama == export.baris
    assert snapshot(office.db) == before


def test_skp_text_target_and_approved_skp_refused(office: ServiceContext, tmp_path: Path) -> None:
    build_team(office)
    rows = [
        {
            **SKP_ROWS[0],
            "NIP": NIP_BIDAN,
            "Target": "seratus",
            "RHK Pimpinan yang Diintervensi": None,
        },
    ]
    template = excel.buat_template(office, "skp", tmp_path / "skp.xlsx")
    report = _snapshot_and_import(office, fill(template, tmp_path / "a.xlsx", rows), "skp")
    assert [(m.kolom, m.pesan) for m in report.masalah] == [
        ("target", "Nilai 'seratus' pada kolom target bukan angka.")
    ]
    rows[0]["Target"] = 10
    report = _snapshot_and_import(office, fill(template, tmp_path / "b.xlsx", rows), "skp")
    assert "berstatus Disetujui" in report.masalah[0].pesan


def test_realisasi_template_prefilled_import_and_idempotence(
    office: ServiceContext, tmp_path: Path
) -> None:
    team = build_team(office)
    template = excel.buat_template(office, "realisasi", tmp_path / "r.xlsx", periode_kode="2026-03")
    book = load_workbook(template)
    ws = book["Realisasi"]
    rows = list(ws.iter_rows(min_row=2, max_row=4, values_only=True))
    assert [r[0] for r in rows[:3]] == [NIP_KEPALA, NIP_BIDAN, NIP_BIDAN]
    assert ws["A2"].protection.locked and not ws["J2"].protection.locked
    ws["J3"] = "12,5"
    ws["J4"] = 90
    ws["J2"] = None  # left empty: skipped
    book.save(tmp_path / "r-isi.xlsx")
    report = excel.impor_excel(office, "realisasi", tmp_path / "r-isi.xlsx").value
    assert report.ok and (report.baru, report.dilewati) == (2, 1)
    stored = {r.indikator_id: r.nilai for r in realisasi.list_realisasi(office, team.skp_bidan.id)}
    assert stored == {team.jumlah.id: Decimal("12.5"), team.persen.id: Decimal(90)}
    before = snapshot(office.db)
    assert excel.impor_excel(office, "realisasi", tmp_path / "r-isi.xlsx").value.sama == 2
    assert snapshot(office.db) == before
    export = excel.ekspor_excel(office, "realisasi", tmp_path / "re.xlsx", periode_kode="2026-03")
    assert export.baris == 2
    assert excel.impor_excel(office, "realisasi", Path(export.berkas)).value.sama == 2
    assert snapshot(office.db) == before


def test_realisasi_errors(office: ServiceContext, tmp_path: Path) -> None:
    build_team(office)
    headers = ["NIP", "Periode", "No RHK", "No Indikator", "Realisasi"]
    rows = [
        [NIP_BIDAN, "2026-03", 1, 1, "-5"],
        [NIP_BIDAN, "2026-13", 1, 1, 5],
        [NIP_BIDAN, "2026-03", 1, 9, 5],
        [NIP_KEPALA, None, 1, 1, 5],
    ]
    path = corpus.workbook(tmp_path / "r.xlsx", "Realisasi", headers, rows)
    report = _snapshot_and_import(office, path, "realisasi")
    by_row = {m.baris: (m.kolom, m.pesan) for m in report.masalah}
    assert by_row[2] == ("realisasi", "Nilai tidak boleh negatif.")
    assert by_row[3][0] == "periode"
    assert by_row[4][0] == "no_indikator"
    assert by_row[5] == ("periode", "Wajib diisi (atau berikan --periode).")


def test_rekap_export_has_predikat_and_distribution(office: ServiceContext, tmp_path: Path) -> None:
    build_team(office)
    evaluasi.simpan_evaluasi(
        office,
        nip=NIP_BIDAN,
        periode_kode="2026-03",
        rating_hasil=Rating.DI_ATAS,
        rating_perilaku=Rating.DI_ATAS,
    )
    report = excel.ekspor_excel(office, "rekap", tmp_path / "rekap.xlsx", periode_kode="2026-03")
    assert report.lembar == ("Rekap", "Distribusi")
    book = load_workbook(report.berkas)
    ws = book["Rekap"]
    header_row = next(
        i for i, r in enumerate(ws.iter_rows(values_only=True), 1) if r[0] == "kode_unor"
    )
    headers = [c.value for c in ws[header_row]]
    rows = [
        dict(zip(headers, r, strict=True))
        for r in ws.iter_rows(min_row=header_row + 1, values_only=True)
    ]
    bidan = next(r for r in rows if r["nip"] == NIP_BIDAN)
    assert bidan["hasil_akhir"] == "SANGAT BAIK"
    predikat_column = headers.index("hasil_akhir") + 1
    bidan_row = next(
        r
        for r in range(header_row + 1, ws.max_row + 1)
        if ws.cell(row=r, column=3).value == NIP_BIDAN
    )
    assert ws.cell(row=bidan_row, column=predikat_column).fill.fgColor.rgb.endswith("C6EFCE")
    kepala = next(r for r in rows if r["nip"] == NIP_KEPALA)
    assert kepala["hasil_akhir"] is None and kepala["status_evaluasi"] == "BELUM DINILAI"
    dist = book["Distribusi"]
    drows = list(dist.iter_rows(min_row=4, values_only=True))
    units = {r[0]: r for r in drows}
    assert units["PKM-01"][3] == 1 and units["DINKES"][3] == 1  # the unit and the one above


def test_import_refuses_unknown_kind(office: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="tidak dikenal"):
        excel.impor_excel(office, "evaluasi", tmp_path / "x.xlsx")
    with office.read() as session:
        assert session.scalars(select(AuditLog)).first() is not None
        assert session.scalars(select(Pegawai)).first() is None


def test_locked_period_refuses_only_rows_that_would_change(
    office: ServiceContext, tmp_path: Path
) -> None:
    team = build_team(office)
    template = excel.buat_template(office, "realisasi", tmp_path / "r.xlsx", periode_kode="2026-03")
    book = load_workbook(template)
    ws = book["Realisasi"]
    ws["J3"], ws["J4"] = 12, 90
    book.save(tmp_path / "r-isi.xlsx")
    assert excel.impor_excel(office, "realisasi", tmp_path / "r-isi.xlsx").value.ok
    with office.write("uji_kunci") as session:  # BKD's lock, as a reverse package applies it
        session.execute(update(Periode).where(Periode.kode == "2026-03").values(terkunci=True))
    before = snapshot(office.db)
    again = excel.impor_excel(office, "realisasi", tmp_path / "r-isi.xlsx").value
    assert again.ok and again.sama == 2  # unchanged rows never need the period open
    ws["J3"] = 13
    book.save(tmp_path / "r-ubah.xlsx")
    changed = excel.impor_excel(office, "realisasi", tmp_path / "r-ubah.xlsx").value
    assert not changed.ok
    assert [(m.baris, m.kolom) for m in changed.masalah] == [(3, "periode")]
    assert snapshot(office.db) == before
    assert team.jumlah.id  # the team's indicator is the one refused


def test_written_workbooks_are_readable_by_others_and_a_failed_report_keeps_the_problems(
    office: ServiceContext, tmp_path: Path
) -> None:
    path = excel.buat_template(office, "pegawai", tmp_path / "t.xlsx")
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()
    bad = corpus.workbook(
        tmp_path / "p.xlsx", "Pegawai", ["NIP", "Nama"], [["123", "Tanpa NIP yang sah"]]
    )
    blocked = tmp_path / "bukan-folder"
    blocked.write_text("sebuah berkas, bukan folder")
    report = excel.impor_excel(office, "pegawai", bad, laporan=blocked / "laporan.xlsx").value
    assert not report.ok and report.masalah  # the problems are still reported
    assert report.laporan_kesalahan is None
    assert any("tidak dapat ditulis" in w or "laporan" in w.lower() for w in report.peringatan)


def _umask() -> int:
    import os

    current = os.umask(0)
    os.umask(current)
    return current
