"""Schema: Alembic head equals the models; old/new/damaged databases are handled safely."""

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from app.errors import UserError
from app.models import Base, Indikator
from app.models.db import Database, alembic_config
from app.services.context import ServiceContext
from tests.helpers import build_team


def test_migrated_database_matches_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    Database.open(tmp_path / "x.db").dispose()
    config = alembic_config(url)
    command.downgrade(config, "base")
    with sqlite3.connect(tmp_path / "x.db") as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"alembic_version"}
    db = Database.open(tmp_path / "x.db")
    assert db.current_revision() is not None
    db.dispose()


def test_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "baru.db"
    Database.open(path).dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_masa_depan'")
    before = path.read_bytes()
    with pytest.raises(UserError, match="versi Capaian yang lebih baru"):
        Database.open(path)
    assert path.read_bytes() == before


def test_damaged_file_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "rusak.db"
    path.write_bytes(b"bukan basis data SQLite" * 200)
    with pytest.raises(UserError, match=r"tidak dapat dibuka|rusak"):
        Database.open(path)


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="tidak ditemukan"):
        Database.open(tmp_path / "tidak-ada.db", create=False)
    assert not (tmp_path / "tidak-ada.db").exists()


def test_pragmas_on_every_connection(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_backup_is_a_consistent_copy(sqlite_db: Database, tmp_path: Path) -> None:
    copy = sqlite_db.backup(tmp_path / "cadangan" / "salinan.db")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


@pytest.mark.parametrize("value", ["95.5", "0.005", "120", "1234.5678", "0"])
def test_decimal_round_trip(office: ServiceContext, value: str) -> None:
    build_team(office, target=value)
    with office.read() as session:
        stored = session.scalars(select(Indikator.target_angka)).all()
    assert Decimal(value) in stored
    assert all(isinstance(v, Decimal) for v in stored)


def test_upgrade_keeps_data_written_by_the_first_revision(tmp_path: Path) -> None:
    """An office that ran revision 0001 for months upgrades without losing its rows."""
    path = tmp_path / "lama.db"
    url = f"sqlite:///{path}"
    command.upgrade(alembic_config(url), "0001")
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO instalasi (id, peran, kode_kantor, nama_kantor, lingkungan, op_counter, "
            "dibuat_pada) VALUES ('i1', 'dinas', 'DINKES', 'Dinas Kesehatan', 'production', 7, "
            "'2026-01-02 08:00:00')"
        )
        raw.execute(
            "INSERT INTO organisasi (id, kode, nama, jenis, deleted, version) "
            "VALUES ('o1', 'DINKES', 'Dinas Kesehatan', 'OPD', 0, 'i1:1')"
        )
    db = Database.open(path, backup_dir=tmp_path / "cadangan")
    try:
        with db.read() as session:
            from app.models import Instalasi, Organisasi

            inst = session.scalars(select(Instalasi)).one()
            assert (inst.kode_bkd, inst.op_counter, inst.kunci_publik) == ("BKD", 7, None)
            assert session.scalars(select(Organisasi.nama)).one() == "Dinas Kesehatan"
    finally:
        db.dispose()
    backups = list((tmp_path / "cadangan").glob("lama-sebelum-migrasi-0001-*.db"))
    assert len(backups) == 1  # taken before the upgrade touched anything


def test_disk_full_is_a_clear_message_and_changes_nothing(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """SQLITE_FULL is simulated by capping the page count of the file at its current size."""
    from sqlalchemy import event

    from app.scoring.types import JenisOrganisasi
    from app.services.context import ServiceContext
    from app.services.organisasi import create_organisasi
    from app.services.setup import init_installation
    from tests.helpers import snapshot

    ctx = ServiceContext(db=sqlite_db, actor="x", evidence_dir=tmp_path / "bukti")
    init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)

    def cap(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    sqlite_db.engine.dispose()
    event.listen(sqlite_db.engine, "connect", cap)
    failure = None
    for number in range(500):  # small rows fit into free space in pages for a while
        before = snapshot(sqlite_db)
        try:
            create_organisasi(
                ctx,
                kode=f"SD-{number:03d}",
                nama=f"SD Negeri {number} Sabangau dengan nama yang cukup panjang" * 3,
                jenis=JenisOrganisasi.SEKOLAH,
                induk_kode="DINKES",
            )
        except UserError as exc:
            failure = exc
            break
    event.remove(sqlite_db.engine, "connect", cap)
    assert failure is not None and "Disk penuh" in failure.message
    assert snapshot(sqlite_db) == before  # the failed call left no trace


def _revision_chain() -> list[str]:
    """Every revision from the first to head, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _schema(path: Path) -> dict[str, list[str]]:
    """Tables (without alembic_version) and their columns, as the file has them."""
    with sqlite3.connect(path) as raw:
        names = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
            )
        ]
        return {t: [c[1] for c in raw.execute(f'PRAGMA table_info("{t}")')] for t in names}


def _rows(path: Path, schema: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the given tables, limited to the given columns, sorted."""
    result = {}
    with sqlite3.connect(path) as raw:
        for table, columns in schema.items():
            select_list = ", ".join(f'"{c}"' for c in columns)
            rows = raw.execute(f'SELECT {select_list} FROM "{table}"').fetchall()
            result[table] = sorted(rows, key=repr)
    return result


def test_revision_chain_is_linear_from_0001() -> None:
    chain = _revision_chain()
    assert chain[0] == "0001"
    assert chain[-1] == ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert len(chain) == len(set(chain)) >= 2


@pytest.mark.parametrize("old", _revision_chain()[:-1])
def test_every_older_schema_upgrades_with_its_data_intact(old: str, tmp_path: Path) -> None:
    """An office still on an older release (schema ``old``) installs the new one.

    The data is made by the real services, then the file is taken back to the ``old`` schema
    (Alembic downgrade), which leaves it as that release would have it. Opening it with this
    program must upgrade through every later revision in sequence, back the file up first, and
    keep every row and every column that the old schema had, value for value.
    """
    from app.services.setup import init_installation

    path = tmp_path / "kantor.db"
    db = Database.open(path)
    ctx = ServiceContext(db=db, actor="penguji", evidence_dir=tmp_path / "bukti")
    init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    build_team(ctx)
    db.dispose()
    command.downgrade(alembic_config(f"sqlite:///{path}"), old)
    old_schema = _schema(path)
    before = _rows(path, old_schema)
    for table in ("instalasi", "organisasi", "pegawai", "skp", "rhk", "indikator", "audit_log"):
        assert before.get(table), f"no {table} rows to carry over"
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(old,)]

    db = Database.open(path, backup_dir=tmp_path / "cadangan")
    try:
        assert db.current_revision() == _revision_chain()[-1]
    finally:
        db.dispose()
    assert _rows(path, old_schema) == before
    (backup,) = (tmp_path / "cadangan").glob(f"kantor-sebelum-migrasi-{old}-*.db")
    assert _schema(backup) == old_schema
    assert _rows(backup, old_schema) == before  # the file as it was before the upgrade
