from decimal import Decimal

import pytest

from app.scoring.capaian import (
    DEFAULT_BATAS_ATAS,
    CapaianResult,
    IndikatorCapaian,
    agregasi_rhk,
    hitung_capaian,
)
from app.scoring.types import JenisRhk, Polaritas

D = Decimal
NAIK, TURUN, RASIO = Polaritas.NAIK, Polaritas.TURUN, Polaritas.TURUN_RASIO
NOTA = (
    "Persentase capaian hanya alat bantu; rating hasil kerja tetap ditetapkan oleh pejabat penilai."
)


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "persen", "terbatas"),
    [
        # NAIK: R / T x 100
        ("100", "90", NAIK, "90.00", "90.00"),
        ("3", "2", NAIK, "66.67", "66.67"),
        ("8", "1", NAIK, "12.50", "12.50"),
        ("100", "150", NAIK, "150.00", "120"),
        ("100", "-10", NAIK, "-10.00", "0"),
        ("100", "0", NAIK, "0.00", "0.00"),
        # TURUN: (2T - R) / T x 100
        ("10", "8", TURUN, "120.00", "120.00"),
        ("10", "12", TURUN, "80.00", "80.00"),
        ("10", "5", TURUN, "150.00", "120"),
        ("10", "25", TURUN, "-50.00", "0"),
        ("3", "2", TURUN, "133.33", "120"),
        # TURUN_RASIO: T / R x 100
        ("10", "8", RASIO, "125.00", "120"),
        ("10", "20", RASIO, "50.00", "50.00"),
        ("3", "7", RASIO, "42.86", "42.86"),
        ("0", "5", RASIO, "0.00", "0.00"),
    ],
)
def test_formulas(
    target: str, realisasi: str, polaritas: Polaritas, persen: str, terbatas: str
) -> None:
    result = hitung_capaian(D(target), D(realisasi), polaritas)
    assert result.persen == D(persen)
    assert result.persen_terbatas == D(terbatas)
    assert result.explanation[-1] == NOTA


def test_explanation_naik_shows_numbers() -> None:
    result = hitung_capaian(D(12), D("10.5"), NAIK)
    assert result == CapaianResult(
        persen=D("87.50"),
        persen_terbatas=D("87.50"),
        explanation=(
            "Polaritas naik (makin tinggi makin baik): capaian = realisasi ÷ target × 100 = "
            "10,5 ÷ 12 × 100 = 87,5%.",
            NOTA,
        ),
    )


def test_explanation_turun_capped() -> None:
    result = hitung_capaian(D(10), D(5), TURUN)
    assert result.explanation == (
        "Polaritas turun (makin rendah makin baik): capaian = (2 × target − realisasi) ÷ "
        "target × 100 = (2 × 10 − 5) ÷ 10 × 100 = 150%.",
        "Capaian 150% melebihi batas atas 120%; untuk tampilan dan agregasi dipakai 120%.",
        NOTA,
    )


def test_explanation_turun_negative() -> None:
    result = hitung_capaian(D(10), D(25), TURUN)
    assert result.explanation[1] == "Capaian -50% negatif; untuk tampilan dan agregasi dipakai 0%."


def test_explanation_rasio() -> None:
    result = hitung_capaian(D(10), D(20), RASIO)
    assert result.explanation[0] == (
        "Polaritas turun dengan rumus rasio (makin rendah makin baik): capaian = target ÷ "
        "realisasi × 100 = 10 ÷ 20 × 100 = 50%."
    )


def test_round_before_clamp() -> None:
    # 120.004 rounds to 120.00, which is not above the cap, so nothing is reported as capped.
    result = hitung_capaian(D(1000), D("1200.04"), NAIK)
    assert result.persen == D("120.00")
    assert result.persen_terbatas == D("120.00")
    assert len(result.explanation) == 2


def test_custom_cap() -> None:
    result = hitung_capaian(D(100), D(150), NAIK, batas_atas=D(100))
    assert result.persen == D("150.00")
    assert result.persen_terbatas == D(100)


@pytest.mark.parametrize("realisasi", ["0", "0.00"])
@pytest.mark.parametrize("target", ["5", "0"])
def test_rasio_realisasi_nol_is_best(target: str, realisasi: str) -> None:
    result = hitung_capaian(D(target), D(realisasi), RASIO)
    assert result.persen == DEFAULT_BATAS_ATAS
    assert result.persen_terbatas == DEFAULT_BATAS_ATAS
    assert result.explanation == (
        "Polaritas turun dengan rumus rasio: realisasi nol adalah hasil terbaik, sehingga "
        "capaian ditetapkan sama dengan batas atas 120%.",
        NOTA,
    )


def test_rasio_realisasi_nol_follows_custom_cap() -> None:
    result = hitung_capaian(D(5), D(0), RASIO, batas_atas=D("150.5"))
    assert result.persen_terbatas == D("150.5")


TIDAK = "Capaian tidak dihitung; pejabat penilai menilai indikator ini langsung dari bukti dukung."


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "alasan"),
    [
        (None, "5", NAIK, "Target numerik belum diisi."),
        (None, None, RASIO, "Target numerik belum diisi."),
        ("5", None, TURUN, "Realisasi numerik belum diisi."),
        ("-5", "3", NAIK, "Target -5 negatif, sehingga persentase capaian tidak bermakna."),
        ("-5", "3", RASIO, "Target -5 negatif, sehingga persentase capaian tidak bermakna."),
        ("0", "3", NAIK, "Target bernilai nol; rumus capaian akan membagi dengan nol."),
        ("0", "3", TURUN, "Target bernilai nol; rumus capaian akan membagi dengan nol."),
        (
            "5",
            "-1",
            RASIO,
            "Realisasi -1 negatif; rumus rasio target ÷ realisasi tidak bermakna untuk nilai "
            "negatif.",
        ),
    ],
)
def test_not_measurable(
    target: str | None, realisasi: str | None, polaritas: Polaritas, alasan: str
) -> None:
    result = hitung_capaian(
        None if target is None else D(target),
        None if realisasi is None else D(realisasi),
        polaritas,
    )
    assert result == CapaianResult(None, None, (alasan, TIDAK))


@pytest.mark.parametrize("batas", ["0", "-1", "120.001", "NaN", "Infinity"])
def test_invalid_cap(batas: str) -> None:
    with pytest.raises(ValueError, match="batas_atas"):
        hitung_capaian(D(1), D(1), NAIK, batas_atas=D(batas))


@pytest.mark.parametrize(
    ("target", "realisasi", "nama"),
    [("NaN", "1", "target"), ("1", "-Infinity", "realisasi"), ("sNaN", "1", "target")],
)
def test_non_finite_inputs(target: str, realisasi: str, nama: str) -> None:
    with pytest.raises(ValueError, match=nama):
        hitung_capaian(D(target), D(realisasi), NAIK)


def _ind(indikator_id: str, persen: str | None, raw: str | None = None) -> IndikatorCapaian:
    terbatas = None if persen is None else D(persen)
    mentah = terbatas if raw is None else D(raw)
    return IndikatorCapaian(
        indikator_id, f"uraian {indikator_id}", CapaianResult(mentah, terbatas, ())
    )


def test_agregasi_mean_of_capped() -> None:
    result = agregasi_rhk(
        "RHK-1",
        "Layanan",
        JenisRhk.UTAMA,
        [_ind("B", "120", raw="150"), _ind("A", "90"), _ind("C", None), _ind("D", "85.5")],
    )
    assert result.persen == D("98.50")
    assert result.jumlah_terukur == 3
    assert result.jumlah_indikator == 4
    assert result.rhk_id == "RHK-1"
    assert result.uraian == "Layanan"
    assert result.jenis is JenisRhk.UTAMA
    assert result.explanation == (
        "Indikator «uraian A»: capaian 90%.",
        "Indikator «uraian B»: capaian 120%.",
        "Indikator «uraian C»: tidak terukur secara numerik.",
        "Indikator «uraian D»: capaian 85,5%.",
        "Capaian RHK = rata-rata capaian 3 indikator terukur dari 4 indikator: "
        "(90% + 120% + 85,5%) ÷ 3 = 98,5%.",
    )


def test_agregasi_rounds_half_up() -> None:
    result = agregasi_rhk(
        "R", "u", JenisRhk.TAMBAHAN, [_ind("a", "100"), _ind("b", "100"), _ind("c", "100.01")]
    )
    # 300.01 / 3 = 100.00333 -> 100.00
    assert result.persen == D("100.00")
    result = agregasi_rhk("R", "u", JenisRhk.TAMBAHAN, [_ind("a", "0.01"), _ind("b", "0.02")])
    # 0.015 -> 0.02 (half up)
    assert result.persen == D("0.02")


def test_agregasi_none_measurable() -> None:
    result = agregasi_rhk("R", "u", JenisRhk.TAMBAHAN, [_ind("a", None), _ind("b", None)])
    assert result.persen is None
    assert result.jumlah_terukur == 0
    assert result.jumlah_indikator == 2
    assert result.explanation[-1] == (
        "Tidak ada indikator yang terukur secara numerik; RHK ini dinilai langsung oleh "
        "pejabat penilai."
    )


def test_agregasi_no_indicator() -> None:
    result = agregasi_rhk("R", "u", JenisRhk.UTAMA, [])
    assert result.persen is None
    assert (result.jumlah_terukur, result.jumlah_indikator) == (0, 0)
    assert result.explanation == (
        "RHK ini belum memiliki indikator; pejabat penilai menilainya langsung.",
    )


def test_agregasi_from_hitung_capaian() -> None:
    indikator = [
        IndikatorCapaian("1", "Jumlah dokumen", hitung_capaian(D(12), D(12), NAIK)),
        IndikatorCapaian("2", "Waktu layanan", hitung_capaian(D(5), D(4), TURUN)),
        IndikatorCapaian("3", "Keluhan", hitung_capaian(None, D(3), RASIO)),
    ]
    result = agregasi_rhk("R", "u", JenisRhk.UTAMA, indikator)
    # (100 + 120) / 2
    assert result.persen == D("110.00")
    assert result.jumlah_terukur == 2
