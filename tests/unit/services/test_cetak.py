"""Printing service: sheets filled from stored data, batch with progress and cancel, read-only."""

import shutil
import subprocess
from pathlib import Path

import pytest

from app.errors import NotFoundError, UserError, ValidationError
from app.io.pdf import Kertas
from app.io.pdf.data import DokumenEvaluasiSheet, EvaluasiSheet, RekapSheet, SkpSheet
from app.scoring.types import (
    CapaianOrganisasi,
    JenisLampiran,
    NilaiBerakhlak,
    Perspektif,
    Rating,
)
from app.services import evaluasi, realisasi, skp, umpan_balik
from app.services.cetak import JenisLembar, cetak, periode_label, siapkan_lembar
from app.services.context import ServiceContext
from tests.helpers import NIP_BIDAN, NIP_KADIS, NIP_KEPALA, Team, build_team, snapshot

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode().split())


@pytest.fixture
def team(office: ServiceContext) -> Team:
    """The bidan and her kepala with three months of realisations, feedback and evaluations."""
    team = build_team(office)
    # The kepala dinas (JPT) is still drafting his SKP.
    draft = skp.create_skp(office, nip=NIP_KADIS, tahun=2026).value
    rhk = skp.add_rhk(
        office,
        skp_id=draft.id,
        uraian="Meningkatnya derajat kesehatan masyarakat",
        penugasan_dari="Bupati Sabangau",
    ).value
    skp.add_indikator(
        office,
        rhk_id=rhk.id,
        uraian="Angka kematian bayi per 1.000 kelahiran hidup",
        perspektif=Perspektif.PENERIMA_LAYANAN,
        target_angka="8",
        satuan="per 1.000 KH",
    )
    skp.add_lampiran(
        office,
        skp_id=draft.id,
        jenis=JenisLampiran.KONSEKUENSI,
        uraian="Apabila memenuhi ekspektasi akan diberikan penghargaan",
    )
    for month, (count, rate) in enumerate([(12, 90), (10, 92), (11, 96)], start=1):
        kode = f"2026-{month:02d}"
        realisasi.catat_realisasi(
            office, indikator_id=team.jumlah.id, periode_kode=kode, nilai=count
        )
        realisasi.catat_realisasi(
            office, indikator_id=team.persen.id, periode_kode=kode, nilai=rate
        )
    umpan_balik.beri_umpan_balik(
        office,
        skp_id=team.skp_bidan.id,
        periode_kode="2026-03",
        teks="Pertahankan ketepatan jadwal imunisasi",
        rhk_id=team.rhk_bidan.id,
    )
    umpan_balik.beri_umpan_balik(
        office,
        skp_id=team.skp_bidan.id,
        periode_kode="2026-03",
        teks="Disiplin mengisi register kohort",
        nilai=NilaiBerakhlak.AKUNTABEL,
    )
    evaluasi.tetapkan_capaian_organisasi(
        office, organisasi_kode="DINKES", periode_kode="2026-03", nilai=CapaianOrganisasi.BAIK
    )
    evaluasi.simpan_evaluasi(
        office,
        nip=NIP_BIDAN,
        periode_kode="2026-03",
        rating_hasil=Rating.DI_ATAS,
        rating_perilaku=Rating.DI_ATAS,
        catatan="Kinerja sangat baik",
        final=True,
    )
    evaluasi.simpan_evaluasi(
        office,
        nip=NIP_KEPALA,
        periode_kode="2026-03",
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.DI_BAWAH,
    )
    return team


def test_evaluasi_sheet_shows_stored_data(
    office: ServiceContext, team: Team, tmp_path: Path
) -> None:
    before = snapshot(office.db)
    result = cetak(
        office,
        jenis=JenisLembar.EVALUASI,
        out_dir=tmp_path / "pdf",
        periode_kode="2026-03",
        nip=NIP_BIDAN,
    )
    assert snapshot(office.db) == before  # printing only reads
    (berkas,) = result.berkas
    assert berkas.path == tmp_path / "pdf" / f"evaluasi-2026-03-{NIP_BIDAN}.pdf"
    text = text_of(berkas.path)
    for expected in (
        "EVALUASI KINERJA PEGAWAI",
        "PERIODE: BULAN MARET 2026",
        "PERIODE PENILAIAN: 1 MARET SD 31 MARET TAHUN 2026",
        "Siti Rahmawati, A.Md.Keb",
        "NIP 19900215 201503 2 001",
        "dr. Budi Santoso",
        "Pengatur, II/c",
        "CAPAIAN KINERJA ORGANISASI* BAIK",
        "Terlaksananya imunisasi bayi di wilayah kerja",
        "Meningkatnya cakupan imunisasi dasar lengkap",
        "33 bayi",  # year-to-date sum of the counted indicator
        "96%",  # latest value of the rate
        "Pertahankan ketepatan jadwal imunisasi",
        "Disiplin mengisi register kohort",
        "RATING HASIL KERJA* DI ATAS EKSPEKTASI",
        "PREDIKAT KINERJA PEGAWAI* SANGAT BAIK",
        f"Kode verifikasi: {berkas.lembar[0].kode_verifikasi}",
    ):
        assert expected in text, expected
    assert "DRAF" not in text


def test_dokumen_evaluasi_draft_and_atasan(
    office: ServiceContext, team: Team, tmp_path: Path
) -> None:
    result = cetak(
        office,
        jenis=JenisLembar.DOKUMEN_EVALUASI,
        out_dir=tmp_path / "pdf",
        periode_kode="2026-03",
        nip=NIP_KEPALA,
    )
    text = text_of(result.berkas[0].path)
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text
    assert "DRAF - EVALUASI BELUM FINAL" in text  # the kepala's evaluation is not final
    assert "PREDIKAT KINERJA PEGAWAI KURANG" in text
    assert "NIP 19750101 200003 1 002" in text
    assert "dr. Hendra Wijaya, M.Kes" in text  # penilai of the kepala is the kepala dinas
    assert "NIP 19680512 199403 1 003" in text


def test_skp_sheet_with_lampiran(office: ServiceContext, team: Team, tmp_path: Path) -> None:
    result = cetak(office, jenis=JenisLembar.SKP, out_dir=tmp_path / "pdf", nip=NIP_KEPALA)
    (berkas,) = result.berkas
    assert berkas.path.name == f"skp-2026-{NIP_KEPALA}.pdf"
    text = text_of(berkas.path)
    assert "SASARAN KINERJA PEGAWAI" in text and "LAMPIRAN SASARAN KINERJA PEGAWAI" in text
    assert "Penugasan dari: Kepala Dinas Kesehatan" in text
    assert "PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN 2026" in text
    assert "KONSEP" not in text
    assert berkas.halaman >= 2
    # A draft SKP prints as a concept, in the JPT layout, with its lampiran.
    text = text_of(
        cetak(office, jenis=JenisLembar.SKP, out_dir=tmp_path / "pdf", nip=NIP_KADIS).berkas[0].path
    )
    assert "KONSEP - SKP BELUM DISETUJUI, TIDAK UNTUK DITANDATANGANI" in text
    assert "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in text
    assert "Penerima Layanan" in text and "8 per 1.000 KH" in text
    assert "Penugasan dari: Bupati Sabangau" in text
    assert "Apabila memenuhi ekspektasi akan diberikan penghargaan" in text


def test_whole_unit_one_file_or_per_employee_with_progress(
    office: ServiceContext, team: Team, tmp_path: Path
) -> None:
    calls: list[tuple[str, int, int]] = []
    apart = cetak(
        office,
        jenis=JenisLembar.DOKUMEN_EVALUASI,
        out_dir=tmp_path / "apart",
        periode_kode="2026-03",
        organisasi_kode="PKM-01",
        progress=lambda *a: calls.append(a),
    )
    assert sorted(b.path.name for b in apart.berkas) == sorted(
        f"dokumen-evaluasi-2026-03-{nip}.pdf" for nip in (NIP_BIDAN, NIP_KEPALA)
    )
    assert [(done, total) for _l, done, total in calls] == [(1, 2), (2, 2)]
    calls.clear()
    together = cetak(
        office,
        jenis=JenisLembar.DOKUMEN_EVALUASI,
        out_dir=tmp_path / "satu",
        periode_kode="2026-03",
        organisasi_kode="PKM-01",
        kertas=Kertas.F4,
        satu_berkas=True,
        progress=lambda *a: calls.append(a),
    )
    (berkas,) = together.berkas
    assert berkas.path.name == "dokumen-evaluasi-2026-03-PKM-01.pdf"
    assert berkas.halaman == 2 and together.jumlah_lembar == 2
    assert calls[-1][1:] == (4, 4) and [c[1] for c in calls] == sorted(c[1] for c in calls)
    # The codes do not depend on how the sheets were bundled.
    assert {s.kode_verifikasi for b in apart.berkas for s in b.lembar} == {
        s.kode_verifikasi for s in berkas.lembar
    }
    text = text_of(berkas.path)
    assert all(f"Kode verifikasi: {s.kode_verifikasi}" in text for s in berkas.lembar)


def test_cancel_keeps_finished_files_only(
    office: ServiceContext, team: Team, tmp_path: Path
) -> None:
    asked: list[int] = []

    def stop_after_first() -> bool:
        asked.append(1)
        return len(asked) > 1

    result = cetak(
        office,
        jenis=JenisLembar.DOKUMEN_EVALUASI,
        out_dir=tmp_path / "pdf",
        periode_kode="2026-03",
        batal=stop_after_first,
    )
    assert result.dibatalkan and len(result.berkas) == 1
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [result.berkas[0].path.name]
    # One-file mode stops while drawing and leaves nothing behind.
    asked.clear()
    result = cetak(
        office,
        jenis=JenisLembar.DOKUMEN_EVALUASI,
        out_dir=tmp_path / "satu",
        periode_kode="2026-03",
        satu_berkas=True,
        batal=lambda: len(asked.append(1) or asked) > 3,  # type: ignore[func-returns-value]
    )
    assert result.dibatalkan and result.berkas == ()
    assert list((tmp_path / "satu").iterdir()) == []


def test_rekap_counts_and_head_of_unit(office: ServiceContext, team: Team, tmp_path: Path) -> None:
    result = cetak(
        office,
        jenis=JenisLembar.REKAP,
        out_dir=tmp_path / "pdf",
        periode_kode="2026-03",
        organisasi_kode="PKM-01",
    )
    (berkas,) = result.berkas
    assert berkas.path.name == "rekap-2026-03-PKM-01.pdf"
    text = text_of(berkas.path)
    assert "REKAPITULASI EVALUASI KINERJA PEGAWAI" in text
    assert "NIP 19900215 201503 2 001" in text and "NIP 19750101 200003 1 002" in text
    assert "SANGAT BAIK" in text and "KURANG" in text and "Draf" in text
    assert "CAPAIAN KINERJA ORGANISASI: BAIK" in text
    assert "Jumlah pegawai 0 1 0 0 1 2" in text  # Sangat Kurang .. Sangat Baik, total
    assert "KEPALA UPT PUSKESMAS SABANGAU KOTA dr. Budi Santoso" in text  # signed by the head
    (sheet,) = siapkan_lembar(
        office, jenis=JenisLembar.REKAP, periode_kode="2026-03", organisasi_kode="PKM-01"
    )
    assert isinstance(sheet, RekapSheet)
    assert sheet.penandatangan is not None and sheet.penandatangan.nip == NIP_KEPALA


def test_sheet_data_for_preview_and_codes(office: ServiceContext, team: Team) -> None:
    sheets = siapkan_lembar(office, jenis=JenisLembar.EVALUASI, periode_kode="2026-03")
    assert [type(s) for s in sheets] == [EvaluasiSheet, EvaluasiSheet]
    bidan = next(s for s in sheets if s.pegawai.nip == NIP_BIDAN)
    assert isinstance(bidan, EvaluasiSheet)
    assert bidan.distribusi == (0, 1, 0, 0, 1)
    assert bidan.predikat == "SANGAT BAIK" and bidan.final
    assert bidan.utama[0].umpan_balik == "Pertahankan ketepatan jadwal imunisasi"
    (dokumen,) = siapkan_lembar(
        office, jenis=JenisLembar.DOKUMEN_EVALUASI, periode_kode="2026-03", nip=NIP_BIDAN
    )
    assert isinstance(dokumen, DokumenEvaluasiSheet)
    assert dokumen.catatan == "Kinerja sangat baik"
    assert dokumen.atasan_penilai.nip == NIP_KADIS
    (rencana,) = siapkan_lembar(office, jenis=JenisLembar.SKP, nip=NIP_BIDAN)
    assert isinstance(rencana, SkpSheet) and not rencana.konsep


def test_bad_requests_are_user_errors_and_change_nothing(
    office: ServiceContext, team: Team, tmp_path: Path
) -> None:
    before = snapshot(office.db)
    with pytest.raises(ValidationError) as missing:
        cetak(office, jenis=JenisLembar.EVALUASI, out_dir=tmp_path / "pdf")
    assert missing.value.field == "periode"
    with pytest.raises(NotFoundError, match="NIP 19900215 201503 2 009"):
        cetak(
            office,
            jenis=JenisLembar.EVALUASI,
            out_dir=tmp_path / "pdf",
            periode_kode="2026-03",
            nip="199002152015032009",
        )
    with pytest.raises(NotFoundError, match="Tidak ada evaluasi periode 2026-04"):
        cetak(
            office,
            jenis=JenisLembar.DOKUMEN_EVALUASI,
            out_dir=tmp_path / "pdf",
            periode_kode="2026-04",
        )
    assert not (tmp_path / "pdf").exists()  # nothing created for a refused request
    file = tmp_path / "pdf" / "berkas"
    file.parent.mkdir()
    file.write_text("bukan folder")
    with pytest.raises(UserError) as not_dir:
        cetak(office, jenis=JenisLembar.SKP, out_dir=file, nip=NIP_BIDAN)
    assert not_dir.value.field == "out"
    assert snapshot(office.db) == before
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == ["berkas"]


def test_periode_labels(office: ServiceContext) -> None:
    from app.models import Periode

    with office.read() as session:
        rows = {p.kode: p for p in session.query(Periode).all()}
    assert periode_label(rows["2026-03"]) == "BULAN MARET 2026"
    assert periode_label(rows["2026"]) == "AKHIR"
    assert periode_label(rows["2026"], dokumen=True) == "TAHUN 2026"
