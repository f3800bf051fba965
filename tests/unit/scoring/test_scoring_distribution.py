from collections.abc import Iterator
from decimal import Decimal

import pytest

from app.scoring.distribution import (
    MIN_PEGAWAI_UNTUK_PERSENTASE,
    SEMUA_KODE,
    TINGKAT_INFO,
    TINGKAT_PERINGATAN,
    Peringatan,
    periksa_distribusi,
)
from app.scoring.types import CapaianOrganisasi, Predikat

C = CapaianOrganisasi
SB, B, BP, K, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)
TINDAKAN = (
    " Pejabat penilai dapat meninjau kembali predikat atau mencatat alasannya; aplikasi tidak "
    "memblokir penetapan."
)


def unit(**counts: int) -> list[Predikat]:
    names = {"sb": SB, "b": B, "bp": BP, "k": K, "sk": SK}
    return [names[key] for key, n in counts.items() for _ in range(n)]


def kode(capaian: C | None, predikat: list[Predikat], **kwargs: int) -> list[str]:
    return [p.kode for p in periksa_distribusi(capaian, predikat, **kwargs).peringatan]


@pytest.mark.parametrize(
    ("capaian", "predikat", "expected"),
    [
        # 1. Istimewa: most (max 70 %) Sangat Baik
        (C.ISTIMEWA, unit(sb=6, b=4), []),
        (C.ISTIMEWA, unit(sb=5, b=5), []),  # tie for most is allowed
        (C.ISTIMEWA, unit(sb=7, b=2, sk=1), []),  # exactly 70 %
        (C.ISTIMEWA, unit(sb=3, b=5, bp=2), ["ISTIMEWA_SB_BUKAN_TERBANYAK"]),
        (C.ISTIMEWA, unit(b=10), ["ISTIMEWA_SB_BUKAN_TERBANYAK"]),
        (C.ISTIMEWA, unit(sb=8, b=2), ["ISTIMEWA_SB_LEBIH_70"]),
        (C.ISTIMEWA, unit(sb=10), ["ISTIMEWA_SB_LEBIH_70"]),
        # 2. Baik: most (max 70 %) Baik; there must be BP and/or Kurang
        (C.BAIK, unit(sb=2, b=6, bp=1, k=1), []),
        (C.BAIK, unit(b=6, k=4), []),
        (C.BAIK, unit(b=5, bp=5), []),
        (C.BAIK, unit(sb=5, b=3, bp=2), ["BAIK_B_BUKAN_TERBANYAK"]),
        (C.BAIK, unit(b=8, k=2), ["BAIK_B_LEBIH_70"]),
        (C.BAIK, unit(sb=4, b=6), ["BAIK_TANPA_BP_ATAU_KURANG"]),
        (C.BAIK, unit(b=9, sk=1), ["BAIK_B_LEBIH_70", "BAIK_TANPA_BP_ATAU_KURANG"]),
        (
            C.BAIK,
            unit(sb=6, b=4),
            ["BAIK_B_BUKAN_TERBANYAK", "BAIK_TANPA_BP_ATAU_KURANG"],
        ),
        # 3. Butuh Perbaikan: >= 60 % BP; Sangat Baik <= 10 %
        (C.BUTUH_PERBAIKAN, unit(sb=1, b=3, bp=6), []),
        (C.BUTUH_PERBAIKAN, unit(bp=10), []),
        (C.BUTUH_PERBAIKAN, unit(b=5, bp=5), ["BP_BP_KURANG_60"]),
        (C.BUTUH_PERBAIKAN, unit(sb=2, b=2, bp=6), ["BP_SB_LEBIH_10"]),
        (C.BUTUH_PERBAIKAN, unit(sb=5, bp=5), ["BP_BP_KURANG_60", "BP_SB_LEBIH_10"]),
        # 4. Kurang: >= 60 % Kurang; >= 10 % BP; Sangat Baik <= 10 %
        (C.KURANG, unit(sb=1, b=2, bp=1, k=6), []),
        (C.KURANG, unit(bp=5, k=5), ["KURANG_K_KURANG_60"]),
        (C.KURANG, unit(b=1, k=9), ["KURANG_BP_KURANG_10"]),
        (C.KURANG, unit(sb=2, bp=2, k=6), ["KURANG_SB_LEBIH_10"]),
        (
            C.KURANG,
            unit(sb=5, b=5),
            ["KURANG_K_KURANG_60", "KURANG_BP_KURANG_10", "KURANG_SB_LEBIH_10"],
        ),
        # 5. Sangat Kurang: >= 60 % SK; >= 10 % Kurang and/or BP; no Sangat Baik
        (C.SANGAT_KURANG, unit(b=1, bp=1, k=2, sk=6), []),
        (C.SANGAT_KURANG, unit(k=1, sk=9), []),
        (C.SANGAT_KURANG, unit(bp=1, sk=9), []),
        (C.SANGAT_KURANG, unit(k=5, sk=5), ["SK_SK_KURANG_60"]),
        (C.SANGAT_KURANG, unit(sk=10), ["SK_K_ATAU_BP_KURANG_10"]),
        (C.SANGAT_KURANG, unit(b=1, sk=9), ["SK_K_ATAU_BP_KURANG_10"]),
        (C.SANGAT_KURANG, unit(sb=1, k=2, sk=7), ["SK_ADA_SANGAT_BAIK"]),
        (
            C.SANGAT_KURANG,
            unit(sb=5, b=5),
            ["SK_SK_KURANG_60", "SK_K_ATAU_BP_KURANG_10", "SK_ADA_SANGAT_BAIK"],
        ),
    ],
)
def test_rules(capaian: C, predikat: list[Predikat], expected: list[str]) -> None:
    assert kode(capaian, predikat) == expected
    result = periksa_distribusi(capaian, predikat)
    assert all(p.tingkat == TINGKAT_PERINGATAN for p in result.peringatan)
    assert all(p.pesan.endswith(TINDAKAN) for p in result.peringatan)
    assert result.total == len(predikat)


def test_sk_combined_kurang_and_bp() -> None:
    # 1 Kurang + 1 BP of 20 is 5 % each but 10 % together: "and/or" is met.
    assert kode(C.SANGAT_KURANG, unit(k=1, bp=1, sk=18)) == []
    assert kode(C.SANGAT_KURANG, unit(k=1, b=1, sk=18)) == ["SK_K_ATAU_BP_KURANG_10"]


def test_percent_compared_after_rounding() -> None:
    # 7001 / 10001 = 70.003 % is shown as 70 % and therefore not reported above 70 %.
    result = periksa_distribusi(C.ISTIMEWA, unit(sb=7001, b=3000))
    assert result.persen[SB] == Decimal("70.00")
    assert result.peringatan == ()
    # 7002 / 10001 = 70.013 % -> 70.01 %
    assert kode(C.ISTIMEWA, unit(sb=7002, b=2999)) == ["ISTIMEWA_SB_LEBIH_70"]


def test_messages_state_rule_fact_and_action() -> None:
    result = periksa_distribusi(C.ISTIMEWA, unit(sb=2, b=4, bp=4))
    assert result.peringatan == (
        Peringatan(
            kode="ISTIMEWA_SB_BUKAN_TERBANYAK",
            tingkat="PERINGATAN",
            pesan="Capaian organisasi ISTIMEWA: predikat Sangat Baik seharusnya yang terbanyak. "
            "Saat ini Sangat Baik 2 dari 10 pegawai (20%), sedangkan yang terbanyak Baik, "
            "Butuh Perbaikan (4 pegawai)." + TINDAKAN,
        ),
    )
    pesan = {p.kode: p.pesan for p in periksa_distribusi(C.BAIK, unit(b=9, sk=1)).peringatan}
    assert pesan["BAIK_B_LEBIH_70"] == (
        "Capaian organisasi BAIK: predikat Baik paling banyak 70%. Saat ini Baik 9 dari 10 "
        "pegawai (90%)." + TINDAKAN
    )
    assert pesan["BAIK_TANPA_BP_ATAU_KURANG"] == (
        "Capaian organisasi BAIK: harus ada pegawai dengan predikat Butuh Perbaikan dan/atau "
        "Kurang/Misconduct. Saat ini tidak ada satu pun dari 10 pegawai." + TINDAKAN
    )
    pesan = {p.kode: p.pesan for p in periksa_distribusi(C.KURANG, unit(sb=5, b=5)).peringatan}
    assert pesan["KURANG_K_KURANG_60"] == (
        "Capaian organisasi KURANG: predikat Kurang/Misconduct minimal 60%. Saat ini "
        "Kurang/Misconduct 0 dari 10 pegawai (0%)." + TINDAKAN
    )
    assert pesan["KURANG_BP_KURANG_10"].startswith(
        "Capaian organisasi KURANG: predikat Butuh Perbaikan minimal 10%."
    )
    assert pesan["KURANG_SB_LEBIH_10"] == (
        "Capaian organisasi KURANG: predikat Sangat Baik paling banyak 10%. Saat ini Sangat "
        "Baik 5 dari 10 pegawai (50%)." + TINDAKAN
    )
    pesan = {
        p.kode: p.pesan
        for p in periksa_distribusi(C.SANGAT_KURANG, unit(sb=1, b=2, sk=7)).peringatan
    }
    assert pesan["SK_K_ATAU_BP_KURANG_10"] == (
        "Capaian organisasi SANGAT KURANG: predikat Kurang/Misconduct dan/atau Butuh Perbaikan "
        "minimal 10%. Saat ini Kurang/Misconduct dan Butuh Perbaikan bersama 0 dari 10 pegawai "
        "(0%)." + TINDAKAN
    )
    assert pesan["SK_ADA_SANGAT_BAIK"] == (
        "Capaian organisasi SANGAT KURANG: tidak boleh ada predikat Sangat Baik. Saat ini "
        "Sangat Baik 1 dari 10 pegawai (10%)." + TINDAKAN
    )


def test_counts_and_percentages() -> None:
    result = periksa_distribusi(C.BAIK, unit(sb=1, b=1, bp=1))
    assert result.jumlah == {SK: 0, K: 0, BP: 1, B: 1, SB: 1}
    assert result.persen == {
        SK: Decimal(0),
        K: Decimal(0),
        BP: Decimal("33.33"),
        B: Decimal("33.33"),
        SB: Decimal("33.33"),
    }
    assert result.total == 3
    assert result.capaian is C.BAIK
    result = periksa_distribusi(C.BAIK, unit(sb=2, b=1))
    assert result.persen[SB] == Decimal("66.67")


def test_explanation() -> None:
    result = periksa_distribusi(C.BUTUH_PERBAIKAN, unit(sb=1, b=3, bp=6))
    assert result.explanation == (
        "Capaian kinerja organisasi: BUTUH PERBAIKAN.",
        "Jumlah pegawai yang dinilai: 10.",
        "Sangat Baik: 1 pegawai (10%).",
        "Baik: 3 pegawai (30%).",
        "Butuh Perbaikan: 6 pegawai (60%).",
        "Kurang/Misconduct: 0 pegawai (0%).",
        "Sangat Kurang: 0 pegawai (0%).",
        "Pola distribusi untuk capaian BUTUH PERBAIKAN: minimal 60% Butuh Perbaikan; "
        "selebihnya Sangat Baik (maksimal 10%), Baik, Kurang/Misconduct, Sangat Kurang.",
        "Distribusi predikat sesuai pola untuk capaian organisasi ini.",
        "Pola distribusi tidak membatasi penetapan; pejabat penilai yang menetapkan predikat.",
    )
    result = periksa_distribusi(C.BUTUH_PERBAIKAN, unit(b=5, bp=5))
    assert result.explanation[-2] == (
        "Ditemukan 1 catatan pola distribusi; semuanya hanya peringatan."
    )


@pytest.mark.parametrize("capaian", [*C, None])
def test_nobody_evaluated(capaian: C | None) -> None:
    result = periksa_distribusi(capaian, [])
    assert result.peringatan == ()
    assert result.total == 0
    assert result.jumlah == dict.fromkeys(Predikat.ordered(), 0)
    assert result.persen == dict.fromkeys(Predikat.ordered(), Decimal(0))
    assert result.explanation[-1] == (
        "Belum ada pegawai yang dinilai; pola distribusi belum dapat diperiksa."
    )


def test_capaian_not_set() -> None:
    result = periksa_distribusi(None, unit(sb=10))
    assert result.peringatan == (
        Peringatan(
            kode="CAPAIAN_BELUM_DITETAPKAN",
            tingkat=TINGKAT_INFO,
            pesan="Capaian kinerja organisasi belum ditetapkan, sehingga pola distribusi "
            "predikat belum dapat diperiksa. Pimpinan dapat menetapkannya lebih dahulu.",
        ),
    )
    assert result.explanation[0] == "Capaian kinerja organisasi: belum ditetapkan."
    assert kode(None, unit(sb=1)) == ["CAPAIAN_BELUM_DITETAPKAN"]


UNIT_KECIL = (
    "Unit ini hanya memiliki {n} pegawai yang dinilai (kurang dari 5); pola distribusi tidak "
    "dapat dinilai dalam persentase. Periksa pola distribusi pada tingkat organisasi induk."
)


@pytest.mark.parametrize(
    ("capaian", "predikat"),
    [
        (C.ISTIMEWA, unit(b=4)),
        (C.BAIK, unit(sb=4)),
        (C.BUTUH_PERBAIKAN, unit(sb=2, b=2)),
        (C.KURANG, unit(sb=1)),
        (C.SANGAT_KURANG, unit(b=2, sk=2)),
    ],
)
def test_small_unit_only_info(capaian: C, predikat: list[Predikat]) -> None:
    result = periksa_distribusi(capaian, predikat)
    assert result.peringatan == (
        Peringatan("UNIT_KECIL", TINGKAT_INFO, UNIT_KECIL.format(n=len(predikat))),
    )


def test_small_unit_still_no_sangat_baik_under_sangat_kurang() -> None:
    assert kode(C.SANGAT_KURANG, unit(sb=1, sk=1)) == ["UNIT_KECIL", "SK_ADA_SANGAT_BAIK"]
    assert kode(C.SANGAT_KURANG, unit(sb=1)) == ["UNIT_KECIL", "SK_ADA_SANGAT_BAIK"]


def test_min_pegawai_configurable() -> None:
    assert MIN_PEGAWAI_UNTUK_PERSENTASE == 5
    assert kode(C.BAIK, unit(b=3), min_pegawai=3) == [
        "BAIK_B_LEBIH_70",
        "BAIK_TANPA_BP_ATAU_KURANG",
    ]
    assert kode(C.BAIK, unit(b=3, k=2)) == []
    assert kode(C.BAIK, unit(b=3, k=2), min_pegawai=6) == ["UNIT_KECIL"]
    assert kode(C.BAIK, unit(b=1), min_pegawai=1) == [
        "BAIK_B_LEBIH_70",
        "BAIK_TANPA_BP_ATAU_KURANG",
    ]


@pytest.mark.parametrize("n", [0, -1])
def test_min_pegawai_invalid(n: int) -> None:
    with pytest.raises(ValueError, match="min_pegawai"):
        periksa_distribusi(C.BAIK, [], min_pegawai=n)


def test_accepts_any_iterable() -> None:
    def gen() -> Iterator[Predikat]:
        yield from unit(b=6, k=4)

    result = periksa_distribusi(C.BAIK, gen())
    assert result.total == 10
    assert result.jumlah[B] == 6


def test_every_kode_is_listed_and_unique() -> None:
    assert len(set(SEMUA_KODE)) == len(SEMUA_KODE) == 15
    assert {
        "ISTIMEWA_SB_BUKAN_TERBANYAK",
        "ISTIMEWA_SB_LEBIH_70",
        "BAIK_TANPA_BP_ATAU_KURANG",
        "SK_ADA_SANGAT_BAIK",
        "UNIT_KECIL",
        "CAPAIAN_BELUM_DITETAPKAN",
    } <= set(SEMUA_KODE)
