"""Audit log and the sync outbox: the two append-only records every write leaves behind."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class AuditLog(Base):
    """Who changed what, when, from which value to which; hash-chained against tampering.

    ``hash`` = SHA-256 over the previous entry's hash and this entry's canonical JSON, so editing
    or deleting any row breaks every later link (``capaian check`` finds the first broken one).
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    waktu: Mapped[datetime] = mapped_column(DateTime)
    pelaku: Mapped[str] = mapped_column(String(200))
    aksi: Mapped[str] = mapped_column(String(20))  # create | update | delete | bulk_create
    perintah: Mapped[str] = mapped_column(String(80))  # the user action (service use case)
    entitas: Mapped[str] = mapped_column(String(40))
    entitas_id: Mapped[str] = mapped_column(String(36), index=True)
    sebelum: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sesudah: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    op_id: Mapped[str | None] = mapped_column(String(80))
    hash_sebelumnya: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxOp(Base):
    """A change record waiting for BKD's acknowledgement (sync.md §4.6, §4.15).

    ``counter`` is the installation's monotonic op counter; ``op_id`` is
    ``<installation_id>:<counter>`` and is also the new ``version`` of the row it produced.
    """

    __tablename__ = "sync_outbox"

    counter: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    op_id: Mapped[str] = mapped_column(String(80), unique=True)
    jenis: Mapped[str] = mapped_column(String(20))  # create | update | delete
    entitas: Mapped[str] = mapped_column(String(40))
    entitas_id: Mapped[str] = mapped_column(String(36), index=True)
    kunci_alami: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    base: Mapped[str | None] = mapped_column(String(80))
    sebelum: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sesudah: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    pelaku: Mapped[str] = mapped_column(String(200))
    waktu: Mapped[datetime] = mapped_column(DateTime)
    diakui: Mapped[bool] = mapped_column(default=False)  # acknowledged by BKD
