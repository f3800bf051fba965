from decimal import Decimal

import pytest

from app.scoring.legacy import (
    KREATIVITAS,
    PERSEN_ANGKA_KREDIT,
    AngkaKreditResult,
    KegiatanPp46,
    NilaiKegiatanResult,
    angka_kredit,
    nilai_capaian_kegiatan,
    nilai_prestasi_kerja_pp46,
    nilai_skp_pp46,
    nilai_tugas_tambahan,
    sebutan_pp46,
)
from app.scoring.types import Predikat

D = Decimal
LABEL = "Perhitungan lama ini bukan dasar predikat kinerja menurut PermenPANRB 6/2022."


def kegiatan(
    ro: str = "10",
    rk: str = "100",
    rw: str = "12",
    *,
    to: str = "10",
    tk: str = "100",
    tw: str = "12",
    tb: str | None = None,
    rb: str | None = None,
) -> KegiatanPp46:
    return KegiatanPp46(
        target_output=D(to),
        realisasi_output=D(ro),
        target_kualitas=D(tk),
        realisasi_kualitas=D(rk),
        target_waktu=D(tw),
        realisasi_waktu=D(rw),
        target_biaya=None if tb is None else D(tb),
        realisasi_biaya=None if rb is None else D(rb),
    )


@pytest.mark.parametrize(
    ("rw", "waktu"),
    [
        ("12", "76.00"),  # PEW 0
        ("10", "92.67"),  # PEW 16,67 <= 24
        ("8", "66.67"),  # PEW 33,33 > 24
    ],
)
def test_worked_examples_waktu(rw: str, waktu: str) -> None:
    assert nilai_capaian_kegiatan(kegiatan(rw=rw)).waktu == D(waktu)


def test_worked_example_kegiatan() -> None:
    result = nilai_capaian_kegiatan(kegiatan(rk="90"))
    assert result == NilaiKegiatanResult(
        kuantitas=D("100.00"),
        kualitas=D("90.00"),
        waktu=D("76.00"),
        biaya=None,
        perhitungan=D("266.00"),
        nilai_capaian=D("88.67"),
        explanation=(
            "Kuantitas: 10 ÷ 10 × 100 = 100,00.",
            "Kualitas: 90 ÷ 100 × 100 = 90,00.",
            "Waktu: efisiensi 0% ≤ 24%, maka ((1,76 × 12 − 12) ÷ 12) × 100 = 76,00.",
            "Perhitungan: 100,00 + 90,00 + 76,00 = 266,00; nilai capaian = 266,00 ÷ 3 = 88,67.",
            LABEL,
        ),
    )
    assert sebutan_pp46(result.nilai_capaian) == "Baik"


def test_waktu_above_24_explained() -> None:
    result = nilai_capaian_kegiatan(kegiatan(rw="8"))
    assert result.explanation[2] == (
        "Waktu: efisiensi 33,33% > 24%, maka 76 − ((((1,76 × 12 − 8) ÷ 12) × 100) − 100) = 66,67."
    )


@pytest.mark.parametrize(
    ("tw", "rw", "waktu"),
    [
        ("100", "76", "100.00"),  # PEW exactly 24 -> first formula
        ("100", "75", "75.00"),  # PEW 25 -> second formula
        # PEW 24,001 is rounded to 24,00 before the comparison, so the first formula applies.
        ("100000", "75999", "100.00"),
        ("12", "0", "0.00"),  # PEW 100
        ("12", "14", "59.33"),  # late: PEW negative
    ],
)
def test_waktu_boundaries(tw: str, rw: str, waktu: str) -> None:
    assert nilai_capaian_kegiatan(kegiatan(tw=tw, rw=rw)).waktu == D(waktu)


@pytest.mark.parametrize(
    ("rb", "biaya"),
    [("1000", "76.00"), ("900", "86.00"), ("760", "100.00"), ("700", "70.00")],
)
def test_biaya_divides_by_four(rb: str, biaya: str) -> None:
    result = nilai_capaian_kegiatan(kegiatan(tb="1000", rb=rb))
    assert result.biaya == D(biaya)
    assert result.perhitungan == D("276.00") + D(biaya)
    assert result.nilai_capaian == ((D("276.00") + D(biaya)) / 4).quantize(D("0.01"))


def test_biaya_example_explained() -> None:
    result = nilai_capaian_kegiatan(kegiatan(rk="90", tb="1000000", rb="900000"))
    assert result.nilai_capaian == D("88.00")  # (100 + 90 + 76 + 86) / 4
    assert result.explanation[3] == (
        "Biaya: efisiensi 10% ≤ 24%, maka ((1,76 × 1.000.000 − 900.000) ÷ 1.000.000) × 100 = 86,00."
    )
    assert result.explanation[4] == (
        "Perhitungan: 100,00 + 90,00 + 76,00 + 86,00 = 352,00; nilai capaian = 352,00 ÷ 4 = 88,00."
    )


@pytest.mark.parametrize(("tb", "rb"), [("0", "500"), (None, "500"), ("0", None)])
def test_no_biaya_when_target_biaya_absent_or_zero(tb: str | None, rb: str | None) -> None:
    result = nilai_capaian_kegiatan(kegiatan(rk="90", tb=tb, rb=rb))
    assert result.biaya is None
    assert result.nilai_capaian == D("88.67")


@pytest.mark.parametrize(("tb", "biaya"), [(None, None), ("1000", D(0))])
def test_realisasi_output_zero_scores_zero(tb: str | None, biaya: Decimal | None) -> None:
    result = nilai_capaian_kegiatan(kegiatan(ro="0", rb=None if tb is None else "1000", tb=tb))
    assert result == NilaiKegiatanResult(
        kuantitas=D(0),
        kualitas=D(0),
        waktu=D(0),
        biaya=biaya,
        perhitungan=D(0),
        nilai_capaian=D(0),
        explanation=(
            "Realisasi output nol: kegiatan tidak menghasilkan apa pun, sehingga seluruh aspek "
            "dan nilai capaian kegiatan bernilai 0.",
            LABEL,
        ),
    )


@pytest.mark.parametrize(
    ("kwargs", "pesan"),
    [
        ({"to": "0"}, "target_output"),
        ({"tk": "-1"}, "target_kualitas"),
        ({"tw": "0"}, "target_waktu"),
        ({"ro": "-1"}, "realisasi_output"),
        ({"rk": "-1"}, "realisasi_kualitas"),
        ({"rw": "-0.5"}, "realisasi_waktu"),
        ({"tb": "-5", "rb": "1"}, "target_biaya"),
        ({"tb": "5"}, "realisasi_biaya"),
        ({"tb": "5", "rb": "-1"}, "realisasi_biaya"),
    ],
)
def test_invalid_kegiatan(kwargs: dict[str, str], pesan: str) -> None:
    with pytest.raises(ValueError, match=pesan):
        nilai_capaian_kegiatan(kegiatan(**kwargs))


@pytest.mark.parametrize(
    ("jumlah", "nilai"),
    [(0, 0), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (25, 3)],
)
def test_tugas_tambahan(jumlah: int, nilai: int) -> None:
    assert nilai_tugas_tambahan(jumlah) == D(nilai)


def test_tugas_tambahan_negative() -> None:
    with pytest.raises(ValueError, match="tugas tambahan"):
        nilai_tugas_tambahan(-1)


def test_kreativitas_table() -> None:
    assert {"UNIT_KERJA": D(3), "ORGANISASI": D(6), "NEGARA": D(12)} == KREATIVITAS


def test_nilai_skp() -> None:
    k1 = nilai_capaian_kegiatan(kegiatan(rk="90"))  # 88.67
    k2 = nilai_capaian_kegiatan(kegiatan(rw="10"))  # (100 + 100 + 92.67) / 3 = 97.56
    result = nilai_skp_pp46([k1, k2], tugas_tambahan=4, kreativitas=KREATIVITAS["UNIT_KERJA"])
    # (88.67 + 97.56) / 2 = 93.115 -> 93.12; + 2 + 3
    assert result.nilai_skp == D("98.12")
    assert result.explanation == (
        "Rata-rata nilai capaian 2 kegiatan: (88,67 + 97,56) ÷ 2 = 93,12.",
        "Tugas tambahan: 4 tugas bernilai 2.",
        "Kreativitas bernilai 3.",
        "Nilai SKP = 93,12 + 2 + 3 = 98,12.",
        LABEL,
    )


def test_nilai_skp_defaults() -> None:
    result = nilai_skp_pp46([nilai_capaian_kegiatan(kegiatan(rk="90"))])
    assert result.nilai_skp == D("88.67")


def test_nilai_skp_invalid() -> None:
    with pytest.raises(ValueError, match="kegiatan"):
        nilai_skp_pp46([])
    k = nilai_capaian_kegiatan(kegiatan())
    with pytest.raises(ValueError, match="kreativitas"):
        nilai_skp_pp46([k], kreativitas=D(-1))
    with pytest.raises(ValueError, match="tugas tambahan"):
        nilai_skp_pp46([k], tugas_tambahan=-2)


@pytest.mark.parametrize(
    ("nilai", "sebutan"),
    [
        ("0", "Buruk"),
        ("50", "Buruk"),
        ("50.004", "Buruk"),
        ("50.005", "Kurang"),  # rounds to 50,01
        ("60", "Kurang"),
        ("60.01", "Cukup"),
        ("75", "Cukup"),
        ("75.001", "Cukup"),
        ("75.01", "Baik"),
        ("90.99", "Baik"),
        ("90.994", "Baik"),
        ("90.995", "Sangat Baik"),  # rounds to 91,00
        ("91", "Sangat Baik"),
        ("120", "Sangat Baik"),
    ],
)
def test_sebutan(nilai: str, sebutan: str) -> None:
    assert sebutan_pp46(D(nilai)) == sebutan


def test_prestasi_kerja() -> None:
    result = nilai_prestasi_kerja_pp46(D("88.67"), [D(80), D(85), D(90), D(75), D(80)])
    assert result.nilai_skp == D("88.67")
    assert result.nilai_skp_60 == D("53.20")  # 53.202
    assert result.nilai_perilaku == D("82.00")
    assert result.nilai_perilaku_40 == D("32.80")
    assert result.nilai_prestasi_kerja == D("86.00")
    assert result.sebutan == "Baik"
    assert result.explanation == (
        "Nilai perilaku = rata-rata 5 unsur: (80 + 85 + 90 + 75 + 80) ÷ 5 = 82,00.",
        "60% × nilai SKP 88,67 = 53,20.",
        "40% × nilai perilaku 82,00 = 32,80.",
        "Nilai prestasi kerja = 53,20 + 32,80 = 86,00, sebutan Baik.",
        LABEL,
    )


def test_prestasi_kerja_rounding_and_sebutan() -> None:
    result = nilai_prestasi_kerja_pp46(D("91.125"), [D("90.5"), D(91), D(92)])
    assert result.nilai_skp_60 == D("54.68")  # 54.675 half up
    assert result.nilai_perilaku == D("91.17")  # 91.1666
    assert result.nilai_perilaku_40 == D("36.47")  # 36.468
    assert result.nilai_prestasi_kerja == D("91.15")
    assert result.sebutan == "Sangat Baik"


@pytest.mark.parametrize("unsur", [[], [D(101)], [D(80), D(-1)]])
def test_prestasi_kerja_invalid(unsur: list[Decimal]) -> None:
    with pytest.raises(ValueError, match="unsur"):
        nilai_prestasi_kerja_pp46(D(80), unsur)


def test_persen_angka_kredit() -> None:
    assert {
        Predikat.SANGAT_BAIK: D(150),
        Predikat.BAIK: D(100),
        Predikat.BUTUH_PERBAIKAN: D(75),
        Predikat.KURANG: D(50),
        Predikat.SANGAT_KURANG: D(25),
    } == PERSEN_ANGKA_KREDIT


@pytest.mark.parametrize(
    ("predikat", "koefisien", "bulan", "expected"),
    [
        (Predikat.BAIK, "12.5", 2, "2.08"),  # domain.md §2.4 example
        (Predikat.BAIK, "12.5", 12, "12.50"),
        (Predikat.SANGAT_BAIK, "12.5", 12, "18.75"),
        (Predikat.BUTUH_PERBAIKAN, "25", 1, "1.56"),  # 1.5625
        (Predikat.KURANG, "37.5", 6, "9.38"),  # 9.375 half up
        (Predikat.SANGAT_KURANG, "25", 6, "3.13"),  # 3.125 half up
        (Predikat.SANGAT_KURANG, "0", 12, "0.00"),
    ],
)
def test_angka_kredit(predikat: Predikat, koefisien: str, bulan: int, expected: str) -> None:
    assert angka_kredit(predikat, D(koefisien), bulan).angka_kredit == D(expected)


def test_angka_kredit_default_and_explanation() -> None:
    assert angka_kredit(Predikat.BAIK, D("12.5"), 2) == AngkaKreditResult(
        angka_kredit=D("2.08"),
        explanation=(
            "Predikat BAIK memberi 100% dari koefisien angka kredit tahunan.",
            "Angka kredit = 2/12 × 100% × 12,5 = 2,08.",
            "Angka kredit adalah akibat dari predikat, bukan dasar predikat kinerja menurut "
            "PermenPANRB 6/2022.",
        ),
    )
    assert angka_kredit(Predikat.SANGAT_BAIK, D(25)).angka_kredit == D("37.50")


@pytest.mark.parametrize("bulan", [0, 13, -1])
def test_angka_kredit_bulan_invalid(bulan: int) -> None:
    with pytest.raises(ValueError, match="bulan"):
        angka_kredit(Predikat.BAIK, D(10), bulan)


def test_angka_kredit_koefisien_invalid() -> None:
    with pytest.raises(ValueError, match="koefisien"):
        angka_kredit(Predikat.BAIK, D(-1))
