import pytest

from app.scoring.predikat import PREDIKAT_MATRIX, PredikatResult, tentukan_predikat
from app.scoring.types import Predikat, Rating

ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

# domain.md §3.4, row = rating hasil kerja, column = rating perilaku.
KUADRAN = [
    (ATAS, ATAS, Predikat.SANGAT_BAIK),
    (ATAS, SESUAI, Predikat.BAIK),
    (ATAS, BAWAH, Predikat.KURANG),
    (SESUAI, ATAS, Predikat.BAIK),
    (SESUAI, SESUAI, Predikat.BAIK),
    (SESUAI, BAWAH, Predikat.KURANG),
    (BAWAH, ATAS, Predikat.BUTUH_PERBAIKAN),
    (BAWAH, SESUAI, Predikat.BUTUH_PERBAIKAN),
    (BAWAH, BAWAH, Predikat.SANGAT_KURANG),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), KUADRAN)
def test_all_nine_cells(hasil: Rating, perilaku: Rating, expected: Predikat) -> None:
    result = tentukan_predikat(hasil, perilaku)
    assert result.predikat is expected
    assert result.rating_hasil is hasil
    assert result.rating_perilaku is perilaku
    assert PREDIKAT_MATRIX[(hasil, perilaku)] is expected


def test_matrix_is_exactly_the_table() -> None:
    assert {(h, p): e for h, p, e in KUADRAN} == PREDIKAT_MATRIX
    assert len(PREDIKAT_MATRIX) == 9


def test_explanation_names_row_column_and_cell() -> None:
    result = tentukan_predikat(Rating.DI_ATAS, Rating.SESUAI)
    assert result == PredikatResult(
        predikat=Predikat.BAIK,
        rating_hasil=Rating.DI_ATAS,
        rating_perilaku=Rating.SESUAI,
        explanation=(
            "Baris kuadran kinerja: rating hasil kerja Di Atas Ekspektasi.",
            "Kolom kuadran kinerja: rating perilaku kerja Sesuai Ekspektasi.",
            "Sel pada baris Di Atas Ekspektasi dan kolom Sesuai Ekspektasi menurut kuadran "
            "kinerja PermenPANRB 6/2022 adalah predikat BAIK.",
        ),
    )


def test_result_is_frozen() -> None:
    result = tentukan_predikat(Rating.SESUAI, Rating.SESUAI)
    with pytest.raises(AttributeError):
        result.predikat = Predikat.SANGAT_BAIK  # type: ignore[misc]
