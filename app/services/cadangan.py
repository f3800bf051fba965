"""Backups, restore and the safe opening of an office database.

A performance record decides promotions; losing it, or half of it, is not an option. So:

* every backup is an online copy made with the SQLite backup API (consistent even while the
  GUI is open), written under a temporary name, checked, flushed and only then renamed;
* a backup is taken automatically on the first start of each day and before every import,
  merge and reply that rewrites many rows (``cadangan_otomatis``); old ones are rotated away;
* a restore verifies the candidate (integrity check, really a Capaian database, not from a newer
  Capaian) *before* it touches anything, keeps the replaced file as ``*.sebelum-pulih-...`` and
  holds the single-instance guard so no window is writing meanwhile;
* a database found damaged when opened is moved aside (``*.rusak-...``) with a message naming the
  newest backup and the restore command; the program never crashes on it nor writes into it.

The GUI calls the same functions as the ``capaian backup`` / ``restore`` commands.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory

from app.errors import UserError
from app.i18n import _
from app.models.db import Database, alembic_config, database_url
from app.services import penjaga
from app.services.context import ServiceContext
from app.services.izin import izinkan

log = logging.getLogger("capaian.cadangan")

HARIAN = "harian"
OTOMATIS = "otomatis"
MANUAL = "manual"
MIGRASI = "sebelum-migrasi"
SIMPAN: dict[str, int] = {HARIAN: 10, OTOMATIS: 10}
"""How many backups of each automatic kind are kept; manual ones are never deleted."""

_PAGES_PER_STEP = 256
"""Pages copied per backup step, so a long backup lets a writer in between steps."""
_SQLITE_CORRUPT, _SQLITE_NOTADB, _SQLITE_FULL = 11, 26, 13
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+?)-(?P<jenis>harian|otomatis|manual|sebelum-migrasi)-"
    r"(?:(?P<rev>[0-9a-f]+)-)?(?P<stamp>\d{8}-\d{6})(?:-(?P<alasan>[a-z0-9-]+?))?(?:-\d+)?\.db$"
)


@dataclass(frozen=True)
class CadanganDTO:
    """One backup file: where, which kind, when (from its name) and how big."""

    berkas: Path
    jenis: str
    waktu: datetime | None
    ukuran: int
    alasan: str | None = None


@dataclass(frozen=True)
class PemulihanDTO:
    """What a restore did: the database replaced, from which file, and where the old one went."""

    basis_data: Path
    sumber: Path
    sebelum_pulih: Path | None
    kantor: str | None
    revisi: str | None


class BasisDataRusakError(UserError):
    """The database file is damaged; it has been moved aside (``dipindah``) when possible."""

    def __init__(self, message: str, dipindah: Path | None, cadangan: Path | None) -> None:
        super().__init__(message)
        self.dipindah = dipindah
        self.cadangan = cadangan


# ----------------------------------------------------------------------------- paths
def _sqlite_path(target: str | Path) -> Path | None:
    url = database_url(target)
    if not url.startswith("sqlite:///"):
        return None
    return Path(url.removeprefix("sqlite:///"))


def folder_cadangan(db_path: Path) -> Path:
    """``cadangan`` beside the database file: backups travel with the office's folder."""
    return db_path.parent / "cadangan"


def _stamp(now: datetime) -> str:
    return now.strftime(_STAMP)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "aksi"


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise UserError(_("Terlalu banyak cadangan bernama {name}.").format(name=path.name))


# ----------------------------------------------------------------------------- copying
def _full(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        return code == _SQLITE_FULL or "full" in str(exc).lower()
    return isinstance(exc, OSError) and exc.errno in (28, 27, 122)  # ENOSPC, EFBIG, EDQUOT


def _write_error(exc: BaseException, destination: Path) -> UserError:
    if _full(exc):
        return UserError(
            _(
                "Disk penuh: cadangan {path} tidak dapat ditulis dan tidak ada yang diubah. "
                "Kosongkan ruang disk (atau pilih disk lain), lalu ulangi."
            ).format(path=destination)
        )
    return UserError(
        _("Cadangan {path} tidak dapat ditulis ({err}); tidak ada yang diubah.").format(
            path=destination, err=exc
        )
    )


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _copy(source: Path, destination: Path, *, source_uri: bool = False) -> None:
    """Online copy ``source`` -> ``destination`` (a new single file, rollback-journal mode).

    Written to ``.<name>.tmp`` beside the destination, checked with ``quick_check``, flushed
    to disk and renamed, so an interrupted backup (power cut, ``kill -9``, full disk) never
    leaves a file that looks like a backup but is not one.
    """
    temporary = destination.with_name(f".{destination.name}.tmp")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        _remove_with_journals(temporary)
        src = sqlite3.connect(f"file:{source}?mode=ro" if source_uri else source, uri=source_uri)
        try:
            dst = sqlite3.connect(temporary)
            try:
                src.backup(dst, pages=_PAGES_PER_STEP)
                dst.execute("PRAGMA journal_mode=DELETE")
                ok = dst.execute("PRAGMA quick_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        if ok is None or ok[0] != "ok":
            raise UserError(
                _("Salinan {path} tidak lolos pemeriksaan; cadangan dibatalkan.").format(
                    path=destination
                )
            )
        _fsync_file(temporary)
        os.replace(temporary, destination)
        _fsync_dir(destination.parent)
    except UserError:
        _remove_with_journals(temporary)
        raise
    except (sqlite3.Error, OSError) as exc:
        _remove_with_journals(temporary)
        raise _write_error(exc, destination) from exc


def _remove_with_journals(path: Path) -> None:
    """Delete an unfinished copy and the rollback journal SQLite may have left beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


# ----------------------------------------------------------------------------- backups
def _info(path: Path) -> CadanganDTO:
    match = _NAME.match(path.name)
    jenis, waktu, alasan = MANUAL, None, None
    if match:
        jenis = match["jenis"]
        waktu = datetime.strptime(match["stamp"], _STAMP)
        alasan = match["alasan"] or match["rev"]
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return CadanganDTO(berkas=path, jenis=jenis, waktu=waktu, ukuran=size, alasan=alasan)


def daftar_cadangan(db_path: Path) -> tuple[CadanganDTO, ...]:
    """Backups of ``db_path`` in its ``cadangan`` folder, newest first."""
    folder = folder_cadangan(db_path)
    if not folder.is_dir():
        return ()
    found = []
    for path in folder.glob(f"{db_path.stem}-*.db"):
        match = _NAME.match(path.name)
        if match and match["stem"] == db_path.stem and path.is_file():
            found.append(_info(path))
    found.sort(key=lambda c: (c.waktu or datetime.min, c.berkas.name), reverse=True)
    return tuple(found)


def cadangan_terbaru(db_path: Path) -> Path | None:
    """The newest backup file of ``db_path``, if any."""
    backups = daftar_cadangan(db_path)
    return backups[0].berkas if backups else None


def _rotate(db_path: Path, jenis: str) -> None:
    keep = SIMPAN.get(jenis)
    if keep is None:
        return
    for old in [c for c in daftar_cadangan(db_path) if c.jenis == jenis][keep:]:
        with contextlib.suppress(OSError):
            old.berkas.unlink()
            log.info("old backup removed: %s", old.berkas)


def _require_sqlite(db: Database) -> Path:
    if db.path is None:
        raise UserError(
            _("Cadangan otomatis hanya untuk SQLite; gunakan pg_dump untuk PostgreSQL.")
        )
    return db.path


def buat_cadangan(
    db: Database,
    tujuan: Path | None = None,
    *,
    jenis: str = MANUAL,
    alasan: str | None = None,
    now: datetime | None = None,
) -> CadanganDTO:
    """Back ``db`` up to ``tujuan`` (a file or a folder) or into its ``cadangan`` folder.

    Raises:
        UserError: PostgreSQL (use pg_dump), a full disk or an unwritable destination; nothing
            is left behind under the backup's name in either case.
    """
    source = _require_sqlite(db)
    moment = now or datetime.now()
    name = f"{source.stem}-{jenis}-{_stamp(moment)}"
    if alasan:
        name += f"-{_slug(alasan)}"
    if tujuan is None:
        destination = _unique(folder_cadangan(source) / f"{name}.db")
    elif tujuan.is_dir():
        destination = _unique(tujuan / f"{name}.db")
    else:
        destination = tujuan
    if destination.resolve() == source.resolve():
        raise UserError(_("Cadangan tidak boleh menimpa basis data itu sendiri."))
    _copy(source, destination)
    log.info("backup %s (%s) written to %s", source, jenis, destination)
    if tujuan is None:
        _rotate(source, jenis)
    return CadanganDTO(
        berkas=destination,
        jenis=jenis,
        waktu=moment.replace(microsecond=0),
        ukuran=destination.stat().st_size,
        alasan=alasan,
    )


def _has_installation(path: Path) -> bool:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT count(*) FROM instalasi").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return bool(row and row[0])


def cadangan_harian(db: Database, now: datetime | None = None) -> CadanganDTO | None:
    """The first start of a day backs the database up (kept: the last ten days).

    Returns None when today's backup exists already, for PostgreSQL and for a database that
    holds nothing yet.

    Raises:
        UserError: the backup could not be written (the caller shows it as a warning; the
            database itself is untouched and stays usable).
    """
    if db.path is None or not db.path.exists() or not _has_installation(db.path):
        return None
    moment = now or datetime.now()
    today = moment.date()
    if any(
        c.jenis == HARIAN and c.waktu is not None and c.waktu.date() == today
        for c in daftar_cadangan(db.path)
    ):
        return None
    return buat_cadangan(db, jenis=HARIAN, now=moment)


def cadangan_otomatis(ctx: ServiceContext, alasan: str) -> CadanganDTO | None:
    """Back up before an action that rewrites many rows (import, merge, reply); keep ten.

    Call it *before* the action's transaction. None for PostgreSQL (the server has its own
    backups). A failure raises, so the caller stops before changing anything.
    """
    if ctx.db.path is None:
        return None
    return buat_cadangan(ctx.db, jenis=OTOMATIS, alasan=alasan, now=ctx.clock())


# ----------------------------------------------------------------------------- checking
def _corruption(path: Path) -> str | None:
    """Why ``path`` is a damaged database, or None when it is sound (or merely unreadable now).

    Only real damage counts (malformed pages, not a database at all); a busy or unreadable file
    is left for :meth:`Database.open` to report, and never moved aside.
    """
    try:
        connection = sqlite3.connect(path, timeout=10)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA quick_check").fetchall()]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return str(exc)
        return None
    if rows != ["ok"]:
        return "; ".join(rows[:3])
    return None


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def periksa_cadangan(path: Path) -> tuple[str | None, str | None]:
    """Verify a restore candidate without changing it: (kantor, schema revision).

    Raises:
        UserError: missing, unreadable, damaged, not a Capaian database, or made by a newer
            Capaian.
    """
    if not path.is_file():
        raise UserError(_("Berkas cadangan {path} tidak ditemukan.").format(path=path))
    bad = UserError(
        _(
            "Berkas {path} bukan cadangan Capaian yang utuh; basis data tidak diubah. Pilih "
            "berkas cadangan lain."
        ).format(path=path)
    )
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
            tables = {
                r[0]
                for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if check != ["ok"] or not {"alembic_version", "instalasi"} <= tables:
                raise bad
            revision_row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            kantor_row = connection.execute("SELECT kode_kantor FROM instalasi").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise bad from exc
    revision = revision_row[0] if revision_row else None
    if revision is not None and revision not in _known_revisions():
        raise UserError(
            _(
                "Cadangan {path} dibuat oleh versi Capaian yang lebih baru (skema {rev}). "
                "Perbarui aplikasi Capaian dulu; basis data tidak diubah."
            ).format(path=path, rev=revision)
        )
    return (kantor_row[0] if kantor_row else None), revision


# ----------------------------------------------------------------------------- opening
def _aside(path: Path, label: str, moment: datetime) -> Path:
    """Rename ``path`` and its WAL companions to ``<name>.<label>-<stamp>`` (kept together)."""
    aside = path.with_name(f"{path.name}.{label}-{_stamp(moment)}")
    number = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.{label}-{_stamp(moment)}-{number}")
        number += 1
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            if suffix == "-shm":
                companion.unlink(missing_ok=True)  # shared-memory index, rebuilt on open
            else:
                os.replace(companion, Path(f"{aside}{suffix}"))
    _fsync_dir(path.parent)
    return aside


def _damaged(path: Path, detail: str, now: datetime | None) -> BasisDataRusakError:
    moment = now or datetime.now()
    try:
        moved: Path | None = _aside(path, "rusak", moment)
    except OSError as exc:
        log.error("damaged database %s could not be moved aside: %s", path, exc)
        moved = None
    newest = cadangan_terbaru(path)
    log.error("damaged database %s (%s) moved to %s", path, detail, moved)
    lines = [
        _("Basis data {path} rusak ({detail}).").format(path=path, detail=detail),
    ]
    if moved is not None:
        lines.append(
            _("Berkas yang rusak dipindahkan ke {moved} dan tidak diubah.").format(moved=moved)
        )
    if newest is not None:
        lines.append(
            _(
                'Cadangan terbaru: {backup}. Pulihkan dengan: capaian --db "{path}" restore '
                '"{backup}"'
            ).format(backup=newest, path=path)
        )
    else:
        lines.append(
            _(
                "Tidak ada cadangan di {folder}. Pulihkan dari salinan lain dengan: "
                'capaian --db "{path}" restore BERKAS'
            ).format(folder=folder_cadangan(path), path=path)
        )
    return BasisDataRusakError(" ".join(lines), moved, newest)


def buka(
    target: str | Path,
    *,
    create: bool = True,
    penjaga_proses: bool = True,
    now: datetime | None = None,
) -> Database:
    """Open a database the safe way: guard, integrity check, migration (backed up first).

    Used by the GUI and the command line instead of :meth:`Database.open`. Pair with
    :func:`tutup`. ``penjaga_proses`` holds the single-instance guard (SQLite only) for writing
    callers; read-only commands pass False so they still work while the GUI is open.

    Raises:
        UserError: another process holds the database (guard), or it cannot be opened.
        BasisDataRusakError: the file is damaged; it was moved aside, the message names the
            newest backup and the restore command.
    """
    path = _sqlite_path(target)
    guarded = False
    if path is not None and penjaga_proses and (create or path.exists()):
        guarded = penjaga.acquire(path)
    try:
        backup_dir = folder_cadangan(path) if path is not None else None
        try:
            return Database.open(target, create=create, backup_dir=backup_dir)
        except UserError as exc:
            # Only now tell damage from other failures: a sound file pays for one check only.
            if path is None or not path.is_file() or path.stat().st_size == 0:
                raise
            detail = _corruption(path)
            if detail is None:
                raise
            if not guarded and not penjaga.acquire(path):
                raise UserError(
                    _(
                        "Basis data {path} rusak ({detail}). Tutup Capaian lain yang membukanya, "
                        "lalu pulihkan dengan: capaian restore BERKAS"
                    ).format(path=path, detail=detail)
                ) from exc
            try:  # the guard is held: no other process is using the file being moved
                raise _damaged(path, detail, now) from exc
            finally:
                if not guarded:
                    penjaga.release(path)
    except BaseException:
        if guarded and path is not None:
            penjaga.release(path)
        raise


def tutup(db: Database, *, penjaga_proses: bool = True) -> None:
    """Close ``db`` opened by :func:`buka` and give back its guard."""
    db.dispose()
    if db.path is not None and penjaga_proses:
        penjaga.release(db.path)


# ----------------------------------------------------------------------------- restore
def izinkan_pemulihan(ctx: ServiceContext) -> None:
    """Refuse a restore unless an admin is signed in (once the database has accounts).

    A restore replaces the whole database, its accounts included: a backup from before the
    first account would reopen with every action open to whoever restored it. The check runs
    while the database is still open, before :func:`pulihkan` closes and swaps it; a database
    too damaged to open has no accounts to ask, and restoring is then the way back.
    """
    izinkan(ctx, "cadangan.pulihkan")


def pulihkan(target: str | Path, sumber: Path, *, now: datetime | None = None) -> PemulihanDTO:
    """Replace the database at ``target`` with the backup ``sumber``, verified first.

    Order matters for a power cut at any moment: (1) verify ``sumber``; (2) copy it beside the
    target under a temporary name and verify the copy; (3) keep the current database as
    ``<name>.sebelum-pulih-<stamp>`` (an online copy, so its WAL is included; a damaged one is
    renamed as it is); (4) rename the copy over the target. Until (4) the old database is in
    place and complete; after it the restored one is.

    Raises:
        UserError: PostgreSQL, a bad candidate, the database open in another process (guard),
            a full disk. Nothing is replaced in any of these cases.
    """
    path = _sqlite_path(target)
    if path is None:
        raise UserError(_("Pemulihan hanya untuk SQLite; gunakan pg_restore untuk PostgreSQL."))
    source = sumber.expanduser()
    if source.exists() and path.exists() and source.resolve() == path.resolve():
        raise UserError(_("Berkas cadangan sama dengan basis data yang hendak dipulihkan."))
    kantor, revision = periksa_cadangan(source)
    moment = now or datetime.now()
    previous: Path | None = None
    if penjaga.is_held(path):  # a caller's bug: its pooled connections would outlive the file
        raise RuntimeError("close the database (cadangan.tutup) before restoring over it")
    with penjaga.guarded(path):
        staged = path.with_name(f".{path.name}.pulih.tmp")
        _copy(source, staged, source_uri=True)
        try:
            periksa_cadangan(staged)
            if path.exists():
                previous = _keep_previous(path, moment)
            os.replace(staged, path)
            _fsync_dir(path.parent)
        finally:
            staged.unlink(missing_ok=True)
    log.info("database %s restored from %s (previous kept as %s)", path, source, previous)
    return PemulihanDTO(
        basis_data=path, sumber=source, sebelum_pulih=previous, kantor=kantor, revisi=revision
    )


def _keep_previous(path: Path, moment: datetime) -> Path:
    """Keep the database about to be replaced; afterwards no WAL of it is left to replay."""
    keep = path.with_name(f"{path.name}.sebelum-pulih-{_stamp(moment)}")
    number = 2
    while keep.exists():
        keep = path.with_name(f"{path.name}.sebelum-pulih-{_stamp(moment)}-{number}")
        number += 1
    if _corruption(path) is None:
        _copy(path, keep)
        connection = sqlite3.connect(path)
        try:  # fold the WAL into the file, so deleting it below loses nothing
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return keep
    return _aside(path, "sebelum-pulih", moment)
