import pytest

from app.scoring.types import (
    BERAKHLAK,
    GOLONGAN_PPPK,
    PANGKAT_PNS,
    Aspek,
    CapaianOrganisasi,
    Granularitas,
    JenisJabatan,
    JenisLampiran,
    JenisPegawai,
    NilaiBerakhlak,
    Perspektif,
    Predikat,
    Rating,
    pangkat_golongan_label,
)


def test_rating_labels_and_rank() -> None:
    assert [r.label for r in Rating] == [
        "Di Atas Ekspektasi",
        "Sesuai Ekspektasi",
        "Di Bawah Ekspektasi",
    ]
    assert (Rating.DI_BAWAH.rank, Rating.SESUAI.rank, Rating.DI_ATAS.rank) == (0, 1, 2)
    assert Rating.DI_ATAS.value == "DI_ATAS_EKSPEKTASI"


def test_predikat_order_labels() -> None:
    assert [p.rank for p in Predikat.ordered()] == [0, 1, 2, 3, 4]
    assert Predikat.ordered()[0] is Predikat.SANGAT_KURANG
    assert Predikat.ordered()[-1] is Predikat.SANGAT_BAIK
    assert Predikat.BUTUH_PERBAIKAN.rank < Predikat.BAIK.rank
    assert Predikat.KURANG.rank < Predikat.BUTUH_PERBAIKAN.rank
    assert [p.label for p in Predikat.ordered()] == [
        "SANGAT KURANG",
        "KURANG",
        "BUTUH PERBAIKAN",
        "BAIK",
        "SANGAT BAIK",
    ]
    assert [p.curve_label for p in Predikat.ordered()] == [
        "Sangat Kurang",
        "Kurang/Misconduct",
        "Butuh Perbaikan",
        "Baik",
        "Sangat Baik",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SANGAT_BAIK", Predikat.SANGAT_BAIK),
        ("sangat baik", Predikat.SANGAT_BAIK),
        ("Kurang/Misconduct", Predikat.KURANG),
        ("Misconduct", Predikat.KURANG),
        ("Cukup", Predikat.BUTUH_PERBAIKAN),
        ("  butuh   perbaikan ", Predikat.BUTUH_PERBAIKAN),
        ("BAIK", Predikat.BAIK),
        ("Sangat Kurang", Predikat.SANGAT_KURANG),
        ("KURANG", Predikat.KURANG),
    ],
)
def test_predikat_parse(text: str, expected: Predikat) -> None:
    assert Predikat.parse(text) is expected


@pytest.mark.parametrize("text", ["Sedang", "", "Istimewa"])
def test_predikat_parse_unknown(text: str) -> None:
    with pytest.raises(ValueError, match="predikat tidak dikenal"):
        Predikat.parse(text)


def test_other_labels() -> None:
    assert CapaianOrganisasi.BUTUH_PERBAIKAN.label == "BUTUH PERBAIKAN"
    assert Aspek.KUANTITAS.label == "Kuantitas"
    assert Perspektif.PENERIMA_LAYANAN.label == "Penerima Layanan"
    assert JenisLampiran.SKEMA_PERTANGGUNGJAWABAN.label == "SKEMA PERTANGGUNGJAWABAN"
    assert JenisJabatan.JPT.is_pimpinan
    assert not JenisJabatan.PELAKSANA.is_pimpinan


@pytest.mark.parametrize(
    ("granularitas", "count"),
    [
        (Granularitas.BULANAN, 12),
        (Granularitas.TRIWULANAN, 4),
        (Granularitas.SEMESTERAN, 2),
        (Granularitas.TAHUNAN, 1),
    ],
)
def test_granularitas_count(granularitas: Granularitas, count: int) -> None:
    assert granularitas.jumlah_periode == count


def test_berakhlak_table() -> None:
    assert [BERAKHLAK[n].nomor for n in NilaiBerakhlak] == [1, 2, 3, 4, 5, 6, 7]
    assert NilaiBerakhlak.BERORIENTASI_PELAYANAN.label == "Berorientasi Pelayanan"
    assert NilaiBerakhlak.ADAPTIF.descriptors == (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    )
    assert all(len(BERAKHLAK[n].panduan) == 3 for n in NilaiBerakhlak)


@pytest.mark.parametrize(
    ("jenis", "golongan", "expected"),
    [
        (JenisPegawai.PNS, "III/b", "Penata Muda Tingkat I, III/b"),
        (JenisPegawai.PNS, "IV/e", "Pembina Utama, IV/e"),
        (JenisPegawai.PNS, "V/a", "V/a"),
        (JenisPegawai.PNS, None, "-"),
        (JenisPegawai.PPPK, "", "-"),
        (JenisPegawai.PPPK, "IX", "Golongan IX"),
    ],
)
def test_pangkat_golongan_label(jenis: JenisPegawai, golongan: str | None, expected: str) -> None:
    assert pangkat_golongan_label(jenis, golongan) == expected


def test_reference_tables_sizes() -> None:
    assert len(PANGKAT_PNS) == 17
    assert len(GOLONGAN_PPPK) == 17
    assert GOLONGAN_PPPK[-1] == "XVII"


def test_status_and_granularitas_labels() -> None:
    from app.scoring.types import Granularitas, StatusSkp

    assert [s.label for s in StatusSkp] == ["Draft", "Diajukan", "Disetujui", "Ditolak"]
    assert Granularitas.TRIWULANAN.label == "triwulanan"
