"""Periods of a year and how monthly realisations add up to a period's capaian.

Targets in an SKP are set for the whole SKP span (usually a year). A periodic evaluation looks at
the year to date: the realisations from the start of the SKP up to the end of the period, combined
the way the indicator says (a count is summed, a rate is averaged or its latest value taken), and
compared with the target due by then (a count's target is pro-rated by elapsed months; a rate's
target applies in full). This is decision support for the penilai, not a regulation formula.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from app.i18n import N_, _, month_name
from app.scoring.rounding import angka, round2
from app.scoring.types import Granularitas


class CaraAgregasi(StrEnum):
    """How per-period realisations of one indicator combine over several periods."""

    JUMLAH = "JUMLAH"  # counts: documents, patients, visits
    RATA_RATA = "RATA_RATA"  # rates measured each period
    TERAKHIR = "TERAKHIR"  # cumulative rates: the latest figure is the year-to-date value


def agregasi_bawaan(satuan: str | None) -> CaraAgregasi:
    """The aggregation to assume when none was chosen: averaging for a percentage.

    Summing a monthly percentage and comparing it with a pro-rated annual target turns 92 % of
    90 % into 1,227 % (capped at the upper limit), so "%" never defaults to ``JUMLAH``; counts
    (documents, patients) do. The unit is often written out ("persen"), as in BKN's e-Kinerja.
    """
    text = (satuan or "").strip().casefold()
    percentage = "%" in text or text.startswith("persen")
    return CaraAgregasi.RATA_RATA if percentage else CaraAgregasi.JUMLAH


@dataclass(frozen=True, slots=True)
class PeriodeSpec:
    """A period of a year as pure data: ``kode``, number and date range."""

    kode: str
    tahun: int
    granularitas: Granularitas
    nomor: int
    tanggal_mulai: date
    tanggal_selesai: date

    @property
    def label(self) -> str:
        """Human name: ``Maret 2026``, ``Triwulan I 2026``, ``Semester II 2026``, ``Tahun 2026``."""
        romawi = ("I", "II", "III", "IV")
        if self.granularitas is Granularitas.BULANAN:
            return f"{month_name(self.nomor)} {self.tahun}"
        if self.granularitas is Granularitas.TRIWULANAN:
            return _("Triwulan {n} {tahun}").format(n=romawi[self.nomor - 1], tahun=self.tahun)
        if self.granularitas is Granularitas.SEMESTERAN:
            return _("Semester {n} {tahun}").format(n=romawi[self.nomor - 1], tahun=self.tahun)
        return _("Tahun {tahun}").format(tahun=self.tahun)


_KODE_SUFFIX = {
    Granularitas.BULANAN: "",
    Granularitas.TRIWULANAN: "TW",
    Granularitas.SEMESTERAN: "S",
}


def periode_kode(tahun: int, granularitas: Granularitas, nomor: int) -> str:
    """``2026-03``, ``2026-TW1``, ``2026-S2`` or ``2026``."""
    if granularitas is Granularitas.TAHUNAN:
        return str(tahun)
    if granularitas is Granularitas.BULANAN:
        return f"{tahun}-{nomor:02d}"
    return f"{tahun}-{_KODE_SUFFIX[granularitas]}{nomor}"


def periode_tahun(tahun: int, granularitas: Granularitas) -> tuple[PeriodeSpec, ...]:
    """All periods of ``granularitas`` in ``tahun``, in order."""
    months = 12 // granularitas.jumlah_periode
    result = []
    for nomor in range(1, granularitas.jumlah_periode + 1):
        first_month = (nomor - 1) * months + 1
        last_month = first_month + months - 1
        last_day = calendar.monthrange(tahun, last_month)[1]
        result.append(
            PeriodeSpec(
                kode=periode_kode(tahun, granularitas, nomor),
                tahun=tahun,
                granularitas=granularitas,
                nomor=nomor,
                tanggal_mulai=date(tahun, first_month, 1),
                tanggal_selesai=date(tahun, last_month, last_day),
            )
        )
    return tuple(result)


def parse_periode_kode(kode: str) -> tuple[int, Granularitas, int]:
    """Inverse of :func:`periode_kode`; raises ``ValueError`` with an Indonesian message."""
    text = kode.strip().upper()
    try:
        year_text, _sep, rest = text.partition("-")
        year = int(year_text)
        if len(year_text) != 4 or (_sep and not rest):
            raise ValueError(text)
        if not _sep:
            nomor, granularitas = 1, Granularitas.TAHUNAN
        elif rest.startswith("TW"):
            nomor, granularitas = int(rest[2:]), Granularitas.TRIWULANAN
        elif rest.startswith("S"):
            nomor, granularitas = int(rest[1:]), Granularitas.SEMESTERAN
        else:
            nomor, granularitas = int(rest), Granularitas.BULANAN
    except ValueError:
        raise ValueError(_(_FORMAT_PERIODE).format(kode=kode)) from None
    if not 1 <= nomor <= granularitas.jumlah_periode or not 1900 <= year <= 2999:
        raise ValueError(_(_FORMAT_PERIODE).format(kode=kode))
    return year, granularitas, nomor


_FORMAT_PERIODE = N_(
    "Kode periode {kode!r} tidak dikenal. Gunakan 2026-03 (bulan), 2026-TW1 (triwulan), "
    "2026-S1 (semester) atau 2026 (tahunan)."
)


def months_between(start: date, end: date) -> int:
    """Whole calendar months touched from ``start`` to ``end`` inclusive (Jan 1-Mar 31 = 3)."""
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True, slots=True)
class AgregasiResult:
    """Year-to-date realisation and the target due by the end of the evaluated period."""

    realisasi: Decimal | None
    target: Decimal | None
    explanation: tuple[str, ...]


def agregasi_periode(
    target_tahunan: Decimal | None,
    nilai_per_periode: Sequence[Decimal],
    cara: CaraAgregasi,
    bulan_berjalan: int,
    bulan_total: int,
) -> AgregasiResult:
    """Combine realisations up to a period and pro-rate the target where that makes sense.

    Args:
        target_tahunan: the SKP target for its whole span (None when not numeric).
        nilai_per_periode: the recorded realisations up to the evaluated period, in period order.
        cara: how this indicator's values combine.
        bulan_berjalan: months of the SKP span elapsed at the end of the evaluated period.
        bulan_total: months in the SKP span.
    """
    if bulan_total <= 0 or not 0 < bulan_berjalan <= bulan_total:
        raise ValueError("bulan_berjalan harus di antara 1 dan bulan_total")
    notes: list[str] = []
    if not nilai_per_periode:
        realisasi = None
        notes.append(_("Belum ada realisasi tercatat sampai periode ini."))
    elif cara is CaraAgregasi.JUMLAH:
        realisasi = round2(sum(nilai_per_periode, Decimal(0)))
        notes.append(
            _("Realisasi dijumlahkan dari {n} periode: {nilai}.").format(
                n=len(nilai_per_periode), nilai=angka(realisasi)
            )
        )
    elif cara is CaraAgregasi.RATA_RATA:
        realisasi = round2(sum(nilai_per_periode, Decimal(0)) / len(nilai_per_periode))
        notes.append(
            _("Realisasi dirata-ratakan dari {n} periode: {nilai}.").format(
                n=len(nilai_per_periode), nilai=angka(realisasi)
            )
        )
    else:
        realisasi = round2(nilai_per_periode[-1])
        notes.append(
            _("Realisasi diambil dari periode terakhir yang tercatat: {nilai}.").format(
                nilai=angka(realisasi)
            )
        )
    target = target_tahunan
    if target_tahunan is not None and cara is CaraAgregasi.JUMLAH and bulan_berjalan < bulan_total:
        target = round2(target_tahunan * bulan_berjalan / bulan_total)
        notes.append(
            _(
                "Target {total} untuk {bulan_total} bulan disesuaikan menjadi {target} "
                "untuk {bulan} bulan yang telah berjalan."
            ).format(
                total=angka(target_tahunan),
                bulan_total=bulan_total,
                target=angka(target),
                bulan=bulan_berjalan,
            )
        )
    return AgregasiResult(realisasi=realisasi, target=target, explanation=tuple(notes))
