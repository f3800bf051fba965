"""Column specifications of the Excel workbooks offices fill in (pegawai, SKP, realisasi).

One :class:`Kolom` per column: the header printed in the template, the other headers accepted on
import (e-Kinerja BKN export names of domain.md §6, the names our own export writes, common
variants), the kind of value and the validation list. The headers are data formats, not UI
text: they stay Indonesian in every language, so a workbook filled in one language imports in
any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.scoring.periode import CaraAgregasi
from app.scoring.types import (
    GOLONGAN_PPPK,
    PANGKAT_PNS,
    Aspek,
    JenisJabatan,
    JenisKelamin,
    JenisPegawai,
    JenisRhk,
    Pendekatan,
    Perspektif,
    Polaritas,
)

TEKS = "teks"
NIP = "nip"
ANGKA = "angka"
TANGGAL = "tanggal"
BULAT = "bulat"
PERIODE = "periode"

# Units of measure offered in the SKP template (a suggestion list: other units may be typed).
SATUAN_UMUM: tuple[str, ...] = (
    "%", "Dokumen", "Laporan", "Kegiatan", "Orang", "Pasien", "Bayi", "Siswa", "Sekolah",
    "Desa", "Kali", "Berkas", "Surat", "Rekomendasi", "Paket", "Unit", "Hari", "Bulan",
    "Rupiah", "Indeks", "Nilai",
)  # fmt: skip


def daftar_pilihan_bawaan() -> dict[str, tuple[str, ...]]:
    """The validation lists every template carries, from the domain reference tables."""
    return {
        "jenis_pegawai": tuple(j.value for j in JenisPegawai),
        "jenis_kelamin": tuple(j.value for j in JenisKelamin),
        "golongan": (*PANGKAT_PNS, *GOLONGAN_PPPK),
        "jenis_jabatan": tuple(j.value for j in JenisJabatan),
        "pendekatan": tuple(p.value for p in Pendekatan),
        "jenis_rhk": tuple(j.value for j in JenisRhk),
        "aspek": tuple(a.value for a in Aspek),
        "perspektif": tuple(p.value for p in Perspektif),
        "satuan": SATUAN_UMUM,
        "polaritas": tuple(p.value for p in Polaritas),
        "cara_agregasi": tuple(c.value for c in CaraAgregasi),
        "ya_tidak": ("YA", "TIDAK"),
    }


# Lists where a typed value outside the list is allowed (Excel shows a warning, not a stop).
DAFTAR_SARAN = frozenset({"satuan", "organisasi", "periode"})


@dataclass(frozen=True)
class Kolom:
    """One column of an import workbook.

    Attributes:
        kunci: internal key (the service input field).
        judul: header written in the template (``*`` marks required columns).
        jenis: ``teks``, ``nip`` (text, 18 digits), ``angka`` (decimal), ``tanggal``, ``bulat``.
        wajib: the column must be present and filled.
        alias: other accepted headers (matched ignoring case, spaces and punctuation).
        daftar: name of the validation list, when there is one.
        lebar: column width in the template.
        keterangan: the line of the instructions sheet about this column.
    """

    kunci: str
    judul: str
    jenis: str = TEKS
    wajib: bool = False
    alias: tuple[str, ...] = ()
    daftar: str | None = None
    lebar: int = 16
    keterangan: str = ""

    @property
    def kunci_cocok(self) -> frozenset[str]:
        """Every normalised header that names this column."""
        return frozenset(normalisasi_judul(h) for h in (self.judul, self.kunci, *self.alias))


@dataclass(frozen=True)
class Lembar:
    """The data sheet of one kind of workbook."""

    jenis: str
    nama: str
    kolom: tuple[Kolom, ...]
    judul: str

    def kolom_by_kunci(self, kunci: str) -> Kolom:
        """The column with this key."""
        return next(k for k in self.kolom if k.kunci == kunci)


def normalisasi_judul(text: str) -> str:
    """Header as compared: lower case, letters and digits only (``NIP Pejabat Penilai *``)."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


PEGAWAI = Lembar(
    "pegawai",
    "Pegawai",
    (
        Kolom(
            "nip",
            "NIP *",
            NIP,
            True,
            ("nip pegawai", "ni pppk", "nip/ni pppk"),
            lebar=22,
            keterangan="18 digit, diketik sebagai teks (boleh berspasi: 19900215 201503 2 001).",
        ),
        Kolom(
            "nama",
            "Nama *",
            wajib=True,
            alias=("nama pegawai",),
            lebar=28,
            keterangan="Nama tanpa gelar.",
        ),
        Kolom("gelar_depan", "Gelar Depan", lebar=12, keterangan="Mis. dr., Ir., Drs."),
        Kolom("gelar_belakang", "Gelar Belakang", lebar=14, keterangan="Mis. S.Kep., M.Kes."),
        Kolom(
            "jenis_pegawai",
            "Jenis Pegawai *",
            wajib=True,
            daftar="jenis_pegawai",
            lebar=14,
            keterangan="PNS atau PPPK.",
        ),
        Kolom(
            "jenis_kelamin",
            "Jenis Kelamin",
            daftar="jenis_kelamin",
            lebar=14,
            keterangan="PRIA atau WANITA; kosong = dibaca dari digit ke-15 NIP.",
        ),
        Kolom(
            "golongan",
            "Golongan",
            daftar="golongan",
            alias=("golru", "gol", "golongan ruang", "pangkat/golongan"),
            lebar=11,
            keterangan="PNS: I/a ... IV/e; PPPK: I ... XVII.",
        ),
        Kolom(
            "jabatan",
            "Jabatan *",
            wajib=True,
            alias=("skp_jabatan", "nama jabatan"),
            lebar=32,
            keterangan="Nama jabatan, mis. Bidan Terampil.",
        ),
        Kolom(
            "jenis_jabatan",
            "Jenis Jabatan *",
            wajib=True,
            daftar="jenis_jabatan",
            alias=("skp_jenis_jabatan",),
            lebar=16,
            keterangan="JPT, ADMINISTRATOR, PENGAWAS, FUNGSIONAL atau PELAKSANA.",
        ),
        Kolom("jenjang", "Jenjang", lebar=14, keterangan="Jenjang jabatan fungsional (opsional)."),
        Kolom(
            "organisasi_kode",
            "Kode Unit Kerja *",
            wajib=True,
            daftar="organisasi",
            alias=("kode unit", "kode unor", "unor_kode", "kode organisasi"),
            lebar=16,
            keterangan="Kode unit kerja yang sudah terdaftar di Capaian (lihat lembar Daftar).",
        ),
        Kolom(
            "penilai_nip",
            "NIP Pejabat Penilai",
            NIP,
            alias=("pegawai_atasan_nip", "nip penilai", "nip atasan"),
            lebar=22,
            keterangan="NIP pejabat penilai; boleh pegawai yang ada di berkas ini juga.",
        ),
    ),
    "Data Pegawai",
)

SKP = Lembar(
    "skp",
    "SKP",
    (
        Kolom(
            "nip",
            "NIP *",
            NIP,
            True,
            ("nip pegawai",),
            lebar=22,
            keterangan="NIP pemilik SKP (sudah terdaftar), diketik sebagai teks.",
        ),
        Kolom(
            "tahun",
            "Tahun *",
            BULAT,
            True,
            ("tahun_skp",),
            lebar=8,
            keterangan="Tahun SKP, mis. 2026.",
        ),
        Kolom(
            "tanggal_mulai",
            "Tanggal Mulai",
            TANGGAL,
            alias=("periode_awal_skp",),
            lebar=14,
            keterangan="Kosong = 1 Januari. Tanggal Excel atau teks 2026-01-01 / 01/01/2026.",
        ),
        Kolom(
            "tanggal_selesai",
            "Tanggal Selesai",
            TANGGAL,
            alias=("periode_akhir_skp",),
            lebar=14,
            keterangan="Kosong = 31 Desember.",
        ),
        Kolom(
            "is_plt",
            "Plt/Plh",
            alias=("is_skp_plt_plh_pjb", "plt"),
            daftar="ya_tidak",
            lebar=8,
            keterangan="YA untuk SKP Plt/Plh di samping SKP reguler; kosong = TIDAK.",
        ),
        Kolom(
            "pendekatan",
            "Pendekatan",
            daftar="pendekatan",
            lebar=14,
            keterangan="KUANTITATIF (bawaan) atau KUALITATIF.",
        ),
        Kolom(
            "jenis_rhk",
            "Jenis RHK *",
            wajib=True,
            daftar="jenis_rhk",
            lebar=12,
            keterangan="UTAMA atau TAMBAHAN.",
        ),
        Kolom(
            "no_rhk",
            "No RHK *",
            BULAT,
            True,
            ("nomor rhk", "urutan rhk"),
            lebar=8,
            keterangan="Nomor urut RHK dalam jenisnya (1, 2, ...); baris indikator satu RHK "
            "memakai nomor yang sama.",
        ),
        Kolom(
            "rhk",
            "Rencana Hasil Kerja *",
            wajib=True,
            alias=("rhk uraian", "uraian rhk", "hasil kerja"),
            lebar=40,
            keterangan="Uraian RHK.",
        ),
        Kolom(
            "rhk_atasan",
            "RHK Pimpinan yang Diintervensi",
            alias=("rhk atasan", "rhk pimpinan"),
            lebar=40,
            keterangan="Tepat sama dengan uraian RHK pada SKP pejabat penilai (opsional).",
        ),
        Kolom(
            "penugasan_dari",
            "Penugasan Dari",
            lebar=20,
            keterangan="Untuk RHK tambahan atau JPT, mis. Bupati.",
        ),
        Kolom(
            "no_indikator",
            "No Indikator *",
            BULAT,
            True,
            ("nomor indikator", "no iki"),
            lebar=10,
            keterangan="Nomor urut indikator dalam RHK (1, 2, ...).",
        ),
        Kolom(
            "indikator",
            "Indikator Kinerja Individu *",
            wajib=True,
            alias=("iki", "indikator kinerja", "uraian indikator"),
            lebar=40,
            keterangan="Uraian IKI.",
        ),
        Kolom(
            "aspek",
            "Aspek",
            daftar="aspek",
            lebar=12,
            keterangan="KUANTITAS, KUALITAS, WAKTU atau BIAYA (wajib untuk SKP kuantitatif "
            "non-JPT).",
        ),
        Kolom(
            "perspektif",
            "Perspektif",
            daftar="perspektif",
            lebar=20,
            keterangan="Untuk JPT: PENERIMA_LAYANAN, PROSES_BISNIS, PENGUATAN_INTERNAL, ANGGARAN.",
        ),
        Kolom(
            "target",
            "Target",
            ANGKA,
            alias=("target angka", "target_angka"),
            lebar=10,
            keterangan="Angka; koma desimal boleh (95,5). Wajib untuk SKP kuantitatif.",
        ),
        Kolom(
            "satuan",
            "Satuan",
            daftar="satuan",
            lebar=12,
            keterangan="Satuan target, mis. Dokumen, %, Bulan (boleh satuan lain).",
        ),
        Kolom(
            "target_teks",
            "Target (Teks)",
            alias=("target teks",),
            lebar=16,
            keterangan="Target seperti tercetak; kosong = angka + satuan. Wajib untuk SKP "
            "kualitatif.",
        ),
        Kolom(
            "polaritas",
            "Polaritas",
            daftar="polaritas",
            lebar=12,
            keterangan="NAIK (makin tinggi makin baik, bawaan), TURUN atau TURUN_RASIO.",
        ),
        Kolom(
            "cara_agregasi",
            "Cara Agregasi",
            daftar="cara_agregasi",
            lebar=14,
            keterangan="JUMLAH (bawaan), RATA_RATA atau TERAKHIR.",
        ),
    ),
    "Rencana SKP (RHK, indikator, target)",
)

REALISASI = Lembar(
    "realisasi",
    "Realisasi",
    (
        Kolom(
            "nip",
            "NIP *",
            NIP,
            True,
            ("nip pegawai",),
            lebar=22,
            keterangan="NIP pemilik SKP, diketik sebagai teks.",
        ),
        Kolom(
            "nama",
            "Nama",
            alias=("nama pegawai",),
            lebar=26,
            keterangan="Hanya untuk dibaca; tidak diimpor.",
        ),
        Kolom(
            "periode",
            "Periode",
            PERIODE,
            alias=("periode kode", "bulan", "periode_kode"),
            daftar="periode",
            lebar=10,
            keterangan="Kode periode: 2026-03 (bulan), 2026-TW1, 2026-S1; kosong = --periode.",
        ),
        Kolom(
            "jenis_rhk",
            "Jenis RHK",
            daftar="jenis_rhk",
            lebar=12,
            keterangan="UTAMA (bawaan) atau TAMBAHAN.",
        ),
        Kolom(
            "no_rhk",
            "No RHK *",
            BULAT,
            True,
            ("nomor rhk",),
            lebar=8,
            keterangan="Nomor RHK seperti pada SKP.",
        ),
        Kolom(
            "rhk",
            "Rencana Hasil Kerja",
            alias=("uraian rhk",),
            lebar=36,
            keterangan="Hanya untuk dibaca.",
        ),
        Kolom(
            "no_indikator",
            "No Indikator *",
            BULAT,
            True,
            ("nomor indikator",),
            lebar=10,
            keterangan="Nomor indikator dalam RHK seperti pada SKP.",
        ),
        Kolom(
            "indikator",
            "Indikator Kinerja Individu",
            alias=("iki",),
            lebar=36,
            keterangan="Hanya untuk dibaca.",
        ),
        Kolom(
            "target", "Target", alias=("target_teks",), lebar=12, keterangan="Hanya untuk dibaca."
        ),
        Kolom(
            "realisasi",
            "Realisasi *",
            ANGKA,
            True,
            ("nilai", "nilai realisasi"),
            lebar=12,
            keterangan="Angka; koma desimal boleh (1.234,5). Kosong = baris dilewati.",
        ),
        Kolom(
            "uraian",
            "Uraian Realisasi",
            alias=("keterangan",),
            lebar=30,
            keterangan="Keterangan singkat (opsional).",
        ),
        Kolom("sumber_data", "Sumber Data", lebar=20, keterangan="Mis. Register kohort bayi."),
    ),
    "Realisasi per periode",
)

LEMBAR: dict[str, Lembar] = {x.jenis: x for x in (PEGAWAI, SKP, REALISASI)}
