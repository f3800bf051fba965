"""Backups, restore, the damaged-database path and the single-instance guard (issue 6 §4-5)."""

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.errors import UserError
from app.models.db import Database
from app.scoring.types import JenisOrganisasi
from app.services import cadangan, organisasi, penjaga
from app.services.context import ServiceContext
from app.services.setup import init_installation
from tests.conftest import FIXED_NOW
from tests.helpers import build_team, snapshot

ROOT = Path(__file__).resolve().parents[3]


def _office(path: Path) -> ServiceContext:
    db = cadangan.buka(path)
    ctx = ServiceContext(
        db=db, actor="penguji", evidence_dir=path.parent / "bukti", clock=lambda: FIXED_NOW
    )
    init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    build_team(ctx)
    return ctx


@pytest.fixture
def kantor(tmp_path: Path) -> Iterator[ServiceContext]:
    ctx = _office(tmp_path / "kantor" / "capaian.db")
    yield ctx
    cadangan.tutup(ctx.db)


def _unit(ctx: ServiceContext, kode: str) -> None:
    organisasi.create_organisasi(
        ctx, kode=kode, nama=f"Unit {kode}", jenis=JenisOrganisasi.BIDANG, induk_kode="DINKES"
    )


# ----------------------------------------------------------------------------- backups
def test_backup_is_a_complete_standalone_copy(kantor: ServiceContext) -> None:
    done = cadangan.buat_cadangan(kantor.db, now=FIXED_NOW)
    assert done.berkas.parent == kantor.db.path.parent / "cadangan"  # type: ignore[union-attr]
    assert done.berkas.name == "capaian-manual-20261129-100000.db"
    assert done.jenis == cadangan.MANUAL and done.ukuran == done.berkas.stat().st_size
    # A single file: no WAL companion is needed to read it, no temporary file is left.
    assert sorted(p.name for p in done.berkas.parent.iterdir()) == [done.berkas.name]
    connection = sqlite3.connect(done.berkas)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()
    copy = Database.open(done.berkas, create=False)
    try:
        assert snapshot(copy) == snapshot(kantor.db)
    finally:
        copy.dispose()


def test_backup_to_a_chosen_file_and_folder(kantor: ServiceContext, tmp_path: Path) -> None:
    chosen = cadangan.buat_cadangan(kantor.db, tmp_path / "flashdisk.db")
    assert chosen.berkas == tmp_path / "flashdisk.db" and chosen.berkas.stat().st_size > 0
    folder = tmp_path / "usb"
    folder.mkdir()
    inside = cadangan.buat_cadangan(kantor.db, folder, now=FIXED_NOW)
    assert inside.berkas.parent == folder
    with pytest.raises(UserError, match="menimpa basis data itu sendiri"):
        cadangan.buat_cadangan(kantor.db, kantor.db.path)


def test_daily_backup_once_a_day_and_rotation(kantor: ServiceContext) -> None:
    path = kantor.db.path
    assert path is not None
    first = cadangan.cadangan_harian(kantor.db, now=FIXED_NOW)
    assert first is not None and first.jenis == cadangan.HARIAN
    assert cadangan.cadangan_harian(kantor.db, now=FIXED_NOW + timedelta(hours=3)) is None
    for day in range(1, 13):
        assert cadangan.cadangan_harian(kantor.db, now=FIXED_NOW + timedelta(days=day))
    daily = [c for c in cadangan.daftar_cadangan(path) if c.jenis == cadangan.HARIAN]
    assert len(daily) == cadangan.SIMPAN[cadangan.HARIAN] == 10
    assert daily[0].waktu == FIXED_NOW + timedelta(days=12)  # newest first, oldest removed
    assert daily[-1].waktu == FIXED_NOW + timedelta(days=3)
    # Manual backups are the clerk's own: never rotated away.
    cadangan.buat_cadangan(kantor.db, now=FIXED_NOW - timedelta(days=400))
    for day in range(1, 3):
        cadangan.cadangan_harian(kantor.db, now=FIXED_NOW + timedelta(days=20 + day))
    assert [c.jenis for c in cadangan.daftar_cadangan(path)].count(cadangan.MANUAL) == 1


def test_automatic_backup_names_its_reason(kantor: ServiceContext) -> None:
    done = cadangan.cadangan_otomatis(kantor, "Impor Paket")
    assert done is not None
    assert done.berkas.name == "capaian-otomatis-20261129-100000-impor-paket.db"
    again = cadangan.cadangan_otomatis(kantor, "Impor Paket")  # same second: a second file
    assert again is not None and again.berkas != done.berkas
    listed = cadangan.daftar_cadangan(kantor.db.path)  # type: ignore[arg-type]
    assert {c.alasan for c in listed} == {"impor-paket"}


def test_nothing_to_back_up_in_an_empty_database(tmp_path: Path) -> None:
    db = cadangan.buka(tmp_path / "baru.db")
    try:
        assert cadangan.cadangan_harian(db, now=FIXED_NOW) is None
        assert not (tmp_path / "cadangan").exists()
    finally:
        cadangan.tutup(db)


def test_full_disk_during_backup_is_a_clear_message_and_leaves_nothing(
    kantor: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Injected ENOSPC at the copy (the tmpfs variant is in tests/e2e/test_crash_safety.py)."""
    real_connect = sqlite3.connect

    class FillsTheDisk(sqlite3.Connection):
        def backup(self, target: sqlite3.Connection, **_kwargs: object) -> None:  # type: ignore[override]
            super().backup(target, pages=1)
            raise sqlite3.OperationalError("database or disk is full")

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        return real_connect(*args, factory=FillsTheDisk, **kwargs)  # type: ignore[arg-type,call-overload,no-any-return]

    monkeypatch.setattr(sqlite3, "connect", connect)
    before = snapshot(kantor.db)
    with pytest.raises(UserError) as caught:
        cadangan.buat_cadangan(kantor.db, now=FIXED_NOW)
    assert "Disk penuh" in caught.value.message
    folder = kantor.db.path.parent / "cadangan"  # type: ignore[union-attr]
    assert list(folder.iterdir()) == []
    assert snapshot(kantor.db) == before


def test_os_error_while_flushing_backup(
    kantor: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def enospc(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cadangan.os, "fsync", enospc)
    with pytest.raises(UserError, match="Disk penuh"):
        cadangan.buat_cadangan(kantor.db, now=FIXED_NOW)
    assert list((kantor.db.path.parent / "cadangan").iterdir()) == []  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- restore
def test_restore_round_trip(kantor: ServiceContext) -> None:
    path = kantor.db.path
    assert path is not None
    backup = cadangan.buat_cadangan(kantor.db, now=FIXED_NOW)
    saved = snapshot(kantor.db)
    _unit(kantor, "UNIT-BARU")  # work done after the backup
    changed = snapshot(kantor.db)
    assert changed != saved
    cadangan.tutup(kantor.db)  # the GUI closes its database before restoring

    result = cadangan.pulihkan(path, backup.berkas, now=FIXED_NOW)
    assert result.kantor == "DINKES" and result.sebelum_pulih is not None
    assert result.sebelum_pulih.name == "capaian.db.sebelum-pulih-20261129-100000"
    restored = cadangan.buka(path)
    try:
        assert snapshot(restored) == saved
    finally:
        cadangan.tutup(restored)
    previous = Database.open(result.sebelum_pulih, create=False)
    try:
        assert snapshot(previous) == changed  # the replaced data is kept, WAL included
    finally:
        previous.dispose()
    kantor.db = cadangan.buka(path)  # for the fixture's teardown


def test_restore_into_a_missing_database(kantor: ServiceContext, tmp_path: Path) -> None:
    backup = cadangan.buat_cadangan(kantor.db, now=FIXED_NOW)
    target = tmp_path / "pc-baru" / "capaian.db"
    target.parent.mkdir()
    result = cadangan.pulihkan(target, backup.berkas)
    assert result.sebelum_pulih is None
    copy = Database.open(target, create=False)
    try:
        assert snapshot(copy) == snapshot(kantor.db)
    finally:
        copy.dispose()


def _not_capaian(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE lain (x)")
    connection.commit()
    connection.close()


def _newer_schema(path: Path, source: Path) -> None:
    cadangan._copy(source, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    connection.commit()
    connection.close()


def _damaged_copy(path: Path, source: Path) -> None:
    cadangan._copy(source, path)
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xa5" * 4096  # garble a whole page of the table b-trees
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["missing", "text", "foreign", "newer", "damaged", "self"])
def test_restore_refuses_a_bad_candidate_and_changes_nothing(
    kantor: ServiceContext, tmp_path: Path, kind: str
) -> None:
    path = kantor.db.path
    assert path is not None
    good = cadangan.buat_cadangan(kantor.db, tmp_path / "baik.db").berkas
    candidate = tmp_path / f"calon-{kind}.db"
    if kind == "text":
        candidate.write_text("bukan basis data")
    elif kind == "foreign":
        _not_capaian(candidate)
    elif kind == "newer":
        _newer_schema(candidate, good)
    elif kind == "damaged":
        _damaged_copy(candidate, good)
    elif kind == "self":
        candidate = path
    before = snapshot(kantor.db)
    files_before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(UserError) as caught:
        cadangan.pulihkan(path, candidate)
    message = caught.value.message
    expected = {
        "missing": "tidak ditemukan",
        "text": "bukan cadangan Capaian",
        "foreign": "bukan cadangan Capaian",
        "newer": "versi Capaian yang lebih baru",
        "damaged": "bukan cadangan Capaian",
        "self": "sama dengan basis data",
    }[kind]
    assert expected in message
    assert snapshot(kantor.db) == before
    assert sorted(p.name for p in path.parent.iterdir()) == files_before


# ----------------------------------------------------------------------------- damaged database
def _garble(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 5] = b"\x5a" * 8192
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["garbled", "truncated", "header"])
def test_damaged_database_is_moved_aside_with_the_newest_backup_named(
    kantor: ServiceContext, damage: str
) -> None:
    path = kantor.db.path
    assert path is not None
    cadangan.buat_cadangan(kantor.db, now=FIXED_NOW - timedelta(days=1))
    newest = cadangan.buat_cadangan(kantor.db, now=FIXED_NOW)
    cadangan.tutup(kantor.db)
    if damage == "garbled":
        _garble(path)
    elif damage == "truncated":
        _garble(path)
        path.write_bytes(path.read_bytes()[: 4096 * 4 + 100])
    else:
        path.write_bytes(b"\x00" * 100 + path.read_bytes()[100:])
    damaged_bytes = path.read_bytes()
    with pytest.raises(cadangan.BasisDataRusakError) as caught:
        cadangan.buka(path, now=FIXED_NOW)
    error = caught.value
    assert error.dipindah == path.with_name("capaian.db.rusak-20261129-100000")
    assert error.dipindah.read_bytes() == damaged_bytes  # moved, never written into
    assert not path.exists()
    assert error.cadangan == newest.berkas
    assert f'capaian --db "{path}" restore "{newest.berkas}"' in error.message
    assert not penjaga.is_held(path)
    # The offer made in the message works: restore the newest backup, open it again.
    cadangan.pulihkan(path, newest.berkas)
    kantor.db = cadangan.buka(path)
    assert kantor.db.path == path


def test_damaged_database_without_backups_says_so(tmp_path: Path) -> None:
    path = tmp_path / "capaian.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(cadangan.BasisDataRusakError) as caught:
        cadangan.buka(path, penjaga_proses=False)
    assert caught.value.cadangan is None
    assert "Tidak ada cadangan" in caught.value.message


def test_sound_database_opens_and_holds_the_guard(kantor: ServiceContext) -> None:
    path = kantor.db.path
    assert path is not None
    assert penjaga.is_held(path)
    second = cadangan.buka(path)  # re-entrant inside one process
    cadangan.tutup(second)
    assert penjaga.is_held(path)


# ----------------------------------------------------------------------------- guard
_HOLDER = """
import sys, time
from pathlib import Path
from app.services import penjaga
penjaga.acquire(Path(sys.argv[1]))
print("dipegang", flush=True)
time.sleep(60)
"""


def _hold_in_another_process(path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "dipegang"
    return process


def _stop(process: subprocess.Popen[str]) -> None:
    process.kill()
    process.wait()
    assert process.stdout is not None
    process.stdout.close()


def test_second_process_is_refused_until_the_first_dies(tmp_path: Path) -> None:
    path = tmp_path / "capaian.db"
    ctx = _office(path)
    cadangan.tutup(ctx.db)
    holder = _hold_in_another_process(path)
    try:
        with pytest.raises(UserError) as caught:
            cadangan.buka(path)
        assert "sedang dibuka oleh" in caught.value.message
        assert f"PID {holder.pid}" in caught.value.message
        backup = tmp_path / "b.db"
        reader = cadangan.buka(path, penjaga_proses=False)  # reading is still allowed
        cadangan.buat_cadangan(reader, backup)
        cadangan.tutup(reader, penjaga_proses=False)
        with pytest.raises(UserError, match="sedang dibuka oleh"):
            cadangan.pulihkan(path, backup)  # never restore under a running window
    finally:
        _stop(holder)  # like a crash: the kernel drops the lock, no stale lock file remains
    deadline = time.monotonic() + 5
    while True:
        try:
            db = cadangan.buka(path)
            break
        except UserError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cadangan.tutup(db)
    assert not penjaga.is_held(path)


def test_guard_message_names_user_and_computer(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    holder = _hold_in_another_process(path)
    try:
        with pytest.raises(UserError) as caught:
            penjaga.acquire(path)
        assert os.uname().nodename in caught.value.message
    finally:
        _stop(holder)


def test_no_guard_and_no_backup_file_for_postgresql() -> None:
    assert cadangan._sqlite_path("postgresql+psycopg://x@server/capaian") is None
    with pytest.raises(UserError, match="pg_restore"):
        cadangan.pulihkan("postgresql+psycopg://x@server/capaian", Path("b.db"))


def test_backup_list_parses_only_backups_of_this_database(tmp_path: Path) -> None:
    folder = tmp_path / "cadangan"
    folder.mkdir()
    for name in (
        "capaian-harian-20261128-080000.db",
        "capaian-otomatis-20261129-090000-impor-excel.db",
        "capaian-sebelum-migrasi-0003-20261101-070000.db",
        "lain-harian-20261129-080000.db",  # another database's backup
        ".capaian-harian-20261129-080000.db.tmp",  # an interrupted one
        "catatan.txt",
    ):
        (folder / name).write_bytes(b"x")
    listed = cadangan.daftar_cadangan(tmp_path / "capaian.db")
    assert [(c.jenis, c.waktu, c.alasan) for c in listed] == [
        ("otomatis", datetime(2026, 11, 29, 9), "impor-excel"),
        ("harian", datetime(2026, 11, 28, 8), None),
        ("sebelum-migrasi", datetime(2026, 11, 1, 7), "0003"),
    ]


def test_restore_under_an_open_database_of_this_process_is_a_bug(
    kantor: ServiceContext,
) -> None:
    """The GUI must close its database first, or its pooled connections would write to a ghost."""
    backup = cadangan.buat_cadangan(kantor.db, now=FIXED_NOW)
    before = snapshot(kantor.db)
    with pytest.raises(RuntimeError, match="tutup"):
        cadangan.pulihkan(kantor.db.path, backup.berkas)  # type: ignore[arg-type]
    assert snapshot(kantor.db) == before
