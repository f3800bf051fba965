"""Domain enumerations and reference tables (domain.md §2, §3, §5).

Enum values are the stable codes stored in the database and carried in sync packages; labels are
what forms print. Order matters where the regulation defines one (``Predikat.rank``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.i18n import N_, _


class Rating(StrEnum):
    """Rating hasil kerja or rating perilaku (domain.md §3.1, §3.2)."""

    DI_ATAS = "DI_ATAS_EKSPEKTASI"
    SESUAI = "SESUAI_EKSPEKTASI"
    DI_BAWAH = "DI_BAWAH_EKSPEKTASI"

    @property
    def label(self) -> str:
        """Label as printed on the evaluation form, e.g. ``Di Atas Ekspektasi``."""
        return _(_RATING_LABELS[self])

    @property
    def rank(self) -> int:
        """0 = di bawah, 1 = sesuai, 2 = di atas; used for ordering and property tests."""
        return _RATING_RANK[self]


_RATING_LABELS = {
    Rating.DI_ATAS: N_("Di Atas Ekspektasi"),
    Rating.SESUAI: N_("Sesuai Ekspektasi"),
    Rating.DI_BAWAH: N_("Di Bawah Ekspektasi"),
}
_RATING_RANK = {Rating.DI_BAWAH: 0, Rating.SESUAI: 1, Rating.DI_ATAS: 2}


class Predikat(StrEnum):
    """Predikat kinerja pegawai (domain.md §3.4), ordinal low -> high by ``rank``."""

    SANGAT_KURANG = "SANGAT_KURANG"
    KURANG = "KURANG"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    BAIK = "BAIK"
    SANGAT_BAIK = "SANGAT_BAIK"

    @property
    def rank(self) -> int:
        """0 (Sangat Kurang) .. 4 (Sangat Baik), the axis order of the distribution curve."""
        return _PREDIKAT_ORDER.index(self)

    @property
    def label(self) -> str:
        """Printed on the Dokumen Evaluasi, e.g. ``SANGAT BAIK``."""
        return _(_PREDIKAT_LABELS[self])

    @property
    def curve_label(self) -> str:
        """Axis label of the distribution curve (``Kurang/Misconduct`` for KURANG)."""
        return _(_PREDIKAT_CURVE_LABELS[self])

    @classmethod
    def ordered(cls) -> tuple[Predikat, ...]:
        """All predikat from lowest to highest."""
        return _PREDIKAT_ORDER

    @classmethod
    def parse(cls, text: str) -> Predikat:
        """Read a predikat from a code or a printed label; ``Cukup`` is an alias of BP (§3.4)."""
        key = " ".join(text.replace("_", " ").replace("/", " ").upper().split())
        aliases = {
            "SANGAT KURANG": cls.SANGAT_KURANG,
            "KURANG": cls.KURANG,
            "KURANG MISCONDUCT": cls.KURANG,
            "MISCONDUCT": cls.KURANG,
            "BUTUH PERBAIKAN": cls.BUTUH_PERBAIKAN,
            "CUKUP": cls.BUTUH_PERBAIKAN,
            "BAIK": cls.BAIK,
            "SANGAT BAIK": cls.SANGAT_BAIK,
        }
        try:
            return aliases[key]
        except KeyError:
            raise ValueError(f"predikat tidak dikenal: {text!r}") from None


_PREDIKAT_ORDER = (
    Predikat.SANGAT_KURANG,
    Predikat.KURANG,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.BAIK,
    Predikat.SANGAT_BAIK,
)
_PREDIKAT_LABELS = {
    Predikat.SANGAT_KURANG: N_("SANGAT KURANG"),
    Predikat.KURANG: N_("KURANG"),
    Predikat.BUTUH_PERBAIKAN: N_("BUTUH PERBAIKAN"),
    Predikat.BAIK: N_("BAIK"),
    Predikat.SANGAT_BAIK: N_("SANGAT BAIK"),
}
_PREDIKAT_CURVE_LABELS = {
    Predikat.SANGAT_KURANG: N_("Sangat Kurang"),
    Predikat.KURANG: N_("Kurang/Misconduct"),
    Predikat.BUTUH_PERBAIKAN: N_("Butuh Perbaikan"),
    Predikat.BAIK: N_("Baik"),
    Predikat.SANGAT_BAIK: N_("Sangat Baik"),
}


class CapaianOrganisasi(StrEnum):
    """Capaian kinerja organisasi (domain.md §3.5); nullable where not set ("-")."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"

    @property
    def label(self) -> str:
        """``ISTIMEWA``, ``BUTUH PERBAIKAN`` ... as printed."""
        return self.value.replace("_", " ")


class Polaritas(StrEnum):
    """Direction of an indicator and the capaian formula it uses (domain.md §3.10).

    NAIK: higher is better, ``R / T x 100``. TURUN: lower is better, ``(2T - R) / T x 100``
    (common SAKIP practice). TURUN_RASIO: lower is better, ``T / R x 100``.
    """

    NAIK = "NAIK"
    TURUN = "TURUN"
    TURUN_RASIO = "TURUN_RASIO"


class Aspek(StrEnum):
    """Aspek of an IKI for JA/JF kuantitatif SKPs."""

    KUANTITAS = "KUANTITAS"
    KUALITAS = "KUALITAS"
    WAKTU = "WAKTU"
    BIAYA = "BIAYA"

    @property
    def label(self) -> str:
        """``Kuantitas`` etc."""
        return self.value.capitalize()


class Perspektif(StrEnum):
    """Perspektif of an IKI for JPT kuantitatif SKPs."""

    PENERIMA_LAYANAN = "PENERIMA_LAYANAN"
    PROSES_BISNIS = "PROSES_BISNIS"
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL"
    ANGGARAN = "ANGGARAN"

    @property
    def label(self) -> str:
        """``Penerima Layanan`` etc."""
        return self.value.replace("_", " ").title()


class JenisRhk(StrEnum):
    """Utama (core duties) or tambahan (extra assignments)."""

    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"


class KlasifikasiRhk(StrEnum):
    """RHK klasifikasi seen in e-Kinerja JPT forms."""

    ORGANISASI = "ORGANISASI"
    INDIVIDU = "INDIVIDU"


class JenisPegawai(StrEnum):
    """PNS or PPPK; they have different identity numbers and golongan scales."""

    PNS = "PNS"
    PPPK = "PPPK"


class JenisJabatan(StrEnum):
    """Jabatan types (domain.md §5.5)."""

    JPT = "JPT"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    FUNGSIONAL = "FUNGSIONAL"
    PELAKSANA = "PELAKSANA"

    @property
    def is_pimpinan(self) -> bool:
        """JPT use perspektif and take their rating hasil kerja from capaian organisasi."""
        return self is JenisJabatan.JPT


class JenisKelamin(StrEnum):
    """Sex as coded in digit 15 of the NIP (1 = pria, 2 = wanita)."""

    PRIA = "PRIA"
    WANITA = "WANITA"


class Granularitas(StrEnum):
    """How a year is split into evaluation periods (configurable per pemda, domain.md §2.3)."""

    BULANAN = "BULANAN"
    TRIWULANAN = "TRIWULANAN"
    SEMESTERAN = "SEMESTERAN"
    TAHUNAN = "TAHUNAN"

    @property
    def label(self) -> str:
        """``bulanan``, ``triwulanan``, ... as used in sentences."""
        return _(_GRANULARITAS_LABELS[self.value])

    @property
    def jumlah_periode(self) -> int:
        """Number of periods in a year."""
        return {"BULANAN": 12, "TRIWULANAN": 4, "SEMESTERAN": 2, "TAHUNAN": 1}[self.value]


class StatusSkp(StrEnum):
    """SKP workflow: Draft -> Diajukan -> Disetujui | Ditolak (with reason)."""

    DRAFT = "DRAFT"
    DIAJUKAN = "DIAJUKAN"
    DISETUJUI = "DISETUJUI"
    DITOLAK = "DITOLAK"

    @property
    def label(self) -> str:
        """``Draft``, ``Diajukan``, ``Disetujui``, ``Ditolak``."""
        return _(_STATUS_SKP_LABELS[self.value])


_STATUS_SKP_LABELS = {
    "DRAFT": N_("Draft"),
    "DIAJUKAN": N_("Diajukan"),
    "DISETUJUI": N_("Disetujui"),
    "DITOLAK": N_("Ditolak"),
}
_GRANULARITAS_LABELS = {
    "BULANAN": N_("bulanan"),
    "TRIWULANAN": N_("triwulanan"),
    "SEMESTERAN": N_("semesteran"),
    "TAHUNAN": N_("tahunan"),
}


class Pendekatan(StrEnum):
    """SKP approach: quantitative indicators or qualitative narrative."""

    KUANTITATIF = "KUANTITATIF"
    KUALITATIF = "KUALITATIF"


class StatusEvaluasi(StrEnum):
    """An evaluation is a draft until the penilai finalises it."""

    DRAFT = "DRAFT"
    FINAL = "FINAL"


class JenisLampiran(StrEnum):
    """The three lists of the Lampiran SKP (domain.md §2.1, §4.4)."""

    DUKUNGAN_SUMBER_DAYA = "DUKUNGAN_SUMBER_DAYA"
    SKEMA_PERTANGGUNGJAWABAN = "SKEMA_PERTANGGUNGJAWABAN"
    KONSEKUENSI = "KONSEKUENSI"

    @property
    def label(self) -> str:
        """Section heading as printed."""
        return self.value.replace("_", " ")


class JenisOrganisasi(StrEnum):
    """Node types of the organisation tree (domain.md §5.6)."""

    PEMDA = "PEMDA"
    OPD = "OPD"
    BIDANG = "BIDANG"
    UPT = "UPT"
    SEKOLAH = "SEKOLAH"
    PUSKESMAS = "PUSKESMAS"
    KECAMATAN = "KECAMATAN"
    KELURAHAN = "KELURAHAN"


class NilaiBerakhlak(StrEnum):
    """The seven BerAKHLAK core values, in their official order."""

    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN"
    AKUNTABEL = "AKUNTABEL"
    KOMPETEN = "KOMPETEN"
    HARMONIS = "HARMONIS"
    LOYAL = "LOYAL"
    ADAPTIF = "ADAPTIF"
    KOLABORATIF = "KOLABORATIF"

    @property
    def label(self) -> str:
        """``Berorientasi Pelayanan`` etc."""
        return BERAKHLAK[self].nama

    @property
    def descriptors(self) -> tuple[str, str, str]:
        """The three standard behaviour descriptors printed under the value."""
        return BERAKHLAK[self].panduan


@dataclass(frozen=True)
class NilaiDefinition:
    """One row of the BerAKHLAK table: name and its three panduan perilaku."""

    nomor: int
    nama: str
    panduan: tuple[str, str, str]


# domain.md §3.3 — print exactly these rows (SE MenPANRB 20/2021).
BERAKHLAK: dict[NilaiBerakhlak, NilaiDefinition] = {
    NilaiBerakhlak.BERORIENTASI_PELAYANAN: NilaiDefinition(
        1,
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    NilaiBerakhlak.AKUNTABEL: NilaiDefinition(
        2,
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan "
            "berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, "
            "dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    NilaiBerakhlak.KOMPETEN: NilaiDefinition(
        3,
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    NilaiBerakhlak.HARMONIS: NilaiDefinition(
        4,
        "Harmonis",
        (
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    NilaiBerakhlak.LOYAL: NilaiDefinition(
        5,
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia "
            "Tahun 1945, setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan "
            "yang sah",
            "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    NilaiBerakhlak.ADAPTIF: NilaiDefinition(
        6,
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    NilaiBerakhlak.KOLABORATIF: NilaiDefinition(
        7,
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ),
    ),
}

# domain.md §5.4: golongan ruang -> pangkat (PNS).
PANGKAT_PNS: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

# PPPK golongan I .. XVII (Perpres 98/2020).
GOLONGAN_PPPK: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip


def pangkat_golongan_label(jenis: JenisPegawai, golongan: str | None) -> str:
    """Printed ``PANGKAT/GOL RUANG``: ``Penata Muda Tingkat I, III/b`` or ``Golongan IX``."""
    if not golongan:
        return "-"
    if jenis is JenisPegawai.PNS:
        pangkat = PANGKAT_PNS.get(golongan)
        return f"{pangkat}, {golongan}" if pangkat else golongan
    return f"Golongan {golongan}"
