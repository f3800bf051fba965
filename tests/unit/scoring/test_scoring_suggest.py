from decimal import Decimal

import pytest

from app.scoring.capaian import RhkCapaian
from app.scoring.suggest import (
    AMBANG_BAWAAN,
    AmbangRating,
    RatingSuggestion,
    RhkSuggestion,
    saran_rating_hasil_kerja,
    saran_rating_perilaku,
    saran_rating_rhk,
)
from app.scoring.types import JenisRhk, NilaiBerakhlak, Rating

D = Decimal
U, T = JenisRhk.UTAMA, JenisRhk.TAMBAHAN
ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
NOTA = "Ini hanya saran; pejabat penilai yang menetapkan rating."


def rhk(rhk_id: str, persen: str | None, jenis: JenisRhk = U) -> RhkCapaian:
    return RhkCapaian(
        rhk_id=rhk_id,
        uraian=f"uraian {rhk_id}",
        jenis=jenis,
        persen=None if persen is None else D(persen),
        jumlah_terukur=0 if persen is None else 1,
        jumlah_indikator=1,
        explanation=(),
    )


def test_ambang_defaults() -> None:
    ambang = AmbangRating()
    assert ambang.di_atas_min == D(110)
    assert ambang.sesuai_min == D(90)
    assert AmbangRating() == AMBANG_BAWAAN


@pytest.mark.parametrize(("di_atas", "sesuai"), [("100", "100"), ("0", "0"), ("150", "0")])
def test_ambang_valid(di_atas: str, sesuai: str) -> None:
    ambang = AmbangRating(di_atas_min=D(di_atas), sesuai_min=D(sesuai))
    assert ambang.di_atas_min == D(di_atas)


@pytest.mark.parametrize(("di_atas", "sesuai"), [("80", "90"), ("110", "-1"), ("-2", "-1")])
def test_ambang_invalid(di_atas: str, sesuai: str) -> None:
    with pytest.raises(ValueError, match="sesuai_min"):
        AmbangRating(di_atas_min=D(di_atas), sesuai_min=D(sesuai))


@pytest.mark.parametrize(
    ("persen", "expected"),
    [
        ("120", ATAS),
        ("110", ATAS),
        ("109.99", SESUAI),
        ("90", SESUAI),
        ("89.99", BAWAH),
        ("0", BAWAH),
        (None, None),
    ],
)
def test_saran_rating_rhk_bands(persen: str | None, expected: Rating | None) -> None:
    result = saran_rating_rhk(rhk("R1", persen))
    assert result.rating is expected
    assert result.persen == (None if persen is None else D(persen))
    assert result.rhk_id == "R1"
    assert result.jenis is U


def test_saran_rating_rhk_explanations() -> None:
    ambang_note = (
        "Ambang 110% dan 90% adalah pengaturan aplikasi, bukan ketentuan PermenPANRB 6/2022."
    )
    assert saran_rating_rhk(rhk("R1", "115")).explanation == (
        "RHK «uraian R1» (utama): capaian 115% ≥ 110%, disarankan Di Atas Ekspektasi.",
        ambang_note,
    )
    assert saran_rating_rhk(rhk("R2", "95.5", T)).explanation == (
        "RHK «uraian R2» (tambahan): capaian 95,5% ≥ 90% dan < 110%, disarankan Sesuai Ekspektasi.",
        ambang_note,
    )
    assert saran_rating_rhk(rhk("R3", "50")).explanation == (
        "RHK «uraian R3» (utama): capaian 50% < 90%, disarankan Di Bawah Ekspektasi.",
        ambang_note,
    )
    assert saran_rating_rhk(rhk("R4", None)) == RhkSuggestion(
        rhk_id="R4",
        jenis=U,
        persen=None,
        rating=None,
        explanation=(
            "RHK «uraian R4» (utama): tidak terukur, dinilai langsung oleh pejabat penilai.",
        ),
    )


def test_saran_rating_rhk_custom_ambang() -> None:
    ambang = AmbangRating(di_atas_min=D(100), sesuai_min=D(80))
    result = saran_rating_rhk(rhk("R", "100"), ambang)
    assert result.rating is ATAS
    assert result.explanation[1] == (
        "Ambang 100% dan 80% adalah pengaturan aplikasi, bukan ketentuan PermenPANRB 6/2022."
    )
    assert saran_rating_rhk(rhk("R", "85"), ambang).rating is SESUAI


# persen values: A = di atas (>= 110), S = sesuai, B = di bawah (< 90)
PA, PS, PB = "115", "100", "50"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # more than half di bawah
        ([("1", PB, U), ("2", PB, T), ("3", PA, U)], BAWAH),
        ([("1", PB, T), ("2", PB, T), ("3", PS, U)], BAWAH),
        # exactly half di bawah is not "more than half"
        ([("1", PB, T), ("2", PS, U)], SESUAI),
        # more than half di atas, no utama di bawah
        ([("1", PA, U), ("2", PA, T), ("3", PB, T)], ATAS),
        ([("1", PA, U)], ATAS),
        # more than half di atas but an utama di bawah -> sesuai
        ([("1", PA, T), ("2", PA, T), ("3", PB, U)], SESUAI),
        # exactly half di atas
        ([("1", PA, U), ("2", PS, U)], SESUAI),
        # all sesuai
        ([("1", PS, U), ("2", PS, T)], SESUAI),
        # unmeasured RHK are not counted
        ([("1", PA, U), ("2", None, U), ("3", None, U)], ATAS),
    ],
)
def test_saran_rating_hasil_kerja_rule(
    items: list[tuple[str, str | None, JenisRhk]], expected: Rating
) -> None:
    result = saran_rating_hasil_kerja([rhk(i, p, j) for i, p, j in items])
    assert result.rating is expected
    assert result.explanation[-1] == NOTA
    assert len(result.rhk) == len(items)


def test_saran_hasil_kerja_explains_blocking_utama() -> None:
    result = saran_rating_hasil_kerja(
        [rhk("T1", PA, T), rhk("T2", PA, T), rhk("U1", PB, U), rhk("T3", PA, T)]
    )
    assert result.rating is SESUAI
    assert result.explanation == (
        "RHK «uraian U1» (utama): capaian 50% < 90%, disarankan Di Bawah Ekspektasi.",
        "RHK «uraian T1» (tambahan): capaian 115% ≥ 110%, disarankan Di Atas Ekspektasi.",
        "RHK «uraian T2» (tambahan): capaian 115% ≥ 110%, disarankan Di Atas Ekspektasi.",
        "RHK «uraian T3» (tambahan): capaian 115% ≥ 110%, disarankan Di Atas Ekspektasi.",
        "Dari 4 RHK yang terukur: 3 di atas ekspektasi, 0 sesuai ekspektasi, 1 di bawah "
        "ekspektasi.",
        "Lebih dari separuh RHK di atas ekspektasi, tetapi RHK utama «uraian U1» di bawah "
        "ekspektasi; menurut PermenPANRB 6/2022 Di Atas Ekspektasi mensyaratkan tidak ada hasil "
        "kerja utama yang di bawah ekspektasi, sehingga disarankan Sesuai Ekspektasi.",
        NOTA,
    )
    assert [s.rhk_id for s in result.rhk] == ["U1", "T1", "T2", "T3"]


def test_saran_hasil_kerja_explanations_other_branches() -> None:
    bawah = saran_rating_hasil_kerja([rhk("1", PB), rhk("2", PB), rhk("3", None)])
    assert bawah.explanation[-4:] == (
        "Dari 2 RHK yang terukur: 0 di atas ekspektasi, 0 sesuai ekspektasi, 2 di bawah "
        "ekspektasi.",
        "1 RHK tidak terukur dan tidak ikut dihitung.",
        "Lebih dari separuh RHK di bawah ekspektasi, sehingga disarankan Di Bawah Ekspektasi.",
        NOTA,
    )
    atas = saran_rating_hasil_kerja([rhk("1", PA), rhk("2", PS, T), rhk("3", PA, T)])
    assert atas.explanation[-2] == (
        "Lebih dari separuh RHK di atas ekspektasi dan tidak ada RHK utama yang di bawah "
        "ekspektasi, sehingga disarankan Di Atas Ekspektasi."
    )
    sesuai = saran_rating_hasil_kerja([rhk("1", PA), rhk("2", PB, T)])
    assert sesuai.explanation[-2] == (
        "Tidak ada kelompok yang lebih dari separuh di atas atau di bawah ekspektasi, sehingga "
        "disarankan Sesuai Ekspektasi."
    )


@pytest.mark.parametrize("items", [[], [rhk("1", None), rhk("2", None, T)]])
def test_saran_hasil_kerja_nothing_rated(items: list[RhkCapaian]) -> None:
    result = saran_rating_hasil_kerja(items)
    assert result.rating is None
    assert result.explanation[-1] == (
        "Tidak ada RHK yang terukur secara numerik; tidak ada saran rating hasil kerja, "
        "pejabat penilai menilai langsung."
    )
    assert all(s.rating is None for s in result.rhk)


def test_saran_hasil_kerja_uses_ambang() -> None:
    ambang = AmbangRating(di_atas_min=D(100), sesuai_min=D(50))
    assert saran_rating_hasil_kerja([rhk("1", PS)], ambang).rating is ATAS
    assert saran_rating_hasil_kerja([rhk("1", PS)]).rating is SESUAI


N = NilaiBerakhlak


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({N.AKUNTABEL: BAWAH, N.LOYAL: BAWAH, N.ADAPTIF: ATAS}, BAWAH),
        ({n: BAWAH for n in N}, BAWAH),
        ({n: ATAS for n in N}, ATAS),
        ({N.AKUNTABEL: ATAS, N.LOYAL: ATAS, N.ADAPTIF: SESUAI}, ATAS),
        # majority above but one below -> sesuai
        ({N.AKUNTABEL: ATAS, N.LOYAL: ATAS, N.ADAPTIF: BAWAH}, SESUAI),
        ({n: SESUAI for n in N}, SESUAI),
        # exactly half below of an even count -> not more than half
        ({N.AKUNTABEL: BAWAH, N.LOYAL: ATAS}, SESUAI),
    ],
)
def test_saran_rating_perilaku(ratings: dict[NilaiBerakhlak, Rating], expected: Rating) -> None:
    result = saran_rating_perilaku(ratings)
    assert result.rating is expected
    assert result.explanation[-1] == NOTA


def test_saran_rating_perilaku_explanation_lists_values_below_in_official_order() -> None:
    ratings = {
        N.KOLABORATIF: BAWAH,
        N.AKUNTABEL: ATAS,
        N.BERORIENTASI_PELAYANAN: BAWAH,
        N.KOMPETEN: ATAS,
        N.HARMONIS: ATAS,
        N.LOYAL: ATAS,
        N.ADAPTIF: SESUAI,
    }
    result = saran_rating_perilaku(ratings)
    assert result == RatingSuggestion(
        rating=SESUAI,
        explanation=(
            "Dari 7 nilai BerAKHLAK yang dinilai: 4 di atas ekspektasi, 1 sesuai ekspektasi, "
            "2 di bawah ekspektasi.",
            "Nilai di bawah ekspektasi: Berorientasi Pelayanan, Kolaboratif.",
            "Lebih dari separuh nilai di atas ekspektasi, tetapi ada nilai di bawah ekspektasi, "
            "sehingga disarankan Sesuai Ekspektasi.",
            NOTA,
        ),
    )


def test_saran_rating_perilaku_explanations() -> None:
    assert saran_rating_perilaku({n: ATAS for n in N}).explanation[1] == (
        "Lebih dari separuh nilai di atas ekspektasi dan tidak ada yang di bawah ekspektasi, "
        "sehingga disarankan Di Atas Ekspektasi."
    )
    assert saran_rating_perilaku({N.LOYAL: BAWAH}).explanation[1:3] == (
        "Nilai di bawah ekspektasi: Loyal.",
        "Lebih dari separuh nilai di bawah ekspektasi, sehingga disarankan Di Bawah Ekspektasi.",
    )
    assert saran_rating_perilaku({N.LOYAL: SESUAI}).explanation[1] == (
        "Tidak ada kelompok yang lebih dari separuh di atas atau di bawah ekspektasi, sehingga "
        "disarankan Sesuai Ekspektasi."
    )


def test_saran_rating_perilaku_empty() -> None:
    assert saran_rating_perilaku({}) == RatingSuggestion(
        rating=None,
        explanation=("Belum ada nilai BerAKHLAK yang dinilai; belum ada saran rating perilaku.",),
    )
