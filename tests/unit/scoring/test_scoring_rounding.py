from decimal import Decimal

import pytest

from app.scoring.rounding import HUNDRED, angka, round2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.085", "2.09"),
        ("2.084999", "2.08"),
        ("0.125", "0.13"),
        ("0.005", "0.01"),
        ("-0.125", "-0.13"),
        ("88.6666", "88.67"),
        ("100", "100.00"),
    ],
)
def test_round2_is_half_up(value: str, expected: str) -> None:
    result = round2(Decimal(value))
    assert result == Decimal(expected)
    assert str(result) == expected


def test_hundred() -> None:
    assert Decimal(100) == HUNDRED
    assert isinstance(HUNDRED, Decimal)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal(12), "12"),
        (Decimal("12.50"), "12,5"),
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("0.005"), "0,005"),
        (Decimal("100.00"), "100"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("0.123456789"), "0,123457"),
        (7, "7"),
        (12000, "12.000"),
    ],
)
def test_angka_keeps_the_decimals_typed(value: Decimal | int, expected: str) -> None:
    assert angka(value) == expected
