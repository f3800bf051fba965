"""NIP (PNS) and NI PPPK checks (domain.md §5.1–5.3).

An 18-digit identity number encodes the birth date (digits 1–8), the TMT CPNS year and month
(9–14; for PPPK the year and a two-digit code), the sex (15) and a sequence (16–18). Checking the
parts catches typing errors and numbers mangled by spreadsheets (which turn 18-digit numbers into
``1,96608E+17``). Errors mean the number cannot be right; warnings mean it is unusual and should
be compared with the SK. The clock is never read: the caller passes ``as_of``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.i18n import _
from app.scoring.types import JenisKelamin, JenisPegawai

_DELAPAN_BELAS_DIGIT = re.compile(r"[0-9]{18}")
_USIA_MIN, _USIA_MAKS = 17, 60


@dataclass(frozen=True, slots=True)
class NipCheck:
    """Result of checking one NIP or NI PPPK.

    Attributes:
        nip: The number with spaces and dots removed (the form to store, as text).
        errors: Indonesian messages for parts that cannot be right.
        warnings: Indonesian messages for parts that are unusual.
        tanggal_lahir: Birth date read from digits 1–8, None when not a valid date.
        jenis_kelamin: Sex read from digit 15, None when not 1 or 2.
    """

    nip: str
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    tanggal_lahir: date | None
    jenis_kelamin: JenisKelamin | None

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings do not stop saving)."""
        return not self.errors


def normalisasi_nip(raw: str) -> str:
    """Remove the spaces and dots people type for readability (``19660801 198803 1 001``)."""
    return raw.strip().replace(" ", "").replace(".", "")


def _tanggal(nip: str) -> date | None:
    """Birth date from digits 1–8, None when they are not a calendar date."""
    try:
        return date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return None


def periksa_nip(raw: str, jenis: JenisPegawai, as_of: date) -> NipCheck:
    """Check a NIP (PNS) or NI PPPK part by part, as in domain.md §5.3.

    Errors: not 18 digits; digits 1–8 not a date; for PNS digits 13–14 not a month 01–12;
    digit 15 not 1 or 2; sequence 000; TMT year after ``as_of``. Warnings: for PPPK digits 13–14
    look like a month (an NI PPPK carries a code such as 21 there); age at appointment outside
    17–60.

    Args:
        raw: The number as typed or imported.
        jenis: PNS or PPPK, which decides how digits 13–14 are read.
        as_of: The reference date standing in for today.

    Returns:
        The normalised number, errors, warnings and what could be decoded.
    """
    nip = normalisasi_nip(raw)
    if not _DELAPAN_BELAS_DIGIT.fullmatch(nip):
        if all(ch in "0123456789" for ch in nip):
            pesan = _("NIP harus 18 digit angka (tertulis {n} digit).").format(n=len(nip))
        else:
            pesan = _(
                "NIP harus 18 digit angka (tertulis {n} karakter, termasuk yang bukan angka)."
            ).format(n=len(nip))
        return NipCheck(nip, (pesan,), (), None, None)
    errors: list[str] = []
    warnings: list[str] = []
    lahir = _tanggal(nip)
    if lahir is None:
        errors.append(
            _("Digit 1–8 bukan tanggal lahir yang sah (tertulis {d}).").format(d=nip[0:8])
        )
    tahun, kode = int(nip[8:12]), nip[12:14]
    if jenis is JenisPegawai.PNS and not 1 <= int(kode) <= 12:
        errors.append(_("Bulan TMT CPNS (digit 13–14) harus 01–12 (tertulis {d}).").format(d=kode))
    if jenis is JenisPegawai.PPPK and int(kode) <= 12:
        warnings.append(
            _(
                "Digit 13–14 NI PPPK ({d}) tampak seperti bulan; NI PPPK biasanya memuat kode "
                "seperti 21. Periksa kembali dengan SK."
            ).format(d=kode)
        )
    kelamin = {"1": JenisKelamin.PRIA, "2": JenisKelamin.WANITA}.get(nip[14])
    if kelamin is None:
        errors.append(
            _("Digit ke-15 (jenis kelamin) harus 1 atau 2 (tertulis {d}).").format(d=nip[14])
        )
    if nip[15:18] == "000":
        errors.append(_("Nomor urut (digit 16–18) tidak boleh 000."))
    if lahir is not None and not _USIA_MIN <= tahun - lahir.year <= _USIA_MAKS:
        warnings.append(
            _(
                "Usia saat pengangkatan {u} tahun (lahir {lahir}, TMT {tmt}) di luar kewajaran "
                "17–60 tahun; periksa digit 1–8 dan 9–12."
            ).format(u=tahun - lahir.year, lahir=lahir.year, tmt=tahun)
        )
    if tahun > as_of.year:
        errors.append(
            _("TMT di masa depan: tahun {tmt} (digit 9–12) setelah tahun {ini}.").format(
                tmt=tahun, ini=as_of.year
            )
        )
    return NipCheck(
        nip=nip,
        errors=tuple(errors),
        warnings=tuple(warnings),
        tanggal_lahir=lahir,
        jenis_kelamin=kelamin,
    )


def format_nip(nip: str) -> str:
    """Group an 18-digit NIP for display: ``19660801 198803 1 001``.

    Storage keeps the bare digits; anything that is not exactly 18 digits is returned unchanged,
    so a malformed number is shown as typed rather than hidden behind a plausible grouping.

    Args:
        nip: The stored number.

    Returns:
        ``birth date`` ``TMT`` ``sex`` ``sequence`` separated by spaces, or ``nip`` unchanged.
    """
    if not _DELAPAN_BELAS_DIGIT.fullmatch(nip):
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


def nama_dengan_gelar(nama: str, gelar_depan: str | None, gelar_belakang: str | None) -> str:
    """Name with academic titles as printed on the sheets: ``dr. Siti Rahmawati, M.Kes``."""
    if gelar_depan:
        nama = f"{gelar_depan} {nama}"
    if gelar_belakang:
        nama = f"{nama}, {gelar_belakang}"
    return nama
