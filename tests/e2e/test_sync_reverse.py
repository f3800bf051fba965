"""Reverse packages BKD → dinas: outcomes and acks, resolved conflicts, BKD's ops, refusals.

BKD runs on the parametrised backend (SQLite file, and PostgreSQL in test.sh); offices on SQLite.
"""

import shutil
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import NotFoundError, UserError, ValidationError
from app.models import (
    AuditLog,
    HasilOp,
    Indikator,
    OutboxOp,
    PaketBalasanKeluar,
    PaketBalasanMasuk,
    Pegawai,
)
from app.models.changes import iter_chain_breaks
from app.models.db import Database
from app.services import pegawai, realisasi, setup, sync_export, sync_merge, sync_reverse
from app.services.context import ServiceContext
from app.services.lookup import installation
from app.sync.errors import SyncError
from app.sync.keys import generate_private_key, public_key_from_b64
from app.sync.package import PackageSpec, build_package, read_package
from tests.conftest import FIXED_NOW
from tests.helpers import NIP_BIDAN, NIP_KEPALA, build_team, snapshot

PASS = "rahasia-kantor-1"
PASS_BKD = "rahasia-bkd-123"
BKD_VALUE = "Bidan Mahir (koreksi BKD)"
OFFICE_VALUE = "Bidan Penyelia (kantor)"


def _context(db: Database, folder: Path, actor: str) -> ServiceContext:
    return ServiceContext(
        db=db, actor=actor, evidence_dir=folder / "bukti", clock=lambda: FIXED_NOW
    )


@pytest.fixture
def bkd(db: Database, tmp_path: Path) -> ServiceContext:
    """BKD with its own signing key, on the parametrised backend."""
    ctx = _context(db, tmp_path / "bkd", "operator-bkd")
    setup.init_installation(ctx, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026)
    sync_export.buat_kunci(ctx, PASS_BKD)
    return ctx


def _office(tmp_path: Path, kode: str, *, team: bool = True) -> ServiceContext:
    folder = tmp_path / kode.lower()
    ctx = _context(Database.open(folder / "kantor.db"), folder, f"operator-{kode.lower()}")
    setup.init_installation(ctx, peran="dinas", kode=kode, nama=f"Dinas {kode}", tahun=2026)
    if team:
        build_team(ctx)
    sync_export.buat_kunci(ctx, PASS)
    return ctx


@pytest.fixture
def kantor(tmp_path: Path) -> ServiceContext:
    """Dinas Kesehatan with a puskesmas team and a key."""
    return _office(tmp_path, "DINKES")


def _enrol(office: ServiceContext, bkd: ServiceContext, tmp_path: Path) -> None:
    request = sync_export.minta_pendaftaran(
        office, tmp_path / f"daftar-{office.actor}.bkdsync", PASS, "PC-1"
    )
    assert sync_merge.impor_paket(bkd, request).status == sync_merge.MENUNGGU_PERSETUJUAN
    key = sync_export.info_kunci(office)
    sync_merge.setujui_instalasi(bkd, key.key_id, key.sidik_jari)


def _trust(office: ServiceContext, bkd: ServiceContext) -> None:
    key = sync_reverse.info_kunci_bkd(bkd)
    trusted = sync_reverse.percayai_bkd(office, key.kunci_publik, key.sidik_jari.lower())
    assert (trusted.key_id, trusted.kode_bkd) == (key.key_id, "BKD")


def _send(office: ServiceContext, bkd: ServiceContext, path: Path) -> sync_merge.LaporanImpor:
    return sync_merge.impor_paket(bkd, sync_export.ekspor_paket(office, path, PASS).berkas)


def _reply(bkd: ServiceContext, path: Path, kode: str = "DINKES") -> Path:
    return sync_reverse.buat_paket_balasan(bkd, kode, path, PASS_BKD)


def _jabatan(ctx: ServiceContext, nip: str) -> tuple[str, str | None]:
    with ctx.read() as session:
        row = session.execute(select(Pegawai.jabatan, Pegawai.version).where(Pegawai.nip == nip))
        jabatan, version = row.one()
        return jabatan, version


def _unacked(ctx: ServiceContext) -> int:
    with ctx.read() as session:
        return session.scalar(select(func.count()).where(OutboxOp.diakui.is_(False))) or 0


def _two_conflicts(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> tuple[int, sync_merge.LaporanImpor]:
    """Enrol, import everything once, then clash on two rows; BKD keeps one, takes the other."""
    _enrol(kantor, bkd, tmp_path)
    first = sync_export.ekspor_paket(kantor, tmp_path / "1.bkdsync", PASS)
    assert sync_merge.impor_paket(bkd, first.berkas).status == sync_merge.BERHASIL
    pegawai.update_pegawai(bkd, NIP_BIDAN, jabatan=BKD_VALUE)
    pegawai.update_pegawai(bkd, NIP_KEPALA, jabatan="Kepala (versi BKD)")
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan=OFFICE_VALUE)
    pegawai.update_pegawai(kantor, NIP_KEPALA, jabatan="Kepala (versi kantor)")
    with kantor.read() as session:
        indikator = session.scalars(
            select(Indikator.id).where(Indikator.uraian == "Jumlah bayi yang diimunisasi")
        ).one()
    realisasi.catat_realisasi(kantor, indikator_id=indikator, periode_kode="2026-01", nilai=10)
    second = sync_export.ekspor_paket(kantor, tmp_path / "2.bkdsync", PASS)
    report = sync_merge.impor_paket(bkd, second.berkas)
    assert report.status == sync_merge.BERHASIL_DENGAN_KONFLIK
    conflicts = {c.kunci_alami["nip"]: c for c in sync_merge.daftar_konflik(bkd)}
    sync_merge.selesaikan_konflik(
        bkd, conflicts[NIP_BIDAN].id, pilihan=sync_merge.TETAP_SEKARANG, catatan="SK BKD berlaku"
    )
    sync_merge.selesaikan_konflik(
        bkd, conflicts[NIP_KEPALA].id, pilihan=sync_merge.AMBIL_MASUK, catatan="Cek telepon"
    )
    return second.jumlah_op, report


def test_round_trip(kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path) -> None:
    exported, _report = _two_conflicts(kantor, bkd, tmp_path)
    reply = _reply(bkd, tmp_path / "balasan-1.bkdsync")
    with bkd.read() as session:
        sent = session.scalars(select(PaketBalasanKeluar)).one()
    assert (sent.seq, sent.kode_kantor, sent.jumlah_konflik) == (1, "DINKES", 2)
    assert sent.jumlah_hasil == exported  # package 1's ops reappear in 2 only as duplicates
    assert sent.jumlah_op == 3  # BKD's two edits and the "take incoming" resolution
    package = read_package(reply, lambda _kid: _bkd_public(bkd))
    assert package.manifest["ack"] == {"last_contiguous_seq": 2, "last_seq_seen": 2}
    assert package.manifest["recipient"]["dinas_code"] == "DINKES"
    assert {"ops", "hasil", "konflik"} <= set(package.datasets)

    # Before the office trusts BKD's key nothing is applied.
    before = snapshot(kantor.db)
    refused = sync_reverse.terapkan_paket_balasan(kantor, reply)
    assert (refused.status, refused.kode_alasan) == (sync_merge.DITOLAK, "UNKNOWN_KEY")
    assert snapshot(kantor.db) == before
    key = sync_reverse.info_kunci_bkd(bkd)
    with pytest.raises(ValidationError, match="Sidik jari tidak cocok"):
        sync_reverse.percayai_bkd(kantor, key.kunci_publik, "0000 1111")
    _trust(kantor, bkd)
    _trust(kantor, bkd)  # trusting the same key again changes nothing

    report = sync_reverse.terapkan_paket_balasan(kantor, reply)
    assert report.status == sync_merge.BERHASIL, report.as_json()
    assert report.jumlah["diakui"] == exported  # every op: accepted, or its conflict decided
    assert report.jumlah["konflik"] == 2 and report.tertunda == []
    assert _unacked(kantor) == 0
    # Kept current: the office row now holds BKD's value and version.
    assert _jabatan(kantor, NIP_BIDAN) == _jabatan(bkd, NIP_BIDAN)
    assert _jabatan(kantor, NIP_BIDAN)[0] == BKD_VALUE
    # Took incoming: the office keeps its value, now under BKD's resolution version.
    assert _jabatan(kantor, NIP_KEPALA) == _jabatan(bkd, NIP_KEPALA)
    assert _jabatan(kantor, NIP_KEPALA)[0] == "Kepala (versi kantor)"
    shown = {c["kunci_alami"]["nip"]: c for c in report.konflik}
    assert shown[NIP_BIDAN]["diganti"] == [
        f"jabatan: nilai Anda {OFFICE_VALUE} diganti oleh BKD menjadi {BKD_VALUE}"
    ]
    assert "SK BKD berlaku" in shown[NIP_BIDAN]["pesan"]
    assert shown[NIP_KEPALA]["diganti"] == [] and shown[NIP_KEPALA]["status"] == "AMBIL_MASUK"
    with kantor.read() as session:
        assert session.scalar(select(func.count()).select_from(HasilOp)) == exported
        stored = session.scalars(select(PaketBalasanMasuk)).one()
        assert (stored.seq, stored.laporan["status"]) == (1, sync_merge.BERHASIL)
        audit = session.scalars(select(AuditLog).order_by(AuditLog.seq)).all()
        assert not list(iter_chain_breaks(audit))
        assert any(a.perintah == "terapkan_paket_balasan" for a in audit)

    # Acknowledged ops never travel again.
    with pytest.raises(UserError, match="Tidak ada perubahan"):
        sync_export.ekspor_paket(kantor, tmp_path / "kosong.bkdsync", PASS)

    # The same reply again, also under another name: DUPLIKAT, nothing changes.
    before = snapshot(kantor.db)
    copy = tmp_path / "salinan.bkdsync"
    shutil.copy(reply, copy)
    for path in (reply, copy):
        again = sync_reverse.terapkan_paket_balasan(kantor, path)
        assert (again.status, again.seq) == (sync_merge.DUPLIKAT, 1)
    assert snapshot(kantor.db) == before

    # The next export holds only the new change; BKD fast-forwards it on top of its version.
    pegawai.update_pegawai(kantor, NIP_BIDAN, golongan="III/a")
    third = sync_export.ekspor_paket(kantor, tmp_path / "3.bkdsync", PASS)
    assert (third.seq, third.jumlah_op) == (3, 1)
    imported = sync_merge.impor_paket(bkd, third.berkas)
    assert imported.status == sync_merge.BERHASIL
    assert (imported.jumlah["diubah"], imported.jumlah["duplikat_op"]) == (1, 0)
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).golongan == "III/a"

    # The second reply carries only what is new: one verdict, and BKD's later edit of a row it
    # decided on, which fast-forwards the office's row.
    pegawai.update_pegawai(bkd, NIP_BIDAN, jabatan="Bidan Mahir Utama (BKD)")
    second = sync_reverse.terapkan_paket_balasan(kantor, _reply(bkd, tmp_path))
    assert (second.status, second.seq) == (sync_merge.BERHASIL, 2)
    assert (second.jumlah["hasil"], second.jumlah["konflik"], second.jumlah["diakui"]) == (1, 0, 1)
    assert second.jumlah["op_diterapkan"] == 1
    assert _jabatan(kantor, NIP_BIDAN) == _jabatan(bkd, NIP_BIDAN)
    assert _jabatan(kantor, NIP_BIDAN)[0] == "Bidan Mahir Utama (BKD)"
    assert pegawai.get_pegawai(kantor, NIP_BIDAN).golongan == "III/a"
    assert _unacked(kantor) == 0
    with pytest.raises(UserError, match="Belum ada yang baru"):
        _reply(bkd, tmp_path / "kosong.bkdsync")


def _bkd_public(bkd: ServiceContext) -> bytes:
    return public_key_from_b64(sync_reverse.info_kunci_bkd(bkd).kunci_publik)


def test_pending_local_edit_is_kept_and_meets_bkd_later(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    exported, _report = _two_conflicts(kantor, bkd, tmp_path)
    reply = _reply(bkd, tmp_path / "balasan.bkdsync")
    # The office changes the bidan again before BKD's answer arrives (sync.md M16).
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan="Bidan Ahli (kantor, lagi)")
    _trust(kantor, bkd)
    report = sync_reverse.terapkan_paket_balasan(kantor, reply)
    assert report.status == sync_reverse.SEBAGIAN_TERTAHAN
    (held,) = report.tertunda
    assert (held["entitas"], held["kolom"]) == ("pegawai", ["jabatan"])
    assert held["nilai_bkd"] == {"jabatan": BKD_VALUE}
    assert _jabatan(kantor, NIP_BIDAN)[0] == "Bidan Ahli (kantor, lagi)"
    assert _jabatan(kantor, NIP_KEPALA) == _jabatan(bkd, NIP_KEPALA)  # other rows still follow
    assert report.jumlah["diakui"] == exported
    assert _unacked(kantor) == 1  # the pending edit stays in the outbox
    follow_up = sync_export.ekspor_paket(kantor, tmp_path / "3.bkdsync", PASS)
    assert follow_up.jumlah_op == 1
    imported = sync_merge.impor_paket(bkd, follow_up.berkas)
    assert imported.status == sync_merge.BERHASIL_DENGAN_KONFLIK
    (conflict,) = sync_merge.daftar_konflik(bkd)
    assert conflict.medan["jabatan"] == {
        "base": OFFICE_VALUE,
        "masuk": "Bidan Ahli (kantor, lagi)",
        "sekarang": BKD_VALUE,
    }


def test_older_reply_after_a_newer_one_is_refused(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    _two_conflicts(kantor, bkd, tmp_path)
    older = _reply(bkd, tmp_path / "balasan-1.bkdsync")
    pegawai.update_pegawai(kantor, NIP_KEPALA, golongan="IV/a")
    assert _send(kantor, bkd, tmp_path / "3.bkdsync").status == sync_merge.BERHASIL
    newer = _reply(bkd, tmp_path / "balasan-2.bkdsync")
    _trust(kantor, bkd)
    report = sync_reverse.terapkan_paket_balasan(kantor, newer)
    assert (report.status, report.seq) == (sync_merge.BERHASIL, 2)
    assert any("nomor 1 s/d 1 belum pernah diterapkan" in w for w in report.peringatan)
    before = snapshot(kantor.db)
    stale = sync_reverse.terapkan_paket_balasan(kantor, older)
    assert (stale.status, stale.kode_alasan) == (sync_merge.DITOLAK, "STALE_SEQ")
    assert snapshot(kantor.db) == before


def test_reply_for_another_office_or_from_another_key_is_refused(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    _enrol(kantor, bkd, tmp_path)
    _send(kantor, bkd, tmp_path / "dinkes-1.bkdsync")
    disdik = _office(tmp_path, "DISDIK", team=False)
    _enrol(disdik, bkd, tmp_path)
    assert _send(disdik, bkd, tmp_path / "disdik-1.bkdsync").status == sync_merge.BERHASIL
    for_disdik = _reply(bkd, tmp_path / "balasan-disdik.bkdsync", "DISDIK")
    _trust(kantor, bkd)
    before = snapshot(kantor.db)
    wrong = sync_reverse.terapkan_paket_balasan(kantor, for_disdik)
    assert (wrong.status, wrong.kode_alasan) == (sync_merge.DITOLAK, "WRONG_RECIPIENT")
    # A well-formed reply for this office, signed by a key the office never trusted.
    with kantor.read() as session:
        own = installation(session)
        recipient = {"type": "dinas", "dinas_code": "DINKES", "installation_id": own.id}
    forged = build_package(
        PackageSpec(
            kind="bkd_update",
            environment="production",
            sender={"type": "bkd", "bkd_instance_id": "BKD"},
            recipient=recipient,
            seq=99,
            prev_manifest_sha256=None,
            created_at=FIXED_NOW.replace(tzinfo=UTC),
            app={"name": "capaian", "version": "0", "build": "0"},
            schema_version=1,
            min_reader_schema_version=1,
            ack={"last_contiguous_seq": 1, "last_seq_seen": 1},
            ops=None,
            reference_versions={},
            counts={},
            cert=None,
            datasets={"ops": [], "hasil": []},
        ),
        generate_private_key(),
        tmp_path / "palsu.bkdsync",
    )
    untrusted = sync_reverse.terapkan_paket_balasan(kantor, forged.path)
    assert (untrusted.status, untrusted.kode_alasan) == (sync_merge.DITOLAK, "UNKNOWN_KEY")
    assert snapshot(kantor.db) == before
    # The right office applies its own reply.
    _trust(disdik, bkd)
    own_reply = sync_reverse.terapkan_paket_balasan(disdik, for_disdik)
    assert own_reply.status == sync_merge.BERHASIL
    assert _unacked(disdik) == 0


def test_roles_and_inputs(kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path) -> None:
    key = sync_reverse.info_kunci_bkd(bkd)
    with pytest.raises(ValidationError):
        sync_reverse.percayai_bkd(bkd, key.kunci_publik, key.sidik_jari)
    with pytest.raises(SyncError) as bad:
        sync_reverse.percayai_bkd(kantor, "bukan-kunci", key.sidik_jari)
    assert bad.value.code == "BAD_KEY"
    own = sync_export.info_kunci(kantor)
    with kantor.read() as session:
        own_public = installation(session).kunci_publik
    assert own_public is not None
    with pytest.raises(ValidationError, match="sendiri"):
        sync_reverse.percayai_bkd(kantor, own_public, own.sidik_jari)
    with pytest.raises(ValidationError):
        sync_reverse.buat_paket_balasan(kantor, "DINKES", tmp_path, PASS)
    with pytest.raises(NotFoundError):
        _reply(bkd, tmp_path, "TIDAK-ADA")
    _enrol(kantor, bkd, tmp_path)
    with pytest.raises(UserError):  # wrong passphrase for BKD's key
        sync_reverse.buat_paket_balasan(bkd, "DINKES", tmp_path, "salah-sandi-123")
    first = _reply(bkd, tmp_path)  # nothing imported yet: an ack-only package is still fine
    with pytest.raises(UserError, match="Belum ada yang baru"):
        _reply(bkd, tmp_path)
    with pytest.raises(ValidationError):
        sync_reverse.terapkan_paket_balasan(bkd, first)
