import pytest

from app.scoring.jpt import DEFAULT_PEMETAAN_JPT, rating_hasil_jpt
from app.scoring.suggest import RatingSuggestion
from app.scoring.types import CapaianOrganisasi, Rating

C = CapaianOrganisasi


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        (C.ISTIMEWA, Rating.DI_ATAS),
        (C.BAIK, Rating.SESUAI),
        (C.BUTUH_PERBAIKAN, Rating.DI_BAWAH),
        (C.KURANG, Rating.DI_BAWAH),
        (C.SANGAT_KURANG, Rating.DI_BAWAH),
    ],
)
def test_default_mapping(capaian: C, expected: Rating) -> None:
    assert DEFAULT_PEMETAAN_JPT[capaian] is expected
    assert rating_hasil_jpt(capaian).rating is expected


def test_default_mapping_covers_every_capaian() -> None:
    assert set(DEFAULT_PEMETAAN_JPT) == set(C)


def test_explanation_default() -> None:
    assert rating_hasil_jpt(C.ISTIMEWA) == RatingSuggestion(
        rating=Rating.DI_ATAS,
        explanation=(
            "Pegawai memimpin organisasi, sehingga rating hasil kerjanya mengikuti capaian "
            "kinerja organisasi: ISTIMEWA.",
            "Capaian ISTIMEWA dipetakan ke rating hasil kerja Di Atas Ekspektasi.",
            "Pemetaan ini adalah bawaan aplikasi yang belum diverifikasi; konfirmasikan dengan "
            "BKD.",
        ),
    )


def test_custom_mapping() -> None:
    pemetaan = {**DEFAULT_PEMETAAN_JPT, C.BUTUH_PERBAIKAN: Rating.SESUAI}
    result = rating_hasil_jpt(C.BUTUH_PERBAIKAN, pemetaan)
    assert result.rating is Rating.SESUAI
    assert result.explanation[1] == (
        "Capaian BUTUH PERBAIKAN dipetakan ke rating hasil kerja Sesuai Ekspektasi."
    )
    assert result.explanation[2] == "Pemetaan ini ditetapkan dalam pengaturan instansi."


def test_missing_key() -> None:
    with pytest.raises(ValueError, match="KURANG"):
        rating_hasil_jpt(C.KURANG, {C.ISTIMEWA: Rating.DI_ATAS})
