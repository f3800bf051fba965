"""Two offices and BKD: enrolment, export, import, quarantine, conflicts, refusals."""

import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Pegawai, Realisasi
from app.models.db import Database
from app.services import pegawai, realisasi, setup, sync_export, sync_merge
from app.services.context import ServiceContext
from tests.conftest import FIXED_NOW
from tests.helpers import NIP_BIDAN, build_team, snapshot

PASS = "rahasia-kantor-1"


def _context(db: Database, folder: Path, actor: str) -> ServiceContext:
    return ServiceContext(
        db=db, actor=actor, evidence_dir=folder / "bukti", clock=lambda: FIXED_NOW
    )


@pytest.fixture
def bkd(db: Database, tmp_path: Path) -> ServiceContext:
    """BKD on the parametrised backend (SQLite file, and PostgreSQL in test.sh)."""
    ctx = _context(db, tmp_path / "bkd", "operator-bkd")
    setup.init_installation(ctx, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026)
    return ctx


@pytest.fixture
def kantor(tmp_path: Path) -> ServiceContext:
    """An office with a puskesmas team and a registered key."""
    folder = tmp_path / "dinkes"
    ctx = _context(Database.open(folder / "kantor.db"), folder, "operator-dinkes")
    setup.init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    build_team(ctx)
    sync_export.buat_kunci(ctx, PASS)
    return ctx


def _enrol(kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path) -> None:
    request = sync_export.minta_pendaftaran(kantor, tmp_path / "daftar.bkdsync", PASS, "PC-1")
    report = sync_merge.impor_paket(bkd, request)
    assert report.status == sync_merge.MENUNGGU_PERSETUJUAN
    key = sync_export.info_kunci(kantor)
    sync_merge.setujui_instalasi(bkd, key.key_id, key.sidik_jari)


def test_enrolment_quarantine_then_import(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    request = sync_export.minta_pendaftaran(kantor, tmp_path, PASS, "PC-1")
    assert sync_merge.impor_paket(bkd, request).status == sync_merge.MENUNGGU_PERSETUJUAN
    package = sync_export.ekspor_paket(kantor, tmp_path, PASS)
    before = snapshot(bkd.db)
    waiting = sync_merge.impor_paket(bkd, package.berkas)
    assert (waiting.status, waiting.kode_alasan) == (sync_merge.DIKARANTINA, "PENDING")
    assert {k: v for k, v in snapshot(bkd.db).items() if not k.startswith("sync_")} == {
        k: v for k, v in before.items() if not k.startswith("sync_")
    }
    key = sync_export.info_kunci(kantor)
    with pytest.raises(Exception, match="Sidik jari tidak cocok"):
        sync_merge.setujui_instalasi(bkd, key.key_id, "0000 0000")
    dto, reports = sync_merge.setujui_instalasi(bkd, key.key_id, key.sidik_jari)
    assert dto.status == "DISETUJUI"
    assert [r.status for r in reports] == [sync_merge.BERHASIL]
    assert reports[0].jumlah["dibuat"] > 10
    with bkd.read() as session:
        nips = set(session.scalars(select(Pegawai.nip)))
    assert NIP_BIDAN in nips


def test_duplicate_cumulative_and_conflict(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    _enrol(kantor, bkd, tmp_path)
    first = sync_export.ekspor_paket(kantor, tmp_path / "1.bkdsync", PASS)
    assert sync_merge.impor_paket(bkd, first.berkas).status == sync_merge.BERHASIL
    assert sync_merge.impor_paket(bkd, first.berkas).status == sync_merge.DUPLIKAT
    # Both sides change the bidan's jabatan differently; the office also records a realisation.
    pegawai.update_pegawai(bkd, NIP_BIDAN, jabatan="Bidan Mahir (koreksi BKD)")
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan="Bidan Penyelia")
    with kantor.read() as session:
        indikator = session.scalars(select(Realisasi.indikator_id)).first()
    team_indicator = indikator or _first_indicator(kantor)
    realisasi.catat_realisasi(kantor, indikator_id=team_indicator, periode_kode="2026-01", nilai=10)
    second = sync_export.ekspor_paket(kantor, tmp_path / "2.bkdsync", PASS)
    assert second.seq == 2 and second.jumlah_op > first.jumlah_op  # cumulative since no ack
    report = sync_merge.impor_paket(bkd, second.berkas)
    assert report.status == sync_merge.BERHASIL_DENGAN_KONFLIK
    assert report.jumlah["duplikat_op"] == first.jumlah_op
    assert report.jumlah["dibuat"] == 1  # the realisation
    (conflict,) = sync_merge.daftar_konflik(bkd)
    assert conflict.jenis == "FIELD_CONFLICT"
    assert conflict.medan["jabatan"] == {
        "base": "Bidan Terampil",
        "masuk": "Bidan Penyelia",
        "sekarang": "Bidan Mahir (koreksi BKD)",
    }
    with bkd.read() as session:  # current value kept until a person decides
        assert session.scalars(select(Pegawai.jabatan).where(Pegawai.nip == NIP_BIDAN)).one() == (
            "Bidan Mahir (koreksi BKD)"
        )
    # Importing the older package again changes nothing and reopens nothing.
    shutil.copy(first.berkas, tmp_path / "salinan.bkdsync")
    assert sync_merge.impor_paket(bkd, tmp_path / "salinan.bkdsync").status == sync_merge.DUPLIKAT
    assert len(sync_merge.daftar_konflik(bkd)) == 1


def _first_indicator(ctx: ServiceContext) -> str:
    from app.models import Indikator

    with ctx.read() as session:
        return session.scalars(
            select(Indikator.id).where(Indikator.uraian == "Jumlah bayi yang diimunisasi")
        ).one()


def test_tampered_and_misdirected_packages_change_nothing(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    _enrol(kantor, bkd, tmp_path)
    package = sync_export.ekspor_paket(kantor, tmp_path / "p.bkdsync", PASS)
    tampered = tmp_path / "ubah.bkdsync"
    with zipfile.ZipFile(package.berkas) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("data/"):
                data = data.replace(b"Bidan Terampil", b"Bidan Utama!!!")
            target.writestr(info, data)
    before = {k: v for k, v in snapshot(bkd.db).items() if not k.startswith("sync_")}
    report = sync_merge.impor_paket(bkd, tampered)
    assert (report.status, report.kode_alasan) == (sync_merge.DITOLAK, "MEMBER_HASH_MISMATCH")
    assert {k: v for k, v in snapshot(bkd.db).items() if not k.startswith("sync_")} == before
    truncated = tmp_path / "potong.bkdsync"
    truncated.write_bytes(package.berkas.read_bytes()[: package.ukuran // 2])
    assert sync_merge.impor_paket(bkd, truncated).kode_alasan == "MALFORMED_ZIP"
    dry = sync_merge.impor_paket(bkd, package.berkas, dry_run=True)
    assert dry.status == sync_merge.BERHASIL and dry.uji_coba
    assert {k: v for k, v in snapshot(bkd.db).items() if not k.startswith("sync_")} == before
    assert sync_merge.impor_paket(bkd, package.berkas).status == sync_merge.BERHASIL


def test_practice_package_never_enters_production(bkd: ServiceContext, tmp_path: Path) -> None:
    folder = tmp_path / "latihan"
    ctx = _context(Database.open(folder / "latihan.db"), folder, "peserta")
    setup.init_installation(
        ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026, lingkungan="training"
    )
    build_team(ctx)
    sync_export.buat_kunci(ctx, PASS)
    _enrol(ctx, bkd, tmp_path)
    package = sync_export.ekspor_paket(ctx, tmp_path / "latihan.bkdsync", PASS)
    report = sync_merge.impor_paket(bkd, package.berkas)
    assert (report.status, report.kode_alasan) == (sync_merge.DITOLAK, "WRONG_RECIPIENT")


def test_resolving_a_conflict(kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path) -> None:
    from app.errors import ValidationError
    from app.models import OutboxOp

    _enrol(kantor, bkd, tmp_path)
    sync_merge.impor_paket(
        bkd, sync_export.ekspor_paket(kantor, tmp_path / "1.bkdsync", PASS).berkas
    )
    pegawai.update_pegawai(bkd, NIP_BIDAN, jabatan="Versi BKD")
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan="Versi kantor")
    sync_merge.impor_paket(
        bkd, sync_export.ekspor_paket(kantor, tmp_path / "2.bkdsync", PASS).berkas
    )
    (conflict,) = sync_merge.daftar_konflik(bkd)
    with pytest.raises(ValidationError, match="Catatan"):
        sync_merge.selesaikan_konflik(bkd, conflict.id, pilihan=sync_merge.AMBIL_MASUK, catatan=" ")
    with bkd.read() as session:
        ops_before = len(session.scalars(select(OutboxOp)).all())
    done = sync_merge.selesaikan_konflik(
        bkd, conflict.id[:8], pilihan=sync_merge.AMBIL_MASUK, catatan="Dikonfirmasi lewat telepon"
    )
    assert done.status == sync_merge.AMBIL_MASUK
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Versi kantor"
    with bkd.read() as session:  # the resolution is BKD's own op, to travel back to the office
        ops = session.scalars(select(OutboxOp).order_by(OutboxOp.counter)).all()
    assert len(ops) == ops_before + 1
    assert ops[-1].sesudah == {"jabatan": "Versi kantor"}
    assert sync_merge.daftar_konflik(bkd) == ()
    with pytest.raises(ValidationError, match="sudah diselesaikan"):
        sync_merge.selesaikan_konflik(
            bkd, conflict.id, pilihan=sync_merge.TETAP_SEKARANG, catatan="x"
        )


def test_revoked_key_quarantines_later_packages(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    _enrol(kantor, bkd, tmp_path)
    first = sync_export.ekspor_paket(kantor, tmp_path / "1.bkdsync", PASS)
    assert sync_merge.impor_paket(bkd, first.berkas).status == sync_merge.BERHASIL
    key = sync_export.info_kunci(kantor)
    sync_merge.cabut_instalasi(bkd, key.key_id, setelah_seq=1, alasan="Laptop hilang")
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan="Bidan Penyelia")
    second = sync_export.ekspor_paket(kantor, tmp_path / "2.bkdsync", PASS)
    report = sync_merge.impor_paket(bkd, second.berkas)
    assert (report.status, report.kode_alasan) == (sync_merge.DIKARANTINA, "REVOKED")
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Bidan Terampil"


def test_a_field_conflict_still_applies_the_fields_nobody_else_changed(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    _enrol(kantor, bkd, tmp_path)
    sync_merge.impor_paket(
        bkd, sync_export.ekspor_paket(kantor, tmp_path / "1.bkdsync", PASS).berkas
    )
    pegawai.update_pegawai(bkd, NIP_BIDAN, jabatan="Versi BKD")
    pegawai.update_pegawai(kantor, NIP_BIDAN, nama="Siti Rahmawati Putri", jabatan="Versi kantor")
    report = sync_merge.impor_paket(
        bkd, sync_export.ekspor_paket(kantor, tmp_path / "2.bkdsync", PASS).berkas
    )
    assert report.status == sync_merge.BERHASIL_DENGAN_KONFLIK
    (conflict,) = sync_merge.daftar_konflik(bkd)
    assert set(conflict.medan) == {"jabatan"}
    moved = pegawai.get_pegawai(bkd, NIP_BIDAN)
    assert (moved.nama, moved.jabatan) == ("Siti Rahmawati Putri", "Versi BKD")
    # The office's next edit of the clashing field meets the check again instead of slipping in.
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan="Versi kantor 2")
    sync_merge.impor_paket(
        bkd, sync_export.ekspor_paket(kantor, tmp_path / "3.bkdsync", PASS).berkas
    )
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Versi BKD"
    assert len(sync_merge.daftar_konflik(bkd)) == 2


def test_an_op_the_database_refuses_becomes_a_conflict_not_a_failed_import(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    from sqlalchemy import text

    _enrol(kantor, bkd, tmp_path)
    pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan="Bidan Penyelia")
    with kantor.db.engine.begin() as connection:  # a buggy or tampered office app
        connection.execute(
            text(
                "UPDATE sync_outbox SET sesudah = '{\"jabatan\": null}' "
                "WHERE jenis = 'update' AND entitas = 'pegawai'"
            )
        )
    report = sync_merge.impor_paket(
        bkd, sync_export.ekspor_paket(kantor, tmp_path / "p.bkdsync", PASS).berkas
    )
    assert report.status == sync_merge.BERHASIL_DENGAN_KONFLIK
    assert [k["jenis"] for k in report.konflik] == ["VALIDATION_FAILED"]
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Bidan Terampil"


def test_packages_arriving_out_of_order_close_the_gap(
    kantor: ServiceContext, bkd: ServiceContext, tmp_path: Path
) -> None:
    from app.models import InstalasiTerdaftar

    _enrol(kantor, bkd, tmp_path)
    files = []
    for n, jabatan in enumerate(["Bidan A", "Bidan B", "Bidan C", "Bidan D"], start=1):
        pegawai.update_pegawai(kantor, NIP_BIDAN, jabatan=jabatan)
        files.append(sync_export.ekspor_paket(kantor, tmp_path / f"{n}.bkdsync", PASS).berkas)
    for index in (0, 2, 1):
        sync_merge.impor_paket(bkd, files[index])
    last = sync_merge.impor_paket(bkd, files[3])
    assert last.peringatan == []
    with bkd.read() as session:
        registered = session.scalars(select(InstalasiTerdaftar)).one()
        assert registered.seq_terakhir_berurutan == 4
    assert pegawai.get_pegawai(bkd, NIP_BIDAN).jabatan == "Bidan D"
