"""Sync properties at BKD: order and repetition do not matter, a killed import leaves no trace.

sync.md §5.4: M13 (any import order gives the same state), M14 (importing twice = once), M15
(SIGKILL in the middle of a merge changes nothing; the retry equals an uninterrupted import), and
two BKD operators importing at the same moment on PostgreSQL.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import AuditLog
from app.models.changes import iter_chain_breaks
from app.models.db import Database
from app.scoring.types import JenisJabatan, JenisOrganisasi, JenisPegawai
from app.services import (
    demo,
    organisasi,
    pegawai,
    realisasi,
    setup,
    sync_export,
    sync_merge,
    umpan_balik,
)
from app.services.context import ServiceContext
from tests.conftest import FIXED_NOW, PG_URL, _fresh_postgres
from tests.helpers import NIP_BIDAN, NIP_KEPALA, Team, build_team, snapshot

PASS = "rahasia-kantor-1"
ROOT = Path(__file__).resolve().parents[2]
Snapshot = dict[str, list[tuple[object, ...]]]


def _context(db: Database, folder: Path, actor: str) -> ServiceContext:
    return ServiceContext(
        db=db, actor=actor, evidence_dir=folder / "bukti", clock=lambda: FIXED_NOW
    )


def _business(db: Database) -> Snapshot:
    """Every synced/business table; sync bookkeeping and BKD's own audit chain left out."""
    return {
        table: rows
        for table, rows in snapshot(db).items()
        if not table.startswith("sync_") and table != "audit_log"
    }


def _enrol(kantor: ServiceContext, bkd: ServiceContext, request_file: Path) -> None:
    request = sync_export.minta_pendaftaran(kantor, request_file, PASS, "PC-1")
    assert sync_merge.impor_paket(bkd, request).status == sync_merge.MENUNGGU_PERSETUJUAN
    key = sync_export.info_kunci(kantor)
    sync_merge.setujui_instalasi(bkd, key.key_id, key.sidik_jari)


def _open_copy(template: Path, folder: Path, db_name: str, actor: str) -> ServiceContext:
    """A private copy of a template installation folder (database, key file, inbox)."""
    shutil.copytree(template, folder)
    return _context(Database.open(folder / db_name, create=False), folder, actor)


def _work_done(reports: list[sync_merge.LaporanImpor]) -> int:
    """Ops that were not duplicates, summed over the reports."""
    return sum(sum(r.jumlah.values()) - r.jumlah[sync_merge.DUPLIKAT_OP] for r in reports)


# ----------------------------------------------------------------------------- M13 / M14
@dataclass(frozen=True)
class _Templates:
    """An office with a team and a key, and a BKD that has approved it (closed files)."""

    kantor: Path
    bkd: Path
    team: Team


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> _Templates:
    root = tmp_path_factory.mktemp("templat")
    with pytest.MonkeyPatch.context() as patch:  # the autouse data-dir fixture is per test
        patch.setenv("CAPAIAN_DATA_DIR", str(root / "data"))
        kantor = _context(
            Database.open(root / "kantor" / "kantor.db"), root / "kantor", "operator-dinkes"
        )
        setup.init_installation(
            kantor, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026
        )
        team = build_team(kantor)
        sync_export.buat_kunci(kantor, PASS)
        bkd = _context(Database.open(root / "bkd" / "bkd.db"), root / "bkd", "operator-bkd")
        setup.init_installation(bkd, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026)
        _enrol(kantor, bkd, root / "daftar.bkdsync")
        kantor.db.dispose()
        bkd.db.dispose()
    return _Templates(root / "kantor", root / "bkd", team)


_MONTHS = ("2026-01", "2026-02", "2026-03")
_JABATAN = ("Bidan Terampil", "Bidan Mahir", "Bidan Penyelia", "Kepala UPT Puskesmas")
_FEEDBACK = ("Pertahankan capaian.", "Lengkapi bukti dukung.", "Target bulan ini belum tercapai.")

_realisation = st.tuples(
    st.just("realisasi"),
    st.sampled_from(("jumlah", "persen")),
    st.sampled_from(_MONTHS),
    st.none() | st.decimals(min_value=0, max_value=150, places=1),
)
_jabatan = st.tuples(
    st.just("jabatan"), st.sampled_from((NIP_BIDAN, NIP_KEPALA)), st.sampled_from(_JABATAN)
)
_feedback = st.tuples(
    st.just("umpan_balik"), st.sampled_from(_MONTHS), st.sampled_from(_FEEDBACK), st.booleans()
)
# (operation, export a package right after it?)
_steps = st.lists(
    st.tuples(st.one_of(_realisation, _jabatan, _feedback), st.booleans()), min_size=1, max_size=8
)


def _perform(ctx: ServiceContext, team: Team, step: tuple[Any, ...]) -> None:
    if step[0] == "realisasi":
        _, which, month, value = step
        indicator = team.jumlah if which == "jumlah" else team.persen
        realisasi.catat_realisasi(ctx, indikator_id=indicator.id, periode_kode=month, nilai=value)
    elif step[0] == "jabatan":
        _, nip, jabatan = step
        pegawai.update_pegawai(ctx, nip, jabatan=jabatan)
    else:
        _, month, text, on_rhk = step
        umpan_balik.beri_umpan_balik(
            ctx,
            skp_id=team.skp_bidan.id,
            periode_kode=month,
            teks=text,
            rhk_id=team.rhk_bidan.id if on_rhk else None,
        )


def _import_all(bkd: ServiceContext, files: list[Path]) -> list[sync_merge.LaporanImpor]:
    return [sync_merge.impor_paket(bkd, f) for f in files]


def _json_decoded(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Rows with JSON text parsed: SQLite keeps JSON as text, and key order is not content."""

    def value(v: object) -> object:
        if isinstance(v, str) and v[:1] in {"{", "["}:
            try:
                return json.loads(v)
            except ValueError:
                return v
        return v

    return sorted((tuple(value(v) for v in row) for row in rows), key=repr)


_OFFICE_TABLES = ("pegawai", "skp", "rhk", "indikator", "realisasi", "umpan_balik")


@pytest.mark.slow
@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=_steps, data=st.data())
def test_any_import_order_and_any_repeat_give_the_same_bkd(
    templates: _Templates,
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[tuple[Any, ...], bool]],
    data: st.DataObject,
) -> None:
    folder = tmp_path_factory.mktemp("contoh")
    kantor = _open_copy(templates.kantor, folder / "kantor", "kantor.db", "operator-dinkes")
    out = folder / "paket"
    out.mkdir()
    exports: list[sync_export.EksporDTO] = []
    try:
        for index, (step, export) in enumerate(steps):
            _perform(kantor, templates.team, step)
            if export or index == len(steps) - 1:
                exports.append(sync_export.ekspor_paket(kantor, out, PASS))
        office = snapshot(kantor.db)
    finally:
        kantor.db.dispose()
    files = [e.berkas for e in exports]
    total_ops = exports[-1].jumlah_op  # cumulative: the last package holds every op
    order = data.draw(st.permutations(range(len(files))), label="import order")
    again = data.draw(st.permutations(range(len(files))), label="second import order")

    in_order = _open_copy(templates.bkd, folder / "bkd-urut", "bkd.db", "operator-bkd")
    shuffled = _open_copy(templates.bkd, folder / "bkd-acak", "bkd.db", "operator-bkd")
    try:
        reports = _import_all(in_order, files)
        assert reports[0].status == sync_merge.BERHASIL
        assert {r.status for r in reports} <= {sync_merge.BERHASIL, sync_merge.SUDAH_TERCAKUP}
        assert _work_done(reports) == total_ops  # every op applied exactly once
        expected = _business(in_order.db)
        assert sync_merge.daftar_konflik(in_order) == ()

        reports = _import_all(shuffled, [files[i] for i in order])
        assert reports[0].status == sync_merge.BERHASIL
        assert {r.status for r in reports} <= {sync_merge.BERHASIL, sync_merge.SUDAH_TERCAKUP}
        assert _work_done(reports) == total_ops
        assert _business(shuffled.db) == expected  # M13
        assert sync_merge.daftar_konflik(shuffled) == ()  # single writer: never a conflict
        for table in _OFFICE_TABLES:  # BKD holds exactly the office's rows
            assert _json_decoded(expected[table]) == _json_decoded(office[table]), table

        once = snapshot(shuffled.db)
        reports = _import_all(shuffled, [files[i] for i in again])
        assert [r.status for r in reports] == [sync_merge.DUPLIKAT] * len(files)  # M14
        assert snapshot(shuffled.db) == once  # not even bookkeeping or audit rows
    finally:
        in_order.db.dispose()
        shuffled.db.dispose()


# ----------------------------------------------------------------------------- M15
_CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from pathlib import Path

    from app.models.db import Database
    from app.services import sync_merge
    from app.services.context import ServiceContext

    folder, package, marker = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    now = datetime.fromisoformat(sys.argv[4])
    original = sync_merge._Merger.apply

    def apply(self, op):
        if not marker.exists():  # first op: the merge transaction is open, tell the parent
            marker.write_text("merge")
        return original(self, op)

    sync_merge._Merger.apply = apply
    ctx = ServiceContext(
        db=Database.open(folder / "bkd.db", create=False),
        actor="operator-bkd",
        evidence_dir=folder / "bukti",
        clock=lambda: now,
    )
    report = sync_merge.impor_paket(ctx, package)
    sys.stdout.write("SELESAI " + report.status + "\\n")
    """
)


@dataclass(frozen=True)
class _Demo:
    bkd: Path  # BKD folder (training) with the demo office approved, files closed
    package: sync_export.EksporDTO


@pytest.fixture
def demo_package(tmp_path: Path) -> _Demo:
    office = _context(Database.open(tmp_path / "demo" / "demo.db"), tmp_path / "demo", "pelatih")
    demo.build_demo(office, size="small")
    sync_export.buat_kunci(office, PASS)
    bkd = _context(Database.open(tmp_path / "bkd" / "bkd.db"), tmp_path / "bkd", "operator-bkd")
    setup.init_installation(
        bkd, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026, lingkungan="training"
    )
    _enrol(office, bkd, tmp_path / "daftar.bkdsync")
    package = sync_export.ekspor_paket(office, tmp_path / "demo.bkdsync", PASS)
    office.db.dispose()
    bkd.db.dispose()
    assert package.jumlah_op > 5000
    return _Demo(tmp_path / "bkd", package)


def _finished(db: Database, sha: str) -> bool:
    """True when the import of the file with ``sha`` was committed."""
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT status FROM sync_paket_masuk WHERE file_sha256 = ?", (sha,)
        ).fetchall()
    return any(r[0] != sync_merge.DITOLAK for r in rows)


_WAL_SPILL = 256 * 1024  # well past the 32-byte header: uncommitted page frames in the WAL


@dataclass(frozen=True)
class _Kill:
    before_commit: bool  # the child died by SIGKILL without finishing the import
    wal_bytes: int  # size of the WAL file at the kill: uncommitted pages already on disk


def _kill_during_merge(case: _Demo, folder: Path, *, on_wal_growth: bool, delay: float) -> _Kill:
    """Import in a child process and SIGKILL it during the merge.

    The child announces the first merged op; from then on the parent kills it as soon as the WAL
    holds a few hundred KiB of frames (the open transaction spilled pages to disk) when
    ``on_wal_growth``, or after ``delay`` seconds in any case.
    """
    script = folder.parent / "impor_anak.py"
    script.write_text(_CHILD)
    marker = folder.parent / f"{folder.name}.tanda"
    wal = folder / "bkd.db-wal"
    child = subprocess.Popen(
        [sys.executable, script, folder, case.package.berkas, marker, FIXED_NOW.isoformat()],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    merging = time.monotonic()
    wal_bytes = 0
    while child.poll() is None:
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        if (on_wal_growth and wal_bytes > _WAL_SPILL) or time.monotonic() - merging >= delay:
            child.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    stdout, stderr = child.communicate(timeout=60)
    assert marker.exists(), f"the child never started merging: {stderr.decode()[-2000:]}"
    killed = child.returncode == -signal.SIGKILL and b"SELESAI" not in stdout
    return _Kill(killed, wal_bytes)


@pytest.mark.slow
def test_import_killed_during_merge_changes_nothing_and_retry_matches(
    demo_package: _Demo, tmp_path: Path
) -> None:
    reference = _open_copy(demo_package.bkd, tmp_path / "bkd-utuh", "bkd.db", "operator-bkd")
    try:
        started = time.monotonic()
        uninterrupted = sync_merge.impor_paket(reference, demo_package.package.berkas)
        duration = time.monotonic() - started
        assert uninterrupted.status == sync_merge.BERHASIL
        expected = _business(reference.db)
    finally:
        reference.db.dispose()
    original = Database.open(demo_package.bkd / "bkd.db", create=False)
    try:
        before = snapshot(original)
    finally:
        original.dispose()

    # First try to kill with uncommitted pages in the WAL; then plain fractions of a full import.
    tries = [(True, 0.9 * duration), (False, 0.5 * duration), (False, 0.1 * duration)]
    for attempt, (on_wal_growth, delay) in enumerate(tries):
        folder = tmp_path / f"bkd-mati-{attempt}"
        shutil.copytree(demo_package.bkd, folder)
        kill = _kill_during_merge(demo_package, folder, on_wal_growth=on_wal_growth, delay=delay)
        if kill.before_commit:
            break
    else:
        pytest.fail("the import always completed before the kill")

    connection = sqlite3.connect(folder / "bkd.db")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
    bkd = _context(Database.open(folder / "bkd.db", create=False), folder, "operator-bkd")
    try:
        assert not _finished(bkd.db, demo_package.package.file_sha256)
        after = snapshot(bkd.db)
        # Nothing of the merge survives: business rows, applied ops, conflicts, audit chain,
        # installation state. (Only a receipt of the file itself would be acceptable.)
        assert {k: v for k, v in after.items() if k != "sync_paket_masuk"} == {
            k: v for k, v in before.items() if k != "sync_paket_masuk"
        }, kill
        retried = sync_merge.impor_paket(bkd, demo_package.package.berkas)
        assert retried.status == sync_merge.BERHASIL
        assert retried.jumlah == uninterrupted.jumlah
        assert _business(bkd.db) == expected
    finally:
        bkd.db.dispose()


# ----------------------------------------------------------------------------- two operators
NIP_KEPALA_SEKOLAH = "198505102010011003"


def _disdik(folder: Path) -> ServiceContext:
    """A second office with its own unit and staff (no natural key shared with DINKES)."""
    ctx = _context(Database.open(folder / "kantor.db"), folder, "operator-disdik")
    setup.init_installation(ctx, peran="dinas", kode="DISDIK", nama="Dinas Pendidikan", tahun=2026)
    organisasi.create_organisasi(
        ctx,
        kode="SMP-01",
        nama="SMP Negeri 1 Sabangau",
        jenis=JenisOrganisasi.SEKOLAH,
        induk_kode="DISDIK",
    )
    pegawai.create_pegawai(  # the kepala dinas rates the head teacher (capaian check demands it)
        ctx,
        pegawai.PegawaiInput(
            nip="196703151993031002",
            nama="Sutrisno",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Kepala Dinas Pendidikan",
            jenis_jabatan=JenisJabatan.JPT,
            organisasi_kode="DISDIK",
            golongan="IV/c",
        ),
    )
    pegawai.create_pegawai(
        ctx,
        pegawai.PegawaiInput(
            nip=NIP_KEPALA_SEKOLAH,
            nama="Ahmad Fauzi",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Kepala SMP Negeri 1 Sabangau",
            jenis_jabatan=JenisJabatan.PENGAWAS,
            organisasi_kode="SMP-01",
            golongan="IV/a",
            penilai_nip="196703151993031002",
        ),
    )
    for month in range(1, 13):  # staff born in different months, same TMT
        pegawai.create_pegawai(
            ctx,
            pegawai.PegawaiInput(
                nip=f"1991{month:02d}222018012{month:03d}",
                nama=f"Guru Nomor {month}",
                jenis_pegawai=JenisPegawai.PNS,
                jabatan="Guru Ahli Pertama",
                jenis_jabatan=JenisJabatan.FUNGSIONAL,
                organisasi_kode="SMP-01",
                golongan="III/a",
                penilai_nip=NIP_KEPALA_SEKOLAH,
            ),
        )
    sync_export.buat_kunci(ctx, PASS)
    return ctx


def _dinkes(folder: Path) -> ServiceContext:
    ctx = _context(Database.open(folder / "kantor.db"), folder, "operator-dinkes")
    setup.init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    team = build_team(ctx)
    for month in _MONTHS:
        realisasi.catat_realisasi(ctx, indikator_id=team.jumlah.id, periode_kode=month, nilai=9)
    sync_export.buat_kunci(ctx, PASS)
    return ctx


def _fresh_bkd(folder: Path, offices: list[ServiceContext]) -> tuple[ServiceContext, str]:
    bkd = _context(_fresh_postgres(PG_URL or ""), folder, "operator-bkd-1")
    own = setup.init_installation(
        bkd, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026
    ).value
    for index, office in enumerate(offices):
        _enrol(office, bkd, folder.parent / f"daftar-{folder.name}-{index}.bkdsync")
    return bkd, own.id


def _normalised(db: Database, bkd_id: str) -> Snapshot:
    """Business tables with BKD's random installation id (in its own op ids) made constant."""
    return {
        table: sorted(
            (
                tuple(v.replace(bkd_id, "<BKD>") if isinstance(v, str) else v for v in row)
                for row in rows
            ),
            key=repr,
        )
        for table, rows in _business(db).items()
    }


@pytest.mark.postgres
@pytest.mark.skipif(PG_URL is None, reason="CAPAIAN_TEST_PG_URL not set")
def test_two_bkd_operators_import_at_once(tmp_path: Path) -> None:
    offices = [_dinkes(tmp_path / "dinkes"), _disdik(tmp_path / "disdik")]
    try:
        _two_operators(tmp_path, offices)
    finally:
        for office in offices:
            office.db.dispose()


def _two_operators(tmp_path: Path, offices: list[ServiceContext]) -> None:
    files = [
        sync_export.ekspor_paket(o, tmp_path / f"{i}.bkdsync", PASS).berkas
        for i, o in enumerate(offices)
    ]
    bkd, bkd_id = _fresh_bkd(tmp_path / "urut", offices)
    try:
        assert [r.status for r in _import_all(bkd, files)] == [sync_merge.BERHASIL] * 2
        expected = _normalised(bkd.db, bkd_id)
    finally:
        bkd.db.dispose()

    bkd, bkd_id = _fresh_bkd(tmp_path / "bersamaan", offices)
    bkd.db.dispose()
    operators = [
        _context(Database.open(PG_URL or ""), tmp_path / "bersamaan", f"operator-bkd-{i + 1}")
        for i in range(2)
    ]
    start = threading.Barrier(2)

    def run(index: int) -> sync_merge.LaporanImpor:
        start.wait(timeout=30)
        return sync_merge.impor_paket(operators[index], files[index])

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            reports = list(pool.map(run, range(2)))
        assert [r.status for r in reports] == [sync_merge.BERHASIL] * 2, [
            (r.status, r.kode_alasan, r.pesan) for r in reports
        ]
        assert sync_merge.daftar_konflik(operators[0]) == ()
        assert _normalised(operators[0].db, bkd_id) == expected
        seqs = {i.kode_kantor: i.seq_terakhir for i in sync_merge.daftar_instalasi(operators[1])}
        assert seqs == {"DINKES": 1, "DISDIK": 1}
        with operators[0].read() as session:  # the two writers did not fork the audit chain
            chain = session.scalars(select(AuditLog).order_by(AuditLog.seq)).all()
            assert list(iter_chain_breaks(chain)) == []
    finally:
        for operator in operators:
            operator.db.dispose()
