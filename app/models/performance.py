"""Performance records (domain.md §2, §8).

SKP -> RHK -> indikator -> realisasi -> bukti dukung; perilaku, umpan balik, evaluasi, lampiran.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
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

from app.models.base import Base, DecimalType, Synced, enum_column
from app.models.reference import Organisasi, Pegawai, Periode
from app.scoring.periode import CaraAgregasi
from app.scoring.types import (
    Aspek,
    CapaianOrganisasi,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    NilaiBerakhlak,
    Pendekatan,
    Perspektif,
    Polaritas,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusSkp,
)


class Skp(Synced, Base):
    """Sasaran Kinerja Pegawai for one jabatan and one stretch of a year.

    One NIP may hold several SKPs in a year (mutasi, Plt). ``identitas`` is the snapshot of
    pegawai, pejabat penilai and atasan pejabat penilai (nama, nip, pangkat, jabatan, unit kerja)
    taken when the SKP is approved, so later promotions do not rewrite signed sheets.
    """

    __tablename__ = "skp"
    __natural_key__ = ("pegawai_id", "tanggal_mulai")

    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"), index=True)
    penilai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"))
    atasan_penilai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"))
    organisasi_id: Mapped[str] = mapped_column(ForeignKey("organisasi.id"), index=True)
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    pendekatan: Mapped[Pendekatan] = mapped_column(enum_column(Pendekatan))
    jenis_jabatan: Mapped[JenisJabatan] = mapped_column(enum_column(JenisJabatan))
    status: Mapped[StatusSkp] = mapped_column(enum_column(StatusSkp), default=StatusSkp.DRAFT)
    alasan_penolakan: Mapped[str | None] = mapped_column(Text)
    is_plt: Mapped[bool] = mapped_column(Boolean, default=False)
    identitas: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    diajukan_pada: Mapped[datetime | None] = mapped_column(DateTime)
    disetujui_pada: Mapped[datetime | None] = mapped_column(DateTime)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_id])
    atasan_penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[atasan_penilai_id])
    organisasi: Mapped[Organisasi] = relationship()


class Rhk(Synced, Base):
    """Rencana Hasil Kerja; ``rhk_atasan_id`` is the superior's RHK it intervenes (cascading)."""

    __tablename__ = "rhk"
    __natural_key__ = ("skp_id", "jenis", "urutan")

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"), index=True)
    jenis: Mapped[JenisRhk] = mapped_column(enum_column(JenisRhk))
    klasifikasi: Mapped[KlasifikasiRhk | None] = mapped_column(enum_column(KlasifikasiRhk))
    urutan: Mapped[int] = mapped_column(Integer)
    uraian: Mapped[str] = mapped_column(Text)
    rhk_atasan_id: Mapped[str | None] = mapped_column(ForeignKey("rhk.id"), index=True)
    penugasan_dari: Mapped[str | None] = mapped_column(String(200))

    skp: Mapped[Skp] = relationship(viewonly=True)
    rhk_atasan: Mapped[Rhk | None] = relationship(remote_side="Rhk.id", viewonly=True)


class Indikator(Synced, Base):
    """Indikator Kinerja Individu with its target.

    ``target_angka`` + ``satuan`` drive the capaian % (decision support); ``target_teks`` is what
    forms print ("12 Bulan", "95%"), because many targets are phrased, not just numbers.
    """

    __tablename__ = "indikator"
    __natural_key__ = ("rhk_id", "urutan")

    rhk_id: Mapped[str] = mapped_column(ForeignKey("rhk.id"), index=True)
    urutan: Mapped[int] = mapped_column(Integer)
    aspek: Mapped[Aspek | None] = mapped_column(enum_column(Aspek))
    perspektif: Mapped[Perspektif | None] = mapped_column(enum_column(Perspektif))
    uraian: Mapped[str] = mapped_column(Text)
    target_angka: Mapped[Decimal | None] = mapped_column(DecimalType())
    satuan: Mapped[str | None] = mapped_column(String(60))
    target_teks: Mapped[str | None] = mapped_column(String(200))
    polaritas: Mapped[Polaritas] = mapped_column(enum_column(Polaritas), default=Polaritas.NAIK)
    cara_agregasi: Mapped[CaraAgregasi] = mapped_column(
        enum_column(CaraAgregasi), default=CaraAgregasi.JUMLAH
    )
    wajib_bukti: Mapped[bool] = mapped_column(Boolean, default=False)

    rhk: Mapped[Rhk] = relationship(viewonly=True)


class Realisasi(Synced, Base):
    """What was achieved on one indicator in one period, with its data source."""

    __tablename__ = "realisasi"
    __natural_key__ = ("indikator_id", "periode_id")
    __table_args__ = (UniqueConstraint("indikator_id", "periode_id"),)

    indikator_id: Mapped[str] = mapped_column(ForeignKey("indikator.id"))
    periode_id: Mapped[str] = mapped_column(ForeignKey("periode.id"), index=True)
    nilai: Mapped[Decimal | None] = mapped_column(DecimalType())
    uraian: Mapped[str | None] = mapped_column(Text)
    sumber_data: Mapped[str | None] = mapped_column(String(200))

    periode: Mapped[Periode] = relationship(viewonly=True)


class BuktiDukung(Synced, Base):
    """Evidence for a realisation: a file in the content-addressed store (by SHA-256) or a URL."""

    __tablename__ = "bukti_dukung"
    __natural_key__ = ("realisasi_id", "nama")

    realisasi_id: Mapped[str] = mapped_column(ForeignKey("realisasi.id"), index=True)
    nama: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str | None] = mapped_column(String(64))
    nama_file: Mapped[str | None] = mapped_column(String(255))
    ukuran: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(Text)


class PerilakuSkp(Synced, Base):
    """One BerAKHLAK value in an SKP, with the leader's ekspektasi khusus."""

    __tablename__ = "perilaku_skp"
    __natural_key__ = ("skp_id", "nilai")
    __table_args__ = (UniqueConstraint("skp_id", "nilai"),)

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    nilai: Mapped[NilaiBerakhlak] = mapped_column(enum_column(NilaiBerakhlak))
    ekspektasi_khusus: Mapped[str | None] = mapped_column(Text)


class LampiranSkp(Synced, Base):
    """A line of the Lampiran SKP (sumber daya, skema pertanggungjawaban, konsekuensi)."""

    __tablename__ = "lampiran_skp"
    __natural_key__ = ("skp_id", "jenis", "urutan")

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"), index=True)
    jenis: Mapped[JenisLampiran] = mapped_column(enum_column(JenisLampiran))
    urutan: Mapped[int] = mapped_column(Integer)
    uraian: Mapped[str] = mapped_column(Text)


class UmpanBalik(Synced, Base):
    """Continuous feedback (dialog kinerja) on an RHK, a BerAKHLAK value, or the period overall."""

    __tablename__ = "umpan_balik"
    __natural_key__ = ("skp_id", "periode_id", "dibuat_pada")

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"), index=True)
    periode_id: Mapped[str] = mapped_column(ForeignKey("periode.id"))
    rhk_id: Mapped[str | None] = mapped_column(ForeignKey("rhk.id"))
    nilai_berakhlak: Mapped[NilaiBerakhlak | None] = mapped_column(enum_column(NilaiBerakhlak))
    teks: Mapped[str] = mapped_column(Text)
    penulis: Mapped[str] = mapped_column(String(200))
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime)


class Evaluasi(Synced, Base):
    """A periodic or annual evaluation: suggestion beside the penilai's choice, and the predikat.

    ``saran_*`` hold what the rules suggested when the penilai rated, ``rating_*`` what the
    penilai chose (the official values). ``penjelasan`` keeps the derivation shown at the time.
    """

    __tablename__ = "evaluasi"
    __natural_key__ = ("skp_id", "periode_id")
    __table_args__ = (UniqueConstraint("skp_id", "periode_id"),)

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    periode_id: Mapped[str] = mapped_column(ForeignKey("periode.id"), index=True)
    saran_rating_hasil: Mapped[Rating | None] = mapped_column(enum_column(Rating))
    saran_rating_perilaku: Mapped[Rating | None] = mapped_column(enum_column(Rating))
    rating_hasil: Mapped[Rating | None] = mapped_column(enum_column(Rating))
    rating_perilaku: Mapped[Rating | None] = mapped_column(enum_column(Rating))
    rating_perilaku_nilai: Mapped[dict[str, str] | None] = mapped_column(JSON)
    predikat: Mapped[Predikat | None] = mapped_column(enum_column(Predikat))
    capaian_organisasi: Mapped[CapaianOrganisasi | None] = mapped_column(
        enum_column(CapaianOrganisasi)
    )
    capaian_persen: Mapped[Decimal | None] = mapped_column(DecimalType())
    catatan: Mapped[str | None] = mapped_column(Text)
    status: Mapped[StatusEvaluasi] = mapped_column(
        enum_column(StatusEvaluasi), default=StatusEvaluasi.DRAFT
    )
    penjelasan: Mapped[list[str] | None] = mapped_column(JSON)
    dinilai_pada: Mapped[datetime | None] = mapped_column(DateTime)

    skp: Mapped[Skp] = relationship(viewonly=True)
    periode: Mapped[Periode] = relationship(viewonly=True)
