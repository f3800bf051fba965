"""Reference data: installation, settings, organisation tree, staff, periods, capaian organisasi.

Owned by BKD in the sync design (sync.md §4.2); an office keeps a copy and may create its own
staff while working offline.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Synced, enum_column
from app.scoring.identity import nama_dengan_gelar
from app.scoring.periode import CaraAgregasi
from app.scoring.types import (
    Aspek,
    CapaianOrganisasi,
    Granularitas,
    JenisJabatan,
    JenisKelamin,
    JenisOrganisasi,
    JenisPegawai,
    Perspektif,
    Polaritas,
)


class Instalasi(Base):
    """This database's identity: role, office, op counter. Exactly one row.

    The op counter lives here (not in a sequence) so that SQLite and PostgreSQL behave the same
    and the counter moves in the same transaction as the op it numbers.
    """

    __tablename__ = "instalasi"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    peran: Mapped[str] = mapped_column(String(10))  # "dinas" | "bkd"
    kode_kantor: Mapped[str] = mapped_column(String(40))
    nama_kantor: Mapped[str] = mapped_column(String(200))
    lingkungan: Mapped[str] = mapped_column(String(12), default="production")
    op_counter: Mapped[int] = mapped_column(Integer, default=0)
    # The installation's Ed25519 public key (base64, raw 32 bytes); the private key lives in a
    # passphrase-protected file outside the database (sync.md §4.3).
    kunci_publik: Mapped[str | None] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(32))
    kode_bkd: Mapped[str] = mapped_column(String(40), default="BKD", server_default="BKD")
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime)


class Pengaturan(Base):
    """Office and domain settings that travel with backups (signatories, thresholds, ...).

    Values are JSON; ``tahun_berlaku`` lets a rule that a pemda changes take effect from a year
    without rewriting history (ARCHITECTURE.md: rules are data with an effective year).
    """

    __tablename__ = "pengaturan"

    kunci: Mapped[str] = mapped_column(String(80), primary_key=True)
    tahun_berlaku: Mapped[int] = mapped_column(Integer, primary_key=True, default=0)
    nilai: Mapped[Any] = mapped_column(JSON)


class Organisasi(Synced, Base):
    """A node of the organisation tree: pemda > OPD > bidang / UPT / sekolah / puskesmas."""

    __tablename__ = "organisasi"
    __natural_key__ = ("kode",)

    kode: Mapped[str] = mapped_column(String(40), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    jenis: Mapped[JenisOrganisasi] = mapped_column(enum_column(JenisOrganisasi))
    induk_id: Mapped[str | None] = mapped_column(ForeignKey("organisasi.id"), index=True)
    tempat: Mapped[str | None] = mapped_column(String(100))  # printed before the signing date

    induk: Mapped[Organisasi | None] = relationship(remote_side="Organisasi.id")


class Pegawai(Synced, Base):
    """An ASN (PNS or PPPK). NIP is text: 18 digits lose precision as numbers.

    ``nip`` may be empty only for political officials (Bupati) who act as penilai.
    """

    __tablename__ = "pegawai"
    __natural_key__ = ("nip",)

    nip: Mapped[str | None] = mapped_column(String(18), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    gelar_depan: Mapped[str | None] = mapped_column(String(40))
    gelar_belakang: Mapped[str | None] = mapped_column(String(60))
    jenis_pegawai: Mapped[JenisPegawai] = mapped_column(enum_column(JenisPegawai))
    jenis_kelamin: Mapped[JenisKelamin | None] = mapped_column(enum_column(JenisKelamin))
    golongan: Mapped[str | None] = mapped_column(String(10))
    jabatan: Mapped[str] = mapped_column(String(200))
    jenis_jabatan: Mapped[JenisJabatan] = mapped_column(enum_column(JenisJabatan))
    jenjang: Mapped[str | None] = mapped_column(String(60))
    organisasi_id: Mapped[str] = mapped_column(ForeignKey("organisasi.id"), index=True)
    penilai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    organisasi: Mapped[Organisasi] = relationship()
    penilai: Mapped[Pegawai | None] = relationship(remote_side="Pegawai.id")

    @property
    def nama_lengkap(self) -> str:
        """Name with academic titles as printed: ``dr. Siti Rahmawati, M.Kes``."""
        return nama_dengan_gelar(self.nama, self.gelar_depan, self.gelar_belakang)


class Periode(Synced, Base):
    """An evaluation period: a month, quarter, semester or the whole year.

    ``kode`` is ``2026-03`` (bulanan), ``2026-TW1``, ``2026-S1`` or ``2026`` (tahunan). Ids are
    derived from the kode so independent offices agree on them.
    """

    __tablename__ = "periode"
    __natural_key__ = ("kode",)

    kode: Mapped[str] = mapped_column(String(12), unique=True)
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    granularitas: Mapped[Granularitas] = mapped_column(enum_column(Granularitas))
    nomor: Mapped[int] = mapped_column(Integer)
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    terkunci: Mapped[bool] = mapped_column(Boolean, default=False)
    alasan_kunci: Mapped[str | None] = mapped_column(Text)


class CapaianOrganisasiUnit(Synced, Base):
    """Capaian kinerja organisasi of a unit in a period, set by the leader above (§3.5)."""

    __tablename__ = "capaian_organisasi"
    __natural_key__ = ("organisasi_id", "periode_id")
    __table_args__ = (UniqueConstraint("organisasi_id", "periode_id"),)

    organisasi_id: Mapped[str] = mapped_column(ForeignKey("organisasi.id"))
    periode_id: Mapped[str] = mapped_column(ForeignKey("periode.id"), index=True)
    nilai: Mapped[CapaianOrganisasi] = mapped_column(enum_column(CapaianOrganisasi))
    catatan: Mapped[str | None] = mapped_column(Text)


class Mutasi(Synced, Base):
    """A transfer (mutasi) of a pegawai to another unit from a date, recorded only by BKD.

    Ownership of an employee's targets and achievements follows the period (sync.md §4.11): the
    office of ``organisasi_asal`` keeps the periods before ``tanggal_berlaku``, the office of
    ``organisasi_tujuan`` owns them from that date. The pegawai row itself carries the current
    unit; these rows keep the history that decides who may write what.
    """

    __tablename__ = "mutasi"
    __natural_key__ = ("pegawai_id", "tanggal_berlaku")
    __table_args__ = (UniqueConstraint("pegawai_id", "tanggal_berlaku"),)

    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"), index=True)
    organisasi_asal_id: Mapped[str] = mapped_column(ForeignKey("organisasi.id"))
    organisasi_tujuan_id: Mapped[str] = mapped_column(ForeignKey("organisasi.id"))
    tanggal_berlaku: Mapped[date] = mapped_column(Date)
    nomor_sk: Mapped[str | None] = mapped_column(String(100))
    catatan: Mapped[str | None] = mapped_column(Text)


class KatalogIndikator(Synced, Base):
    """An entry of BKD's indicator catalogue: a standard IKI offices pick for their SKPs.

    BKD owns it (sync.md §4.2) and sends every change to every office; an office copies an
    entry's definition (uraian, satuan, polaritas, aggregation) into its own indicator, which
    keeps the SKP as signed even after BKD changes or retires the entry (``aktif`` False).
    """

    __tablename__ = "katalog_indikator"
    __natural_key__ = ("kode",)

    kode: Mapped[str] = mapped_column(String(40), unique=True)
    uraian: Mapped[str] = mapped_column(Text)
    satuan: Mapped[str | None] = mapped_column(String(60))
    aspek: Mapped[Aspek | None] = mapped_column(enum_column(Aspek))
    perspektif: Mapped[Perspektif | None] = mapped_column(enum_column(Perspektif))
    polaritas: Mapped[Polaritas] = mapped_column(enum_column(Polaritas), default=Polaritas.NAIK)
    cara_agregasi: Mapped[CaraAgregasi] = mapped_column(
        enum_column(CaraAgregasi), default=CaraAgregasi.JUMLAH
    )
    wajib_bukti: Mapped[bool] = mapped_column(Boolean, default=False)
    jabatan: Mapped[str | None] = mapped_column(String(200))  # for which positions, free text
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
