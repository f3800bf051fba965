"""Local user accounts of one installation (never synced: no ``Synced`` mixin, so no ops).

Passwords, lock state and the link to a pegawai stay in the office; a package never carries
them (issue 6, privacy). Changes to accounts are audited by the service (without the hash).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, new_id


class Pengguna(Base):
    """One login: name, role, argon2 hash and the failed-attempt lock.

    ``pegawai_id`` links a penilai account to the pegawai who rates, so the services can tell
    "own subordinates" (the SKP's pejabat penilai) from everybody else.
    """

    __tablename__ = "pengguna"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    nama_pengguna: Mapped[str] = mapped_column(String(60), unique=True)
    nama_lengkap: Mapped[str] = mapped_column(String(200))
    peran: Mapped[str] = mapped_column(String(20))
    pegawai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), default=None)
    hash_sandi: Mapped[str] = mapped_column(String(200))
    gagal_berturut: Mapped[int] = mapped_column(Integer, default=0)
    terkunci_sampai: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime)
    diubah_pada: Mapped[datetime] = mapped_column(DateTime)
