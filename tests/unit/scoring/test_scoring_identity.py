from datetime import date

import pytest

from app.scoring.identity import NipCheck, format_nip, normalisasi_nip, periksa_nip
from app.scoring.types import JenisKelamin, JenisPegawai

PNS, PPPK = JenisPegawai.PNS, JenisPegawai.PPPK
AS_OF = date(2026, 6, 1)


def test_valid_pns() -> None:
    result = periksa_nip("196608011988031001", PNS, AS_OF)
    assert result == NipCheck(
        nip="196608011988031001",
        errors=(),
        warnings=(),
        tanggal_lahir=date(1966, 8, 1),
        jenis_kelamin=JenisKelamin.PRIA,
    )
    assert result.ok


@pytest.mark.parametrize(
    "raw", ["19660801 198803 1 001", "19660801.198803.1.001", " 196608011988031001 "]
)
def test_normalised(raw: str) -> None:
    result = periksa_nip(raw, PNS, AS_OF)
    assert result.nip == "196608011988031001"
    assert result.ok
    assert normalisasi_nip(raw) == "196608011988031001"


def test_wanita() -> None:
    result = periksa_nip("199002152015022003", PNS, AS_OF)
    assert result.ok
    assert result.jenis_kelamin is JenisKelamin.WANITA
    assert result.tanggal_lahir == date(1990, 2, 15)


@pytest.mark.parametrize(
    ("raw", "pesan"),
    [
        ("19660801198803100", "NIP harus 18 digit angka (tertulis 17 digit)."),
        ("1966080119880310011", "NIP harus 18 digit angka (tertulis 19 digit)."),
        ("", "NIP harus 18 digit angka (tertulis 0 digit)."),
        (
            "1966080119880310AB",
            "NIP harus 18 digit angka (tertulis 18 karakter, termasuk yang bukan angka).",
        ),
        (
            "19660801-198803-1-001",
            "NIP harus 18 digit angka (tertulis 21 karakter, termasuk yang bukan angka).",
        ),
        # Arabic-Indic digits are digits to Python but not to the NIP.
        (
            "١٩٦٦٠٨٠١١٩٨٨٠٣١٠٠١",
            "NIP harus 18 digit angka (tertulis 18 karakter, termasuk yang bukan angka).",
        ),
    ],
)
def test_not_eighteen_digits(raw: str, pesan: str) -> None:
    result = periksa_nip(raw, PNS, AS_OF)
    assert result.errors == (pesan,)
    assert result.warnings == ()
    assert result.tanggal_lahir is None
    assert result.jenis_kelamin is None
    assert not result.ok


@pytest.mark.parametrize(
    ("raw", "jenis", "errors", "warnings"),
    [
        (
            "196613011988031001",
            PNS,
            ("Digit 1–8 bukan tanggal lahir yang sah (tertulis 19661301).",),
            (),
        ),
        (
            "196702291988031001",
            PNS,
            ("Digit 1–8 bukan tanggal lahir yang sah (tertulis 19670229).",),
            (),
        ),
        (
            "000001011988031001",
            PNS,
            ("Digit 1–8 bukan tanggal lahir yang sah (tertulis 00000101).",),
            (),
        ),
        (
            "196608011988131001",
            PNS,
            ("Bulan TMT CPNS (digit 13–14) harus 01–12 (tertulis 13).",),
            (),
        ),
        (
            "196608011988001001",
            PNS,
            ("Bulan TMT CPNS (digit 13–14) harus 01–12 (tertulis 00).",),
            (),
        ),
        (
            "199001012022211001",
            PNS,
            ("Bulan TMT CPNS (digit 13–14) harus 01–12 (tertulis 21).",),
            (),
        ),
        (
            "196608011988033001",
            PNS,
            ("Digit ke-15 (jenis kelamin) harus 1 atau 2 (tertulis 3).",),
            (),
        ),
        (
            "196608011988030001",
            PNS,
            ("Digit ke-15 (jenis kelamin) harus 1 atau 2 (tertulis 0).",),
            (),
        ),
        ("196608011988031000", PNS, ("Nomor urut (digit 16–18) tidak boleh 000.",), ()),
        (
            "200001012027011001",
            PNS,
            ("TMT di masa depan: tahun 2027 (digit 9–12) setelah tahun 2026.",),
            (),
        ),
        # PPPK: digits 13-14 are a code, 21 is the usual one
        ("199001012022211001", PPPK, (), ()),
        ("199001012022241002", PPPK, (), ()),
        ("199001012022131002", PPPK, (), ()),
        (
            "199001012022051001",
            PPPK,
            (),
            (
                "Digit 13–14 NI PPPK (05) tampak seperti bulan; NI PPPK biasanya memuat kode "
                "seperti 21. Periksa kembali dengan SK.",
            ),
        ),
        (
            "199001012022121001",
            PPPK,
            (),
            (
                "Digit 13–14 NI PPPK (12) tampak seperti bulan; NI PPPK biasanya memuat kode "
                "seperti 21. Periksa kembali dengan SK.",
            ),
        ),
        # implausible age at appointment
        (
            "196608011980031001",
            PNS,
            (),
            (
                "Usia saat pengangkatan 14 tahun (lahir 1966, TMT 1980) di luar kewajaran "
                "17–60 tahun; periksa digit 1–8 dan 9–12.",
            ),
        ),
        (
            "196001012021011001",
            PNS,
            (),
            (
                "Usia saat pengangkatan 61 tahun (lahir 1960, TMT 2021) di luar kewajaran "
                "17–60 tahun; periksa digit 1–8 dan 9–12.",
            ),
        ),
        ("196001012020011001", PNS, (), ()),  # exactly 60
        ("200001012017011001", PNS, (), ()),  # exactly 17
        ("200001012026121001", PNS, (), ()),  # TMT in the as_of year is not the future
    ],
)
def test_cases(
    raw: str, jenis: JenisPegawai, errors: tuple[str, ...], warnings: tuple[str, ...]
) -> None:
    result = periksa_nip(raw, jenis, AS_OF)
    assert result.errors == errors
    assert result.warnings == warnings
    assert result.ok is (not errors)
    assert result.nip == raw


def test_many_errors_at_once() -> None:
    result = periksa_nip("19661301 205013 3 000", PNS, AS_OF)
    assert result.errors == (
        "Digit 1–8 bukan tanggal lahir yang sah (tertulis 19661301).",
        "Bulan TMT CPNS (digit 13–14) harus 01–12 (tertulis 13).",
        "Digit ke-15 (jenis kelamin) harus 1 atau 2 (tertulis 3).",
        "Nomor urut (digit 16–18) tidak boleh 000.",
        "TMT di masa depan: tahun 2050 (digit 9–12) setelah tahun 2026.",
    )
    # no age warning without a valid birth date
    assert result.warnings == ()
    assert result.tanggal_lahir is None
    assert result.jenis_kelamin is None


def test_as_of_replaces_today() -> None:
    assert periksa_nip("200001012027011001", PNS, date(2027, 1, 1)).ok
    assert not periksa_nip("200001012027011001", PNS, date(2026, 12, 31)).ok


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        ("196608011988031001", "19660801 198803 1 001"),
        ("199001012022211001", "19900101 202221 1 001"),
        ("19660801198803100", "19660801198803100"),
        ("19660801 198803 1 001", "19660801 198803 1 001"),
        ("", ""),
        ("ABCDEFGHIJKLMNOPQR", "ABCDEFGHIJKLMNOPQR"),
    ],
)
def test_format_nip(nip: str, expected: str) -> None:
    assert format_nip(nip) == expected


def test_nama_dengan_gelar() -> None:
    from app.scoring.identity import nama_dengan_gelar

    assert nama_dengan_gelar("Siti Rahmawati", "dr.", "M.Kes") == "dr. Siti Rahmawati, M.Kes"
    assert nama_dengan_gelar("Budi", None, "S.Pd") == "Budi, S.Pd"
    assert nama_dengan_gelar("Budi", "", None) == "Budi"
