"""Numeric "capaian %" of an indicator and of an RHK (domain.md §3.10).

PermenPANRB 6/2022 sets no numeric threshold and never derives a predikat from percentages; many
pemda apps still show realisasi against target as a percentage because it helps the pejabat
penilai form a judgement. These functions are decision support only: they compute the percentage
with the polarity chosen per indikator and cap it for display and aggregation so one runaway
indicator cannot dominate the average.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.i18n import _, format_percent
from app.scoring.rounding import HUNDRED, angka, round2
from app.scoring.types import JenisRhk, Polaritas

DEFAULT_BATAS_ATAS = Decimal(120)
"""Upper cap (in percent) for display and aggregation; a local convention, not regulation."""

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class CapaianResult:
    """The capaian of one indikator.

    Attributes:
        persen: The percentage from the polarity formula, rounded half up to two decimals and not
            capped (negative when a TURUN indicator's realisasi exceeds twice its target); None
            when it cannot be computed.
        persen_terbatas: ``persen`` clamped to ``[0, batas_atas]``, the value to display and to
            average; None when ``persen`` is None.
        explanation: Indonesian sentences showing the formula with the actual numbers.
    """

    persen: Decimal | None
    persen_terbatas: Decimal | None
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IndikatorCapaian:
    """One indikator kinerja individu with its capaian already computed (input of aggregation).

    Attributes:
        indikator_id: Stable identifier of the IKI.
        uraian: The indicator text, repeated in the explanation so the pegawai recognises it.
        capaian: Result of :func:`hitung_capaian` for this IKI.
    """

    indikator_id: str
    uraian: str
    capaian: CapaianResult


@dataclass(frozen=True, slots=True)
class RhkCapaian:
    """The capaian of one Rencana Hasil Kerja, averaged over its measurable indicators.

    Attributes:
        rhk_id: Stable identifier of the RHK.
        uraian: The RHK text.
        jenis: Utama or tambahan (the rating suggestion treats utama specially).
        persen: Mean of the capped capaian of the indikator that have one, rounded half up;
            None when no indikator is measurable.
        jumlah_terukur: How many indikator had a numeric capaian.
        jumlah_indikator: How many indikator the RHK has in total.
        explanation: Indonesian sentences listing each indikator and the average.
    """

    rhk_id: str
    uraian: str
    jenis: JenisRhk
    persen: Decimal | None
    jumlah_terukur: int
    jumlah_indikator: int
    explanation: tuple[str, ...]


def _tidak_terukur(*reasons: str) -> CapaianResult:
    """A capaian that cannot be computed; the reasons tell the pegawai what is missing."""
    return CapaianResult(
        persen=None,
        persen_terbatas=None,
        explanation=(
            *reasons,
            _(
                "Capaian tidak dihitung; pejabat penilai menilai indikator ini langsung dari "
                "bukti dukung."
            ),
        ),
    )


def _periksa_angka(value: Decimal | None, nama: str) -> None:
    """Reject NaN and infinities, which would otherwise fail deep inside a comparison."""
    if value is not None and not value.is_finite():
        raise ValueError(f"{nama} harus berupa angka terhingga, bukan {value}")


def _rumus(polaritas: Polaritas, target: Decimal, realisasi: Decimal, persen: Decimal) -> str:
    """The sentence that shows the polarity's formula filled in with the actual numbers."""
    t, r, p = angka(target), angka(realisasi), format_percent(persen)
    if polaritas is Polaritas.NAIK:
        return _(
            "Polaritas naik (makin tinggi makin baik): capaian = realisasi ÷ target × 100 = "
            "{r} ÷ {t} × 100 = {p}."
        ).format(r=r, t=t, p=p)
    if polaritas is Polaritas.TURUN:
        return _(
            "Polaritas turun (makin rendah makin baik): capaian = (2 × target − realisasi) ÷ "
            "target × 100 = (2 × {t} − {r}) ÷ {t} × 100 = {p}."
        ).format(r=r, t=t, p=p)
    return _(
        "Polaritas turun dengan rumus rasio (makin rendah makin baik): capaian = target ÷ "
        "realisasi × 100 = {t} ÷ {r} × 100 = {p}."
    ).format(r=r, t=t, p=p)


def hitung_capaian(
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas,
    batas_atas: Decimal = DEFAULT_BATAS_ATAS,
) -> CapaianResult:
    """Compute the capaian % of one indikator with the formula of its polarity.

    NAIK uses ``R / T × 100``; TURUN uses ``(2T − R) / T × 100``; TURUN_RASIO uses
    ``T / R × 100``. The raw percentage is rounded half up first and only then clamped to
    ``[0, batas_atas]``, so the uncapped value stays visible for audit while the capped value is
    what gets displayed and averaged.

    Cases with no meaningful percentage return ``persen = None`` with a sentence saying why:
    missing target or realisasi, a negative target, a zero target for NAIK/TURUN (division by
    zero), or a negative realisasi under TURUN_RASIO. Under TURUN_RASIO a realisasi of zero is
    the best possible outcome (nothing of what should be low happened), so both ``persen`` and
    ``persen_terbatas`` are set to ``batas_atas``.

    Args:
        target: Target numerik of the IKI, or None if only described in words.
        realisasi: Realisasi numerik for the period, or None if not yet entered.
        polaritas: Which direction is better, and which formula to use.
        batas_atas: Cap for display and aggregation, a positive percent with at most two
            decimals.

    Returns:
        The capaian with an explanation showing the formula and the actual numbers.

    Raises:
        ValueError: If ``batas_atas`` is not positive or has more than two decimals, or a number
            is NaN or infinite.
    """
    _periksa_angka(batas_atas, "batas_atas")
    if batas_atas <= 0 or round2(batas_atas) != batas_atas:
        raise ValueError(f"batas_atas harus positif dengan paling banyak dua desimal: {batas_atas}")
    _periksa_angka(target, "target")
    _periksa_angka(realisasi, "realisasi")
    masukan = _masukan(target, realisasi, polaritas)
    if isinstance(masukan, str):
        return _tidak_terukur(masukan)
    t, r = masukan
    if polaritas is Polaritas.TURUN_RASIO and r == 0:
        return CapaianResult(
            persen=batas_atas,
            persen_terbatas=batas_atas,
            explanation=(
                _(
                    "Polaritas turun dengan rumus rasio: realisasi nol adalah hasil terbaik, "
                    "sehingga capaian ditetapkan sama dengan batas atas {b}."
                ).format(b=format_percent(batas_atas)),
                nota_alat_bantu(),
            ),
        )
    if polaritas is Polaritas.NAIK:
        raw = r / t * HUNDRED
    elif polaritas is Polaritas.TURUN:
        raw = (2 * t - r) / t * HUNDRED
    else:
        raw = t / r * HUNDRED
    persen = round2(raw)
    terbatas, catatan = _batasi(persen, batas_atas)
    explanation = (_rumus(polaritas, t, r, persen), *catatan, nota_alat_bantu())
    return CapaianResult(persen=persen, persen_terbatas=terbatas, explanation=explanation)


def _masukan(
    target: Decimal | None, realisasi: Decimal | None, polaritas: Polaritas
) -> tuple[Decimal, Decimal] | str:
    """The (target, realisasi) pair when a formula can use it, else the reason it cannot."""
    if target is None:
        return _("Target numerik belum diisi.")
    if realisasi is None:
        return _("Realisasi numerik belum diisi.")
    if target < 0:
        return _("Target {t} negatif, sehingga persentase capaian tidak bermakna.").format(
            t=angka(target)
        )
    if target == 0 and polaritas is not Polaritas.TURUN_RASIO:
        return _("Target bernilai nol; rumus capaian akan membagi dengan nol.")
    if polaritas is Polaritas.TURUN_RASIO and realisasi < 0:
        return _(
            "Realisasi {r} negatif; rumus rasio target ÷ realisasi tidak bermakna untuk nilai "
            "negatif."
        ).format(r=angka(realisasi))
    return target, realisasi


def _batasi(persen: Decimal, batas_atas: Decimal) -> tuple[Decimal, tuple[str, ...]]:
    """Clamp a rounded percentage to ``[0, batas_atas]`` and say so when it changed."""
    if persen > batas_atas:
        return batas_atas, (
            _(
                "Capaian {p} melebihi batas atas {b}; untuk tampilan dan agregasi dipakai {b}."
            ).format(p=format_percent(persen), b=format_percent(batas_atas)),
        )
    if persen < 0:
        return _ZERO, (
            _("Capaian {p} negatif; untuk tampilan dan agregasi dipakai 0%.").format(
                p=format_percent(persen)
            ),
        )
    return persen, ()


def nota_alat_bantu() -> str:
    """The reminder that a percentage never decides the rating (domain.md §3.10)."""
    return _(
        "Persentase capaian hanya alat bantu; rating hasil kerja tetap ditetapkan oleh pejabat "
        "penilai."
    )


def _urutan_indikator(item: IndikatorCapaian) -> tuple[str, str, bool, Decimal, bool, Decimal]:
    """Sort key covering every field shown, so the explanation ignores the input order."""
    c = item.capaian
    return (
        item.indikator_id,
        item.uraian,
        c.persen_terbatas is None,
        c.persen_terbatas if c.persen_terbatas is not None else _ZERO,
        c.persen is None,
        c.persen if c.persen is not None else _ZERO,
    )


def agregasi_rhk(
    rhk_id: str, uraian: str, jenis: JenisRhk, indikator: Sequence[IndikatorCapaian]
) -> RhkCapaian:
    """Average the capped capaian of an RHK's measurable indikator.

    The regulation requires no weighting ("tanpa ada persyaratan pembobotan tertentu"), so the
    plain mean is used; indikator without a numeric capaian are left out of the mean and counted
    separately so the pejabat penilai sees that part of the RHK was not measured. Indikator are
    listed in a fixed order so the result never depends on the order they were entered.

    Args:
        rhk_id: Stable identifier of the RHK.
        uraian: The RHK text.
        jenis: Utama or tambahan.
        indikator: The RHK's indikator with their capaian.

    Returns:
        The RHK capaian with an explanation listing every indikator and the average.
    """
    urut = sorted(indikator, key=_urutan_indikator)
    explanation: list[str] = []
    nilai: list[Decimal] = []
    for item in urut:
        terbatas = item.capaian.persen_terbatas
        if terbatas is None:
            explanation.append(
                _("Indikator «{uraian}»: tidak terukur secara numerik.").format(uraian=item.uraian)
            )
        else:
            nilai.append(terbatas)
            explanation.append(
                _("Indikator «{uraian}»: capaian {p}.").format(
                    uraian=item.uraian, p=format_percent(terbatas)
                )
            )
    persen: Decimal | None
    if not urut:
        persen = None
        explanation.append(
            _("RHK ini belum memiliki indikator; pejabat penilai menilainya langsung.")
        )
    elif not nilai:
        persen = None
        explanation.append(
            _(
                "Tidak ada indikator yang terukur secara numerik; RHK ini dinilai langsung oleh "
                "pejabat penilai."
            )
        )
    else:
        persen = round2(sum(nilai, _ZERO) / len(nilai))
        explanation.append(
            _(
                "Capaian RHK = rata-rata capaian {k} indikator terukur dari {n} indikator: "
                "({jumlah}) ÷ {k} = {p}."
            ).format(
                k=len(nilai),
                n=len(urut),
                jumlah=" + ".join(format_percent(v) for v in nilai),
                p=format_percent(persen),
            )
        )
    return RhkCapaian(
        rhk_id=rhk_id,
        uraian=uraian,
        jenis=jenis,
        persen=persen,
        jumlah_terukur=len(nilai),
        jumlah_indikator=len(urut),
        explanation=tuple(explanation),
    )
