"""Periods of a year and year-to-date aggregation (app.scoring.periode)."""

from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest

from app.scoring.periode import (
    AgregasiResult,
    CaraAgregasi,
    PeriodeSpec,
    agregasi_bawaan,
    agregasi_periode,
    months_between,
    parse_periode_kode,
    periode_kode,
    periode_tahun,
)
from app.scoring.types import Granularitas


@pytest.mark.parametrize(
    ("granularitas", "nomor", "kode"),
    [
        (Granularitas.BULANAN, 3, "2026-03"),
        (Granularitas.TRIWULANAN, 1, "2026-TW1"),
        (Granularitas.SEMESTERAN, 2, "2026-S2"),
        (Granularitas.TAHUNAN, 1, "2026"),
    ],
)
def test_kode_round_trip(granularitas: Granularitas, nomor: int, kode: str) -> None:
    assert periode_kode(2026, granularitas, nomor) == kode
    assert parse_periode_kode(kode) == (2026, granularitas, nomor)
    assert parse_periode_kode(f" {kode.lower()} ") == (2026, granularitas, nomor)


@pytest.mark.parametrize("kode", ["2026-13", "2026-TW5", "2026-S0", "abc", "26", "2026-", "1800"])
def test_parse_rejects_with_indonesian_message(kode: str) -> None:
    with pytest.raises(ValueError, match="Kode periode"):
        parse_periode_kode(kode)


def test_periode_tahun_covers_the_year_without_gaps() -> None:
    for granularitas in Granularitas:
        periods = periode_tahun(2024, granularitas)
        assert len(periods) == granularitas.jumlah_periode
        assert periods[0].tanggal_mulai == date(2024, 1, 1)
        assert periods[-1].tanggal_selesai == date(2024, 12, 31)
        for before, after in pairwise(periods):
            assert (after.tanggal_mulai - before.tanggal_selesai).days == 1
    february = periode_tahun(2024, Granularitas.BULANAN)[1]
    assert february.tanggal_selesai == date(2024, 2, 29)  # leap year


@pytest.mark.parametrize(
    ("granularitas", "nomor", "label"),
    [
        (Granularitas.BULANAN, 3, "Maret 2026"),
        (Granularitas.TRIWULANAN, 2, "Triwulan II 2026"),
        (Granularitas.SEMESTERAN, 2, "Semester II 2026"),
        (Granularitas.TAHUNAN, 1, "Tahun 2026"),
    ],
)
def test_labels(granularitas: Granularitas, nomor: int, label: str) -> None:
    spec = periode_tahun(2026, granularitas)[nomor - 1]
    assert isinstance(spec, PeriodeSpec)
    assert spec.label == label


def test_months_between() -> None:
    assert months_between(date(2026, 1, 1), date(2026, 3, 31)) == 3
    assert months_between(date(2026, 7, 1), date(2026, 12, 31)) == 6
    assert months_between(date(2025, 11, 1), date(2026, 2, 1)) == 4
    assert months_between(date(2026, 3, 1), date(2026, 2, 1)) == 0


def test_jumlah_sums_and_prorates_target() -> None:
    result = agregasi_periode(Decimal(120), [Decimal(11)] * 3, CaraAgregasi.JUMLAH, 3, 12)
    assert result == AgregasiResult(Decimal("33.00"), Decimal("30.00"), result.explanation)
    assert result.explanation[0] == "Realisasi dijumlahkan dari 3 periode: 33."
    assert "disesuaikan menjadi 30 untuk 3 bulan" in result.explanation[1]


def test_jumlah_full_span_keeps_target() -> None:
    result = agregasi_periode(Decimal(120), [Decimal(10)] * 12, CaraAgregasi.JUMLAH, 12, 12)
    assert (result.realisasi, result.target) == (Decimal("120.00"), Decimal(120))
    assert len(result.explanation) == 1


def test_rata_rata_and_terakhir_keep_target_in_full() -> None:
    values = [Decimal(90), Decimal(95), Decimal(97)]
    mean = agregasi_periode(Decimal(95), values, CaraAgregasi.RATA_RATA, 3, 12)
    assert (mean.realisasi, mean.target) == (Decimal("94.00"), Decimal(95))
    assert "dirata-ratakan" in mean.explanation[0]
    last = agregasi_periode(Decimal(95), values, CaraAgregasi.TERAKHIR, 3, 12)
    assert (last.realisasi, last.target) == (Decimal("97.00"), Decimal(95))
    assert "periode terakhir" in last.explanation[0]


def test_no_values_and_no_target() -> None:
    result = agregasi_periode(None, [], CaraAgregasi.JUMLAH, 1, 12)
    assert (result.realisasi, result.target) == (None, None)
    assert result.explanation == ("Belum ada realisasi tercatat sampai periode ini.",)


@pytest.mark.parametrize(("berjalan", "total"), [(0, 12), (13, 12), (1, 0)])
def test_bad_month_counts(berjalan: int, total: int) -> None:
    with pytest.raises(ValueError, match="bulan_berjalan"):
        agregasi_periode(Decimal(1), [], CaraAgregasi.JUMLAH, berjalan, total)


@pytest.mark.parametrize(
    ("satuan", "expected"),
    [
        ("%", CaraAgregasi.RATA_RATA),
        ("persen (%)", CaraAgregasi.RATA_RATA),
        ("Persen", CaraAgregasi.RATA_RATA),
        ("Dokumen", CaraAgregasi.JUMLAH),
        ("", CaraAgregasi.JUMLAH),
        (None, CaraAgregasi.JUMLAH),
    ],
)
def test_a_percentage_is_averaged_by_default_and_counts_are_summed(
    satuan: str | None, expected: CaraAgregasi
) -> None:
    assert agregasi_bawaan(satuan) is expected
