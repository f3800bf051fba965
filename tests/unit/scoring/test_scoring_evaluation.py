"""The SKP-level derivation shared by the evaluation service and the demo."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.scoring.evaluation import IndikatorData, RhkData, derivasi_hasil_kerja
from app.scoring.periode import CaraAgregasi
from app.scoring.suggest import AmbangRating
from app.scoring.types import JenisRhk, Polaritas, Rating


def _ind(name: str, target: int, values: list[int], cara: CaraAgregasi) -> IndikatorData:
    return IndikatorData(
        name, f"uraian {name}", Decimal(target), Polaritas.NAIK, cara, tuple(map(Decimal, values))
    )


def test_quarter_of_a_counted_and_a_rate_indicator() -> None:
    rhk = RhkData(
        "R1",
        "Imunisasi",
        JenisRhk.UTAMA,
        (
            _ind("jumlah", 120, [10, 10, 10], CaraAgregasi.JUMLAH),  # 30 of 30 due -> 100 %
            _ind("persen", 95, [80, 85, 90], CaraAgregasi.TERAKHIR),  # 90 / 95 -> 94,74 %
        ),
    )
    result = derivasi_hasil_kerja([rhk], 3, 12)
    (hasil,) = result.rhk
    assert [i.capaian.persen for i in hasil.indikator] == [Decimal("100.00"), Decimal("94.74")]
    assert hasil.indikator[0].target == Decimal("30.00")
    assert hasil.capaian.persen == Decimal("97.37")
    assert hasil.saran.rating is Rating.SESUAI
    assert result.capaian_persen == Decimal("97.37")
    assert result.saran.rating is Rating.SESUAI
    # The indicator explanation carries both the aggregation and the capaian formula.
    assert any("disesuaikan" in line for line in hasil.indikator[0].explanation)
    assert any("× 100" in line for line in hasil.indikator[0].explanation)


def test_unmeasured_skp_gives_no_suggestion() -> None:
    rhk = RhkData(
        "R1",
        "Laporan",
        JenisRhk.UTAMA,
        (IndikatorData("i", "uraian", None, Polaritas.NAIK, CaraAgregasi.JUMLAH, ()),),
    )
    result = derivasi_hasil_kerja([rhk], 12, 12)
    assert result.capaian_persen is None
    assert result.saran.rating is None


def test_thresholds_are_arguments() -> None:
    rhk = RhkData("R1", "X", JenisRhk.UTAMA, (_ind("a", 100, [85], CaraAgregasi.TERAKHIR),))
    assert derivasi_hasil_kerja([rhk], 1, 12).saran.rating is Rating.DI_BAWAH
    lenient = AmbangRating(di_atas_min=Decimal(100), sesuai_min=Decimal(80))
    assert derivasi_hasil_kerja([rhk], 1, 12, lenient).saran.rating is Rating.SESUAI


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12),
    st.integers(min_value=0, max_value=20),
)
def test_more_realisation_never_lowers_the_suggestion(values: list[int], extra: int) -> None:
    def rating(vals: list[int]) -> int:
        rhk = RhkData("R", "X", JenisRhk.UTAMA, (_ind("a", 120, vals, CaraAgregasi.JUMLAH),))
        result = derivasi_hasil_kerja([rhk], len(vals), 12)
        assert result.saran.rating is not None
        return result.saran.rating.rank

    more = [*values[:-1], values[-1] + extra]
    assert rating(more) >= rating(values)
