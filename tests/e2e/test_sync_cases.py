"""sync.md §5 cases at the merge: locked periods, duplicate NIPs across offices, clock skew,
a schema from the future, a failed merge that can be retried, and an office that stops
trusting a BKD key. BKD runs on the parametrised backend (SQLite, and PostgreSQL in test.sh).
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.errors import LockedError, UserError, ValidationError
from app.models import Indikator, PaketMasuk, Pegawai, Realisasi, Skp
from app.models.db import Database
from app.scoring.periode import CaraAgregasi
from app.scoring.types import Aspek, JenisJabatan, JenisPegawai
from app.services import (
    katalog,
    pegawai,
    realisasi,
    setup,
    skp,
    status_sinkron,
    sync_export,
    sync_merge,
    sync_reverse,
    tampilan,
)
from app.services.context import ServiceContext
from tests.conftest import FIXED_NOW
from tests.helpers import NIP_BIDAN, NIP_KADIS, build_team, snapshot

PASS, PASS_BKD = "rahasia-kantor-1", "rahasia-bkd-123"
NIP_BARU = "199203152019032008"
NIP_KADISDIK = "197003152000031005"


def _context(db: Database, folder: Path, actor: str, **kw: Any) -> ServiceContext:
    return ServiceContext(
        db=db, actor=actor, evidence_dir=folder / "bukti", clock=kw.get("clock", lambda: FIXED_NOW)
    )


@pytest.fixture
def bkd(db: Database, tmp_path: Path) -> ServiceContext:
    ctx = _context(db, tmp_path / "bkd", "operator-bkd")
    setup.init_installation(ctx, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026)
    sync_export.buat_kunci(ctx, PASS_BKD)
    return ctx


def _office(tmp_path: Path, kode: str, bkd: ServiceContext, **kw: Any) -> ServiceContext:
    """An enrolled office that trusts BKD's key; DINKES gets the puskesmas team."""
    folder = tmp_path / kode.lower()
    ctx = _context(Database.open(folder / "kantor.db"), folder, f"operator-{kode}", **kw)
    setup.init_installation(ctx, peran="dinas", kode=kode, nama=f"Dinas {kode}", tahun=2026)
    if kode == "DINKES":
        build_team(ctx)
    sync_export.buat_kunci(ctx, PASS)
    request = sync_export.minta_pendaftaran(ctx, folder / "daftar.bkdsync", PASS, "PC-1")
    assert sync_merge.impor_paket(bkd, request).status == sync_merge.MENUNGGU_PERSETUJUAN
    key = sync_export.info_kunci(ctx)
    sync_merge.setujui_instalasi(bkd, key.key_id, key.sidik_jari)
    bkd_key = sync_reverse.info_kunci_bkd(bkd)
    sync_reverse.percayai_bkd(ctx, bkd_key.kunci_publik, bkd_key.sidik_jari)
    return ctx


def _send(office: ServiceContext, bkd: ServiceContext, folder: Path) -> sync_merge.LaporanImpor:
    folder.mkdir(parents=True, exist_ok=True)
    return sync_merge.impor_paket(bkd, sync_export.ekspor_paket(office, folder, PASS).berkas)


def _business(db: Database) -> dict[str, Any]:
    """Everything but the sync ledgers and the audit log (which record the attempt)."""
    return {
        k: v
        for k, v in snapshot(db).items()
        if not k.startswith("sync_") and k not in ("audit_log", "alembic_version")
    }


def _indikator(ctx: ServiceContext) -> str:
    with ctx.read() as session:
        return session.scalars(
            select(Indikator.id).where(Indikator.uraian == "Jumlah bayi yang diimunisasi")
        ).one()


def test_edits_into_a_locked_period_are_held_then_refused_locally(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    assert _send(kantor, bkd, tmp_path / "p1").status == sync_merge.BERHASIL
    before = setup.kunci_periode(bkd, "2026-01", alasan="Evaluasi Januari selesai").value
    assert before.terkunci
    with pytest.raises(ValidationError, match="sudah terkunci"):
        setup.kunci_periode(bkd, "2026-01", alasan="lagi")
    with pytest.raises(ValidationError, match="oleh BKD"):
        setup.kunci_periode(kantor, "2026-02", alasan="kantor tidak boleh")

    indikator = _indikator(kantor)
    realisasi.catat_realisasi(kantor, indikator_id=indikator, periode_kode="2026-01", nilai=11)
    realisasi.catat_realisasi(kantor, indikator_id=indikator, periode_kode="2026-02", nilai=12)
    report = _send(kantor, bkd, tmp_path / "p2")
    assert report.status == sync_merge.BERHASIL_DENGAN_KONFLIK
    assert [c["jenis"] for c in report.konflik] == ["LOCKED"]
    with bkd.read() as session:
        stored = dict(
            session.execute(
                select(Realisasi.periode_id, Realisasi.nilai).where(
                    Realisasi.indikator_id == indikator
                )
            ).all()
        )
    assert 11 not in stored.values() and 12 in stored.values()

    # The reverse package carries the lock; the office then refuses the edit itself.
    # BKD may still grant an exception: taking the office's value is BKD's own decision.
    (locked,) = sync_merge.daftar_konflik(bkd)
    assert locked.medan["nilai"]["masuk"] == "11"
    sync_merge.selesaikan_konflik(
        bkd, locked.id, pilihan=sync_merge.AMBIL_MASUK, catatan="Koreksi disetujui Kepala BKD"
    )
    with bkd.read() as session:
        values = session.scalars(
            select(Realisasi.nilai).where(Realisasi.indikator_id == indikator)
        ).all()
    assert 11 in values

    reply = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    applied = sync_reverse.terapkan_paket_balasan(kantor, reply)
    assert applied.jumlah["periode"] == 13  # BKD's calendar once (12 months, the year)
    assert [p.kode for p in setup.list_periods(kantor, 2026) if p.terkunci] == ["2026-01"]
    kept = snapshot(kantor.db)
    with pytest.raises(LockedError, match="dikunci"):
        realisasi.catat_realisasi(kantor, indikator_id=indikator, periode_kode="2026-01", nilai=3)
    assert snapshot(kantor.db) == kept
    # Reopening travels the same way.
    setup.kunci_periode(bkd, "2026-01", alasan="Koreksi atas permintaan kantor", buka=True)
    reply = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    assert sync_reverse.terapkan_paket_balasan(kantor, reply).jumlah["periode"] == 1
    realisasi.catat_realisasi(kantor, indikator_id=indikator, periode_kode="2026-01", nilai=3)


def test_the_same_nip_registered_by_two_offices(bkd: ServiceContext, tmp_path: Path) -> None:
    dinkes = _office(tmp_path, "DINKES", bkd)
    disdik = _office(tmp_path, "DISDIK", bkd)
    pegawai.create_pegawai(
        disdik,
        pegawai.PegawaiInput(
            nip=NIP_KADISDIK,
            nama="Yohanes Tandi",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Kepala Dinas Pendidikan",
            jenis_jabatan=JenisJabatan.JPT,
            organisasi_kode="DISDIK",
            golongan="IV/c",
        ),
    )
    for ctx, kode, jabatan, penilai in (
        (dinkes, "DINKES", "Perawat", NIP_KADIS),
        (disdik, "DISDIK", "Guru", NIP_KADISDIK),
    ):
        pegawai.create_pegawai(
            ctx,
            pegawai.PegawaiInput(
                nip=NIP_BARU,
                nama="Rina Marlina",
                jenis_pegawai=JenisPegawai.PNS,
                jabatan=jabatan,
                jenis_jabatan=JenisJabatan.FUNGSIONAL,
                organisasi_kode=kode,
                golongan="III/a",
                penilai_nip=penilai,
            ),
        )
    assert _send(dinkes, bkd, tmp_path / "a").status == sync_merge.BERHASIL
    report = _send(disdik, bkd, tmp_path / "b")
    assert report.status == sync_merge.BERHASIL_DENGAN_KONFLIK
    assert {c["jenis"] for c in report.konflik} == {"DUPLICATE_NATURAL_KEY"}
    with bkd.read() as session:
        rows = session.scalars(select(Pegawai).where(Pegawai.nip == NIP_BARU)).all()
        assert [r.jabatan for r in rows] == ["Perawat"]  # the first one stays, nothing merged
        stored = session.scalars(
            select(PaketMasuk.status).where(PaketMasuk.package_id == report.package_id)
        ).one()
    assert stored == sync_merge.BERHASIL_DENGAN_KONFLIK
    (conflict,) = sync_merge.daftar_konflik(bkd)
    assert conflict.kode_kantor == "DISDIK" and conflict.kunci_alami == {"nip": NIP_BARU}


def test_clock_skew_is_reported_and_changes_nothing_else(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    ahead = _office(tmp_path, "DINKES", bkd, clock=lambda: FIXED_NOW + timedelta(days=40))
    report = _send(ahead, bkd, tmp_path / "p1")
    assert report.status == sync_merge.BERHASIL
    assert any("maju" in w for w in report.peringatan)
    # The same office later with its clock set back: its next package is dated earlier.
    behind = _context(ahead.db, tmp_path / "dinkes", "operator", clock=lambda: FIXED_NOW)
    pegawai.update_pegawai(behind, NIP_BIDAN, jabatan="Bidan Mahir")
    second = _send(behind, bkd, tmp_path / "p2")
    assert second.status == sync_merge.BERHASIL
    assert any("mundur" in w for w in second.peringatan)
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Bidan Mahir"


def test_a_package_from_a_newer_schema_is_quarantined(
    bkd: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    before = _business(bkd.db)
    monkeypatch.setattr(sync_export, "SCHEMA_VERSION", sync_export.SCHEMA_VERSION + 1)
    report = _send(kantor, bkd, tmp_path / "p1")
    assert (report.status, report.kode_alasan) == (sync_merge.DIKARANTINA, "FUTURE_SCHEMA")
    assert "Perbarui" in report.pesan
    assert _business(bkd.db) == before


def test_a_failed_merge_changes_nothing_and_can_be_retried(
    bkd: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    package = sync_export.ekspor_paket(kantor, tmp_path, PASS).berkas
    before = _business(bkd.db)
    real_finish = sync_merge._Merger.finish

    def disk_full(self: sync_merge._Merger) -> None:
        raise UserError("Disk penuh: ruang penyimpanan basis data habis.")

    monkeypatch.setattr(sync_merge._Merger, "finish", disk_full)
    failed = sync_merge.impor_paket(bkd, package)
    assert (failed.status, failed.kode_alasan) == (sync_merge.GAGAL, "MERGE_FAILED")
    assert "Disk penuh" in failed.pesan
    assert _business(bkd.db) == before
    monkeypatch.setattr(sync_merge._Merger, "finish", real_finish)
    retried = sync_merge.impor_paket(bkd, package)
    assert retried.status == sync_merge.BERHASIL and retried.jumlah["dibuat"] > 10


def test_an_untrusted_bkd_key_signs_nothing_any_more(bkd: ServiceContext, tmp_path: Path) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    _send(kantor, bkd, tmp_path / "p1")
    reply = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    key = sync_reverse.info_kunci_bkd(bkd)
    with pytest.raises(ValidationError, match="Alasan"):
        sync_reverse.cabut_kunci_bkd(kantor, key.key_id, alasan=" ")
    sync_reverse.cabut_kunci_bkd(kantor, key.key_id, alasan="Kunci BKD diganti")
    before = snapshot(kantor.db)
    refused = sync_reverse.terapkan_paket_balasan(kantor, reply)
    assert (refused.status, refused.kode_alasan) == ("DITOLAK", "UNKNOWN_KEY")
    assert snapshot(kantor.db) == before


def test_a_large_export_is_split_and_merged_in_sequence(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    out = tmp_path / "split"
    out.mkdir()
    dto = sync_export.ekspor_paket(kantor, out, PASS, max_ops=7)
    parts = [dto, *dto.lanjutan]
    assert len(parts) >= 3
    assert [p.seq for p in parts] == list(range(1, len(parts) + 1))
    assert sorted(out.iterdir()) == sorted(p.berkas for p in parts)
    # Picked in reverse order, the files are still merged by sequence number.
    files = sync_merge.urutan_impor([p.berkas for p in reversed(parts)])
    assert files == [p.berkas for p in parts]
    reports = [sync_merge.impor_paket(bkd, f) for f in files]
    assert {r.status for r in reports} == {sync_merge.BERHASIL}
    assert sum(sum(r.jumlah.values()) for r in reports) == sum(p.jumlah_op for p in parts)
    assert sum(r.jumlah["konflik"] for r in reports) == 0
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Bidan Terampil"
    reply = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    sync_reverse.terapkan_paket_balasan(kantor, reply)
    with pytest.raises(UserError, match="Tidak ada perubahan"):
        sync_export.ekspor_paket(kantor, out, PASS)


def test_later_parts_of_a_split_export_wait_for_the_earlier_ones(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    dto = sync_export.ekspor_paket(kantor, tmp_path, PASS, max_ops=9)
    parts = [dto, *dto.lanjutan]
    assert len(parts) >= 3
    before = _business(bkd.db)
    for part in reversed(parts[1:]):  # the operator imports them one by one, last first
        held = sync_merge.impor_paket(bkd, part.berkas)
        assert (held.status, held.kode_alasan) == (sync_merge.DIKARANTINA, "GAP")
    assert _business(bkd.db) == before
    first = sync_merge.impor_paket(bkd, parts[0].berkas)
    assert first.status == sync_merge.BERHASIL
    assert [r["status"] for r in first.lanjutan] == [sync_merge.BERHASIL] * (len(parts) - 1)
    assert [r["seq"] for r in first.lanjutan] == [p.seq for p in parts[1:]]
    assert sync_merge.daftar_konflik(bkd) == ()
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Bidan Terampil"


def test_a_nip_bkd_already_has_is_merged_into_the_existing_employee(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    assert _send(kantor, bkd, tmp_path / "p1").status == sync_merge.BERHASIL
    baru = pegawai.PegawaiInput(
        nip=NIP_BARU,
        nama="Rina Marlina",
        jenis_pegawai=JenisPegawai.PNS,
        jabatan="Perawat Terampil",
        jenis_jabatan=JenisJabatan.FUNGSIONAL,
        organisasi_kode="PKM-01",
        golongan="III/a",
        penilai_nip=NIP_KADIS,
    )
    canonical = pegawai.create_pegawai(bkd, baru).value.id  # BKD's master data has her
    local = pegawai.create_pegawai(kantor, baru).value.id  # the office registers her again
    plan = skp.create_skp(kantor, nip=NIP_BARU, tahun=2026).value  # ... and starts her SKP
    report = _send(kantor, bkd, tmp_path / "p2")
    kinds = {c["jenis"] for c in report.konflik}
    assert "DUPLICATE_NATURAL_KEY" in kinds and "VALIDATION_FAILED" in kinds
    duplicate = next(c for c in sync_merge.daftar_konflik(bkd) if c.entitas == "pegawai")
    before = _business(bkd.db)
    with pytest.raises(ValidationError, match="NIP ganda"):
        other = next(c for c in sync_merge.daftar_konflik(bkd) if c.entitas != "pegawai")
        sync_merge.selesaikan_konflik(bkd, other.id, pilihan=sync_merge.GABUNG, catatan="x")
    assert _business(bkd.db) == before

    sync_merge.selesaikan_konflik(
        bkd, duplicate.id, pilihan=sync_merge.GABUNG, catatan="Orang yang sama (cek KTP)"
    )
    assert sync_merge.daftar_konflik(bkd) == ()  # the refused SKP rows went in after all
    with bkd.read() as session:
        stored = session.get(Skp, plan.id)
        assert stored is not None and stored.pegawai_id == canonical
    assert len(skp.list_skp(bkd, nip=NIP_BARU)) == 1

    # The office is told, repoints its SKP to BKD's employee, and carries on normally.
    reply = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    applied = sync_reverse.terapkan_paket_balasan(kantor, reply)
    assert applied.jumlah["alias"] == 1
    with kantor.read() as session:
        assert session.get(Skp, plan.id).pegawai_id == canonical
        old = session.get(Pegawai, local)
        assert old.deleted and old.nip is None
    assert pegawai.get_pegawai(kantor, NIP_BARU).id == canonical
    pegawai.update_pegawai(kantor, NIP_BARU, jabatan="Perawat Mahir")
    assert _send(kantor, bkd, tmp_path / "p3").status == sync_merge.BERHASIL
    assert pegawai.get_pegawai(bkd, NIP_BARU).jabatan == "Perawat Mahir"


def test_staff_bkd_registers_for_an_office_reach_that_office_only(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    dinkes = _office(tmp_path, "DINKES", bkd)
    disdik = _office(tmp_path, "DISDIK", bkd)
    assert _send(dinkes, bkd, tmp_path / "p1").status == sync_merge.BERHASIL
    pegawai.create_pegawai(
        bkd,
        pegawai.PegawaiInput(
            nip=NIP_BARU,
            nama="Rina Marlina",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Perawat Terampil",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode="PKM-01",
            golongan="III/a",
            penilai_nip=NIP_KADIS,
        ),
    )
    to_dinkes = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    assert sync_reverse.terapkan_paket_balasan(dinkes, to_dinkes).jumlah["op_diterapkan"] == 1
    assert pegawai.get_pegawai(dinkes, NIP_BARU).organisasi_kode == "PKM-01"
    to_disdik = sync_reverse.buat_paket_balasan(bkd, "DISDIK", tmp_path, PASS_BKD)
    sync_reverse.terapkan_paket_balasan(disdik, to_disdik)
    with disdik.read() as session:
        assert session.scalars(select(Pegawai).where(Pegawai.nip == NIP_BARU)).first() is None


def test_a_group_of_conflicts_is_resolved_at_once_or_not_at_all(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    _send(kantor, bkd, tmp_path / "p1")
    for nip in (NIP_BIDAN, NIP_KADIS):
        pegawai.update_pegawai(bkd, nip, jabatan=f"versi BKD {nip}")
        pegawai.update_pegawai(kantor, nip, jabatan=f"versi kantor {nip}")
    setup.kunci_periode(bkd, "2026-01", alasan="Selesai")
    realisasi.catat_realisasi(
        kantor, indikator_id=_indikator(kantor), periode_kode="2026-01", nilai=1
    )
    _send(kantor, bkd, tmp_path / "p2")
    groups = {g.kunci: g.jumlah for g in sync_merge.kelompok_konflik(bkd)}
    assert groups == {"FIELD_CONFLICT:DINKES:pegawai": 2, "LOCKED:DINKES:realisasi": 1}

    before = _business(bkd.db)
    with pytest.raises(ValidationError, match="NIP ganda"):
        sync_merge.selesaikan_kelompok(
            bkd, "FIELD_CONFLICT:DINKES:pegawai", pilihan=sync_merge.GABUNG, catatan="coba"
        )
    assert _business(bkd.db) == before
    assert {g.kunci for g in sync_merge.kelompok_konflik(bkd)} == set(groups)

    done = sync_merge.selesaikan_kelompok(
        bkd, "FIELD_CONFLICT:DINKES:pegawai", pilihan=sync_merge.AMBIL_MASUK, catatan="SK baru"
    )
    assert [c.status for c in done] == [sync_merge.AMBIL_MASUK] * 2
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == f"versi kantor {NIP_BIDAN}"
    assert [g.kunci for g in sync_merge.kelompok_konflik(bkd)] == ["LOCKED:DINKES:realisasi"]


def test_the_indicator_catalogue_travels_to_offices_and_is_read_only_there(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)
    entry = katalog.KatalogInput(
        kode="KES-IMUN-01",
        uraian="Persentase bayi yang mendapat imunisasi dasar lengkap",
        satuan="%",
        aspek=Aspek.KUALITAS,
        cara_agregasi=CaraAgregasi.TERAKHIR,
        wajib_bukti=True,
    )
    katalog.simpan_katalog(bkd, entry)
    katalog.simpan_katalog(bkd, katalog.KatalogInput(kode="KES-LAMA", uraian="Indikator lama"))
    katalog.pensiunkan_katalog(bkd, "KES-LAMA")
    before = snapshot(kantor.db)
    with pytest.raises(ValidationError, match="dikelola BKD"):
        katalog.simpan_katalog(kantor, entry)
    assert snapshot(kantor.db) == before

    reply = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    assert sync_reverse.terapkan_paket_balasan(kantor, reply).jumlah["katalog"] == 2
    assert [k.kode for k in katalog.list_katalog(kantor)] == ["KES-IMUN-01"]
    assert [k.kode for k in katalog.list_katalog(kantor, semua=True)] == [
        "KES-IMUN-01",
        "KES-LAMA",
    ]

    # An office picks it for a draft SKP: the definition is copied, the target is its own.
    draft = skp.create_skp(kantor, nip=NIP_BIDAN, tahun=2027).value
    rhk = skp.add_rhk(kantor, skp_id=draft.id, uraian="Meningkatnya cakupan imunisasi").value
    made = skp.add_indikator(
        kantor, rhk_id=rhk.id, katalog_kode="kes-imun-01", target_angka="95"
    ).value
    assert (made.uraian, made.satuan, made.wajib_bukti) == (entry.uraian, "%", True)
    assert made.cara_agregasi == CaraAgregasi.TERAKHIR.value and made.aspek is Aspek.KUALITAS
    with pytest.raises(ValidationError, match="tidak aktif"):
        skp.add_indikator(kantor, rhk_id=rhk.id, katalog_kode="KES-LAMA", target_angka="1")


def test_each_record_shows_where_it_stands_in_the_sync_cycle(
    bkd: ServiceContext, tmp_path: Path
) -> None:
    kantor = _office(tmp_path, "DINKES", bkd)

    def state(nip: str) -> str | None:
        rows = tampilan.daftar_pegawai_status(kantor, tahun=2026)
        return next(r.sinkron for r in rows if r.nip == nip)

    assert state(NIP_BIDAN) == status_sinkron.LOKAL
    sync_export.ekspor_paket(kantor, tmp_path / "p1.bkdsync", PASS)
    assert state(NIP_BIDAN) == status_sinkron.TERKIRIM
    sync_merge.impor_paket(bkd, tmp_path / "p1.bkdsync")
    reply = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    sync_reverse.terapkan_paket_balasan(kantor, reply)
    assert state(NIP_BIDAN) == status_sinkron.DITERIMA

    pegawai.update_pegawai(bkd, NIP_BIDAN, jabatan="Versi BKD")
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan="Versi kantor")
    assert state(NIP_BIDAN) == status_sinkron.LOKAL
    assert state(NIP_KADIS) == status_sinkron.DITERIMA
    _send(kantor, bkd, tmp_path / "p2")
    reply = sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, PASS_BKD)
    sync_reverse.terapkan_paket_balasan(kantor, reply)
    assert state(NIP_BIDAN) == status_sinkron.KONFLIK
    assert all(r.sinkron is None for r in tampilan.daftar_pegawai_status(bkd, tahun=2026))
