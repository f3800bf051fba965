"""Plain frozen data handed to the views and the command line (never live ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.scoring.types import (
    Aspek,
    CapaianOrganisasi,
    Granularitas,
    JenisJabatan,
    JenisLampiran,
    JenisOrganisasi,
    JenisPegawai,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    Perspektif,
    Polaritas,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusSkp,
)


@dataclass(frozen=True)
class InstalasiDTO:
    """This database's role and office."""

    id: str
    peran: str
    kode_kantor: str
    nama_kantor: str
    lingkungan: str


@dataclass(frozen=True)
class OrganisasiDTO:
    """A unit of the organisation tree."""

    id: str
    kode: str
    nama: str
    jenis: JenisOrganisasi
    induk_id: str | None
    tempat: str | None


@dataclass(frozen=True)
class PegawaiDTO:
    """An employee as lists and forms show them."""

    id: str
    nip: str | None
    nama: str
    nama_lengkap: str
    jenis_pegawai: JenisPegawai
    golongan: str | None
    pangkat_golongan: str
    jabatan: str
    jenis_jabatan: JenisJabatan
    organisasi_kode: str
    organisasi_nama: str
    penilai_nip: str | None
    penilai_nama: str | None
    aktif: bool
    peringatan_nip: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodeDTO:
    """An evaluation period."""

    id: str
    kode: str
    label: str
    tahun: int
    granularitas: Granularitas
    tanggal_mulai: date
    tanggal_selesai: date
    terkunci: bool


@dataclass(frozen=True)
class IndikatorDTO:
    """An IKI with its target."""

    id: str
    urutan: int
    aspek: Aspek | None
    perspektif: Perspektif | None
    uraian: str
    target_angka: Decimal | None
    satuan: str | None
    target_teks: str | None
    polaritas: Polaritas
    cara_agregasi: str
    wajib_bukti: bool


@dataclass(frozen=True)
class RhkDTO:
    """An RHK with its indicators and the superior's RHK it intervenes."""

    id: str
    jenis: JenisRhk
    urutan: int
    uraian: str
    rhk_atasan_id: str | None
    rhk_atasan_uraian: str | None
    penugasan_dari: str | None
    indikator: tuple[IndikatorDTO, ...]


@dataclass(frozen=True)
class PerilakuDTO:
    """A BerAKHLAK value with the leader's ekspektasi khusus."""

    nilai: NilaiBerakhlak
    ekspektasi_khusus: str | None


@dataclass(frozen=True)
class LampiranDTO:
    """A line of the Lampiran SKP."""

    id: str
    jenis: JenisLampiran
    urutan: int
    uraian: str


@dataclass(frozen=True)
class SkpDTO:
    """An SKP with everything the planning sheet shows."""

    id: str
    pegawai_id: str
    pegawai_nip: str | None
    pegawai_nama: str
    penilai_nip: str | None
    penilai_nama: str | None
    organisasi_kode: str
    tahun: int
    tanggal_mulai: date
    tanggal_selesai: date
    pendekatan: Pendekatan
    jenis_jabatan: JenisJabatan
    status: StatusSkp
    alasan_penolakan: str | None
    is_plt: bool
    rhk: tuple[RhkDTO, ...] = ()
    perilaku: tuple[PerilakuDTO, ...] = ()
    lampiran: tuple[LampiranDTO, ...] = ()


@dataclass(frozen=True)
class RealisasiDTO:
    """A recorded realisation."""

    id: str
    indikator_id: str
    periode_kode: str
    nilai: Decimal | None
    uraian: str | None
    sumber_data: str | None
    jumlah_bukti: int


@dataclass(frozen=True)
class BuktiDTO:
    """A piece of evidence (file in the store or URL)."""

    id: str
    realisasi_id: str
    nama: str
    sha256: str | None
    nama_file: str | None
    ukuran: int | None
    url: str | None


@dataclass(frozen=True)
class UmpanBalikDTO:
    """One feedback entry of the dialog kinerja."""

    id: str
    periode_kode: str
    rhk_id: str | None
    nilai_berakhlak: NilaiBerakhlak | None
    teks: str
    penulis: str
    dibuat_pada: datetime


@dataclass(frozen=True)
class EvaluasiDTO:
    """A stored evaluation."""

    id: str
    skp_id: str
    pegawai_nip: str | None
    pegawai_nama: str
    periode_kode: str
    saran_rating_hasil: Rating | None
    saran_rating_perilaku: Rating | None
    rating_hasil: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None
    capaian_organisasi: CapaianOrganisasi | None
    capaian_persen: Decimal | None
    status: StatusEvaluasi
    catatan: str | None


@dataclass(frozen=True)
class IndikatorDerivasi:
    """One indicator's line in a derivation: target, realisation, capaian."""

    indikator_id: str
    uraian: str
    target: Decimal | None
    realisasi: Decimal | None
    persen: Decimal | None
    persen_terbatas: Decimal | None
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class RhkDerivasi:
    """One RHK's aggregated capaian and suggested rating."""

    rhk_id: str
    jenis: JenisRhk
    uraian: str
    persen: Decimal | None
    saran: Rating | None
    indikator: tuple[IndikatorDerivasi, ...]
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class DerivasiDTO:
    """How an evaluation's predikat was derived, step by step (transparency for every ASN)."""

    pegawai_nip: str | None
    pegawai_nama: str
    jabatan: str
    periode_kode: str
    periode_label: str
    rhk: tuple[RhkDerivasi, ...]
    capaian_persen: Decimal | None
    saran_rating_hasil: Rating | None
    saran_rating_hasil_penjelasan: tuple[str, ...]
    saran_rating_perilaku: Rating | None
    saran_rating_perilaku_penjelasan: tuple[str, ...]
    capaian_organisasi: CapaianOrganisasi | None
    rating_hasil: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None
    predikat_penjelasan: tuple[str, ...]
    status: StatusEvaluasi | None
    catatan: str | None


@dataclass(frozen=True)
class PenggunaDTO:
    """A user account as the screens see it: never the password hash."""

    id: str
    nama_pengguna: str
    nama_lengkap: str
    peran: str
    pegawai_nip: str | None
    pegawai_nama: str | None
    aktif: bool
    terkunci_sampai: datetime | None


@dataclass(frozen=True)
class RiwayatDTO:
    """One audit-log entry for the history view (who, when, which action, before -> after)."""

    seq: int
    waktu: datetime
    pelaku: str
    aksi: str
    perintah: str
    entitas: str
    entitas_id: str
    sebelum: dict[str, object] | None
    sesudah: dict[str, object] | None


@dataclass(frozen=True)
class PengaturanDTO:
    """One office setting as it applies in ``tahun`` (Data > Pengaturan kantor, CLI list).

    ``berlaku_sejak``: the effective year of the stored value in force (0 = always), None when
    nothing is stored and the default applies. ``dapat_diubah`` False with ``alasan`` when the
    value may not be changed for that year (the granularity of a prepared year).
    """

    kunci: str
    label: str
    tahun: int
    nilai: object
    bawaan: object
    berlaku_sejak: int | None
    dapat_diubah: bool
    alasan: str | None
    teks: str
