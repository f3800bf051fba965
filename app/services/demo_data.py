"""Static content of the Sabangau demo: names, organisation, jabatan, RHK and indikator templates.

Kept apart from the generator (:mod:`app.services.demo`) so the content can be read and corrected
by someone who knows how a kabupaten works without reading generation code. Everything here is
fictional but shaped after real SKP documents (domain.md §2.1, §5, §7): the Pemerintah Kabupaten
Sabangau of the founding document, its Dinas Kesehatan with puskesmas whose staff carry the
immunisation-coverage indicator, and its Dinas Pendidikan whose guru carry participation rates.

Template texts may contain ``{unit}``, ``{opd}``, ``{wilayah}``, ``{bidang}`` and ``{mapel}``;
the generator fills them per pegawai.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from app.scoring.periode import CaraAgregasi
from app.scoring.types import (
    Aspek,
    JenisJabatan,
    NilaiBerakhlak,
    Perspektif,
    Polaritas,
)

NAMA_PEMDA = "Pemerintah Kabupaten Sabangau"
TEMPAT = "Sabangau"
BUPATI = "Bupati Sabangau"
DRIVE = "https://drive.example.go.id"

# ----------------------------------------------------------------------------- templates


@dataclass(frozen=True)
class IndikatorTpl:
    """An indikator kinerja individu as it appears in many SKPs of one kind of jabatan.

    Attributes:
        uraian: The indicator text.
        target: Candidate annual targets (decimal strings); the generator picks one.
        satuan: Unit printed after the target ("Dokumen", "%", "Bulan").
        aspek: Aspek for JA/JF SKPs; None for JPT indicators, which use ``perspektif``.
        perspektif: Perspektif for JPT SKPs.
        cara: How monthly realisations combine (counts add up, rates average or the latest
            figure counts).
        polaritas: NAIK when more is better, TURUN for death rates and waiting times.
        persen: The realisation is a percentage and cannot exceed 100.
        sumber: Where the realisation comes from (``sumber_data``), when not the sector default.
    """

    uraian: str
    target: tuple[str, ...]
    satuan: str
    aspek: Aspek | None = Aspek.KUANTITAS
    perspektif: Perspektif | None = None
    cara: CaraAgregasi = CaraAgregasi.JUMLAH
    polaritas: Polaritas = Polaritas.NAIK
    persen: bool = False
    sumber: str | None = None


@dataclass(frozen=True)
class RhkTpl:
    """A Rencana Hasil Kerja with its indicators.

    Attributes:
        uraian: The RHK text.
        indikator: Two or three indicators (kuantitas, kualitas, waktu).
        tag: Theme shared with the superior's RHK it should intervene ("imunisasi"); RHKs
            without a matching theme are spread over the superior's RHKs in turn.
    """

    uraian: str
    indikator: tuple[IndikatorTpl, ...]
    tag: str = ""


def _targets(target: int | str | tuple[int | str, ...]) -> tuple[str, ...]:
    items = target if isinstance(target, tuple) else (target,)
    return tuple(str(Decimal(str(t))) for t in items)


def jumlah(
    uraian: str, target: int | tuple[int, ...], satuan: str, *, sumber: str | None = None
) -> IndikatorTpl:
    """A kuantitas indicator that is counted and summed over the months ("Jumlah …")."""
    return IndikatorTpl(uraian, _targets(target), satuan, sumber=sumber)


def persen(
    uraian: str,
    target: int | str | tuple[int | str, ...],
    *,
    cara: CaraAgregasi = CaraAgregasi.RATA_RATA,
    turun: bool = False,
    sumber: str | None = None,
) -> IndikatorTpl:
    """A kualitas indicator measured as a percentage each month ("Persentase …")."""
    return IndikatorTpl(
        uraian,
        _targets(target),
        "%",
        aspek=Aspek.KUALITAS,
        cara=cara,
        polaritas=Polaritas.TURUN if turun else Polaritas.NAIK,
        persen=not turun,
        sumber=sumber,
    )


def nilai(
    uraian: str,
    target: int | str | tuple[int | str, ...],
    satuan: str,
    *,
    cara: CaraAgregasi = CaraAgregasi.TERAKHIR,
    turun: bool = False,
) -> IndikatorTpl:
    """A kualitas indicator that is an index or a rate, not a percentage ("Indeks …")."""
    return IndikatorTpl(
        uraian,
        _targets(target),
        satuan,
        aspek=Aspek.KUALITAS,
        cara=cara,
        polaritas=Polaritas.TURUN if turun else Polaritas.NAIK,
    )


def waktu(
    uraian: str,
    target: int = 12,
    satuan: str = "Bulan",
    *,
    cara: CaraAgregasi = CaraAgregasi.TERAKHIR,
) -> IndikatorTpl:
    """A waktu indicator: the time needed, so less is better (polaritas TURUN).

    Monthly entries hold the projected (``Bulan``) or average (``Hari``, ``Menit``) time, so the
    latest or the mean value is compared with the target without pro-rating.
    """
    return IndikatorTpl(
        uraian, _targets(target), satuan, aspek=Aspek.WAKTU, cara=cara, polaritas=Polaritas.TURUN
    )


def jpt(perspektif: Perspektif, indikator: IndikatorTpl) -> IndikatorTpl:
    """The same indicator grouped by perspektif, as JPT SKPs require (domain.md §3.7)."""
    return replace(indikator, aspek=None, perspektif=perspektif)


WAKTU_UMUM = waktu("Waktu penyelesaian hasil kerja sesuai rencana aksi")
"""The waktu indicator most JA/JF RHKs carry beside kuantitas and kualitas (domain.md §2.1)."""

PL = Perspektif.PENERIMA_LAYANAN
PB = Perspektif.PROSES_BISNIS
PI = Perspektif.PENGUATAN_INTERNAL
AG = Perspektif.ANGGARAN

IMUNISASI = "Persentase bayi usia 0–11 bulan dengan imunisasi dasar lengkap"
SUMBER_IMUNISASI = "Register kohort bayi dan laporan PWS imunisasi"


# ----------------------------------------------------------------------------- jabatan


JENJANG_PNS: dict[str, tuple[str, ...]] = {
    "Ahli Pertama": ("III/a", "III/b"),
    "Ahli Muda": ("III/c", "III/d"),
    "Ahli Madya": ("IV/a", "IV/b", "IV/c"),
    "Pemula": ("II/a",),
    "Terampil": ("II/b", "II/c", "II/d"),
    "Mahir": ("III/a", "III/b"),
    "Penyelia": ("III/c", "III/d"),
}
"""Golongan that fit each JF jenjang for PNS (domain.md §5.5)."""

JENJANG_PPPK: dict[str, tuple[str, ...]] = {
    "Ahli Pertama": ("IX",),
    "Ahli Muda": ("X",),
    "Ahli Madya": ("XI",),
    "Pemula": ("V",),
    "Terampil": ("VII",),
    "Mahir": ("VIII",),
    "Penyelia": ("VIII",),
}
"""PPPK golongan by jenjang (Perpres 98/2020: S1 → IX, D3 → VII)."""

MASA_KERJA: dict[str, tuple[int, int]] = {
    "II/a": (1, 4),
    "II/b": (3, 8),
    "II/c": (6, 12),
    "II/d": (10, 20),
    "III/a": (1, 5),
    "III/b": (4, 10),
    "III/c": (8, 16),
    "III/d": (12, 22),
    "IV/a": (14, 24),
    "IV/b": (18, 28),
    "IV/c": (20, 30),
    "IV/d": (24, 32),
    "IV/e": (28, 34),
}
"""Years of service (at the demo year) plausible for each PNS golongan, for the NIP's TMT."""

ANGKATAN_PPPK = (2019, 2021, 2022, 2023, 2024, 2025)
"""Years in which pemda appointed PPPK (the NI PPPK carries the year, not a month)."""

Gelar = tuple[str | None, str | None]


@dataclass(frozen=True)
class Peran:
    """A kind of jabatan: how it is named, its rank, its titles and the RHKs it usually has.

    Attributes:
        jabatan: Name template, e.g. ``Perawat {jenjang}`` or ``Kepala {unit}``.
        jenis: Jenis jabatan (domain.md §5.5).
        rhk: RHK utama templates; 3–5 of them make an SKP.
        golongan: PNS golongan choices for jabatan without a JF jenjang.
        jenjang: JF jenjang choices (repeat one to make it likelier).
        pppk: Share of holders who are PPPK rather than PNS.
        golongan_pppk: PPPK golongan for jabatan without a JF jenjang.
        gelar: (gelar depan, gelar belakang) choices fitting the education the jabatan needs.
        wanita: Share of women.
        sektor: ``kesehatan``, ``pendidikan`` or ``umum``: picks evidence names and phrases.
        tambahan: RHK tambahan that may be assigned on top.
        gelar_terampil: Titles for holders of a keterampilan jenjang (diploma), when they
            differ from ``gelar``.
    """

    jabatan: str
    jenis: JenisJabatan
    rhk: tuple[RhkTpl, ...]
    golongan: tuple[str, ...] = ()
    jenjang: tuple[str, ...] = ()
    pppk: float = 0.0
    golongan_pppk: tuple[str, ...] = ("V", "VII")
    gelar: tuple[Gelar, ...] = ((None, None),)
    wanita: float = 0.5
    sektor: str = "umum"
    tambahan: tuple[RhkTpl, ...] = ()
    gelar_terampil: tuple[Gelar, ...] = ()


JENJANG_KETERAMPILAN = ("Pemula", "Terampil", "Mahir", "Penyelia")
"""Jenjang of JF keterampilan, held with a diploma (A.Md.) rather than a bachelor's degree."""

GELAR_ADMINISTRASI: tuple[Gelar, ...] = (
    (None, "S.E."),
    (None, "S.Sos."),
    (None, "S.H."),
    (None, "S.STP"),
    (None, "S.IP."),
    (None, "S.Kom."),
    (None, "S.AP."),
    (None, "S.E., M.M."),
    (None, "S.Sos., M.Si."),
    (None, "S.H., M.H."),
    (None, "S.STP, M.A.P."),
    (None, "S.T., M.T."),
)
GELAR_PIMPINAN: tuple[Gelar, ...] = (
    (None, "S.E., M.M."),
    (None, "S.Sos., M.Si."),
    (None, "S.H., M.H."),
    ("Dr.", "S.STP, M.Si."),
    (None, "S.T., M.T."),
    ("Ir.", "M.Si."),
    (None, "S.P., M.P."),
    (None, "S.IP., M.A.P."),
)
GELAR_PELAKSANA: tuple[Gelar, ...] = (
    (None, None),
    (None, None),
    (None, "A.Md."),
    (None, "S.E."),
    (None, "S.Kom."),
    (None, "S.Sos."),
)

# --------------------------------------------------------------------- shared RHK (all sectors)

RHK_SEKRETARIS = (
    RhkTpl(
        "Terlaksananya perencanaan, penganggaran, dan pelaporan kinerja {opd} yang akuntabel",
        (
            jumlah(
                "Jumlah dokumen perencanaan dan laporan kinerja yang disusun", (24, 36), "Dokumen"
            ),
            persen("Persentase dokumen perencanaan yang disusun sesuai ketentuan", (85, 90)),
            waktu("Waktu penyelesaian Laporan Kinerja Instansi Pemerintah"),
        ),
        "tatakelola",
    ),
    RhkTpl(
        "Terlaksananya pengelolaan keuangan dan barang milik daerah {opd} yang tertib",
        (
            jumlah("Jumlah laporan keuangan dan BMD yang disusun", (24, 36), "Laporan"),
            persen("Persentase realisasi anggaran terhadap rencana penarikan dana", (90, 95)),
        ),
        "tatakelola",
    ),
    RhkTpl(
        "Terselenggaranya pelayanan administrasi umum dan kepegawaian {opd}",
        (
            jumlah("Jumlah layanan administrasi umum dan kepegawaian", (480, 600), "Layanan"),
            persen("Persentase layanan kepegawaian yang diselesaikan sesuai SOP", (85, 90)),
        ),
        "tatakelola",
    ),
    RhkTpl(
        "Terkoordinasinya penyusunan Perjanjian Kinerja dan rencana aksi {opd}",
        (
            jumlah(
                "Jumlah rapat koordinasi dan evaluasi kinerja yang difasilitasi", 24, "Kegiatan"
            ),
            persen("Persentase rencana aksi yang dipantau setiap bulan", 90),
        ),
    ),
)

RHK_KASUBBAG = (
    RhkTpl(
        "Terlaksananya pelayanan administrasi persuratan dan kearsipan {opd}",
        (
            jumlah("Jumlah naskah dinas yang diproses", (1200, 1800), "Naskah"),
            persen("Persentase naskah dinas yang diproses pada hari yang sama", (85, 90)),
        ),
        "tatakelola",
    ),
    RhkTpl(
        "Terlaksananya administrasi kepegawaian {opd} yang tertib",
        (
            jumlah("Jumlah usulan layanan kepegawaian yang diproses", (120, 240), "Usulan"),
            persen("Persentase data kepegawaian SIASN yang mutakhir", (85, 90)),
            waktu(
                "Rata-rata waktu penyelesaian usulan layanan kepegawaian",
                5,
                "Hari",
                cara=CaraAgregasi.RATA_RATA,
            ),
        ),
        "tatakelola",
    ),
    RhkTpl(
        "Terpeliharanya sarana, prasarana, dan barang milik daerah {opd}",
        (
            jumlah("Jumlah barang milik daerah yang diinventarisasi", (240, 360), "Unit"),
            persen("Persentase kendaraan dinas yang terpelihara layak jalan", (85, 90)),
        ),
    ),
)

RHK_KABID_UMUM = (
    RhkTpl(
        "Terlaksananya program dan kegiatan {bidang} sesuai rencana kinerja",
        (
            jumlah("Jumlah kegiatan {bidang} yang dilaksanakan", (48, 60), "Kegiatan"),
            persen("Persentase capaian target kinerja kegiatan {bidang}", (85, 90)),
            waktu("Waktu penyelesaian laporan kinerja bidang"),
        ),
    ),
    RhkTpl(
        "Tersusunnya kebijakan teknis dan rekomendasi {bidang}",
        (
            jumlah("Jumlah rekomendasi kebijakan teknis yang disampaikan", (24, 36), "Rekomendasi"),
            persen("Persentase rekomendasi yang ditindaklanjuti pimpinan", (75, 80)),
        ),
    ),
    RhkTpl(
        "Terlaksananya pembinaan dan pengawasan {bidang} di Kabupaten Sabangau",
        (
            jumlah("Jumlah kegiatan pembinaan dan pengawasan lapangan", (36, 48), "Kegiatan"),
            persen("Persentase temuan pembinaan yang ditindaklanjuti", (80, 85)),
        ),
    ),
    RhkTpl(
        "Terkelolanya anggaran kegiatan {bidang} secara akuntabel",
        (
            jumlah("Jumlah laporan realisasi kegiatan yang disusun", 24, "Laporan"),
            persen("Persentase realisasi anggaran kegiatan bidang", (90, 95)),
        ),
    ),
)

RHK_JF_UMUM = (
    RhkTpl(
        "Tersusunnya kajian dan telaahan {bidang}",
        (
            jumlah("Jumlah kajian dan telaahan staf yang disusun", (24, 36), "Dokumen"),
            persen("Persentase telaahan yang diterima pimpinan tanpa revisi mayor", (80, 85)),
        ),
    ),
    RhkTpl(
        "Terlaksananya pengolahan data dan informasi {bidang}",
        (
            jumlah("Jumlah laporan pengolahan data yang disusun", (24, 48), "Laporan"),
            persen("Persentase data yang valid dan mutakhir", (85, 90)),
            waktu("Waktu penyelesaian basis data {bidang}"),
        ),
    ),
    RhkTpl(
        "Terlaksananya fasilitasi dan pendampingan {bidang} kepada pemangku kepentingan",
        (
            jumlah("Jumlah kegiatan fasilitasi dan pendampingan", (36, 48), "Kegiatan"),
            nilai("Indeks kepuasan peserta fasilitasi", (80, 85), "Nilai"),
        ),
    ),
    RhkTpl(
        "Terlaksananya monitoring dan evaluasi pelaksanaan {bidang}",
        (
            jumlah("Jumlah laporan monitoring dan evaluasi", 24, "Laporan"),
            persen("Persentase rekomendasi monev yang ditindaklanjuti", (75, 80)),
        ),
    ),
)

RHK_PELAKSANA = (
    RhkTpl(
        "Terlaksananya pengadministrasian surat masuk dan surat keluar {unit}",
        (
            jumlah("Jumlah surat yang diagendakan dan didistribusikan", (1200, 1800), "Surat"),
            persen("Persentase surat yang didistribusikan pada hari yang sama", (90, 95)),
        ),
        "tatakelola",
    ),
    RhkTpl(
        "Terlaksananya penginputan dan pemutakhiran data pada aplikasi {unit}",
        (
            jumlah("Jumlah data yang diinput dan dimutakhirkan", (2400, 3600), "Data"),
            persen("Persentase data yang diinput tanpa kesalahan", (90, 95)),
        ),
    ),
    RhkTpl(
        "Tersedianya dokumen administrasi kegiatan {unit}",
        (
            jumlah("Jumlah berkas administrasi kegiatan yang disiapkan", (120, 240), "Berkas"),
            persen("Persentase berkas yang lengkap saat diverifikasi", (85, 90)),
        ),
    ),
    RhkTpl(
        "Terlaksananya pelayanan informasi dan penerimaan tamu {unit}",
        (
            jumlah("Jumlah layanan informasi yang diberikan", (600, 900), "Layanan"),
            waktu(
                "Rata-rata waktu tanggap layanan informasi",
                15,
                "Menit",
                cara=CaraAgregasi.RATA_RATA,
            ),
        ),
    ),
)

RHK_TAMBAHAN = (
    RhkTpl(
        "Melaksanakan tugas sebagai pengelola media sosial dan laman unit kerja",
        (jumlah("Jumlah konten informasi yang dipublikasikan", (48, 72), "Konten"),),
    ),
    RhkTpl(
        "Melaksanakan tugas sebagai bendahara pengeluaran pembantu",
        (
            jumlah("Jumlah surat pertanggungjawaban yang disusun", (24, 36), "Dokumen"),
            persen("Persentase SPJ yang diverifikasi tanpa koreksi", 90),
        ),
    ),
    RhkTpl(
        "Melaksanakan tugas sebagai anggota tim penyusun Laporan Kinerja",
        (jumlah("Jumlah rapat tim penyusun yang diikuti", 12, "Kegiatan"),),
    ),
)

RHK_JPT_TATAKELOLA = RhkTpl(
    "Meningkatnya akuntabilitas kinerja dan keuangan {opd}",
    (
        jpt(PI, nilai("Nilai evaluasi SAKIP {opd}", (70, 72), "Nilai")),
        jpt(AG, persen("Persentase realisasi anggaran {opd}", (92, 95))),
    ),
    "tatakelola",
)

RHK_JPT_TAMBAHAN = (
    RhkTpl(
        "Terlaksananya tugas sebagai anggota Tim Percepatan Penurunan Stunting Kabupaten",
        (jpt(PB, jumlah("Jumlah rapat koordinasi TPPS yang diikuti", 12, "Kegiatan")),),
    ),
    RhkTpl(
        "Terlaksananya tugas sebagai anggota Tim Reformasi Birokrasi Kabupaten",
        (jpt(PI, jumlah("Jumlah rencana aksi reformasi birokrasi yang dikawal", 12, "Dokumen")),),
    ),
)

# ------------------------------------------------------------------------------- structural

KEPALA_OPD = Peran(
    "{kepala}",
    JenisJabatan.JPT,
    (),  # the OPD's own Perjanjian Kinerja supplies the RHKs
    golongan=("IV/b", "IV/c", "IV/c", "IV/d"),
    gelar=GELAR_PIMPINAN,
    wanita=0.3,
    tambahan=RHK_JPT_TAMBAHAN,
)
SEKRETARIS = Peran(
    "Sekretaris {opd}",
    JenisJabatan.ADMINISTRATOR,
    RHK_SEKRETARIS,
    golongan=("IV/a", "IV/b", "IV/b"),
    gelar=GELAR_PIMPINAN,
    wanita=0.4,
)
KASUBBAG = Peran(
    "Kepala Subbagian Umum dan Kepegawaian",
    JenisJabatan.PENGAWAS,
    RHK_KASUBBAG,
    golongan=("III/c", "III/d", "III/d"),
    gelar=GELAR_ADMINISTRASI,
    wanita=0.5,
    tambahan=RHK_TAMBAHAN,
)
KABID = Peran(
    "Kepala {unit}",
    JenisJabatan.ADMINISTRATOR,
    RHK_KABID_UMUM,
    golongan=("III/d", "IV/a", "IV/a", "IV/b"),
    gelar=GELAR_PIMPINAN,
    wanita=0.4,
)
PELAKSANA = Peran(
    "{pelaksana}",
    JenisJabatan.PELAKSANA,
    RHK_PELAKSANA,
    golongan=("II/a", "II/b", "II/c", "II/d", "III/a", "III/b"),
    pppk=0.25,
    gelar=GELAR_PELAKSANA,
    wanita=0.5,
    tambahan=RHK_TAMBAHAN,
)
JF_UMUM = Peran(
    "{jf} {jenjang}",
    JenisJabatan.FUNGSIONAL,
    RHK_JF_UMUM,
    jenjang=("Ahli Pertama", "Ahli Pertama", "Ahli Muda", "Ahli Muda", "Ahli Madya"),
    pppk=0.25,
    gelar=GELAR_ADMINISTRASI,
    wanita=0.5,
    tambahan=RHK_TAMBAHAN,
)

PELAKSANA_JABATAN = (
    "Pengadministrasi Perkantoran",
    "Pengolah Data dan Informasi",
    "Penelaah Teknis Kebijakan",
    "Operator Layanan Operasional",
    "Pengelola Layanan Operasional",
    "Penata Layanan Operasional",
    "Pengelola Umum Operasional",
)

# ------------------------------------------------------------------------- Sekretariat Daerah

SEKDA_RHK = (
    RhkTpl(
        "Meningkatnya kualitas tata kelola pemerintahan Kabupaten Sabangau",
        (
            jpt(PB, nilai("Indeks Reformasi Birokrasi Kabupaten Sabangau", (65, 68), "Nilai")),
            jpt(PI, nilai("Nilai SAKIP Pemerintah Kabupaten Sabangau", (70, 72), "Nilai")),
        ),
        "tatakelola",
    ),
    RhkTpl(
        "Meningkatnya kualitas pelayanan publik perangkat daerah",
        (
            jpt(PL, nilai("Indeks Kepuasan Masyarakat Kabupaten Sabangau", (82, 85), "Nilai")),
            jpt(PL, persen("Persentase pengaduan masyarakat yang ditindaklanjuti", (85, 90))),
        ),
        "pelayanan",
    ),
    RhkTpl(
        "Terkoordinasinya penyelenggaraan urusan pemerintahan oleh perangkat daerah",
        (
            jpt(
                PB,
                persen(
                    "Persentase perangkat daerah dengan capaian kinerja minimal Baik",
                    85,
                    cara=CaraAgregasi.TERAKHIR,
                ),
            ),
            jpt(AG, persen("Persentase realisasi belanja APBD Kabupaten Sabangau", (92, 95))),
        ),
        "koordinasi",
    ),
)
SEKDA = Peran(
    "Sekretaris Daerah",
    JenisJabatan.JPT,
    SEKDA_RHK,
    golongan=("IV/d",),
    gelar=(("Dr.", "S.STP, M.Si."), (None, "S.H., M.H."), ("Ir.", "M.T.")),
    wanita=0.2,
)
ASISTEN = Peran(
    "{kepala}",
    JenisJabatan.JPT,
    (
        RhkTpl(
            "Terkoordinasinya perumusan kebijakan bidang {bidang}",
            (
                jpt(PB, jumlah("Jumlah rancangan kebijakan yang dikoordinasikan", 24, "Dokumen")),
                jpt(PL, persen("Persentase rekomendasi kebijakan yang ditetapkan", (80, 85))),
            ),
            "koordinasi",
        ),
        RhkTpl(
            "Terlaksananya pembinaan perangkat daerah lingkup {bidang}",
            (
                jpt(PB, jumlah("Jumlah rapat evaluasi kinerja perangkat daerah", 12, "Kegiatan")),
                jpt(
                    PI,
                    persen(
                        "Persentase perangkat daerah binaan dengan SAKIP minimal B",
                        80,
                        cara=CaraAgregasi.TERAKHIR,
                    ),
                ),
            ),
            "tatakelola",
        ),
        RhkTpl(
            "Meningkatnya kualitas pelayanan publik lingkup {bidang}",
            (
                jpt(PL, nilai("Indeks kepuasan masyarakat perangkat daerah binaan", 82, "Nilai")),
                jpt(AG, persen("Persentase realisasi anggaran perangkat daerah binaan", 92)),
            ),
            "pelayanan",
        ),
    ),
    golongan=("IV/c", "IV/c", "IV/d"),
    gelar=GELAR_PIMPINAN,
    wanita=0.3,
)
ASISTEN_BAGIAN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Asisten Pemerintahan dan Kesejahteraan Rakyat",
        "pemerintahan dan kesejahteraan rakyat",
        ("Bagian Tata Pemerintahan", "Bagian Hukum", "Bagian Kesejahteraan Rakyat"),
    ),
    (
        "Asisten Perekonomian dan Pembangunan",
        "perekonomian dan pembangunan",
        (
            "Bagian Perekonomian dan Sumber Daya Alam",
            "Bagian Administrasi Pembangunan",
            "Bagian Pengadaan Barang dan Jasa",
        ),
    ),
    (
        "Asisten Administrasi Umum",
        "administrasi umum",
        ("Bagian Organisasi", "Bagian Umum", "Bagian Protokol dan Komunikasi Pimpinan"),
    ),
)
JF_SETDA = (
    "Analis Hukum",
    "Perancang Peraturan Perundang-undangan",
    "Analis Kebijakan",
    "Pengelola Pengadaan Barang/Jasa",
    "Pranata Hubungan Masyarakat",
    "Analis Keuangan Pusat dan Daerah",
)

GELAR_JF: dict[str, tuple[Gelar, ...]] = {
    "Administrator Kesehatan": (
        (None, "S.K.M."),
        (None, "S.K.M., M.Kes."),
        (None, "S.Kep., M.Kes."),
    ),
    "Epidemiolog Kesehatan": ((None, "S.K.M."), (None, "S.K.M., M.Epid.")),
    "Entomolog Kesehatan": ((None, "S.Si."), (None, "S.K.M.")),
    "Pengawas Sekolah": ((None, "S.Pd., M.Pd."),),
    "Pamong Belajar": ((None, "S.Pd."),),
    "Penilik": ((None, "S.Pd."), (None, "S.Pd., M.Pd.")),
    "Analis Hukum": ((None, "S.H."), (None, "S.H., M.H.")),
    "Perancang Peraturan Perundang-undangan": ((None, "S.H."), (None, "S.H., M.H.")),
    "Auditor": ((None, "S.E."), (None, "S.E., Ak."), (None, "S.E., M.Ak.")),
    "Pranata Komputer": ((None, "S.Kom."), (None, "S.T."), (None, "S.Kom., M.Kom.")),
    "Teknik Jalan dan Jembatan": ((None, "S.T."), (None, "S.T., M.T.")),
    "Teknik Pengairan": ((None, "S.T."), (None, "S.T., M.T.")),
    "Teknik Penyehatan Lingkungan": ((None, "S.T."),),
    "Penata Bangunan Gedung": ((None, "S.T."),),
    "Penata Ruang": ((None, "S.T."), (None, "S.PWK.")),
    "Penyuluh Pertanian": ((None, "S.P."), (None, "S.P., M.P."), (None, "S.ST.")),
    "Pengendali Organisme Pengganggu Tumbuhan": ((None, "S.P."),),
    "Pengawas Benih Tanaman": ((None, "S.P."),),
    "Pengawas Mutu Hasil Pertanian": ((None, "S.P."), (None, "S.TP.")),
    "Analis Ketahanan Pangan": ((None, "S.P."), (None, "S.TP.")),
    "Medik Veteriner": (("drh.", None),),
    "Paramedik Veteriner": ((None, "S.Pt."),),
    "Penyuluh Perikanan": ((None, "S.Pi."),),
    "Pengawas Perikanan": ((None, "S.Pi."),),
    "Statistisi": ((None, "S.Si."), (None, "S.Stat.")),
    "Pustakawan": ((None, "S.IP."), (None, "S.Hum.")),
    "Arsiparis": ((None, "S.IP."), (None, "S.Sos.")),
    "Pekerja Sosial": ((None, "S.Sos."), (None, "S.Tr.Sos.")),
    "Penyuluh Sosial": ((None, "S.Sos."),),
    "Perencana": ((None, "S.E."), (None, "S.T."), (None, "S.E., M.Si.")),
    "Peneliti": ((None, "S.Si., M.Si."), (None, "S.E., M.E.")),
    "Pengendali Dampak Lingkungan": ((None, "S.Si."), (None, "S.T.")),
    "Pengawas Lingkungan Hidup": ((None, "S.Si."), (None, "S.T.")),
    "Analis Keuangan Pusat dan Daerah": ((None, "S.E."), (None, "S.Ak.")),
    "Pemadam Kebakaran": ((None, "S.T."), (None, "S.Sos.")),
    "Polisi Pamong Praja": ((None, "S.H."), (None, "S.Sos.")),
}
"""Titles fitting the degree a functional jabatan asks for (others use ``GELAR_ADMINISTRASI``)."""

# ------------------------------------------------------------------------------- Kesehatan

SUMBER_KESEHATAN = "Laporan bulanan puskesmas (SIMPUS)"

DINKES_RHK = (
    RhkTpl(
        "Meningkatnya derajat kesehatan masyarakat Kabupaten Sabangau",
        (
            jpt(
                PL,
                nilai(
                    "Angka kematian bayi per 1.000 kelahiran hidup",
                    (7, 8),
                    "per 1.000 KH",
                    turun=True,
                ),
            ),
            jpt(
                PL,
                persen(
                    "Prevalensi balita stunting", (14, 16), cara=CaraAgregasi.TERAKHIR, turun=True
                ),
            ),
        ),
        "derajat",
    ),
    RhkTpl(
        "Meningkatnya cakupan imunisasi dan pelayanan kesehatan dasar",
        (
            jpt(PL, persen(IMUNISASI, 95, sumber=SUMBER_IMUNISASI)),
            jpt(
                PB,
                persen(
                    "Persentase puskesmas terakreditasi paripurna", 60, cara=CaraAgregasi.TERAKHIR
                ),
            ),
        ),
        "imunisasi",
    ),
    RhkTpl(
        "Terkendalinya penyakit menular dan tidak menular",
        (
            jpt(PL, persen("Angka keberhasilan pengobatan TBC", 90)),
            jpt(
                PL,
                persen(
                    "Persentase penderita hipertensi yang mendapat pelayanan sesuai standar",
                    (80, 85),
                ),
            ),
        ),
        "p2p",
    ),
    RHK_JPT_TATAKELOLA,
)
DINKES_BIDANG: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Bidang Kesehatan Masyarakat",
        "imunisasi",
        ("Nutrisionis", "Penyuluh Kesehatan Masyarakat", "Administrator Kesehatan"),
    ),
    (
        "Bidang Pencegahan dan Pengendalian Penyakit",
        "p2p",
        ("Epidemiolog Kesehatan", "Sanitarian", "Entomolog Kesehatan"),
    ),
    (
        "Bidang Pelayanan Kesehatan",
        "mutu",
        ("Administrator Kesehatan", "Apoteker", "Perekam Medis"),
    ),
    (
        "Bidang Sumber Daya Kesehatan",
        "mutu",
        ("Administrator Kesehatan", "Perencana", "Pranata Laboratorium Kesehatan"),
    ),
)
KABID_KESEHATAN: dict[str, tuple[RhkTpl, ...]] = {
    "imunisasi": (
        RhkTpl(
            "Meningkatnya cakupan imunisasi dasar lengkap di Kabupaten Sabangau",
            (
                persen(IMUNISASI, 95, sumber=SUMBER_IMUNISASI),
                jumlah(
                    "Jumlah supervisi suportif program imunisasi ke puskesmas", (60, 72), "Kegiatan"
                ),
            ),
            "imunisasi",
        ),
        RhkTpl(
            "Menurunnya prevalensi balita stunting",
            (
                persen(
                    "Prevalensi balita stunting", (14, 16), cara=CaraAgregasi.TERAKHIR, turun=True
                ),
                jumlah(
                    "Jumlah balita gizi kurang yang mendapat PMT pemulihan", (360, 480), "Orang"
                ),
            ),
            "derajat",
        ),
        RhkTpl(
            "Meningkatnya kesehatan ibu dan anak",
            (
                persen("Persentase ibu hamil yang mendapat pelayanan antenatal K6", (85, 90)),
                nilai(
                    "Angka kematian bayi per 1.000 kelahiran hidup", 8, "per 1.000 KH", turun=True
                ),
            ),
            "derajat",
        ),
    ),
    "p2p": (
        RhkTpl(
            "Terkendalinya penyakit menular di Kabupaten Sabangau",
            (
                persen("Angka keberhasilan pengobatan TBC", 90),
                jumlah("Jumlah penyelidikan epidemiologi yang dilaksanakan", (48, 60), "Kegiatan"),
                waktu(
                    "Rata-rata waktu respon kejadian luar biasa",
                    24,
                    "Jam",
                    cara=CaraAgregasi.RATA_RATA,
                ),
            ),
            "p2p",
        ),
        RhkTpl(
            "Meningkatnya pelayanan penyakit tidak menular sesuai standar",
            (
                persen(
                    "Persentase penderita hipertensi yang mendapat pelayanan sesuai standar",
                    (80, 85),
                ),
                persen(
                    "Persentase penderita diabetes melitus yang mendapat pelayanan sesuai standar",
                    (80, 85),
                ),
            ),
            "p2p",
        ),
        RhkTpl(
            "Meningkatnya kualitas kesehatan lingkungan",
            (
                persen(
                    "Persentase desa/kelurahan yang melaksanakan STBM",
                    (70, 75),
                    cara=CaraAgregasi.TERAKHIR,
                ),
                jumlah("Jumlah inspeksi kesehatan lingkungan tempat umum", (240, 360), "Lokasi"),
            ),
            "derajat",
        ),
    ),
    "mutu": (
        RhkTpl(
            "Meningkatnya mutu pelayanan kesehatan primer dan rujukan",
            (
                persen(
                    "Persentase puskesmas terakreditasi paripurna", 60, cara=CaraAgregasi.TERAKHIR
                ),
                jumlah(
                    "Jumlah pembinaan mutu dan keselamatan pasien ke fasyankes",
                    (48, 60),
                    "Kegiatan",
                ),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terjaminnya ketersediaan obat dan perbekalan kesehatan",
            (
                persen("Persentase ketersediaan obat esensial di puskesmas", (90, 95)),
                jumlah("Jumlah distribusi obat dan vaksin ke puskesmas", (360, 480), "Kali"),
            ),
            "imunisasi",
        ),
        RhkTpl(
            "Meningkatnya kepesertaan jaminan kesehatan masyarakat",
            (
                persen(
                    "Persentase penduduk yang menjadi peserta JKN aktif",
                    (85, 90),
                    cara=CaraAgregasi.TERAKHIR,
                ),
                jumlah(
                    "Jumlah verifikasi data penerima bantuan iuran daerah", (2400, 3600), "Data"
                ),
            ),
            "mutu",
        ),
    ),
}

KEPALA_PUSKESMAS_RHK = (
    RhkTpl(
        "Meningkatnya cakupan imunisasi dasar lengkap di wilayah kerja {unit}",
        (
            persen(IMUNISASI, 95, sumber=SUMBER_IMUNISASI),
            jumlah("Jumlah sesi pelayanan imunisasi di posyandu", (240, 288), "Sesi"),
        ),
        "imunisasi",
    ),
    RhkTpl(
        "Meningkatnya kesehatan ibu dan anak di wilayah kerja {unit}",
        (
            persen(
                "Persentase ibu hamil yang mendapat pelayanan antenatal sesuai standar", (85, 90)
            ),
            persen("Persentase balita yang ditimbang di posyandu (D/S)", (80, 85)),
        ),
        "derajat",
    ),
    RhkTpl(
        "Terkendalinya penyakit menular di wilayah kerja {unit}",
        (
            persen("Persentase terduga TBC yang mendapat pelayanan sesuai standar", 90),
            jumlah("Jumlah kegiatan penyelidikan epidemiologi", (24, 36), "Kegiatan"),
        ),
        "p2p",
    ),
    RhkTpl(
        "Terselenggaranya manajemen {unit} yang bermutu",
        (
            nilai("Indeks kepuasan pasien", (82, 85), "Nilai"),
            waktu(
                "Rata-rata waktu tunggu pelayanan pendaftaran",
                15,
                "Menit",
                cara=CaraAgregasi.RATA_RATA,
            ),
            jumlah("Jumlah lokakarya mini puskesmas yang dilaksanakan", 12, "Kegiatan"),
        ),
        "mutu",
    ),
)
RHK_TAMBAHAN_KESEHATAN = (
    RhkTpl(
        "Melaksanakan tugas sebagai anggota tim Program Indonesia Sehat dengan Pendekatan Keluarga",
        (jumlah("Jumlah keluarga yang dikunjungi", (120, 180), "Keluarga"),),
    ),
    RhkTpl(
        "Melaksanakan tugas sebagai petugas pelayanan posyandu lansia",
        (jumlah("Jumlah lansia yang mendapat skrining kesehatan", (240, 360), "Orang"),),
    ),
)

GELAR_DOKTER: tuple[Gelar, ...] = (("dr.", None), ("dr.", None), ("dr.", "M.Kes."))
GELAR_BIDAN: tuple[Gelar, ...] = ((None, "S.Tr.Keb."), (None, "S.Keb., Bd."))
GELAR_PERAWAT: tuple[Gelar, ...] = ((None, "S.Kep., Ners"),)

KEPALA_PUSKESMAS = Peran(
    "Kepala {unit}",
    JenisJabatan.FUNGSIONAL,
    KEPALA_PUSKESMAS_RHK,
    jenjang=("Ahli Muda", "Ahli Madya"),
    gelar=(("dr.", None), ("dr.", "M.Kes."), (None, "S.K.M., M.Kes."), (None, "S.Kep., Ners")),
    wanita=0.5,
    sektor="kesehatan",
    tambahan=RHK_TAMBAHAN_KESEHATAN,
)
DOKTER = Peran(
    "Dokter {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terlaksananya pelayanan medik dasar di {unit}",
            (
                jumlah("Jumlah pasien yang mendapat pelayanan medik", (1800, 2400), "Orang"),
                persen("Rasio rujukan rawat jalan kasus non-spesialistik", 2, turun=True),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terlaksananya pelayanan kesehatan ibu dan anak sesuai standar",
            (
                jumlah("Jumlah ibu hamil yang mendapat pemeriksaan dokter", (120, 180), "Orang"),
                persen("Persentase ibu hamil risiko tinggi yang ditangani sesuai standar", 90),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya tata laksana kasus penyakit menular",
            (
                jumlah("Jumlah kasus TBC yang ditatalaksana", (24, 36), "Kasus"),
                persen("Angka keberhasilan pengobatan TBC", 90),
            ),
            "p2p",
        ),
        RhkTpl(
            "Terlaksananya pengendalian penyakit tidak menular melalui Posbindu",
            (
                jumlah("Jumlah skrining faktor risiko PTM", (480, 600), "Orang"),
                persen(
                    "Persentase penderita hipertensi yang mendapat pelayanan sesuai standar",
                    (80, 85),
                ),
            ),
            "p2p",
        ),
    ),
    jenjang=("Ahli Pertama", "Ahli Muda", "Ahli Muda"),
    pppk=0.15,
    gelar=GELAR_DOKTER,
    wanita=0.6,
    sektor="kesehatan",
    tambahan=RHK_TAMBAHAN_KESEHATAN,
)
DOKTER_GIGI = replace(
    DOKTER,
    jabatan="Dokter Gigi {jenjang}",
    rhk=(
        RhkTpl(
            "Terlaksananya pelayanan kesehatan gigi dan mulut di {unit}",
            (
                jumlah(
                    "Jumlah pasien yang mendapat pelayanan kesehatan gigi", (960, 1200), "Orang"
                ),
                persen("Persentase pasien gigi yang dirujuk sesuai indikasi", 90),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terlaksananya Usaha Kesehatan Gigi Sekolah",
            (
                jumlah("Jumlah murid SD yang diperiksa kesehatan giginya", (480, 720), "Orang"),
                persen("Persentase SD binaan yang melaksanakan sikat gigi massal", (80, 85)),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya pelayanan kesehatan gigi ibu hamil",
            (
                jumlah("Jumlah ibu hamil yang diperiksa kesehatan giginya", (120, 180), "Orang"),
                persen("Persentase ibu hamil dengan pemeriksaan gigi sesuai standar", 85),
            ),
            "derajat",
        ),
    ),
    gelar=(("drg.", None), ("drg.", None)),
)
BIDAN = Peran(
    "Bidan {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terlaksananya pelayanan imunisasi dasar bagi bayi di wilayah kerja {unit}",
            (
                persen(IMUNISASI, 95, sumber=SUMBER_IMUNISASI),
                jumlah(
                    "Jumlah bayi yang mendapat imunisasi dasar",
                    (96, 120),
                    "Orang",
                    sumber=SUMBER_IMUNISASI,
                ),
            ),
            "imunisasi",
        ),
        RhkTpl(
            "Terlaksananya pelayanan antenatal terpadu bagi ibu hamil",
            (
                jumlah("Jumlah ibu hamil yang mendapat pelayanan ANC terpadu", (144, 180), "Orang"),
                persen("Persentase ibu hamil yang mendapat pelayanan K6", (85, 90)),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya pertolongan persalinan di fasilitas kesehatan",
            (
                jumlah("Jumlah persalinan yang ditolong di fasilitas kesehatan", (48, 60), "Orang"),
                persen("Persentase persalinan sesuai standar APN", (90, 95)),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya pelayanan keluarga berencana",
            (
                jumlah("Jumlah akseptor KB baru yang dilayani", (72, 96), "Orang"),
                persen("Persentase akseptor KB yang mendapat konseling", 90),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya pemantauan tumbuh kembang balita di posyandu",
            (
                jumlah("Jumlah balita yang dipantau tumbuh kembangnya", (480, 600), "Orang"),
                persen("Persentase balita yang ditimbang di posyandu (D/S)", (80, 85)),
            ),
            "derajat",
        ),
    ),
    jenjang=("Terampil", "Terampil", "Mahir", "Penyelia", "Ahli Pertama"),
    pppk=0.45,
    gelar=GELAR_BIDAN,
    gelar_terampil=((None, "A.Md.Keb."),),
    wanita=1.0,
    sektor="kesehatan",
    tambahan=RHK_TAMBAHAN_KESEHATAN,
)
PERAWAT = Peran(
    "Perawat {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terlaksananya asuhan keperawatan bagi pasien rawat jalan {unit}",
            (
                jumlah("Jumlah pasien yang mendapat asuhan keperawatan", (1200, 1440), "Orang"),
                persen("Persentase dokumentasi asuhan keperawatan yang lengkap", (85, 90)),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terlaksananya perawatan kesehatan masyarakat bagi keluarga rawan",
            (
                jumlah("Jumlah keluarga rawan yang dibina", (48, 60), "Keluarga"),
                persen(
                    "Persentase keluarga binaan yang mandiri tingkat III",
                    (60, 65),
                    cara=CaraAgregasi.TERAKHIR,
                ),
            ),
            "p2p",
        ),
        RhkTpl(
            "Terlaksananya pelayanan imunisasi di posyandu wilayah kerja {unit}",
            (
                jumlah(
                    "Jumlah sasaran bayi yang diimunisasi",
                    (72, 96),
                    "Orang",
                    sumber=SUMBER_IMUNISASI,
                ),
                persen(IMUNISASI, 95, sumber=SUMBER_IMUNISASI),
            ),
            "imunisasi",
        ),
        RhkTpl(
            "Terlaksananya pelayanan gawat darurat di {unit}",
            (
                jumlah("Jumlah pasien gawat darurat yang ditangani", (240, 360), "Orang"),
                waktu(
                    "Rata-rata waktu tanggap pelayanan gawat darurat",
                    5,
                    "Menit",
                    cara=CaraAgregasi.RATA_RATA,
                ),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terlaksananya skrining penyakit tidak menular",
            (
                jumlah("Jumlah warga usia produktif yang diskrining", (480, 600), "Orang"),
                persen("Persentase hasil skrining yang ditindaklanjuti", 85),
            ),
            "p2p",
        ),
    ),
    jenjang=("Terampil", "Terampil", "Mahir", "Ahli Pertama", "Ahli Pertama", "Ahli Muda"),
    pppk=0.45,
    gelar=GELAR_PERAWAT,
    gelar_terampil=((None, "A.Md.Kep."),),
    wanita=0.65,
    sektor="kesehatan",
    tambahan=RHK_TAMBAHAN_KESEHATAN,
)
PENYULUH_KESEHATAN = Peran(
    "Penyuluh Kesehatan Masyarakat {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terlaksananya penyuluhan kesehatan di wilayah kerja {unit}",
            (
                jumlah("Jumlah kegiatan penyuluhan kesehatan", (96, 120), "Kegiatan"),
                persen("Persentase rumah tangga ber-PHBS", (65, 70), cara=CaraAgregasi.TERAKHIR),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya pemberdayaan masyarakat melalui posyandu",
            (
                jumlah("Jumlah kunjungan pembinaan posyandu", (48, 60), "Kunjungan"),
                persen("Persentase posyandu aktif", (75, 80), cara=CaraAgregasi.TERAKHIR),
            ),
            "imunisasi",
        ),
        RhkTpl(
            "Terlaksananya promosi imunisasi dan kesehatan ibu anak",
            (
                jumlah("Jumlah media promosi kesehatan yang disebarluaskan", (36, 48), "Media"),
                persen("Persentase ibu balita yang mengetahui jadwal imunisasi", 80),
            ),
            "imunisasi",
        ),
    ),
    jenjang=("Ahli Pertama", "Ahli Pertama", "Ahli Muda"),
    pppk=0.35,
    gelar=((None, "S.K.M."), (None, "S.K.M."), (None, "S.Pd., M.Kes.")),
    wanita=0.6,
    sektor="kesehatan",
    tambahan=RHK_TAMBAHAN_KESEHATAN,
)
NUTRISIONIS = Peran(
    "Nutrisionis {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terlaksananya pemantauan status gizi balita di wilayah kerja {unit}",
            (
                jumlah("Jumlah balita yang dipantau status gizinya", (960, 1200), "Orang"),
                persen(
                    "Prevalensi balita stunting di wilayah kerja",
                    (14, 16),
                    cara=CaraAgregasi.TERAKHIR,
                    turun=True,
                ),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya penanganan balita gizi kurang",
            (
                jumlah("Jumlah balita gizi kurang yang mendapat PMT pemulihan", (36, 48), "Orang"),
                persen("Persentase balita gizi kurang yang naik berat badannya", (80, 85)),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya konseling gizi bagi ibu hamil dan ibu menyusui",
            (
                jumlah("Jumlah sesi konseling gizi", (120, 144), "Sesi"),
                persen("Persentase ibu hamil KEK yang mendapat makanan tambahan", 90),
            ),
            "derajat",
        ),
    ),
    jenjang=("Terampil", "Ahli Pertama", "Ahli Pertama"),
    pppk=0.4,
    gelar=((None, "S.Gz."),),
    gelar_terampil=((None, "A.Md.Gz."),),
    wanita=0.8,
    sektor="kesehatan",
    tambahan=RHK_TAMBAHAN_KESEHATAN,
)
SANITARIAN = Peran(
    "Sanitarian {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terlaksananya inspeksi kesehatan lingkungan di wilayah kerja {unit}",
            (
                jumlah("Jumlah tempat dan fasilitas umum yang diinspeksi", (120, 180), "Lokasi"),
                persen(
                    "Persentase tempat umum yang memenuhi syarat kesehatan",
                    (75, 80),
                    cara=CaraAgregasi.TERAKHIR,
                ),
            ),
            "p2p",
        ),
        RhkTpl(
            "Terlaksananya pemicuan Sanitasi Total Berbasis Masyarakat",
            (
                jumlah("Jumlah kegiatan pemicuan STBM", (24, 36), "Kegiatan"),
                persen(
                    "Persentase keluarga dengan akses sanitasi layak",
                    (80, 85),
                    cara=CaraAgregasi.TERAKHIR,
                ),
            ),
            "derajat",
        ),
        RhkTpl(
            "Terlaksananya pengawasan kualitas air minum",
            (
                jumlah("Jumlah sampel air minum yang diperiksa", (60, 72), "Sampel"),
                persen(
                    "Persentase sarana air minum yang memenuhi syarat",
                    80,
                    cara=CaraAgregasi.TERAKHIR,
                ),
            ),
            "p2p",
        ),
    ),
    jenjang=("Terampil", "Mahir", "Ahli Pertama"),
    pppk=0.4,
    gelar=((None, "S.K.M."), (None, "S.Tr.KL.")),
    gelar_terampil=((None, "A.Md.KL."),),
    wanita=0.5,
    sektor="kesehatan",
    tambahan=RHK_TAMBAHAN_KESEHATAN,
)
APOTEKER = Peran(
    "Apoteker {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terlaksananya pelayanan kefarmasian di {unit}",
            (
                jumlah("Jumlah resep yang dilayani", (9600, 12000), "Lembar"),
                waktu(
                    "Rata-rata waktu tunggu pelayanan resep",
                    15,
                    "Menit",
                    cara=CaraAgregasi.RATA_RATA,
                ),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terkelolanya obat dan bahan medis habis pakai",
            (
                persen("Persentase ketersediaan obat esensial", (90, 95)),
                jumlah("Jumlah laporan pemakaian dan lembar permintaan obat", 24, "Laporan"),
            ),
            "imunisasi",
        ),
        RhkTpl(
            "Terlaksananya pelayanan informasi obat",
            (
                jumlah("Jumlah pasien yang mendapat konseling obat", (360, 480), "Orang"),
                persen("Persentase penggunaan antibiotik pada ISPA non-pneumonia", 20, turun=True),
            ),
            "mutu",
        ),
    ),
    jenjang=("Ahli Pertama", "Ahli Muda"),
    pppk=0.35,
    gelar=(("apt.", "S.Farm."), ("apt.", "S.Farm."), ("apt.", "S.Si.")),
    wanita=0.7,
    sektor="kesehatan",
    tambahan=RHK_TAMBAHAN_KESEHATAN,
)
PRANATA_LAB = Peran(
    "Pranata Laboratorium Kesehatan {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terlaksananya pemeriksaan laboratorium klinik sederhana di {unit}",
            (
                jumlah("Jumlah sampel yang diperiksa", (2400, 3000), "Sampel"),
                persen("Persentase hasil pemeriksaan yang divalidasi tepat waktu", (90, 95)),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terlaksananya pemeriksaan dahak terduga TBC",
            (
                jumlah("Jumlah sediaan dahak yang diperiksa", (240, 300), "Sediaan"),
                persen("Persentase sediaan yang lolos uji silang", 95),
            ),
            "p2p",
        ),
        RhkTpl(
            "Terpeliharanya peralatan laboratorium",
            (
                jumlah("Jumlah kalibrasi dan pemeliharaan alat yang dilaksanakan", 24, "Kali"),
                persen(
                    "Persentase alat laboratorium dalam kondisi laik pakai",
                    90,
                    cara=CaraAgregasi.TERAKHIR,
                ),
            ),
            "mutu",
        ),
    ),
    jenjang=("Terampil", "Mahir"),
    pppk=0.45,
    gelar=((None, "A.Md.AK."), (None, "A.Md.AK."), (None, "S.Tr.Kes.")),
    wanita=0.6,
    sektor="kesehatan",
)
PEREKAM_MEDIS = Peran(
    "Perekam Medis {jenjang}",
    JenisJabatan.FUNGSIONAL,
    (
        RhkTpl(
            "Terkelolanya rekam medis pasien {unit}",
            (
                jumlah("Jumlah berkas rekam medis yang dikelola", (3600, 4800), "Berkas"),
                persen("Persentase kelengkapan pengisian rekam medis", (85, 90)),
            ),
            "mutu",
        ),
        RhkTpl(
            "Tersusunnya laporan kunjungan dan morbiditas puskesmas",
            (
                jumlah("Jumlah laporan kunjungan dan LB1 yang disusun", 24, "Laporan"),
                waktu(
                    "Waktu penyampaian laporan bulanan ke Dinas Kesehatan",
                    5,
                    "Hari",
                    cara=CaraAgregasi.RATA_RATA,
                ),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terlaksananya klaim pelayanan kesehatan JKN",
            (
                jumlah("Jumlah berkas klaim yang diverifikasi", (600, 720), "Berkas"),
                persen("Persentase klaim yang diterima tanpa pengembalian", (90, 95)),
            ),
            "mutu",
        ),
    ),
    jenjang=("Terampil", "Terampil", "Mahir"),
    pppk=0.5,
    gelar=((None, "A.Md.RMIK."), (None, "A.Md.RMIK."), (None, None)),
    wanita=0.6,
    sektor="kesehatan",
)
ADMINISTRASI_PUSKESMAS = replace(PELAKSANA, pppk=0.3, sektor="kesehatan")

JF_KESEHATAN_DINAS: dict[str, Peran] = {
    "Nutrisionis": NUTRISIONIS,
    "Penyuluh Kesehatan Masyarakat": PENYULUH_KESEHATAN,
    "Sanitarian": SANITARIAN,
    "Apoteker": APOTEKER,
    "Perekam Medis": PEREKAM_MEDIS,
    "Pranata Laboratorium Kesehatan": PRANATA_LAB,
}
"""JF that also work in the dinas office; other JF names there use the generic JF RHKs."""

# ------------------------------------------------------------------------------ Pendidikan

SUMBER_SEKOLAH = "Dapodik dan buku induk sekolah"

DISDIK_RHK = (
    RhkTpl(
        "Meningkatnya akses pendidikan dasar yang merata di Kabupaten Sabangau",
        (
            jpt(PL, persen("Angka Partisipasi Murni SD/MI", 97, cara=CaraAgregasi.TERAKHIR)),
            jpt(
                PL, persen("Angka Partisipasi Murni SMP/MTs", (78, 80), cara=CaraAgregasi.TERAKHIR)
            ),
        ),
        "akses",
    ),
    RhkTpl(
        "Meningkatnya mutu pendidikan dasar",
        (
            jpt(
                PL,
                persen(
                    "Persentase satuan pendidikan dengan capaian literasi minimal baik",
                    (55, 60),
                    cara=CaraAgregasi.TERAKHIR,
                ),
            ),
            jpt(
                PB,
                persen(
                    "Persentase guru bersertifikat pendidik", (70, 75), cara=CaraAgregasi.TERAKHIR
                ),
            ),
        ),
        "mutu",
    ),
    RhkTpl(
        "Menurunnya angka putus sekolah pendidikan dasar",
        (
            jpt(
                PL,
                persen(
                    "Angka putus sekolah SMP", (1, "1.5"), cara=CaraAgregasi.TERAKHIR, turun=True
                ),
            ),
            jpt(
                PB, jumlah("Jumlah anak tidak sekolah yang kembali bersekolah", (240, 300), "Orang")
            ),
        ),
        "akses",
    ),
    RHK_JPT_TATAKELOLA,
)
DISDIK_BIDANG: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Bidang Pembinaan Sekolah Dasar", "akses", ("Pengawas Sekolah", "Analis Kebijakan")),
    (
        "Bidang Pembinaan Sekolah Menengah Pertama",
        "akses",
        ("Pengawas Sekolah", "Analis Kebijakan"),
    ),
    ("Bidang Pendidik dan Tenaga Kependidikan", "mutu", ("Analis Sumber Daya Manusia Aparatur",)),
    ("Bidang Pendidikan Anak Usia Dini dan Nonformal", "mutu", ("Pamong Belajar", "Penilik")),
)
KABID_SEKOLAH: dict[str, tuple[RhkTpl, ...]] = {
    "SD": (
        RhkTpl(
            "Meningkatnya partisipasi pendidikan sekolah dasar",
            (
                persen("Angka Partisipasi Murni SD/MI", 97, cara=CaraAgregasi.TERAKHIR),
                jumlah(
                    "Jumlah supervisi dan pembinaan satuan pendidikan SD", (120, 144), "Kegiatan"
                ),
            ),
            "akses",
        ),
        RhkTpl(
            "Meningkatnya mutu pembelajaran sekolah dasar",
            (
                persen(
                    "Persentase SD dengan capaian literasi minimal baik",
                    (55, 60),
                    cara=CaraAgregasi.TERAKHIR,
                ),
                jumlah(
                    "Jumlah kegiatan kelompok kerja guru yang difasilitasi", (48, 60), "Kegiatan"
                ),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terpenuhinya sarana dan prasarana sekolah dasar",
            (
                persen(
                    "Persentase ruang kelas SD dalam kondisi baik",
                    (75, 80),
                    cara=CaraAgregasi.TERAKHIR,
                ),
                jumlah(
                    "Jumlah sekolah yang menerima rehabilitasi ruang kelas", (12, 24), "Sekolah"
                ),
            ),
            "mutu",
        ),
    ),
    "SMP": (
        RhkTpl(
            "Meningkatnya partisipasi pendidikan sekolah menengah pertama",
            (
                persen("Angka Partisipasi Murni SMP/MTs", (78, 80), cara=CaraAgregasi.TERAKHIR),
                jumlah(
                    "Jumlah supervisi dan pembinaan satuan pendidikan SMP", (60, 72), "Kegiatan"
                ),
            ),
            "akses",
        ),
        RhkTpl(
            "Meningkatnya mutu pembelajaran sekolah menengah pertama",
            (
                persen(
                    "Persentase SMP dengan capaian numerasi minimal baik",
                    (50, 55),
                    cara=CaraAgregasi.TERAKHIR,
                ),
                jumlah("Jumlah kegiatan MGMP yang difasilitasi", (36, 48), "Kegiatan"),
            ),
            "mutu",
        ),
        RhkTpl(
            "Menurunnya angka putus sekolah SMP",
            (
                persen(
                    "Angka putus sekolah SMP", (1, "1.5"), cara=CaraAgregasi.TERAKHIR, turun=True
                ),
                jumlah(
                    "Jumlah peserta didik rawan putus sekolah yang didampingi", (120, 180), "Orang"
                ),
            ),
            "akses",
        ),
    ),
}


def _rhk_kepala_sekolah(apm: str, target_apm: int) -> tuple[RhkTpl, ...]:
    return (
        RhkTpl(
            "Meningkatnya partisipasi dan kehadiran peserta didik di {unit}",
            (
                persen(
                    f"{apm} di wilayah zonasi {{unit}}",
                    target_apm,
                    cara=CaraAgregasi.TERAKHIR,
                    sumber=SUMBER_SEKOLAH,
                ),
                persen("Persentase kehadiran peserta didik", 95, sumber=SUMBER_SEKOLAH),
            ),
            "akses",
        ),
        RhkTpl(
            "Meningkatnya mutu pembelajaran di {unit}",
            (
                persen(
                    "Persentase peserta didik mencapai kompetensi minimum literasi",
                    (65, 70),
                    cara=CaraAgregasi.TERAKHIR,
                ),
                jumlah("Jumlah supervisi akademik yang dilaksanakan", (24, 36), "Kegiatan"),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terkelolanya sumber daya {unit} secara akuntabel",
            (
                persen("Persentase realisasi dana BOSP sesuai RKAS", (90, 95)),
                waktu(
                    "Waktu penyampaian laporan penggunaan dana BOSP",
                    10,
                    "Hari",
                    cara=CaraAgregasi.RATA_RATA,
                ),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terlaksananya pembinaan karakter peserta didik",
            (
                jumlah("Jumlah kegiatan penguatan profil pelajar Pancasila", (24, 36), "Kegiatan"),
                persen("Persentase peserta didik tanpa pelanggaran tata tertib berat", 95),
            ),
            "akses",
        ),
    )


def _rhk_guru(apm: str, target_apm: int, jam: int) -> tuple[RhkTpl, ...]:
    return (
        RhkTpl(
            "Terlaksananya pembelajaran {pelajaran} yang berpusat pada peserta didik",
            (
                jumlah(
                    "Jumlah jam tatap muka pembelajaran yang dilaksanakan",
                    jam,
                    "Jam",
                    sumber="Jurnal mengajar",
                ),
                persen(
                    "Persentase peserta didik yang mencapai KKTP {pelajaran}",
                    (80, 85),
                    sumber=SUMBER_SEKOLAH,
                ),
            ),
            "mutu",
        ),
        RhkTpl(
            "Meningkatnya partisipasi dan kehadiran peserta didik yang diampu",
            (
                persen(
                    "Persentase kehadiran peserta didik di kelas yang diampu",
                    95,
                    sumber=SUMBER_SEKOLAH,
                ),
                persen(
                    f"{apm} di wilayah zonasi sekolah",
                    target_apm,
                    cara=CaraAgregasi.TERAKHIR,
                    sumber=SUMBER_SEKOLAH,
                ),
            ),
            "akses",
        ),
        RhkTpl(
            "Terlaksananya penilaian hasil belajar {pelajaran}",
            (
                jumlah("Jumlah perangkat asesmen yang disusun", (24, 36), "Dokumen"),
                waktu(
                    "Rata-rata waktu pengembalian hasil penilaian kepada peserta didik",
                    7,
                    "Hari",
                    cara=CaraAgregasi.RATA_RATA,
                ),
            ),
            "mutu",
        ),
        RhkTpl(
            "Terlaksananya bimbingan dan pendampingan peserta didik",
            (
                jumlah("Jumlah peserta didik yang mendapat bimbingan belajar", (60, 90), "Orang"),
                persen("Persentase peserta didik bimbingan yang naik capaian belajarnya", (75, 80)),
            ),
            "akses",
        ),
        RhkTpl(
            "Terlaksananya pengembangan keprofesian berkelanjutan",
            (
                jumlah("Jumlah pelatihan dan komunitas belajar yang diikuti", (24, 36), "Jam"),
                persen("Persentase praktik baik yang diterapkan di kelas", 80),
            ),
            "mutu",
        ),
    )


RHK_TAMBAHAN_SEKOLAH = (
    RhkTpl(
        "Melaksanakan tugas sebagai wali kelas",
        (jumlah("Jumlah komunikasi dengan orang tua peserta didik", (36, 48), "Kali"),),
    ),
    RhkTpl(
        "Melaksanakan tugas sebagai operator Dapodik sekolah",
        (jumlah("Jumlah pemutakhiran data Dapodik", 12, "Kali"),),
    ),
    RhkTpl(
        "Melaksanakan tugas sebagai pembina ekstrakurikuler",
        (jumlah("Jumlah kegiatan ekstrakurikuler yang dibina", (36, 48), "Kegiatan"),),
    ),
)
GELAR_GURU: tuple[Gelar, ...] = (
    (None, "S.Pd."),
    (None, "S.Pd."),
    (None, "S.Pd."),
    (None, "S.Pd., Gr."),
    (None, "S.Pd., M.Pd."),
    (None, "S.Si."),
)
KEPALA_SD = Peran(
    "Kepala {unit}",
    JenisJabatan.FUNGSIONAL,
    _rhk_kepala_sekolah("Angka Partisipasi Murni SD", 97),
    jenjang=("Ahli Muda", "Ahli Madya", "Ahli Madya"),
    gelar=((None, "S.Pd."), (None, "S.Pd., M.Pd."), (None, "S.Pd.SD.")),
    wanita=0.55,
    sektor="pendidikan",
)
KEPALA_SMP = replace(
    KEPALA_SD,
    rhk=_rhk_kepala_sekolah("Angka Partisipasi Murni SMP", 80),
    gelar=((None, "S.Pd., M.Pd."), (None, "S.Pd."), (None, "S.Si., M.Pd.")),
    wanita=0.45,
)
GURU_SD = Peran(
    "Guru {mapel} {jenjang}",
    JenisJabatan.FUNGSIONAL,
    _rhk_guru("Angka Partisipasi Murni SD", 97, 864),
    jenjang=("Ahli Pertama", "Ahli Pertama", "Ahli Muda", "Ahli Muda", "Ahli Madya"),
    pppk=0.55,
    gelar=((None, "S.Pd."), (None, "S.Pd."), (None, "S.Pd.SD."), (None, "S.Pd., Gr.")),
    wanita=0.7,
    sektor="pendidikan",
    tambahan=RHK_TAMBAHAN_SEKOLAH,
)
GURU_SMP = replace(
    GURU_SD, rhk=_rhk_guru("Angka Partisipasi Murni SMP", 80, 864), gelar=GELAR_GURU, wanita=0.6
)
GELAR_GURU_AGAMA: dict[str, tuple[Gelar, ...]] = {
    "Pendidikan Agama Islam": ((None, "S.Pd.I."), (None, "S.Ag.")),
    "Pendidikan Agama Kristen": ((None, "S.Pd.K."), (None, "S.Th.")),
}
"""Religious-education teachers hold their own degrees."""
MAPEL_SD = (
    "Kelas", "Kelas", "Kelas", "Kelas", "Kelas", "Kelas",
    "Pendidikan Agama Islam", "Pendidikan Jasmani, Olahraga, dan Kesehatan",
    "Pendidikan Agama Kristen",
)  # fmt: skip
MAPEL_SMP = (
    "Matematika", "Matematika", "Bahasa Indonesia", "Bahasa Indonesia", "Bahasa Inggris",
    "Ilmu Pengetahuan Alam", "Ilmu Pengetahuan Alam", "Ilmu Pengetahuan Sosial",
    "Pendidikan Pancasila", "Pendidikan Agama Islam", "Pendidikan Agama Kristen",
    "Pendidikan Jasmani, Olahraga, dan Kesehatan", "Seni Budaya", "Informatika",
    "Bimbingan dan Konseling", "Prakarya",
)  # fmt: skip

# ------------------------------------------------------------------------------ Kewilayahan

CAMAT_RHK = (
    RhkTpl(
        "Meningkatnya kualitas pelayanan administrasi terpadu Kecamatan {wilayah}",
        (
            jumlah("Jumlah layanan administrasi yang diselesaikan", (1200, 1800), "Layanan"),
            nilai("Indeks kepuasan masyarakat terhadap layanan kecamatan", (80, 82), "Nilai"),
        ),
        "pelayanan",
    ),
    RhkTpl(
        "Terkoordinasinya penyelenggaraan pemerintahan desa dan kelurahan di Kecamatan {wilayah}",
        (
            jumlah(
                "Jumlah rapat koordinasi dan pembinaan pemerintahan desa/kelurahan",
                (24, 36),
                "Kegiatan",
            ),
            persen("Persentase desa/kelurahan yang menyampaikan laporan tepat waktu", (85, 90)),
        ),
        "koordinasi",
    ),
    RhkTpl(
        "Terpeliharanya ketenteraman dan ketertiban umum di Kecamatan {wilayah}",
        (
            jumlah("Jumlah kegiatan pengawasan ketertiban umum", (48, 60), "Kegiatan"),
            persen("Persentase gangguan ketertiban umum yang tertangani", (90, 95)),
        ),
        "koordinasi",
    ),
    RhkTpl(
        "Meningkatnya partisipasi masyarakat dalam pembangunan di Kecamatan {wilayah}",
        (
            jumlah(
                "Jumlah musyawarah perencanaan pembangunan yang difasilitasi", (12, 24), "Kegiatan"
            ),
            persen(
                "Persentase usulan musrenbang kecamatan yang diakomodasi",
                (40, 45),
                cara=CaraAgregasi.TERAKHIR,
            ),
        ),
        "tatakelola",
    ),
)
CAMAT = Peran(
    "Camat {wilayah}",
    JenisJabatan.ADMINISTRATOR,
    CAMAT_RHK,
    golongan=("III/d", "IV/a", "IV/a", "IV/b"),
    gelar=((None, "S.STP"), (None, "S.STP, M.Si."), (None, "S.Sos."), (None, "S.IP., M.A.P.")),
    wanita=0.25,
)
SEKCAM = replace(
    SEKRETARIS,
    jabatan="Sekretaris Kecamatan {wilayah}",
    golongan=("III/c", "III/d", "IV/a"),
    wanita=0.4,
)
KASI_KECAMATAN: tuple[tuple[str, str], ...] = (
    ("Kepala Seksi Pemerintahan", "pemerintahan"),
    ("Kepala Seksi Ketenteraman dan Ketertiban Umum", "ketenteraman dan ketertiban umum"),
    ("Kepala Seksi Pemberdayaan Masyarakat dan Desa", "pemberdayaan masyarakat dan desa"),
)
KASI = Peran(
    "{kasi}",
    JenisJabatan.PENGAWAS,
    (
        RhkTpl(
            "Terlaksananya pelayanan dan pembinaan {bidang} di Kecamatan {wilayah}",
            (
                jumlah(
                    "Jumlah kegiatan pembinaan {bidang} yang dilaksanakan", (36, 48), "Kegiatan"
                ),
                persen("Persentase permasalahan {bidang} yang ditindaklanjuti", (85, 90)),
            ),
            "koordinasi",
        ),
        RhkTpl(
            "Tersusunnya laporan penyelenggaraan {bidang} kecamatan",
            (
                jumlah("Jumlah laporan yang disusun", 24, "Laporan"),
                waktu("Waktu penyelesaian laporan tahunan seksi"),
            ),
            "tatakelola",
        ),
        RhkTpl(
            "Terfasilitasinya kegiatan desa dan kelurahan bidang {bidang}",
            (
                jumlah("Jumlah desa/kelurahan yang difasilitasi", (24, 36), "Desa/Kelurahan"),
                persen("Persentase fasilitasi yang selesai sesuai jadwal", 85),
            ),
            "pelayanan",
        ),
    ),
    golongan=("III/b", "III/c", "III/d"),
    gelar=GELAR_ADMINISTRASI,
    wanita=0.45,
    tambahan=RHK_TAMBAHAN,
)
LURAH = Peran(
    "Lurah {wilayah}",
    JenisJabatan.PENGAWAS,
    (
        RhkTpl(
            "Terselenggaranya pelayanan administrasi kemasyarakatan di Kelurahan {wilayah}",
            (
                jumlah(
                    "Jumlah surat keterangan dan pengantar yang diterbitkan", (600, 900), "Surat"
                ),
                waktu(
                    "Rata-rata waktu penyelesaian layanan surat keterangan",
                    30,
                    "Menit",
                    cara=CaraAgregasi.RATA_RATA,
                ),
            ),
            "pelayanan",
        ),
        RhkTpl(
            "Terlaksananya pemberdayaan masyarakat di Kelurahan {wilayah}",
            (
                jumlah("Jumlah kegiatan pemberdayaan masyarakat kelurahan", (24, 36), "Kegiatan"),
                persen(
                    "Persentase posyandu aktif di kelurahan", (80, 85), cara=CaraAgregasi.TERAKHIR
                ),
            ),
            "koordinasi",
        ),
        RhkTpl(
            "Terpeliharanya ketenteraman, ketertiban, dan kebersihan lingkungan kelurahan",
            (
                jumlah(
                    "Jumlah kegiatan kerja bakti dan ronda yang dikoordinasikan",
                    (24, 48),
                    "Kegiatan",
                ),
                persen(
                    "Persentase RT yang bebas sampah liar", (70, 75), cara=CaraAgregasi.TERAKHIR
                ),
            ),
            "koordinasi",
        ),
    ),
    golongan=("III/b", "III/c", "III/d"),
    gelar=((None, "S.STP"), (None, "S.Sos."), (None, "S.E."), (None, "S.IP.")),
    wanita=0.35,
)
KECAMATAN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Sabangau Hilir", ("Kereng Bangkirai", "Sabaru", "Kalampangan")),
    ("Sabangau Hulu", ("Tumbang Rungan", "Marang", "Bukit Tunggal")),
    ("Sabangau Kuala", ("Paduran", "Mekar Tani", "Sebangau Permai")),
    ("Kahayan Hilir", ("Pulang Pisau", "Bereng", "Anjir Pulang Pisau")),
    ("Kahayan Tengah", ("Bukit Rawi", "Bahu Palawa", "Tuwung")),
    ("Kahayan Kuala", ("Bahaur Hilir", "Bahaur Tengah", "Papuyu")),
    ("Jabiren Raya", ("Jabiren", "Tanjung Taruna", "Henda")),
    ("Banama Tingang", ("Pandawei", "Tambak", "Goha")),
    ("Bukit Batu", ("Tangkiling", "Banturung", "Sei Gohong")),
    ("Rakumpit", ("Mungku Baru", "Petuk Bukit", "Pager")),
    ("Pandih Batu", ("Pangkoh Hulu", "Talio", "Belanti Siam")),
    ("Maliku", ("Maliku Baru", "Badirih", "Kanamit")),
    ("Kahayan Hulu", ("Tumbang Jutuh", "Sepang", "Tewah")),
    ("Mantangai", ("Mantangai Hilir", "Mantangai Tengah", "Lamunti")),
    ("Timpah", ("Timpah", "Lungku Layang", "Petak Puti")),
    ("Basarang", ("Basarang Jaya", "Maluen", "Batuah")),
    ("Kapuas Murung", ("Palingkau Lama", "Palingkau Baru", "Sei Gita")),
    ("Dadahup", ("Dadahup", "Harapan Baru", "Sumber Agung")),
    ("Mendawai", ("Mendawai", "Mekar Tani Hulu", "Tewang Kampung")),
    ("Katingan Kuala", ("Pegatan Hilir", "Pegatan Hulu", "Bakung")),
)
"""Twenty kecamatan of the fictional Kabupaten Sabangau, each with its kelurahan."""

PUSKESMAS = (
    "Kereng Bangkirai", "Kalampangan", "Tangkiling", "Marang", "Bukit Rawi", "Paduran",
    "Pulang Pisau", "Bahaur", "Jabiren", "Pandawei", "Banturung", "Mungku Baru", "Talio",
    "Maliku", "Tewah", "Mantangai", "Timpah", "Basarang", "Palingkau", "Dadahup", "Mendawai",
    "Pegatan", "Sabaru", "Henda", "Tuwung", "Kanamit", "Sepang", "Lamunti", "Maluen",
    "Sebangau Kuala",
)  # fmt: skip

# --------------------------------------------------------------------------- other OPD (umum)


@dataclass(frozen=True)
class OpdSpec:
    """A perangkat daerah of the kabupaten demo with its head's Perjanjian Kinerja.

    Attributes:
        kode: Unique unit code.
        nama: Official name.
        kepala: Jabatan of the head (``Kepala Dinas …``, ``Inspektur``).
        bidang: Names of its bidang or bagian.
        jf: Functional jabatan common among its staff.
        sasaran: The head's RHKs (Perjanjian Kinerja outcomes) with perspektif indicators.
        sekretariat: Whether it has a sekretariat (the Sekretariat DPRD is one itself).
    """

    kode: str
    nama: str
    kepala: str
    bidang: tuple[str, ...]
    jf: tuple[str, ...]
    sasaran: tuple[RhkTpl, ...]
    sekretariat: bool = True


def daftar(teks: str) -> tuple[str, ...]:
    """Split a ``|``-separated list written on a few lines (keeps long tables readable)."""
    return tuple(item.strip() for item in teks.split("|") if item.strip())


def _opd(
    kode: str,
    nama: str,
    kepala: str | None,
    *,
    bidang: str,
    jf: str,
    sasaran: str,
    indikator: tuple[IndikatorTpl, ...],
    sekretariat: bool = True,
) -> OpdSpec:
    return OpdSpec(
        kode,
        nama,
        kepala or f"Kepala {nama}",
        daftar(bidang),
        daftar(jf),
        (RhkTpl(sasaran, indikator), RHK_JPT_TATAKELOLA),
        sekretariat,
    )


T = CaraAgregasi.TERAKHIR
R = CaraAgregasi.RATA_RATA
OPD_UMUM: tuple[OpdSpec, ...] = (
    _opd(
        "SETWAN",
        "Sekretariat DPRD",
        "Sekretaris DPRD",
        bidang="Bagian Umum dan Keuangan | Bagian Persidangan dan Perundang-undangan"
        " | Bagian Fasilitasi Penganggaran dan Pengawasan",
        jf="Analis Hukum | Perancang Peraturan Perundang-undangan | Pranata Hubungan Masyarakat",
        sasaran="Meningkatnya kualitas fasilitasi fungsi legislasi, anggaran, dan pengawasan DPRD",
        indikator=(
            jpt(
                PL,
                persen("Persentase rancangan peraturan daerah yang difasilitasi tepat waktu", 90),
            ),
            jpt(PB, jumlah("Jumlah rapat DPRD yang difasilitasi", (120, 144), "Kegiatan")),
        ),
        sekretariat=False,
    ),
    _opd(
        "INSPEKTORAT",
        "Inspektorat Daerah",
        "Inspektur",
        bidang="Inspektur Pembantu Wilayah I | Inspektur Pembantu Wilayah II"
        " | Inspektur Pembantu Wilayah III",
        jf="Auditor | Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
        sasaran="Meningkatnya kualitas pengawasan internal pemerintah daerah",
        indikator=(
            jpt(PI, nilai("Level kapabilitas APIP", 3, "Level")),
            jpt(PL, persen("Persentase rekomendasi pemeriksaan yang ditindaklanjuti", 85, cara=T)),
        ),
    ),
    _opd(
        "BKD",
        "Badan Kepegawaian Daerah",
        None,
        bidang="Bidang Pengadaan dan Informasi Kepegawaian | Bidang Mutasi dan Promosi"
        " | Bidang Pengembangan Kompetensi Aparatur | Bidang Penilaian Kinerja dan Penghargaan",
        jf="Analis Sumber Daya Manusia Aparatur | Pranata Komputer | Asesor SDM Aparatur",
        sasaran="Meningkatnya profesionalitas dan kinerja ASN Kabupaten Sabangau",
        indikator=(
            jpt(PL, nilai("Indeks Profesionalitas ASN", (70, 72), "Nilai")),
            jpt(PB, nilai("Nilai Indeks Sistem Merit", (75, 78), "Nilai")),
            jpt(PL, persen("Persentase layanan kepegawaian yang selesai tepat waktu", 95)),
        ),
    ),
    _opd(
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah",
        None,
        bidang="Bidang Perencanaan Pemerintahan dan Pembangunan Manusia"
        " | Bidang Perencanaan Perekonomian dan Sumber Daya Alam"
        " | Bidang Infrastruktur dan Kewilayahan | Bidang Penelitian dan Pengembangan",
        jf="Perencana | Analis Kebijakan | Peneliti",
        sasaran="Meningkatnya kualitas perencanaan pembangunan daerah",
        indikator=(
            jpt(PB, persen("Persentase konsistensi program RKPD dengan RPJMD", 90, cara=T)),
            jpt(PL, persen("Persentase usulan musrenbang yang diakomodasi RKPD", 45, cara=T)),
        ),
    ),
    _opd(
        "BPKAD",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        None,
        bidang="Bidang Anggaran | Bidang Perbendaharaan | Bidang Akuntansi"
        " | Bidang Pengelolaan Barang Milik Daerah",
        jf="Analis Keuangan Pusat dan Daerah | Penata Kelola Barang Milik Negara",
        sasaran="Meningkatnya akuntabilitas pengelolaan keuangan dan aset daerah",
        indikator=(
            jpt(
                PB, persen("Persentase rekomendasi BPK atas LKPD yang ditindaklanjuti", 90, cara=T)
            ),
            jpt(AG, persen("Persentase realisasi belanja daerah", 95)),
            jpt(PB, waktu("Waktu penyampaian LKPD unaudited", 3)),
        ),
    ),
    _opd(
        "BAPENDA",
        "Badan Pendapatan Daerah",
        None,
        bidang="Bidang Pendataan dan Penetapan | Bidang Penagihan dan Keberatan"
        " | Bidang Pajak Bumi dan Bangunan",
        jf="Analis Pendapatan Daerah | Pranata Komputer",
        sasaran="Meningkatnya pendapatan asli daerah",
        indikator=(
            jpt(AG, nilai("Persentase realisasi PAD terhadap target", 100, "%")),
            jpt(PL, jumlah("Jumlah wajib pajak daerah baru yang terdaftar", (600, 720), "WP")),
        ),
    ),
    _opd(
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        "Kepala Pelaksana BPBD",
        bidang="Bidang Pencegahan dan Kesiapsiagaan | Bidang Kedaruratan dan Logistik"
        " | Bidang Rehabilitasi dan Rekonstruksi",
        jf="Analis Bencana | Pranata Komputer",
        sasaran="Menurunnya risiko bencana di Kabupaten Sabangau",
        indikator=(
            jpt(PL, nilai("Indeks Risiko Bencana Kabupaten", 140, "Nilai", turun=True)),
            jpt(PL, waktu("Rata-rata waktu tanggap darurat bencana", 6, "Jam", cara=R)),
        ),
    ),
    _opd(
        "KESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        None,
        bidang="Bidang Ideologi dan Wawasan Kebangsaan | Bidang Politik Dalam Negeri"
        " | Bidang Ketahanan Ekonomi, Sosial, Budaya, dan Agama",
        jf="Analis Kebijakan",
        sasaran="Terjaganya stabilitas politik, kerukunan, dan wawasan kebangsaan",
        indikator=(
            jpt(PL, persen("Persentase potensi konflik sosial yang ditangani", 90)),
            jpt(PB, jumlah("Jumlah kegiatan pembinaan wawasan kebangsaan", (36, 48), "Kegiatan")),
        ),
    ),
    _opd(
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        "Kepala Satuan Polisi Pamong Praja",
        bidang="Bidang Penegakan Peraturan Daerah"
        " | Bidang Ketertiban Umum dan Ketenteraman Masyarakat | Bidang Perlindungan Masyarakat",
        jf="Polisi Pamong Praja",
        sasaran="Meningkatnya ketenteraman dan ketertiban umum",
        indikator=(
            jpt(PL, persen("Persentase pelanggaran perda yang ditindaklanjuti", 85)),
            jpt(PB, jumlah("Jumlah operasi penertiban yang dilaksanakan", (96, 120), "Kegiatan")),
        ),
    ),
    _opd(
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        None,
        bidang="Bidang Pelayanan Pendaftaran Penduduk | Bidang Pelayanan Pencatatan Sipil"
        " | Bidang Pengelolaan Informasi Administrasi Kependudukan",
        jf="Administrator Database Kependudukan | Pranata Komputer",
        sasaran="Meningkatnya kepemilikan dokumen kependudukan",
        indikator=(
            jpt(PL, persen("Persentase penduduk wajib KTP yang memiliki KTP-el", 98, cara=T)),
            jpt(PL, persen("Persentase anak yang memiliki akta kelahiran", 95, cara=T)),
            jpt(PB, waktu("Rata-rata waktu penerbitan dokumen kependudukan", 2, "Hari", cara=R)),
        ),
    ),
    _opd(
        "DINSOS",
        "Dinas Sosial",
        None,
        bidang="Bidang Rehabilitasi Sosial | Bidang Perlindungan dan Jaminan Sosial"
        " | Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
        jf="Pekerja Sosial | Penyuluh Sosial",
        sasaran="Meningkatnya kesejahteraan sosial penyandang masalah kesejahteraan sosial",
        indikator=(
            jpt(PL, persen("Persentase PPKS yang mendapat layanan rehabilitasi sosial", 80)),
            jpt(PB, jumlah("Jumlah data keluarga penerima manfaat diverifikasi", 2400, "KPM")),
        ),
    ),
    _opd(
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        None,
        bidang="Bidang Bina Marga | Bidang Sumber Daya Air | Bidang Cipta Karya"
        " | Bidang Penataan Ruang",
        jf="Teknik Jalan dan Jembatan | Teknik Pengairan | Penata Ruang | Penata Bangunan Gedung",
        sasaran="Meningkatnya kualitas infrastruktur jalan dan irigasi",
        indikator=(
            jpt(PL, persen("Persentase panjang jalan kabupaten kondisi mantap", (72, 75), cara=T)),
            jpt(PL, persen("Persentase jaringan irigasi dalam kondisi baik", (68, 70), cara=T)),
        ),
    ),
    _opd(
        "DPERKIM",
        "Dinas Perumahan dan Kawasan Permukiman",
        None,
        bidang="Bidang Perumahan | Bidang Kawasan Permukiman | Bidang Pertanahan",
        jf="Penata Kelola Perumahan | Teknik Penyehatan Lingkungan",
        sasaran="Berkurangnya luas kawasan permukiman kumuh",
        indikator=(
            jpt(PL, nilai("Luas kawasan permukiman kumuh", 45, "Hektare", turun=True)),
            jpt(PL, persen("Persentase rumah tangga dengan akses air minum layak", 85, cara=T)),
        ),
    ),
    _opd(
        "DLH",
        "Dinas Lingkungan Hidup",
        None,
        bidang="Bidang Tata Lingkungan | Bidang Pengelolaan Sampah dan Limbah B3"
        " | Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
        jf="Pengendali Dampak Lingkungan | Pengawas Lingkungan Hidup",
        sasaran="Meningkatnya kualitas lingkungan hidup",
        indikator=(
            jpt(PL, nilai("Indeks Kualitas Lingkungan Hidup", (68, 70), "Nilai")),
            jpt(PL, persen("Persentase sampah rumah tangga yang tertangani", 75)),
        ),
    ),
    _opd(
        "DISHUB",
        "Dinas Perhubungan",
        None,
        bidang="Bidang Lalu Lintas dan Angkutan Jalan"
        " | Bidang Angkutan Sungai, Danau, dan Penyeberangan | Bidang Sarana dan Prasarana",
        jf="Penguji Kendaraan Bermotor | Asisten Inspektur Angkutan Sungai",
        sasaran="Meningkatnya keselamatan dan pelayanan transportasi",
        indikator=(
            jpt(PL, persen("Persentase kendaraan wajib uji yang lulus uji berkala", 90)),
            jpt(PB, jumlah("Jumlah pengujian kendaraan bermotor", (3600, 4200), "Kendaraan")),
        ),
    ),
    _opd(
        "DISKOMINFO",
        "Dinas Komunikasi, Informatika, Statistik, dan Persandian",
        None,
        bidang="Bidang Aplikasi Informatika | Bidang Informasi dan Komunikasi Publik"
        " | Bidang Statistik dan Persandian",
        jf="Pranata Komputer | Pranata Hubungan Masyarakat | Statistisi | Sandiman",
        sasaran="Meningkatnya kualitas penyelenggaraan Sistem Pemerintahan Berbasis Elektronik",
        indikator=(
            jpt(PB, nilai("Indeks SPBE Kabupaten Sabangau", ("2.8", 3), "Nilai")),
            jpt(PB, persen("Persentase perangkat daerah terhubung jaringan intra", 90, cara=T)),
        ),
    ),
    _opd(
        "DISKOPUKM",
        "Dinas Koperasi, Usaha Kecil, dan Menengah",
        None,
        bidang="Bidang Kelembagaan dan Pengawasan Koperasi | Bidang Pemberdayaan Usaha Mikro",
        jf="Penyuluh Koperasi | Pengawas Koperasi",
        sasaran="Meningkatnya daya saing koperasi dan usaha mikro",
        indikator=(
            jpt(PL, persen("Persentase koperasi aktif", (60, 65), cara=T)),
            jpt(PB, jumlah("Jumlah usaha mikro yang dibina", (600, 720), "Unit Usaha")),
        ),
    ),
    _opd(
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        None,
        bidang="Bidang Pelayanan Perizinan | Bidang Promosi dan Pengendalian Penanaman Modal",
        jf="Analis Kebijakan | Penata Perizinan",
        sasaran="Meningkatnya kualitas pelayanan perizinan dan iklim investasi",
        indikator=(
            jpt(PL, nilai("Indeks Kepuasan Masyarakat layanan perizinan", (84, 85), "Nilai")),
            jpt(PB, waktu("Rata-rata waktu penerbitan izin", 3, "Hari", cara=R)),
        ),
    ),
    _opd(
        "DISPARBUD",
        "Dinas Pariwisata dan Kebudayaan",
        None,
        bidang="Bidang Destinasi Pariwisata | Bidang Pemasaran Pariwisata | Bidang Kebudayaan",
        jf="Adyatama Kepariwisataan dan Ekonomi Kreatif | Pamong Budaya",
        sasaran="Meningkatnya kunjungan wisata dan pelestarian budaya daerah",
        indikator=(
            jpt(PL, jumlah("Jumlah kunjungan wisatawan", (60000, 72000), "Orang")),
            jpt(PL, persen("Persentase cagar budaya yang dilestarikan", 60, cara=T)),
        ),
    ),
    _opd(
        "DISPORA",
        "Dinas Pemuda dan Olahraga",
        None,
        bidang="Bidang Kepemudaan | Bidang Keolahragaan",
        jf="Analis Kepemudaan | Pelatih Olahraga",
        sasaran="Meningkatnya peran pemuda dan prestasi olahraga daerah",
        indikator=(
            jpt(PL, jumlah("Jumlah atlet peraih medali tingkat provinsi", (36, 48), "Orang")),
            jpt(PL, persen("Persentase organisasi kepemudaan yang aktif", 70, cara=T)),
        ),
    ),
    _opd(
        "DISPUSIP",
        "Dinas Perpustakaan dan Kearsipan",
        None,
        bidang="Bidang Pengembangan Perpustakaan | Bidang Kearsipan",
        jf="Pustakawan | Arsiparis",
        sasaran="Meningkatnya budaya gemar membaca dan tertib arsip",
        indikator=(
            jpt(PL, nilai("Tingkat Gemar Membaca masyarakat", (60, 62), "Nilai")),
            jpt(PB, persen("Persentase perangkat daerah dengan arsip kategori baik", 70, cara=T)),
        ),
    ),
    _opd(
        "DISKAN",
        "Dinas Perikanan",
        None,
        bidang="Bidang Perikanan Budidaya | Bidang Perikanan Tangkap"
        " | Bidang Pengolahan dan Pemasaran",
        jf="Penyuluh Perikanan | Pengawas Perikanan",
        sasaran="Meningkatnya produksi dan nilai tambah perikanan",
        indikator=(
            jpt(PL, jumlah("Jumlah produksi perikanan", (12000, 14000), "Ton")),
            jpt(PB, persen("Persentase kelompok pembudidaya ikan yang dibina", 70)),
        ),
    ),
    _opd(
        "DISTAN",
        "Dinas Pertanian",
        None,
        bidang="Bidang Tanaman Pangan | Bidang Hortikultura"
        " | Bidang Prasarana dan Sarana Pertanian | Bidang Penyuluhan",
        jf="Penyuluh Pertanian | Pengawas Benih Tanaman | Pengendali Organisme Pengganggu Tumbuhan",
        sasaran="Meningkatnya produksi tanaman pangan dan hortikultura",
        indikator=(
            jpt(PL, jumlah("Jumlah produksi padi", (60000, 66000), "Ton")),
            jpt(PB, persen("Persentase kelompok tani yang mendapat penyuluhan", 85)),
        ),
    ),
    _opd(
        "DISBUN",
        "Dinas Perkebunan",
        None,
        bidang="Bidang Produksi Perkebunan | Bidang Pengolahan dan Pemasaran Hasil Perkebunan",
        jf="Penyuluh Pertanian | Pengawas Mutu Hasil Pertanian",
        sasaran="Meningkatnya produktivitas perkebunan rakyat",
        indikator=(
            jpt(PL, nilai("Produktivitas karet rakyat", ("0.9", 1), "Ton/Ha")),
            jpt(PB, jumlah("Jumlah pekebun yang menerima STD-B", (300, 360), "Orang")),
        ),
    ),
    _opd(
        "DISNAKKESWAN",
        "Dinas Peternakan dan Kesehatan Hewan",
        None,
        bidang="Bidang Produksi Peternakan"
        " | Bidang Kesehatan Hewan dan Kesehatan Masyarakat Veteriner",
        jf="Medik Veteriner | Paramedik Veteriner | Penyuluh Pertanian",
        sasaran="Meningkatnya populasi ternak dan kesehatan hewan",
        indikator=(
            jpt(PL, persen("Persentase hewan penular rabies yang divaksin", 80)),
            jpt(PB, jumlah("Jumlah inseminasi buatan yang dilaksanakan", (1200, 1440), "Ekor")),
        ),
    ),
    _opd(
        "DKP",
        "Dinas Ketahanan Pangan",
        None,
        bidang="Bidang Ketersediaan dan Kerawanan Pangan | Bidang Konsumsi dan Keamanan Pangan",
        jf="Analis Ketahanan Pangan | Pengawas Mutu Hasil Pertanian",
        sasaran="Meningkatnya ketahanan pangan masyarakat",
        indikator=(
            jpt(PL, nilai("Skor Pola Pangan Harapan", (86, 88), "Nilai")),
            jpt(PL, persen("Persentase desa rawan pangan yang ditangani", 80)),
        ),
    ),
    _opd(
        "DISDAGPERIN",
        "Dinas Perdagangan dan Perindustrian",
        None,
        bidang="Bidang Perdagangan | Bidang Perindustrian | Bidang Metrologi Legal",
        jf="Pengawas Perdagangan | Penera | Pembina Industri",
        sasaran="Meningkatnya stabilitas harga dan daya saing industri kecil",
        indikator=(
            jpt(PL, persen("Persentase pasar rakyat dalam kondisi baik", 70, cara=T)),
            jpt(PB, jumlah("Jumlah industri kecil dan menengah dibina", (240, 300), "Unit Usaha")),
        ),
    ),
    _opd(
        "DISNAKERTRANS",
        "Dinas Tenaga Kerja dan Transmigrasi",
        None,
        bidang="Bidang Penempatan dan Pelatihan Tenaga Kerja | Bidang Hubungan Industrial"
        " | Bidang Transmigrasi",
        jf="Pengantar Kerja | Mediator Hubungan Industrial | Instruktur",
        sasaran="Meningkatnya penempatan dan perlindungan tenaga kerja",
        indikator=(
            jpt(PL, persen("Tingkat pengangguran terbuka", ("4.5", 5), cara=T, turun=True)),
            jpt(PB, jumlah("Jumlah pencari kerja yang ditempatkan", (1200, 1440), "Orang")),
        ),
    ),
    _opd(
        "DP3AP2KB",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk, dan Keluarga"
        " Berencana",
        None,
        bidang="Bidang Perlindungan Perempuan dan Anak | Bidang Pengendalian Penduduk"
        " | Bidang Keluarga Berencana",
        jf="Penyuluh Keluarga Berencana | Analis Kebijakan",
        sasaran="Meningkatnya perlindungan perempuan dan anak serta kualitas keluarga",
        indikator=(
            jpt(PL, persen("Persentase kasus kekerasan perempuan dan anak yang ditangani", 95)),
            jpt(PL, jumlah("Jumlah peserta KB aktif baru", (3600, 4200), "Orang")),
        ),
    ),
    _opd(
        "DPMD",
        "Dinas Pemberdayaan Masyarakat dan Desa",
        None,
        bidang="Bidang Pemerintahan Desa | Bidang Pemberdayaan Masyarakat Desa"
        " | Bidang Pembangunan Kawasan Perdesaan",
        jf="Penggerak Swadaya Masyarakat | Analis Kebijakan",
        sasaran="Meningkatnya kemandirian dan tata kelola desa",
        indikator=(
            jpt(PL, persen("Persentase desa berstatus maju dan mandiri", 40, cara=T)),
            jpt(PB, persen("Persentase desa yang menyampaikan laporan APBDes tepat waktu", 90)),
        ),
    ),
    _opd(
        "DAMKAR",
        "Dinas Pemadam Kebakaran dan Penyelamatan",
        None,
        bidang="Bidang Pencegahan dan Pengendalian Kebakaran | Bidang Penyelamatan dan Evakuasi",
        jf="Analis Kebakaran | Pemadam Kebakaran",
        sasaran="Meningkatnya kecepatan dan cakupan penanganan kebakaran",
        indikator=(
            jpt(PL, waktu("Rata-rata waktu tanggap penanganan kebakaran", 15, "Menit", cara=R)),
            jpt(PL, persen("Persentase kebakaran yang tertangani sesuai SOP", 95)),
        ),
    ),
)
"""The other perangkat daerah of the kabupaten demo (besides Setda, Dinkes, Disdik, kecamatan)."""

# ------------------------------------------------------------------------------ names


@dataclass(frozen=True)
class Suku:
    """Name pools of one regional tradition (given names and family or second names).

    Attributes:
        bobot: Relative share among the staff of a Central Kalimantan kabupaten.
        pria: Given names of men.
        wanita: Given names of women.
        belakang_pria: Second or family names of men (a marga is shared by both).
        belakang_wanita: Second or family names of women.
    """

    bobot: int
    pria: tuple[str, ...]
    wanita: tuple[str, ...]
    belakang_pria: tuple[str, ...]
    belakang_wanita: tuple[str, ...]


_MARGA_DAYAK = daftar(
    "Dagut | Liling | Nyahu | Tundan | Dahan | Bungai | Tingang | Kaharap | Djaban | Sahay | Uria"
    " | Ladjar | Karuh | Sandan | Nahan | Pahu | Ranying | Kiting | Itah | Sandung | Lambung"
    " | Bangkan"
)
_MARGA_BATAK = daftar(
    "Sitompul | Simanjuntak | Siregar | Nainggolan | Hutapea | Pardede | Sihombing | Lubis"
    " | Nasution | Harahap | Situmorang | Manurung | Panjaitan | Sinaga | Tampubolon"
    " | Hutagalung | Pasaribu"
)

SUKU: tuple[Suku, ...] = (
    Suku(  # Jawa
        30,
        daftar(
            "Agus | Bambang | Budi | Dwi | Eko | Hadi | Slamet | Sugeng | Teguh | Wahyu | Yudi"
            " | Heru | Arif | Bayu | Rudi | Priyo | Gunawan | Imam | Joko | Setyo | Anton | Wawan"
            " | Nur | Tri"
        ),
        daftar(
            "Sri | Endang | Dewi | Retno | Wulan | Siti | Tri | Rini | Yuli | Ratna | Ani | Dian"
            " | Puji | Nining | Sulastri | Eni | Wiwik | Yuyun | Indah | Ayu"
        ),
        daftar(
            "Santoso | Wibowo | Prasetyo | Setiawan | Hidayat | Nugroho | Susanto | Kurniawan"
            " | Purnomo | Saputra | Raharjo | Suryanto | Sutrisno | Widodo | Hartono | Wicaksono"
        ),
        daftar(
            "Wahyuni | Lestari | Handayani | Rahayu | Susilowati | Wulandari | Puspitasari"
            " | Astuti | Rahmawati | Kusumawati | Setyaningsih | Purwanti | Hastuti"
            " | Sulistyowati"
        ),
    ),
    Suku(  # Banjar
        25,
        daftar(
            "Muhammad | Ahmad | Akhmad | Abdul | Gusti | Fahri | Hairul | Rusdi | Mahmud | Yusran"
            " | Syahrani | Rahmadi | Saiful | Fauzi | Mukhlis | Riduan | Khairil"
        ),
        daftar(
            "Siti | Noor | Rusmini | Normaliya | Fitriani | Nurhayati | Khairunnisa | Saidah"
            " | Rahmah | Aisyah | Hamidah | Mariatul | Jamilah | Hafsah | Mahmudah"
        ),
        daftar(
            "Rizali | Hamid | Fahrianoor | Rusdiansyah | Arsyad | Noor | Riduan | Zainuddin"
            " | Mahyudin | Syahrial | Hidayatullah | Rahman | Effendi | Sarwani | Husaini"
        ),
        daftar(
            "Rahmah | Aisyah | Hasanah | Jannah | Maulida | Fauziah | Rabiatul Adawiyah"
            " | Norhayati | Mardiana | Hayati | Kamariah | Rusmilawati"
        ),
    ),
    Suku(  # Dayak
        25,
        daftar(
            "Yohanes | Markus | Hendra | Rinto | Dedy | Elias | Yulianus | Natalis | Anselmus"
            " | Kristian | Lewis | Sabran | Rahmat | Yanto | Nober | Teras | Agustiar | Sugianto"
        ),
        daftar(
            "Marlina | Yanti | Erna | Natalia | Yuliana | Hertina | Elisabeth | Meiliana | Desi"
            " | Kristina | Lusia | Elvina | Hernawati | Septiani | Rosalina | Tresia"
        ),
        _MARGA_DAYAK,
        _MARGA_DAYAK,
    ),
    Suku(  # Batak
        7,
        daftar(
            "Roy | Daniel | Hotma | Rudolf | Maruli | Lamhot | Sahat | Parlindungan | Bonar"
            " | Togar | Jonni | Sarmadan | Jefri"
        ),
        daftar(
            "Rotua | Mariani | Tiur | Erlina | Dorma | Lasma | Rosmawati | Ruth | Debora"
            " | Sondang | Melati | Nova"
        ),
        _MARGA_BATAK,
        _MARGA_BATAK,
    ),
    Suku(  # Bugis
        8,
        daftar(
            "Andi | Muhammad | Syamsuddin | Hasanuddin | Haerul | Baso | Arfah | Ishak | Rusli"
            " | Amiruddin | Irwan | Jamaluddin | Syahrir | Ansar"
        ),
        daftar(
            "Nurhaedah | Asriani | Sitti | Besse | Hasnah | Nurwahida | Jumriati | Hasmawati"
            " | Hartati | Rosdiana | Nurhayati | Andi"
        ),
        daftar(
            "Rahmat | Ilham | Amir | Hamzah | Akbar | Saleh | Taufik | Ramli | Mappasessu"
            " | Pawennari | Syarifuddin"
        ),
        daftar(
            "Nurbaya | Aminah | Rahmawati | Hasriani | Sanawiah | Nurlina | Hasniati | Mardiana"
        ),
    ),
    Suku(  # Sunda
        5,
        daftar("Asep | Dede | Ujang | Cecep | Dadang | Yayan | Ade | Iwan | Deden | Rizky"),
        daftar("Euis | Neneng | Imas | Iis | Rina | Nia | Lilis | Yeni | Dewi | Entin"),
        daftar("Saepudin | Sopandi | Hermawan | Sutisna | Kurniadi | Permana | Ruhiyat | Suryadi"),
        daftar(
            "Nurhasanah | Komalasari | Rohaeti | Suryani | Sumiati | Fitriani | Marlina | Rosmiati"
        ),
    ),
)
"""Regional name pools: Javanese, Banjar, Dayak, Batak, Bugis and Sundanese."""

# ------------------------------------------------------------------- SKP texts and phrases

EKSPEKTASI: dict[NilaiBerakhlak, tuple[str, ...]] = {
    NilaiBerakhlak.BERORIENTASI_PELAYANAN: (
        "Memberikan pelayanan yang ramah dan tuntas kepada masyarakat tanpa diskriminasi",
        "Menindaklanjuti keluhan pengguna layanan paling lambat 2 hari kerja",
        "Aktif mencari cara mempercepat pelayanan bagi warga di wilayah terpencil",
    ),
    NilaiBerakhlak.AKUNTABEL: (
        "Menyampaikan laporan dan bukti dukung kinerja tepat waktu setiap bulan",
        "Menggunakan barang milik daerah secara bertanggung jawab dan tercatat",
        "Hadir dan pulang sesuai ketentuan jam kerja",
    ),
    NilaiBerakhlak.KOMPETEN: (
        "Mengikuti minimal 20 jam pelajaran pengembangan kompetensi dalam setahun",
        "Berbagi pengetahuan hasil pelatihan kepada rekan kerja",
        "Menguasai aplikasi yang digunakan dalam pelaksanaan tugas",
    ),
    NilaiBerakhlak.HARMONIS: (
        "Menjaga suasana kerja yang saling menghargai di lingkungan unit kerja",
        "Bersedia membantu rekan kerja yang membutuhkan",
    ),
    NilaiBerakhlak.LOYAL: (
        "Menjaga nama baik instansi di media sosial",
        "Menjaga kerahasiaan data pribadi masyarakat yang dilayani",
    ),
    NilaiBerakhlak.ADAPTIF: (
        "Cepat menyesuaikan diri dengan perubahan aplikasi dan prosedur kerja",
        "Mengusulkan minimal satu inovasi perbaikan layanan dalam setahun",
    ),
    NilaiBerakhlak.KOLABORATIF: (
        "Mampu mengelola dan melibatkan seluruh pihak sesuai dengan peran dan fungsinya untuk "
        "mencapai tujuan bersama",
        "Aktif berkoordinasi dengan lintas sektor dan kader di wilayah kerja",
    ),
}

LAMPIRAN_SUMBER_DAYA: dict[str, tuple[str, ...]] = {
    "umum": (
        "Membutuhkan komputer/laptop dan akses internet",
        "Dukungan anggaran kegiatan sesuai DPA perangkat daerah",
        "Kendaraan operasional untuk kegiatan lapangan",
        "Pelatihan teknis sesuai bidang tugas",
    ),
    "kesehatan": (
        "Vaksin, logistik rantai dingin, dan alat suntik sesuai kebutuhan sasaran",
        "Membutuhkan komputer/laptop dan akses aplikasi SIMPUS",
        "Kendaraan puskesmas keliling untuk pelayanan di posyandu",
        "Alat kesehatan dan bahan medis habis pakai yang memadai",
    ),
    "pendidikan": (
        "Buku teks, modul ajar, dan sarana pembelajaran yang memadai",
        "Membutuhkan komputer/laptop dan akses internet sekolah",
        "Dukungan dana BOSP sesuai RKAS",
    ),
}
LAMPIRAN_SKEMA: dict[str, tuple[str, ...]] = {
    "umum": (
        "Hasil kerja dilaporkan setiap bulan kepada pejabat penilai kinerja",
        "Realisasi dan bukti dukung diunggah paling lambat tanggal 5 bulan berikutnya",
        "Capaian dibahas dalam rapat evaluasi kinerja bulanan",
    ),
    "kesehatan": (
        "Hasil kerja dilaporkan setiap bulan melalui lokakarya mini puskesmas",
        "Realisasi dan bukti dukung diunggah paling lambat tanggal 5 bulan berikutnya",
    ),
    "pendidikan": (
        "Hasil kerja dilaporkan dalam rapat dewan guru setiap akhir bulan",
        "Realisasi dan bukti dukung diunggah paling lambat tanggal 5 bulan berikutnya",
    ),
}
LAMPIRAN_KONSEKUENSI = (
    "Apabila memenuhi ekspektasi akan diberikan reward sesuai ketentuan yang berlaku",
    "Apabila tidak memenuhi ekspektasi akan diberikan pembinaan oleh pejabat penilai kinerja",
    "Capaian kinerja menjadi dasar pembayaran TPP sesuai Peraturan Bupati Sabangau",
    "Teguran lisan apabila laporan bulanan terlambat disampaikan",
)

BUKTI: dict[str, tuple[str, ...]] = {
    "umum": ("Laporan kegiatan", "Notulen rapat", "Daftar hadir", "Surat tugas", "Foto kegiatan"),
    "kesehatan": (
        "Register kohort",
        "Laporan bulanan program",
        "Foto kegiatan posyandu",
        "Daftar hadir lokakarya mini",
        "Rekap pelayanan harian",
    ),
    "pendidikan": (
        "Jurnal mengajar",
        "Daftar hadir peserta didik",
        "Rekap nilai",
        "Foto kegiatan pembelajaran",
        "Modul ajar",
    ),
}
SUMBER_DATA: dict[str, str] = {
    "umum": "Laporan bulanan unit kerja",
    "kesehatan": SUMBER_KESEHATAN,
    "pendidikan": SUMBER_SEKOLAH,
}

UMPAN_BALIK_BAIK = (
    "Terima kasih, capaian bulan ini sesuai rencana aksi; pertahankan ritme kerjanya.",
    "Bukti dukung lengkap dan rapi, mudah diverifikasi. Bagus.",
    "Kinerja bulan ini melampaui target; mohon bagikan cara kerjanya di rapat bulanan.",
    "Laporan masuk tepat waktu. Lanjutkan koordinasi dengan lintas program.",
)
UMPAN_BALIK_KURANG = (
    "Realisasi belum mencapai target bulanan; mari kita bahas kendalanya minggu ini.",
    "Mohon lengkapi bukti dukung sebelum tanggal 5 agar capaian dapat diverifikasi.",
    "Ada sasaran yang tertinggal; susun jadwal kunjungan susulan bersama tim.",
    "Saya lihat bebannya berat bulan ini; sampaikan jika perlu dukungan tambahan.",
)
UMPAN_BALIK_PERILAKU: dict[NilaiBerakhlak, tuple[str, ...]] = {
    NilaiBerakhlak.BERORIENTASI_PELAYANAN: (
        "Pelayanan kepada masyarakat ramah dan sabar; masukan warga ditanggapi dengan baik.",
        "Perlu lebih cepat menindaklanjuti keluhan pengguna layanan.",
    ),
    NilaiBerakhlak.AKUNTABEL: (
        "Penggunaan barang milik daerah tercatat dengan baik.",
        "Mohon laporan pertanggungjawaban disampaikan tepat waktu.",
    ),
    NilaiBerakhlak.KOMPETEN: (
        "Aktif berbagi ilmu hasil pelatihan kepada rekan kerja.",
        "Disarankan mengikuti pelatihan aplikasi terbaru bulan depan.",
    ),
    NilaiBerakhlak.HARMONIS: (
        "Suasana kerja tim terjaga baik berkat sikap saling membantu.",
        "Jaga komunikasi yang santun dalam grup kerja.",
    ),
    NilaiBerakhlak.LOYAL: ("Menjaga nama baik instansi dan kerahasiaan data dengan baik.",),
    NilaiBerakhlak.ADAPTIF: (
        "Cepat menyesuaikan diri dengan perubahan prosedur; usulan inovasinya bagus.",
        "Perlu lebih terbuka terhadap perubahan cara kerja yang baru.",
    ),
    NilaiBerakhlak.KOLABORATIF: (
        "Koordinasi dengan kader dan lintas sektor berjalan baik.",
        "Perlu lebih aktif melibatkan rekan lintas program.",
    ),
}

CATATAN_CAPAIAN: dict[str, str] = {
    "ISTIMEWA": "Sebagian besar indikator kinerja utama melampaui target Perjanjian Kinerja.",
    "BAIK": "Capaian Perjanjian Kinerja sesuai target dan rencana aksi berjalan.",
    "BUTUH_PERBAIKAN": (
        "Beberapa indikator kinerja utama belum mencapai target; perlu rencana aksi perbaikan."
    ),
}

BERKAS_CONTOH: tuple[tuple[str, str, str], ...] = (
    (
        "Rekap imunisasi dasar lengkap",
        "rekap-imunisasi-{bulan}.csv",
        "desa;sasaran_bayi;idl;persen\nKereng Bangkirai;42;40;95,2\nSabaru;31;29;93,5\n",
    ),
    (
        "Notulen lokakarya mini",
        "notulen-lokmin-{bulan}.txt",
        "Notulen Lokakarya Mini Bulanan\nAgenda: evaluasi cakupan imunisasi dan kunjungan ANC.\n"
        "Tindak lanjut: sweeping imunisasi di posyandu dengan cakupan di bawah 90%.\n",
    ),
    (
        "Daftar hadir posyandu",
        "daftar-hadir-posyandu-{bulan}.csv",
        "no;nama_kader;posyandu;hadir\n1;Rusmini;Melati 1;ya\n2;Yuliana;Melati 2;ya\n",
    ),
)
"""Tiny real evidence files (label, file name, content) stored in the small demo."""
