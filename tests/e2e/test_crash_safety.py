"""Crash safety with real processes: ``kill -9`` in the middle of a BKD merge, a backup and a batch
print; a really full disk (a small tmpfs in a private mount namespace); the audit chain tampered
with from outside; two processes on one database (issue 6 §3-5).

Each case runs ``python -m app`` on a copy of a database built once for the module, kills it
after it has visibly started working, then checks the file with SQLite's ``integrity_check`` and
compares the data with what it was: a crash may lose the interrupted action, never half of it.
"""

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.models.db import Database
from app.services import cadangan, penjaga, setup, sync_export, sync_merge
from app.services.context import ServiceContext
from app.services.demo import build_demo
from tests.conftest import FIXED_NOW

ROOT = Path(__file__).resolve().parents[2]
PASS = "rahasia-kantor-1"
BUSINESS = (
    "organisasi",
    "pegawai",
    "skp",
    "rhk",
    "indikator",
    "realisasi",
    "bukti_dukung",
    "umpan_balik",
    "evaluasi",
    "audit_log",
    "sync_op_terapan",
    "sync_konflik",
)


@dataclass(frozen=True)
class World:
    office: Path  # the Sabangau demo office (Dinas Kesehatan), about 40 staff
    bkd: Path  # BKD with the office enrolled and approved, nothing merged yet
    package: Path  # the office's signed package, about 8,000 ops


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("dunia")
    office_db = Database.open(root / "dinkes" / "capaian.db")
    office = ServiceContext(
        db=office_db, actor="op", evidence_dir=root / "dinkes" / "bukti", clock=lambda: FIXED_NOW
    )
    build_demo(office, size="small")
    sync_export.buat_kunci(office, PASS)
    bkd_db = Database.open(root / "bkd" / "capaian.db")
    bkd = ServiceContext(
        db=bkd_db, actor="op", evidence_dir=root / "bkd" / "bukti", clock=lambda: FIXED_NOW
    )
    setup.init_installation(
        bkd, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026, lingkungan="training"
    )
    request = sync_export.minta_pendaftaran(office, root / "daftar.bkdsync", PASS, "PC-1")
    assert sync_merge.impor_paket(bkd, request).status == sync_merge.MENUNGGU_PERSETUJUAN
    key = sync_export.info_kunci(office)
    sync_merge.setujui_instalasi(bkd, key.key_id, key.sidik_jari)
    (root / "paket").mkdir()
    package = sync_export.ekspor_paket(office, root / "paket", PASS)
    assert not package.lanjutan and package.jumlah_op > 5000
    for db in (office_db, bkd_db):
        _checkpoint_and_close(db)
    return World(office=office_db.path, bkd=bkd_db.path, package=package.berkas)  # type: ignore[arg-type]


def _checkpoint_and_close(db: Database) -> None:
    db.dispose()
    connection = sqlite3.connect(db.path)  # type: ignore[arg-type]
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def _copy_db(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "capaian.db"
    shutil.copy2(source, target)
    return target


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CAPAIAN_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": str(ROOT),
    }


def _start(tmp_path: Path, db: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db), *args],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_until(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> bool:
    """Poll (1 ms) until ``condition`` holds; False when the process ended first."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            return condition()
        time.sleep(0.001)
    raise AssertionError("the command never started working")


def _kill(process: subprocess.Popen[bytes]) -> bool:
    """``kill -9``; True when the process was still running (really interrupted)."""
    running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return running


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(path)  # read-write: a hot WAL is recovered first, as any open
    try:
        return "; ".join(r[0] for r in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def _rows(path: Path, tables: tuple[str, ...] = BUSINESS) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {
            t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
            for t in tables
        }
    finally:
        connection.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _guard_free(path: Path) -> bool:
    penjaga.acquire(path)  # raises if the dead process still held it
    penjaga.release(path)
    return True


# ----------------------------------------------------------------------------- kill -9
@pytest.mark.parametrize("delay", [0.0, 0.6])
def test_kill_during_bkd_merge_leaves_all_or_nothing(
    world: World, tmp_path: Path, delay: float
) -> None:
    bkd = _copy_db(world.bkd, tmp_path / "bkd")
    before = _rows(bkd)
    process = _start(tmp_path, bkd, "import-package", str(world.package))
    backups = bkd.parent / "cadangan"
    # The automatic backup is complete (renamed into place) just before the merge starts.
    _wait_until(lambda: any(backups.glob("capaian-otomatis-*-impor-paket.db")), process)
    time.sleep(delay)
    interrupted = _kill(process)
    assert interrupted, "the merge finished before the kill; the case tested nothing"
    assert _integrity(bkd) == "ok"
    assert _rows(bkd) == before  # nothing of the 8,000 ops: the merge is one transaction
    assert _guard_free(bkd)
    # The backup made before the merge is complete and sound.
    (backup,) = backups.glob("capaian-otomatis-*.db")
    assert cadangan.periksa_cadangan(backup)[0] == "BKD"


def test_kill_during_backup_never_leaves_a_half_backup(world: World, tmp_path: Path) -> None:
    office = _copy_db(world.office, tmp_path / "kantor")
    digest = _sha(office)
    folder = tmp_path / "usb"
    folder.mkdir()
    outcomes = []
    for attempt in range(3):
        target = folder / f"cadangan-{attempt}.db"
        temporary = target.with_name(f".{target.name}.tmp")
        process = _start(tmp_path, office, "backup", str(target))
        _wait_until(lambda: temporary.exists() or target.exists(), process)  # noqa: B023
        interrupted = _kill(process)
        if target.exists():  # killed after the rename: then the backup must be whole
            assert _integrity(target) == "ok"
            assert cadangan.periksa_cadangan(target)[0] == "DINKES"
            outcomes.append("lengkap")
        else:
            assert interrupted
            outcomes.append("tidak-ada")
        assert _sha(office) == digest and _integrity(office) == "ok"
    assert "tidak-ada" in outcomes, outcomes  # at least one kill hit the copy itself
    # The next backup under an interrupted name cleans the leftover and succeeds.
    target = folder / f"cadangan-{outcomes.index('tidak-ada')}.db"
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(office), "backup", str(target)],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not list(folder.glob(f".{target.name}*"))
    assert _integrity(target) == "ok"


def test_kill_during_batch_print_leaves_only_whole_pdfs(world: World, tmp_path: Path) -> None:
    office = _copy_db(world.office, tmp_path / "kantor")
    digest = _sha(office)
    out = tmp_path / "cetak"
    process = _start(tmp_path, office, "print", "skp", "--out", str(out))
    _wait_until(lambda: out.is_dir() and len(list(out.glob("*.pdf"))) >= 2, process)
    interrupted = _kill(process)
    assert interrupted, "the print finished before the kill; the case tested nothing"
    pdfs = sorted(out.glob("*.pdf"))
    assert 2 <= len(pdfs) < 43
    for pdf in pdfs:  # every file under a real name is a complete PDF
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf.name
    leftovers = [p.name for p in out.iterdir() if p.suffix != ".pdf"]
    assert all(name.startswith(".") for name in leftovers), leftovers  # hidden temporary only
    assert _sha(office) == digest and _integrity(office) == "ok"


# ----------------------------------------------------------------------------- disk full
def _namespace_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            'mount -t tmpfs -o size=64k tmpfs "$0"',
            tempfile.gettempdir(),
        ],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


needs_tmpfs = pytest.mark.skipif(
    not _namespace_available(),
    reason="no user+mount namespace for a private tmpfs (injected ENOSPC is in unit tests)",
)


def _in_tmpfs(tmp_path: Path, size: str, script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` with ``$T`` a private tmpfs of ``size`` (gone when the script ends)."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    full = f'mount -t tmpfs -o size={size} tmpfs "$T" || exit 99\n{script}'
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", full],
        cwd=ROOT,
        env={**_env(tmp_path), "T": str(mount), "PY": sys.executable},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@needs_tmpfs
def test_backup_onto_a_full_disk(world: World, tmp_path: Path) -> None:
    office = _copy_db(world.office, tmp_path / "kantor")
    digest = _sha(office)
    result = _in_tmpfs(
        tmp_path,
        "1m",
        f'"$PY" -m app --db "{office}" backup "$T/cadangan.db"; echo "rc=$?"; ls -A "$T"',
    )
    assert "rc=1" in result.stdout, result.stdout + result.stderr
    assert "Disk penuh" in result.stderr and "tidak ada yang diubah" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "rc=1"  # the tmpfs is left empty
    assert _sha(office) == digest


@needs_tmpfs
def test_merge_into_a_database_on_a_full_disk(world: World, tmp_path: Path) -> None:
    """The database's disk fills up mid-merge: a clear message, and nothing of it is kept.

    Backups and the inbox are on another disk (symlinks), so the failing write is the merge.
    """
    bkd = _copy_db(world.bkd, tmp_path / "asli")
    before = _rows(bkd)
    size_kib = bkd.stat().st_size // 1024 + 600
    out = tmp_path / "hasil"
    out.mkdir()
    (tmp_path / "cadangan").mkdir()
    (tmp_path / "kotak-masuk").mkdir()
    result = _in_tmpfs(
        tmp_path,
        f"{size_kib}k",
        f'cp "{bkd}" "$T/capaian.db" && ln -s "{tmp_path}/cadangan" "$T/cadangan" && '
        f'ln -s "{tmp_path}/kotak-masuk" "$T/kotak-masuk" && '
        f'"$PY" -m app --db "$T/capaian.db" import-package "{world.package}"; echo "rc=$?"; '
        f'cp "$T"/capaian.db* "{out}/"',
    )
    output = result.stdout + result.stderr
    assert "rc=1" in result.stdout, output
    assert "Disk penuh" in output and "Traceback" not in output
    assert list((tmp_path / "cadangan").glob("capaian-otomatis-*.db"))  # backup before merge
    copied = out / "capaian.db"
    assert _integrity(copied) == "ok"
    assert _rows(copied) == before


# ----------------------------------------------------------------------------- audit chain
def _check(tmp_path: Path, db: Path) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "--json", "check"],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return {t["kode"]: t for t in json.loads(done.stdout)["temuan"]}


def test_audit_row_edited_with_sqlite_is_found_by_capaian_check(
    world: World, tmp_path: Path
) -> None:
    office = _copy_db(world.office, tmp_path / "kantor")
    assert "JEJAK_AUDIT_RUSAK" not in _check(tmp_path, office)
    connection = sqlite3.connect(office)
    seq = connection.execute("SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 40").fetchone()[
        0
    ]
    # Someone rewrites who did it, in the file itself, leaving every hash as it was.
    connection.execute("UPDATE audit_log SET pelaku = 'orang-lain' WHERE seq = ?", (seq,))
    connection.commit()
    connection.close()
    finding = _check(tmp_path, office)["JEJAK_AUDIT_RUSAK"]
    assert finding["tingkat"] == "BLOKIR"
    assert str(finding["contoh"][0]).startswith(f"#{seq}:")  # type: ignore[index]


def test_audit_row_deleted_is_found(world: World, tmp_path: Path) -> None:
    office = _copy_db(world.office, tmp_path / "kantor")
    connection = sqlite3.connect(office)
    seq = connection.execute("SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 20").fetchone()[
        0
    ]
    connection.execute("DELETE FROM audit_log WHERE seq = ?", (seq,))
    connection.commit()
    connection.close()
    finding = _check(tmp_path, office)["JEJAK_AUDIT_RUSAK"]
    assert str(finding["contoh"][0]).startswith(f"#{seq + 1}:")  # type: ignore[index]


# ----------------------------------------------------------------------------- two processes
def test_second_writing_process_is_refused_by_the_guard(world: World, tmp_path: Path) -> None:
    office = _copy_db(world.office, tmp_path / "kantor")
    db = cadangan.buka(office)  # this process plays the open GUI window
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "app",
                "--db",
                str(office),
                "periode",
                "kunci",
                "2025-01",
                "--alasan",
                "uji",
            ],
            cwd=ROOT,
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert "sedang dibuka oleh" in done.stderr and f"PID {os.getpid()}" in done.stderr
        reader = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(office), "info"],
            cwd=ROOT,
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            check=False,
        )
        assert reader.returncode == 0, reader.stderr  # reading is allowed meanwhile
    finally:
        cadangan.tutup(db)
