"""The service context (database, actor, clock, evidence folder) and the ``Changes`` flags."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from app.models.changes import ChangeContext
from app.models.db import Database
from app.services.dto import PenggunaDTO

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a write touched, so each screen refreshes only when its data changed (Anki style)."""

    organisasi: bool = False
    pegawai: bool = False
    periode: bool = False
    skp: bool = False
    realisasi: bool = False
    umpan_balik: bool = False
    evaluasi: bool = False
    pengaturan: bool = False
    katalog: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{k: getattr(self, k) or getattr(other, k) for k in _FLAGS})

    @property
    def any(self) -> bool:
        """True when at least one flag is set."""
        return any(getattr(self, k) for k in _FLAGS)


_FLAGS = tuple(Changes.__dataclass_fields__)


@dataclass(frozen=True)
class Result(Generic[T]):
    """A write's return value: the DTO and what changed."""

    value: T
    changes: Changes


@dataclass
class ServiceContext:
    """Everything a use case needs from its caller; the GUI and the CLI build one each.

    Attributes:
        db: the open database.
        actor: the name recorded in the audit log and in ops (a user, or ``cli:<login>``).
        clock: the wall clock; tests and the demo pass a fixed one.
        evidence_dir: the content-addressed store for bukti dukung files.
        key_dir: where the private key file lives (default: ``kunci`` beside the evidence).
        inbox_dir: BKD's store of received packages (default: ``kotak-masuk``).
        pengguna: the signed-in user (``pengguna.masuk`` sets it); ``None`` before a login.
            Services check the role themselves (``app.services.izin``); a database without
            any user account allows everything (fresh install, demo).
    """

    db: Database
    actor: str
    evidence_dir: Path
    clock: Callable[[], datetime] = field(default=datetime.now)
    key_dir: Path | None = None
    inbox_dir: Path | None = None
    pengguna: PenggunaDTO | None = None

    @property
    def keys(self) -> Path:
        """Folder of the installation's private key file (outside the database)."""
        return self.key_dir or self.evidence_dir.parent / "kunci"

    @property
    def inbox(self) -> Path:
        """Folder where BKD keeps every received package file, named by its SHA-256."""
        return self.inbox_dir or self.evidence_dir.parent / "kotak-masuk"

    def now(self) -> datetime:
        """Current local time from the injected clock: naive, whole seconds.

        Naive local time is what SQLite and PostgreSQL ``timestamp`` columns give back
        unchanged, so the audit hashes computed now verify later on either backend.
        """
        value = self.clock().replace(microsecond=0)
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value

    def today(self) -> date:
        """Current date from the injected clock."""
        return self.clock().date()

    @contextmanager
    def write(self, action: str) -> Iterator[Session]:
        """A write transaction for the user action ``action`` (named in the audit log)."""
        with self.db.write(ChangeContext(self.actor, self.now(), action)) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction."""
        with self.db.read() as session:
            yield session
