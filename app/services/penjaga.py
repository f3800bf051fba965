"""Single-instance guard: one Capaian process at a time writes a given SQLite database file.

SQLite itself serialises writers, but two Capaian windows on one file would each believe their
screens are current and one clerk's afternoon would silently overwrite the other's; a restore
under a running window would be worse. So the GUI and every writing CLI command hold an OS file
lock on ``<db>.lock`` for as long as they use the database. The kernel drops the lock when the
process ends, even after ``kill -9`` or a power cut, so a stale lock can never lock the office out.

The guard is per *process* and re-entrant: the test suite and the GUI open several service
contexts on one file inside one process, and only *other* processes are refused. PostgreSQL needs
no guard (the server arbitrates).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.errors import UserError
from app.i18n import _

log = logging.getLogger("capaian.penjaga")

_INFO_OFFSET = 1
"""Byte 0 is the locked byte (Windows locks byte ranges and refuses reads inside them); the
owner's description is written after it, where a refused process can still read it."""


@dataclass
class _Held:
    fd: int
    count: int


_HELD: dict[Path, _Held] = {}
_MUTEX = threading.Lock()


def lock_path(db_path: Path) -> Path:
    """The lock file beside the database: ``capaian.db`` -> ``capaian.db.lock``."""
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    """Take the exclusive OS lock without waiting; False when another process holds it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt  # noqa: PLC0415

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt  # noqa: PLC0415

        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl  # noqa: PLC0415

    fcntl.flock(fd, fcntl.LOCK_UN)


def _owner_text() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError, ImportError):
        user = "?"
    since = datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"{os.getpid()}\t{user}\t{socket.gethostname()}\t{since}"


def _write_owner(fd: int) -> None:
    data = _owner_text().encode("utf-8")
    with contextlib.suppress(OSError):  # the description is a courtesy; the lock is what counts
        os.ftruncate(fd, _INFO_OFFSET)
        os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
        os.write(fd, data)


def _read_owner(fd: int) -> tuple[str, str, str, str]:
    try:
        os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
        raw = os.read(fd, 4096).decode("utf-8", "replace")
    except OSError:
        raw = ""
    parts = (raw.split("\t") + ["?"] * 4)[:4]
    return parts[0] or "?", parts[1] or "?", parts[2] or "?", parts[3] or "?"


def acquire(db_path: Path) -> bool:
    """Hold the guard of ``db_path`` for this process (re-entrant; pair with :func:`release`).

    Returns False, without a guard, when the lock file cannot be created at all (a read-only
    folder: nothing can be written there anyway, so there is nothing to protect).

    Raises:
        UserError: another process holds the database, naming its user, computer and PID.
    """
    key = lock_path(db_path.resolve())
    with _MUTEX:
        held = _HELD.get(key)
        if held is not None:
            held.count += 1
            return True
        try:
            key.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(key, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            log.warning("no single-instance guard for %s: %s", db_path, exc)
            return False
        if not _try_lock(fd):
            pid, user, host, since = _read_owner(fd)
            os.close(fd)
            raise UserError(
                _(
                    "Basis data {db} sedang dibuka oleh {user} di komputer {host} sejak {since} "
                    "(PID {pid}). Tutup Capaian di sana terlebih dahulu, lalu ulangi."
                ).format(db=db_path, user=user, host=host, since=since, pid=pid)
            )
        _write_owner(fd)
        _HELD[key] = _Held(fd, 1)
        return True


def release(db_path: Path) -> None:
    """Give back one hold; the OS lock goes when the last hold of this process goes."""
    key = lock_path(db_path.resolve())
    with _MUTEX:
        held = _HELD.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _HELD[key]
        try:
            _unlock(held.fd)
        finally:
            os.close(held.fd)


def is_held(db_path: Path) -> bool:
    """Whether this process holds the guard of ``db_path``."""
    with _MUTEX:
        return lock_path(db_path.resolve()) in _HELD


@contextlib.contextmanager
def guarded(db_path: Path) -> Iterator[None]:
    """Hold the guard of ``db_path`` for a block (restore, ``demo --ganti``)."""
    acquired = acquire(db_path)
    try:
        yield
    finally:
        if acquired:
            release(db_path)
