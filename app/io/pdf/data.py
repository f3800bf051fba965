"""What the printed sheets show, as plain frozen data that a service fills (no ORM here).

The io layer may not import the models or the services, so every sheet is described by one of
these dataclasses: strings already formatted for print (Indonesian notation, official labels),
because the sheet prints what the service decided, nothing more. Each sheet's verification code
is computed from exactly these values (see :func:`app.io.pdf.common.kode_verifikasi`), so two
prints of the same data carry the same code and a changed value changes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Identitas:
    """The five identity rows of the forms: NAMA, NIP, PANGKAT/GOL RUANG, JABATAN, UNIT KERJA.

    ``nip`` is the bare 18 digits (or None for a political official such as the Bupati); the
    sheets print it grouped.
    """

    nama: str
    nip: str | None
    pangkat_golongan: str
    jabatan: str
    unit_kerja: str


@dataclass(frozen=True)
class Kop:
    """The sub-header of every sheet: who issues it and which span it covers.

    Attributes:
        instansi: ``PEMERINTAH KABUPATEN SABANGAU`` (printed in capitals).
        unit: the OPD or unit, e.g. ``DINAS KESEHATAN``.
        mulai: first day of the span assessed (the SKP's or the evaluation period's).
        selesai: last day of that span.
    """

    instansi: str
    unit: str
    mulai: date
    selesai: date


@dataclass(frozen=True)
class Ttd:
    """Place and date printed above the signatures (``Sabangau, 5 Januari 2027``)."""

    tempat: str
    tanggal: date


@dataclass(frozen=True)
class IndikatorBaris:
    """One IKI row: aspek (or perspektif for JPT), indicator, target, and realisasi if evaluated."""

    aspek: str
    uraian: str
    target: str
    realisasi: str = ""


@dataclass(frozen=True)
class RhkBaris:
    """One RHK with its indicators; ``rhk_atasan`` is the intervened RHK or ``penugasan dari``."""

    uraian: str
    rhk_atasan: str
    indikator: tuple[IndikatorBaris, ...]
    umpan_balik: str = ""


@dataclass(frozen=True)
class PerilakuBaris:
    """One BerAKHLAK value: name, its three panduan, the leader's ekspektasi, and feedback."""

    nilai: str
    panduan: tuple[str, ...]
    ekspektasi: str
    umpan_balik: str = ""


@dataclass(frozen=True)
class LampiranBagian:
    """A section of the Lampiran SKP (``DUKUNGAN SUMBER DAYA`` ...) and its numbered lines."""

    judul: str
    butir: tuple[str, ...]


@dataclass(frozen=True)
class SkpSheet:
    """The SKP planning sheet and its Lampiran (domain.md §4.1-§4.4).

    ``jpt`` switches to the layout for pimpinan tinggi (perspektif, ``penugasan dari``);
    ``kualitatif`` prints the indicators as a text block under each RHK. ``konsep`` marks an SKP
    that is not yet approved: the sheet then says so in its header, as it cannot be signed.
    """

    kop: Kop
    kualitatif: bool
    jpt: bool
    pegawai: Identitas
    penilai: Identitas
    utama: tuple[RhkBaris, ...]
    tambahan: tuple[RhkBaris, ...]
    perilaku: tuple[PerilakuBaris, ...]
    lampiran: tuple[LampiranBagian, ...]
    ttd: Ttd
    konsep: bool = False

    @property
    def jenis(self) -> str:
        """Sheet kind used in the verification code and the QR payload."""
        return "SKP"

    @property
    def subjek(self) -> str:
        """Who the sheet is about (NIP, or the name when there is none)."""
        return self.pegawai.nip or self.pegawai.nama

    @property
    def periode(self) -> str:
        """The span, ``2026-01-01..2026-12-31``."""
        return f"{self.kop.mulai.isoformat()}..{self.kop.selesai.isoformat()}"


@dataclass(frozen=True)
class EvaluasiSheet:
    """Evaluasi Kinerja Pegawai, periodic or annual (domain.md §4.5, JPT §4.3).

    Attributes:
        periode_label: what follows ``PERIODE:``: ``TRIWULAN I``, ``BULAN MARET``, ``AKHIR``.
        periode_kode: ``2026-TW1`` (for the QR payload).
        capaian_organisasi: the chosen value (``BAIK``) or None when not set ("-").
        distribusi: head-count per predikat of the unit in the period, from Sangat Kurang to
            Sangat Baik (the axis order of the official curve).
        rating_hasil, rating_perilaku, predikat: the penilai's choices as printed, or None.
        final: False while the evaluation is still a draft (the sheet says so).
    """

    kop: Kop
    kualitatif: bool
    jpt: bool
    periode_label: str
    periode_kode: str
    pegawai: Identitas
    penilai: Identitas
    capaian_organisasi: str | None
    distribusi: tuple[int, int, int, int, int]
    utama: tuple[RhkBaris, ...]
    tambahan: tuple[RhkBaris, ...]
    rating_hasil: str | None
    perilaku: tuple[PerilakuBaris, ...]
    rating_perilaku: str | None
    predikat: str | None
    ttd: Ttd
    final: bool = True

    @property
    def jenis(self) -> str:
        """Sheet kind used in the verification code and the QR payload."""
        return "EVALUASI"

    @property
    def subjek(self) -> str:
        """Who the sheet is about."""
        return self.pegawai.nip or self.pegawai.nama

    @property
    def periode(self) -> str:
        """The evaluation period code."""
        return self.periode_kode


@dataclass(frozen=True)
class DokumenEvaluasiSheet:
    """Dokumen Evaluasi Kinerja Pegawai, one page (domain.md §4.6)."""

    kop: Kop
    periode_label: str
    periode_kode: str
    pegawai: Identitas
    penilai: Identitas
    atasan_penilai: Identitas
    capaian_organisasi: str | None
    predikat: str | None
    catatan: str
    ttd: Ttd
    final: bool = True

    @property
    def jenis(self) -> str:
        """Sheet kind used in the verification code and the QR payload."""
        return "DOKUMEN_EVALUASI"

    @property
    def subjek(self) -> str:
        """Who the sheet is about."""
        return self.pegawai.nip or self.pegawai.nama

    @property
    def periode(self) -> str:
        """The evaluation period code."""
        return self.periode_kode


@dataclass(frozen=True)
class RekapBaris:
    """One employee on the unit recap."""

    nama: str
    nip: str | None
    jabatan: str
    pangkat_golongan: str
    unit: str
    capaian: str
    rating_hasil: str
    rating_perilaku: str
    predikat: str
    status: str


@dataclass(frozen=True)
class RekapSheet:
    """Recap of one unit's evaluations in a period, with the distribution against its capaian.

    ``penandatangan`` is the head of the unit when one is known; otherwise the sheet leaves a
    blank line for the name.
    """

    kop: Kop
    unit_kode: str
    periode_label: str
    periode_kode: str
    capaian_organisasi: str | None
    distribusi: tuple[int, int, int, int, int]
    baris: tuple[RekapBaris, ...]
    penandatangan: Identitas | None
    ttd: Ttd

    @property
    def jenis(self) -> str:
        """Sheet kind used in the verification code and the QR payload."""
        return "REKAP"

    @property
    def subjek(self) -> str:
        """The unit's kode."""
        return self.unit_kode

    @property
    def periode(self) -> str:
        """The evaluation period code."""
        return self.periode_kode


Sheet = SkpSheet | EvaluasiSheet | DokumenEvaluasiSheet | RekapSheet
"""Any printable sheet."""
