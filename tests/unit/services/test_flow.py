"""The core use cases end to end on a real SQLite file."""

from decimal import Decimal
from pathlib import Path

from app.scoring.types import (
    CapaianOrganisasi,
    JenisLampiran,
    NilaiBerakhlak,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusSkp,
)
from app.services import evaluasi, pegawai, realisasi, ringkasan, setup, skp, umpan_balik
from app.services.context import ServiceContext
from tests.helpers import NIP_BIDAN, NIP_KEPALA, build_team


def test_planning_cascades_and_approval_freezes_identities(office: ServiceContext) -> None:
    team = build_team(office)
    assert team.skp_bidan.status is StatusSkp.DISETUJUI
    detail = skp.get_skp(office, team.skp_bidan.id)
    assert detail.rhk[0].rhk_atasan_uraian == "Meningkatnya cakupan imunisasi dasar lengkap"
    assert [p.nilai for p in detail.perilaku] == list(NilaiBerakhlak)
    assert detail.penilai_nip == NIP_KEPALA
    options = skp.rhk_atasan_options(office, team.skp_bidan.id)
    assert [o.id for o in options] == [team.rhk_kepala.id]
    with office.read() as session:
        from app.models import Skp

        row = session.get(Skp, team.skp_bidan.id)
        assert row is not None and row.identitas is not None
        assert row.identitas["pegawai"]["nip"] == NIP_BIDAN
        assert row.identitas["pegawai"]["pangkat_golongan"] == "Pengatur, II/c"
        assert row.identitas["penilai"]["nama"] == "dr. Budi Santoso"
        assert "Puskesmas" in row.identitas["pegawai"]["unit_kerja"]


def test_workflow_reject_then_resubmit(office: ServiceContext) -> None:
    team = build_team(office)
    pegawai.create_pegawai(
        office,
        pegawai.PegawaiInput(
            nip="199203102019031004",
            nama="Andi Pratama",
            jenis_pegawai=team.bidan.jenis_pegawai,
            jabatan="Perawat Terampil",
            jenis_jabatan=team.bidan.jenis_jabatan,
            organisasi_kode="PKM-01",
            penilai_nip=NIP_KEPALA,
        ),
    )
    draft = skp.create_skp(office, nip="199203102019031004", tahun=2026).value
    rhk = skp.add_rhk(
        office, skp_id=draft.id, uraian="Asuhan keperawatan", rhk_atasan_id=team.rhk_kepala.id
    ).value
    skp.add_indikator(
        office, rhk_id=rhk.id, uraian="Jumlah pasien", aspek=team.jumlah.aspek, target_angka=200
    )
    skp.add_lampiran(
        office, skp_id=draft.id, jenis=JenisLampiran.KONSEKUENSI, uraian="Teguran lisan"
    )
    skp.set_ekspektasi(office, skp_id=draft.id, nilai=NilaiBerakhlak.AKUNTABEL, teks="Tepat waktu")
    skp.ajukan_skp(office, draft.id)
    rejected = skp.tolak_skp(office, draft.id, "Target terlalu rendah").value
    assert rejected.status is StatusSkp.DITOLAK
    assert rejected.alasan_penolakan == "Target terlalu rendah"
    skp.ajukan_skp(office, draft.id)
    approved = skp.setujui_skp(office, draft.id).value
    assert approved.status is StatusSkp.DISETUJUI
    detail = skp.get_skp(office, draft.id)
    assert detail.lampiran[0].uraian == "Teguran lisan"
    assert {p.nilai: p.ekspektasi_khusus for p in detail.perilaku}[
        NilaiBerakhlak.AKUNTABEL
    ] == "Tepat waktu"


def test_quarter_evaluation_with_derivation_and_curve(
    office: ServiceContext, tmp_path: Path
) -> None:
    team = build_team(office)
    for month, (count, rate) in enumerate([(12, 90), (10, 92), (11, 96)], start=1):
        kode = f"2026-{month:02d}"
        realisasi.catat_realisasi(
            office, indikator_id=team.jumlah.id, periode_kode=kode, nilai=count
        )
        realisasi.catat_realisasi(
            office, indikator_id=team.persen.id, periode_kode=kode, nilai=rate
        )
    # Correcting a month replaces the value instead of adding a second row.
    fixed = realisasi.catat_realisasi(
        office, indikator_id=team.jumlah.id, periode_kode="2026-03", nilai="11,0"
    ).value
    evidence = tmp_path / "laporan.pdf"
    evidence.write_bytes(b"%PDF-1.4 laporan imunisasi")
    bukti = realisasi.tambah_bukti(
        office, realisasi_id=fixed.id, nama="Laporan bulanan", berkas=evidence
    ).value
    assert bukti.sha256 is not None
    assert (
        office.evidence_dir / bukti.sha256[:2] / bukti.sha256
    ).read_bytes() == evidence.read_bytes()
    rows = realisasi.list_realisasi(office, team.skp_bidan.id)
    assert len(rows) == 6
    assert [r.jumlah_bukti for r in rows if r.id == fixed.id] == [1]
    umpan_balik.beri_umpan_balik(
        office,
        skp_id=team.skp_bidan.id,
        periode_kode="2026-03",
        teks="Pertahankan",
        rhk_id=team.rhk_bidan.id,
    )
    umpan_balik.beri_umpan_balik(
        office,
        skp_id=team.skp_bidan.id,
        periode_kode="2026-03",
        teks="Disiplin",
        nilai=NilaiBerakhlak.AKUNTABEL,
    )
    assert [u.teks for u in umpan_balik.list_umpan_balik(office, team.skp_bidan.id)] == [
        "Pertahankan",
        "Disiplin",
    ]
    evaluasi.tetapkan_capaian_organisasi(
        office, organisasi_kode="DINKES", periode_kode="2026-03", nilai=CapaianOrganisasi.BAIK
    )
    saved = evaluasi.simpan_evaluasi(
        office,
        nip=NIP_BIDAN,
        periode_kode="2026-03",
        rating_hasil=Rating.DI_ATAS,
        rating_perilaku=Rating.DI_ATAS,
        rating_perilaku_nilai={v.value: Rating.DI_ATAS.value for v in NilaiBerakhlak},
        catatan="Kinerja sangat baik",
        final=True,
    ).value
    # 33 of 30 bayi due by March = 110 %; 96 of 95 % = 101,05 %; RHK mean 105,53 % -> Sesuai.
    assert saved.capaian_persen == Decimal("105.53")
    assert saved.saran_rating_hasil is Rating.SESUAI
    assert saved.saran_rating_perilaku is Rating.DI_ATAS
    assert saved.predikat is Predikat.SANGAT_BAIK
    assert saved.capaian_organisasi is CapaianOrganisasi.BAIK
    assert saved.status is StatusEvaluasi.FINAL
    derivation = evaluasi.derivasi(office, nip=NIP_BIDAN, periode_kode="2026-03")
    assert derivation.saran_rating_hasil is Rating.SESUAI
    assert derivation.predikat is Predikat.SANGAT_BAIK
    lines = " ".join(derivation.predikat_penjelasan)
    assert "saran sistem saat menilai: Sesuai Ekspektasi" in lines
    assert "SANGAT BAIK" in lines
    (rhk_line,) = derivation.rhk
    assert [i.persen for i in rhk_line.indikator] == [Decimal("110.00"), Decimal("101.05")]
    curve = evaluasi.distribusi(office, organisasi_kode="DINKES", periode_kode="2026-03")
    assert curve.total == 1
    assert curve.jumlah[Predikat.SANGAT_BAIK] == 1
    assert [p.kode for p in curve.peringatan] == ["UNIT_KECIL"]
    listed = evaluasi.list_evaluasi(office, periode_kode="2026-03", organisasi_kode="PKM-01")
    assert [e.pegawai_nip for e in listed] == [NIP_BIDAN]
    summary = ringkasan.ringkasan(office)
    assert (summary.pegawai, summary.skp, summary.indikator, summary.realisasi) == (3, 2, 3, 6)
    assert summary.evaluasi_periodik_per_predikat["SANGAT_BAIK"] == 1
    assert summary.op_belum_terkirim > 0


def test_derivation_before_rating_shows_suggestions_only(office: ServiceContext) -> None:
    team = build_team(office)
    realisasi.catat_realisasi(office, indikator_id=team.jumlah.id, periode_kode="2026-01", nilai=2)
    derivation = evaluasi.derivasi(office, nip=NIP_BIDAN, periode_kode="2026-01")
    assert derivation.predikat is None
    assert derivation.saran_rating_hasil is Rating.DI_BAWAH  # 2 of 10 due = 20 %
    assert (
        derivation.predikat_penjelasan[-1]
        == "Evaluasi periode ini belum diisi oleh pejabat penilai."
    )


def test_prepare_year_is_idempotent(office: ServiceContext) -> None:
    first = setup.prepare_year(office, 2027).value
    second = setup.prepare_year(office, 2027).value
    assert [p.kode for p in first] == [p.kode for p in second]
    assert len(first) == 13 and first[-1].kode == "2027"
    assert [p.label for p in setup.list_periods(office, 2027)][:2] == [
        "Januari 2027",
        "Februari 2027",
    ]
