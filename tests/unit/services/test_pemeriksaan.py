"""The data-quality gate before export (capaian check)."""

import pytest
from sqlalchemy import text

from app.errors import UserError
from app.scoring.types import Aspek, JenisJabatan, JenisPegawai
from app.services import pegawai, realisasi, skp, sync_export
from app.services.context import ServiceContext
from app.services.pemeriksaan import BLOKIR, PERINGATAN, periksa
from tests.helpers import NIP_KEPALA, build_team


def _codes(ctx: ServiceContext) -> dict[str, str]:
    return {t.kode: t.tingkat for t in periksa(ctx).temuan}


def test_a_clean_team_may_export_with_warnings_only(office: ServiceContext) -> None:
    build_team(office)
    result = periksa(office)
    assert result.boleh_ekspor
    codes = _codes(office)
    # The clock is 29 November 2026: January-October are over and nobody was rated yet.
    assert codes["PERIODE_BELUM_DINILAI"] == PERINGATAN
    finding = next(t for t in result.temuan if t.kode == "PERIODE_BELUM_DINILAI")
    assert finding.contoh[0] == "2026-01: 2 pegawai belum dinilai"
    assert "TANPA_PENILAI" not in codes


def test_staff_without_penilai_block_the_export(office: ServiceContext, tmp_path) -> None:  # type: ignore[no-untyped-def]
    build_team(office)
    pegawai.create_pegawai(
        office,
        pegawai.PegawaiInput(
            nip="199203102019031004",
            nama="Andi Pratama",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Perawat Terampil",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode="PKM-01",
        ),
    )
    assert _codes(office)["TANPA_PENILAI"] == BLOKIR
    assert not periksa(office).boleh_ekspor
    sync_export.buat_kunci(office, "rahasia-kantor-1")
    with pytest.raises(UserError, match="Andi Pratama"):
        sync_export.ekspor_paket(office, tmp_path, "rahasia-kantor-1")
    assert not list(tmp_path.glob("*.bkdsync"))
    pegawai.update_pegawai(office, "199203102019031004", penilai_nip=NIP_KEPALA)
    assert sync_export.ekspor_paket(office, tmp_path, "rahasia-kantor-1").seq == 1


def test_required_evidence_missing_is_a_warning(office: ServiceContext) -> None:
    team = build_team(office)
    draft = skp.create_skp(office, nip="197501012000031002", tahun=2026, is_plt=True).value
    rhk = skp.add_rhk(office, skp_id=draft.id, uraian="Plt kepala", penugasan_dari="Kadis").value
    wajib = skp.add_indikator(
        office,
        rhk_id=rhk.id,
        uraian="Laporan",
        aspek=Aspek.KUANTITAS,
        target_angka=12,
        wajib_bukti=True,
    ).value
    skp.ajukan_skp(office, draft.id)
    skp.setujui_skp(office, draft.id)
    realisasi.catat_realisasi(office, indikator_id=wajib.id, periode_kode="2026-02", nilai=1)
    realisasi.catat_realisasi(office, indikator_id=team.jumlah.id, periode_kode="2026-02", nilai=9)
    finding = next(t for t in periksa(office).temuan if t.kode == "REALISASI_TANPA_BUKTI")
    assert (finding.tingkat, finding.jumlah) == (PERINGATAN, 1)
    assert "Laporan (2026-02)" in finding.contoh[0]


def test_invalid_nip_and_broken_audit_chain_block(office: ServiceContext) -> None:
    build_team(office)
    with office.db.engine.begin() as connection:  # edits made behind the application's back
        connection.execute(text("UPDATE pegawai SET nip = '1990021520150' WHERE nip LIKE '1990%'"))
        connection.execute(text("UPDATE audit_log SET pelaku = 'penyusup' WHERE seq = 3"))
    codes = _codes(office)
    assert codes["NIP_TIDAK_SAH"] == BLOKIR
    assert codes["JEJAK_AUDIT_RUSAK"] == BLOKIR
    broken = next(t for t in periksa(office).temuan if t.kode == "JEJAK_AUDIT_RUSAK")
    assert broken.contoh[0] == "#3: isi entri telah diubah"
