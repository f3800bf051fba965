"""Engine, connection pragmas, transactions, migrations, integrity check and backups.

SQLite is the embedded default (one file per office); a BKD may point at PostgreSQL with a
``postgresql+psycopg://`` URL and everything else stays the same.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from app.errors import ConflictError, UserError
from app.i18n import _
from app.models.changes import CapturingSession, ChangeContext

log = logging.getLogger("capaian.db")

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def database_url(target: str | Path) -> str:
    """Turn a file path or a URL into a SQLAlchemy URL (``--db`` accepts both)."""
    text_target = str(target)
    if "://" in text_target:
        return text_target
    return f"sqlite:///{Path(text_target).expanduser().resolve()}"


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite would defer it), see the
    # SQLAlchemy SQLite dialect docs on serializable isolation / savepoints.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    # Writers take the write lock at BEGIN (BEGIN IMMEDIATE), so two writers queue instead of
    # failing half-way with "database is locked"; readers use a deferred BEGIN.
    mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


def alembic_config(url: str | None = None) -> Config:
    """Programmatic Alembic configuration (no alembic.ini needed at run time)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


class Database:
    """One open database: engine, session factory and the operations around them."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = (
            Path(parsed.database) if self.is_sqlite and parsed.database else None
        )
        kwargs: dict[str, Any] = {"echo": echo}
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_on_connect)
            event.listen(self.engine, "begin", _sqlite_on_begin)
        self._write_sessions = sessionmaker(
            bind=self.engine, class_=CapturingSession, expire_on_commit=False
        )
        reader = self.engine.execution_options(sqlite_begin="DEFERRED")
        self._read_sessions = sessionmaker(bind=reader, class_=CapturingSession)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, target: str | Path, *, create: bool = True, backup_dir: Path | None = None
    ) -> Database:
        """Open (and create or upgrade) a database; every failure becomes a ``UserError``.

        Args:
            target: a file path or a database URL.
            create: create a missing SQLite file; when False a missing file is an error.
            backup_dir: where to put the automatic backup taken before a migration.
        """
        url = database_url(target)
        try:
            db = cls(url)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise UserError(
                _(
                    "Alamat basis data {target} tidak dikenal. Gunakan nama berkas SQLite atau "
                    "URL seperti postgresql+psycopg://pengguna@server/capaian."
                ).format(target=target)
            ) from exc
        if db.path is not None:
            if not db.path.exists() and not create:
                raise UserError(
                    _(
                        "Berkas basis data {path} tidak ditemukan. Pilih berkas lain dengan "
                        "--db, atau buat dengan 'capaian init' atau 'capaian demo'."
                    ).format(path=db.path)
                )
            try:
                db.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserError(
                    _("Folder basis data {path} tidak dapat dibuat: {err}").format(
                        path=db.path.parent, err=exc.strerror
                    )
                ) from exc
        try:
            if db.path is not None and db.path.exists() and db.path.stat().st_size > 0:
                db.check_integrity()
            db.migrate(backup_dir=backup_dir)
        except (OperationalError, DBAPIError) as exc:
            db.dispose()
            raise UserError(
                _("Basis data {target} tidak dapat dibuka: {err}").format(
                    target=db.display_name, err=exc.orig if exc.orig else exc
                )
            ) from exc
        except UserError:
            db.dispose()
            raise
        return db

    @property
    def display_name(self) -> str:
        """The file path, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        """Close every pooled connection (before moving or deleting the file)."""
        self.engine.dispose()

    # ------------------------------------------------------------------ sessions
    @contextmanager
    def write(self, context: ChangeContext) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any exception.

        The ``context`` (who, when, which action) is attached for change capture.
        """
        session = self._write_sessions()
        session.info["change_context"] = context
        try:
            with session.begin():
                if not self.is_sqlite:
                    # Serialise writers from the start, as BEGIN IMMEDIATE does on SQLite, so a
                    # check ("is this NIP free?") and the insert it guards cannot interleave.
                    session.execute(text("SELECT id FROM instalasi FOR UPDATE"))
                yield session
        except IntegrityError as exc:
            raise ConflictError(
                _(
                    "Perubahan bentrok dengan data yang baru saja disimpan oleh pengguna lain; "
                    "tidak ada yang diubah. Muat ulang data lalu ulangi."
                )
            ) from exc
        except OperationalError as exc:
            raise storage_error(exc, self.display_name) from exc
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; it is rolled back at the end and never flushes writes.

        Loaded objects are detached (not expired) at the end, so values already read stay
        readable; anything not loaded raises rather than silently querying again.
        """
        session = self._read_sessions()
        try:
            with session.begin():
                yield session
                session.expunge_all()
                session.rollback()
        finally:
            session.close()

    # ------------------------------------------------------------------ schema
    def _reader(self) -> Engine:
        """The engine for read-only checks: a deferred BEGIN never waits for a writer."""
        return self.engine.execution_options(sqlite_begin="DEFERRED")

    def current_revision(self) -> str | None:
        """The Alembic revision stamped in the database (None when empty)."""
        with self._reader().connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def _foreign_tables(self) -> list[str]:
        """Tables of a database that Alembic has never stamped (another program's file)."""
        with self._reader().connect() as connection:
            return [t for t in inspect(connection).get_table_names() if t != "alembic_version"]

    def migrate(self, *, backup_dir: Path | None = None) -> None:
        """Upgrade to the newest schema, backing the file up first when it holds data.

        A database stamped with a revision this program does not know was made by a newer
        Capaian: refuse it untouched rather than guess.
        """
        config = alembic_config(self.url)
        script = ScriptDirectory.from_config(config)
        head = script.get_current_head()
        current = self.current_revision()
        if current == head:
            return
        if current is None and self._foreign_tables():
            raise UserError(
                _(
                    "{target} bukan basis data Capaian (berisi tabel lain). Pilih berkas "
                    "Capaian atau berkas baru; berkas ini tidak diubah."
                ).format(target=self.display_name)
            )
        if current is not None:
            try:
                script.get_revision(current)
            except Exception as exc:  # alembic raises several types for unknown revisions
                raise UserError(
                    _(
                        "Basis data {target} dibuat oleh versi Capaian yang lebih baru "
                        "(skema {rev}). Perbarui aplikasi Capaian; basis data tidak diubah."
                    ).format(target=self.display_name, rev=current)
                ) from exc
            if self.path is not None:
                self.backup(
                    (backup_dir or self.path.parent / "cadangan")
                    / f"{self.path.stem}-sebelum-migrasi-{current}-{_stamp()}.db"
                )
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        log.info("database %s upgraded from %s to %s", self.display_name, current, head)

    # ------------------------------------------------------------------ safety
    def check_integrity(self) -> None:
        """SQLite ``quick_check``; a damaged file is reported, never opened half-way."""
        if not self.is_sqlite:
            return
        with self._reader().connect() as connection:
            rows = [r[0] for r in connection.execute(text("PRAGMA quick_check")).fetchall()]
        if rows != ["ok"]:
            raise UserError(
                _(
                    "Basis data {target} rusak ({detail}). Pulihkan dari cadangan "
                    "(capaian restore) sebelum melanjutkan."
                ).format(target=self.display_name, detail="; ".join(rows[:3]))
            )

    def backup(self, destination: Path) -> Path:
        """Online copy with the SQLite backup API (consistent even while others read)."""
        if self.path is None:
            raise UserError(
                _("Cadangan otomatis hanya untuk SQLite; gunakan pg_dump untuk PostgreSQL.")
            )
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary = destination.with_suffix(destination.suffix + ".tmp")
        source = sqlite3.connect(self.path)
        try:
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        shutil.move(temporary, destination)
        return destination


def storage_error(exc: OperationalError, target: str) -> UserError:
    """A clear message for what the disk or another process did to a write (nothing was saved).

    The whole exception chain is read: after a full disk SQLite has already rolled the
    transaction back, so the error that reaches here is often the follow-up "no such
    savepoint" raised while unwinding, with the real cause as its context.
    """
    chain: list[str] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 10:
        chain.append(str(getattr(cause, "orig", None) or cause).lower())
        cause = cause.__cause__ or cause.__context__
    text_ = " | ".join(chain)
    if "full" in text_:
        message = _(
            "Disk penuh: perubahan tidak disimpan dan basis data {db} tetap seperti semula. "
            "Kosongkan ruang disk lalu ulangi."
        )
    elif "locked" in text_ or "busy" in text_:
        message = _(
            "Basis data {db} sedang dipakai proses lain; perubahan tidak disimpan. Tutup "
            "jendela Capaian lain yang memakai berkas ini, lalu ulangi."
        )
    elif "readonly" in text_ or "read-only" in text_:
        message = _(
            "Basis data {db} hanya dapat dibaca (mis. di flashdisk yang dikunci); perubahan "
            "tidak disimpan. Salin berkas ke folder yang dapat ditulis."
        )
    else:
        message = _("Basis data {db} tidak dapat ditulis ({err}); perubahan tidak disimpan.")
    return UserError(message.format(db=target, err=exc.orig or exc))


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")
