"""Sync bookkeeping tables (sync.md §4.16): never synced themselves, never tombstoned.

Dinas side: the packages this installation exported. BKD side: enrolled installations, every
received package (kept, with its report, whatever its fate), the op ids already applied (the last
idempotency guard), and the conflicts waiting for a person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class PaketKeluar(Base):
    """A package this installation exported; ``seq`` is its place in the stream to BKD."""

    __tablename__ = "sync_paket_keluar"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    jenis: Mapped[str] = mapped_column(String(30))
    file_sha256: Mapped[str] = mapped_column(String(64))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    op_awal: Mapped[int | None] = mapped_column(Integer)
    op_akhir: Mapped[int | None] = mapped_column(Integer)
    jumlah_op: Mapped[int] = mapped_column(Integer)
    nama_berkas: Mapped[str] = mapped_column(String(255))
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime)


class InstalasiTerdaftar(Base):
    """An office installation known to BKD: its key and where its stream stands.

    ``status``: MENUNGGU (enrolment requested, fingerprint not yet checked), DISETUJUI, DICABUT
    (revoked: packages after ``dicabut_setelah_seq`` are quarantined), PENSIUN (replaced).
    """

    __tablename__ = "sync_instalasi"

    installation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kode_kantor: Mapped[str] = mapped_column(String(40), index=True)
    nama_kantor: Mapped[str] = mapped_column(String(200))
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    kunci_publik: Mapped[str] = mapped_column(String(64))
    label_mesin: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12))
    dicabut_setelah_seq: Mapped[int | None] = mapped_column(Integer)
    seq_terakhir_berurutan: Mapped[int] = mapped_column(Integer, default=0)
    manifest_terakhir_sha256: Mapped[str | None] = mapped_column(String(64))
    diminta_pada: Mapped[datetime] = mapped_column(DateTime)
    disetujui_pada: Mapped[datetime | None] = mapped_column(DateTime)
    disetujui_oleh: Mapped[str | None] = mapped_column(String(200))


class PaketMasuk(Base):
    """A received package file and its fate; the file itself is kept in the inbox folder.

    ``status``: DITERIMA (being processed), BERHASIL, BERHASIL_DENGAN_KONFLIK, DUPLIKAT,
    SUDAH_TERCAKUP, DIKARANTINA, DITOLAK, GAGAL (sync.md §4.14 verdicts).
    """

    __tablename__ = "sync_paket_masuk"
    __table_args__ = (UniqueConstraint("installation_id", "seq", "manifest_sha256"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    package_id: Mapped[str | None] = mapped_column(String(36), index=True)
    installation_id: Mapped[str | None] = mapped_column(String(36), index=True)
    seq: Mapped[int | None] = mapped_column(Integer)
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    jenis: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30))
    kode_alasan: Mapped[str | None] = mapped_column(String(40))
    laporan: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    nama_berkas: Mapped[str] = mapped_column(String(255))
    diterima_pada: Mapped[datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(200))


class OpTerapan(Base):
    """An op already applied (or decided) at BKD: importing it again is a no-op."""

    __tablename__ = "sync_op_terapan"

    op_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), index=True)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    hasil: Mapped[str] = mapped_column(String(30))  # DITERAPKAN, DIGABUNG, SAMA, KONFLIK, DITOLAK
    diterapkan_pada: Mapped[datetime] = mapped_column(DateTime)


class Konflik(Base):
    """A change BKD could not apply by itself: base / incoming / current per field, for a person.

    ``status``: TERBUKA, TETAP_SEKARANG (kept current), AMBIL_MASUK (took incoming), DIABAIKAN.
    """

    __tablename__ = "sync_konflik"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime)
    package_id: Mapped[str] = mapped_column(String(36), index=True)
    op_id: Mapped[str] = mapped_column(String(80), index=True)
    installation_id: Mapped[str] = mapped_column(String(36))
    kode_kantor: Mapped[str] = mapped_column(String(40))
    jenis: Mapped[str] = mapped_column(String(40))  # FIELD_CONFLICT, DUPLICATE_NATURAL_KEY, ...
    entitas: Mapped[str] = mapped_column(String(40))
    entitas_id: Mapped[str] = mapped_column(String(36))
    kunci_alami: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    medan: Mapped[dict[str, Any]] = mapped_column(JSON)  # field -> {base, masuk, sekarang}
    pesan: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="TERBUKA", index=True)
    diselesaikan_oleh: Mapped[str | None] = mapped_column(String(200))
    diselesaikan_pada: Mapped[datetime | None] = mapped_column(DateTime)
    catatan: Mapped[str | None] = mapped_column(Text)


class AliasId(Base):
    """(BKD, and the office that made it) ``id_lama`` is the same record as ``id_kanonik``.

    Written when BKD resolves a duplicate natural key (one NIP registered twice) by merging
    the office's row into the existing one (sync.md §4.11). BKD rewrites later ops that still
    use the old id; the office, told by a reverse package, repoints its own references.
    """

    __tablename__ = "sync_alias"

    id_lama: Mapped[str] = mapped_column(String(36), primary_key=True)
    id_kanonik: Mapped[str] = mapped_column(String(36))
    entitas: Mapped[str] = mapped_column(String(40))
    installation_id: Mapped[str | None] = mapped_column(String(36), index=True)
    konflik_id: Mapped[str | None] = mapped_column(String(36))
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime)
    dibuat_oleh: Mapped[str] = mapped_column(String(200))


# ----------------------------------------------------------------------------- reverse packages
# BKD → dinas (sync.md §4.13): BKD records what it sent to each installation; the office records
# which BKD key it trusts, which reverse packages it applied and what BKD said about each op.


class PaketBalasanKeluar(Base):
    """(BKD) A reverse package built for one installation; ``seq`` is its place in that stream.

    ``ack_berurutan`` / ``ack_terlihat`` are the acknowledgement it carried (the installation's
    ``last_contiguous_seq`` / ``last_seq_seen`` at BKD), so an empty repeat can be refused.
    """

    __tablename__ = "sync_paket_balasan_keluar"

    installation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kode_kantor: Mapped[str] = mapped_column(String(40), index=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    ack_berurutan: Mapped[int] = mapped_column(Integer)
    ack_terlihat: Mapped[int] = mapped_column(Integer)
    jumlah_hasil: Mapped[int] = mapped_column(Integer)
    jumlah_konflik: Mapped[int] = mapped_column(Integer)
    jumlah_op: Mapped[int] = mapped_column(Integer)
    nama_berkas: Mapped[str] = mapped_column(String(255))
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(200))


class ButirBalasan(Base):
    """(BKD) What a reverse package already carried to an installation, so it is sent once.

    ``jenis``: ``paket`` (the op outcomes of one received package, by its ``package_id``),
    ``konflik`` (a resolved conflict, by its id) or ``op`` (one of BKD's own ops, by op id).
    """

    __tablename__ = "sync_balasan_butir"

    installation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    jenis: Mapped[str] = mapped_column(String(10), primary_key=True)
    ref_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class KunciBkd(Base):
    """(Office) A BKD public key this installation trusts for reverse packages.

    Stored after the operator compared its fingerprint with the one BKD gave out of band.
    """

    __tablename__ = "sync_kunci_bkd"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kode_bkd: Mapped[str] = mapped_column(String(40))
    kunci_publik: Mapped[str] = mapped_column(String(64))
    dipercaya_pada: Mapped[datetime] = mapped_column(DateTime)
    dipercaya_oleh: Mapped[str] = mapped_column(String(200))


class PaketBalasanMasuk(Base):
    """(Office) A reverse package applied here; ``seq`` only ever grows (rollback guard)."""

    __tablename__ = "sync_paket_balasan_masuk"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    kode_bkd: Mapped[str] = mapped_column(String(40))
    laporan: Mapped[dict[str, Any]] = mapped_column(JSON)
    nama_berkas: Mapped[str] = mapped_column(String(255))
    diterapkan_pada: Mapped[datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(200))


class HasilOp(Base):
    """(Office) BKD's verdict on one of this installation's ops, as reported back.

    ``hasil`` is BKD's per-op outcome (``dibuat``, ``diubah``, ``digabung``, ``sama``,
    ``dihapus``, ``konflik``); for a conflict, ``status_konflik`` follows its resolution.
    """

    __tablename__ = "sync_hasil_op"

    op_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    hasil: Mapped[str] = mapped_column(String(30))
    konflik_id: Mapped[str | None] = mapped_column(String(36))
    status_konflik: Mapped[str | None] = mapped_column(String(20))
    seq_balasan: Mapped[int] = mapped_column(Integer)
