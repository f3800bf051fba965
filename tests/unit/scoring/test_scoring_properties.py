"""Property tests of the scoring rules (hypothesis)."""

from collections import Counter
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.scoring.capaian import (
    CapaianResult,
    IndikatorCapaian,
    RhkCapaian,
    agregasi_rhk,
    hitung_capaian,
)
from app.scoring.distribution import periksa_distribusi
from app.scoring.identity import format_nip, normalisasi_nip, periksa_nip
from app.scoring.legacy import sebutan_pp46
from app.scoring.predikat import tentukan_predikat
from app.scoring.rounding import round2
from app.scoring.suggest import saran_rating_hasil_kerja, saran_rating_perilaku, saran_rating_rhk
from app.scoring.types import (
    CapaianOrganisasi,
    JenisPegawai,
    JenisRhk,
    NilaiBerakhlak,
    Polaritas,
    Predikat,
    Rating,
)

PROP = settings(max_examples=200, deadline=None, database=None)
AS_OF = date(2026, 1, 1)

angka = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
positif = st.decimals(min_value=Decimal("0.01"), max_value=10**6, places=2, allow_nan=False)
non_negatif = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
batas = st.decimals(min_value=Decimal("0.01"), max_value=1000, places=2, allow_nan=False)
persen_opsional = st.none() | st.decimals(min_value=0, max_value=150, places=2, allow_nan=False)
ratings = st.sampled_from(Rating)


@PROP
@given(target=positif, r1=angka, r2=angka, cap=batas)
def test_naik_non_decreasing(target: Decimal, r1: Decimal, r2: Decimal, cap: Decimal) -> None:
    lo, hi = sorted((r1, r2))
    a = hitung_capaian(target, lo, Polaritas.NAIK, cap).persen_terbatas
    b = hitung_capaian(target, hi, Polaritas.NAIK, cap).persen_terbatas
    assert a is not None and b is not None
    assert a <= b


@PROP
@given(target=positif, r1=angka, r2=angka, cap=batas)
def test_turun_non_increasing(target: Decimal, r1: Decimal, r2: Decimal, cap: Decimal) -> None:
    lo, hi = sorted((r1, r2))
    a = hitung_capaian(target, lo, Polaritas.TURUN, cap).persen_terbatas
    b = hitung_capaian(target, hi, Polaritas.TURUN, cap).persen_terbatas
    assert a is not None and b is not None
    assert a >= b


@PROP
@given(target=non_negatif, r1=non_negatif, r2=non_negatif, cap=batas)
def test_turun_rasio_non_increasing(
    target: Decimal, r1: Decimal, r2: Decimal, cap: Decimal
) -> None:
    lo, hi = sorted((r1, r2))
    a = hitung_capaian(target, lo, Polaritas.TURUN_RASIO, cap).persen_terbatas
    b = hitung_capaian(target, hi, Polaritas.TURUN_RASIO, cap).persen_terbatas
    assert a is not None and b is not None
    assert a >= b


@PROP
@given(
    target=st.none() | angka,
    realisasi=st.none() | angka,
    polaritas=st.sampled_from(Polaritas),
    cap=batas,
)
def test_capped_within_bounds(
    target: Decimal | None, realisasi: Decimal | None, polaritas: Polaritas, cap: Decimal
) -> None:
    result = hitung_capaian(target, realisasi, polaritas, cap)
    assert (result.persen is None) == (result.persen_terbatas is None)
    if result.persen_terbatas is not None:
        assert 0 <= result.persen_terbatas <= cap
        assert round2(result.persen_terbatas) == result.persen_terbatas
    assert result.explanation


indikator = st.builds(
    lambda i, p: IndikatorCapaian(i, f"uraian {i}", CapaianResult(p, p, ())),
    st.sampled_from("ABC"),
    persen_opsional,
)


@PROP
@given(data=st.data(), items=st.lists(indikator, max_size=8))
def test_agregasi_order_independent(data: st.DataObject, items: list[IndikatorCapaian]) -> None:
    shuffled = data.draw(st.permutations(items))
    a = agregasi_rhk("R", "u", JenisRhk.UTAMA, items)
    b = agregasi_rhk("R", "u", JenisRhk.UTAMA, shuffled)
    assert a == b
    terukur = [i.capaian.persen_terbatas for i in items if i.capaian.persen_terbatas is not None]
    assert a.jumlah_terukur == len(terukur)
    assert a.jumlah_indikator == len(items)
    if terukur:
        assert a.persen is not None
        assert min(terukur) <= a.persen <= max(terukur)
    else:
        assert a.persen is None


rhk = st.builds(
    lambda i, j, p: RhkCapaian(i, f"uraian {i}", j, p, 0 if p is None else 1, 1, ()),
    st.sampled_from(["R1", "R2", "R3"]),
    st.sampled_from(JenisRhk),
    persen_opsional,
)


@PROP
@given(data=st.data(), items=st.lists(rhk, max_size=8))
def test_saran_hasil_kerja_order_independent(data: st.DataObject, items: list[RhkCapaian]) -> None:
    shuffled = data.draw(st.permutations(items))
    assert saran_rating_hasil_kerja(items) == saran_rating_hasil_kerja(shuffled)


@PROP
@given(items=st.lists(rhk, max_size=8))
def test_saran_hasil_kerja_rule(items: list[RhkCapaian]) -> None:
    result = saran_rating_hasil_kerja(items)
    per_rhk = {(s.rhk_id, s.jenis, s.persen, s.rating) for s in result.rhk}
    assert per_rhk == {(r.rhk_id, r.jenis, r.persen, saran_rating_rhk(r).rating) for r in items}
    rated = [(r, x) for r in items if (x := saran_rating_rhk(r).rating) is not None]
    utama_bawah = any(r.jenis is JenisRhk.UTAMA and x is Rating.DI_BAWAH for r, x in rated)
    if utama_bawah:
        assert result.rating is not Rating.DI_ATAS
    counts = Counter(x for _, x in rated)
    n = len(rated)
    if n == 0:
        expected = None
    elif counts[Rating.DI_BAWAH] * 2 > n:
        expected = Rating.DI_BAWAH
    elif counts[Rating.DI_ATAS] * 2 > n and not utama_bawah:
        expected = Rating.DI_ATAS
    else:
        expected = Rating.SESUAI
    assert result.rating is expected


@PROP
@given(per_nilai=st.dictionaries(st.sampled_from(NilaiBerakhlak), ratings))
def test_saran_perilaku_never_above_with_a_value_below(
    per_nilai: dict[NilaiBerakhlak, Rating],
) -> None:
    result = saran_rating_perilaku(per_nilai)
    if not per_nilai:
        assert result.rating is None
    elif Rating.DI_BAWAH in per_nilai.values():
        assert result.rating is not Rating.DI_ATAS
    # insertion order of the mapping does not matter
    reversed_map = dict(reversed(list(per_nilai.items())))
    assert saran_rating_perilaku(reversed_map) == result


@PROP
@given(h1=ratings, h2=ratings, p1=ratings, p2=ratings)
def test_predikat_monotonic(h1: Rating, h2: Rating, p1: Rating, p2: Rating) -> None:
    lo_h, hi_h = sorted((h1, h2), key=lambda r: r.rank)
    lo_p, hi_p = sorted((p1, p2), key=lambda r: r.rank)
    low = tentukan_predikat(lo_h, lo_p).predikat
    assert tentukan_predikat(hi_h, lo_p).predikat.rank >= low.rank
    assert tentukan_predikat(lo_h, hi_p).predikat.rank >= low.rank
    assert tentukan_predikat(hi_h, hi_p).predikat.rank >= low.rank


def test_predikat_monotonic_exhaustive() -> None:
    for h in Rating:
        for p in Rating:
            base = tentukan_predikat(h, p).predikat.rank
            for h2 in Rating:
                for p2 in Rating:
                    if h2.rank >= h.rank and p2.rank >= p.rank:
                        assert tentukan_predikat(h2, p2).predikat.rank >= base


@PROP
@given(
    data=st.data(),
    capaian=st.none() | st.sampled_from(CapaianOrganisasi),
    predikat=st.lists(st.sampled_from(Predikat), max_size=30),
)
def test_distribusi_order_independent_and_consistent(
    data: st.DataObject, capaian: CapaianOrganisasi | None, predikat: list[Predikat]
) -> None:
    result = periksa_distribusi(capaian, predikat)
    assert result == periksa_distribusi(capaian, data.draw(st.permutations(predikat)))
    assert result.total == len(predikat) == sum(result.jumlah.values())
    assert set(result.jumlah) == set(Predikat)
    if not predikat:
        assert result.peringatan == ()
    kodes = [p.kode for p in result.peringatan]
    if capaian is CapaianOrganisasi.SANGAT_KURANG and predikat:
        assert ("SK_ADA_SANGAT_BAIK" in kodes) == (Predikat.SANGAT_BAIK in predikat)
    if predikat and 0 < len(predikat) < 5 and capaian is not None:
        assert kodes[0] == "UNIT_KECIL"
        assert set(kodes) <= {"UNIT_KECIL", "SK_ADA_SANGAT_BAIK"}


@PROP
@given(
    a=st.decimals(min_value=0, max_value=200, allow_nan=False),
    b=st.decimals(min_value=0, max_value=200, allow_nan=False),
)
def test_sebutan_monotonic(a: Decimal, b: Decimal) -> None:
    order = ["Buruk", "Kurang", "Cukup", "Baik", "Sangat Baik"]
    lo, hi = sorted((a, b))
    assert order.index(sebutan_pp46(lo)) <= order.index(sebutan_pp46(hi))


@PROP
@given(digits=st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_format_nip_round_trip(digits: str) -> None:
    assert normalisasi_nip(format_nip(digits)) == digits
    assert periksa_nip(format_nip(digits), JenisPegawai.PNS, AS_OF).nip == digits


@PROP
@given(raw=st.text(max_size=30), jenis=st.sampled_from(JenisPegawai))
def test_periksa_nip_never_raises(raw: str, jenis: JenisPegawai) -> None:
    result = periksa_nip(raw, jenis, AS_OF)
    assert result.ok is (not result.errors)
    if result.ok:
        assert len(result.nip) == 18
        assert result.tanggal_lahir is not None
        assert result.jenis_kelamin is not None
