"""Legacy numeric formulas — bukan dasar predikat (domain.md §2.4, §3.8, §3.9).

Everything here is "bukan dasar predikat": PermenPANRB 6/2022 sets the predikat from the kuadran
of two ratings, never from a number. These formulas remain only to reprint and audit records
made under PP 46/2011 (Perka BKN 1/2013: nilai capaian SKP, 60/40 prestasi kerja) and to compute
angka kredit from a predikat (Peraturan BKN 3/2023), which is a consequence of the predikat, not
its source. Every explanation repeats the label so a printed number is never mistaken for the
basis of a predikat.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.i18n import _, format_number, format_percent
from app.scoring.rounding import HUNDRED, angka, round2
from app.scoring.types import Predikat

_NOL = Decimal(0)
_FAKTOR = Decimal("1.76")
_BATAS_EFISIENSI = Decimal(24)
_DASAR_WAKTU = Decimal(76)
_BOBOT_SKP = Decimal("0.6")
_BOBOT_PERILAKU = Decimal("0.4")

KREATIVITAS: dict[str, Decimal] = {
    "UNIT_KERJA": Decimal(3),
    "ORGANISASI": Decimal(6),
    "NEGARA": Decimal(12),
}
"""PP 46 nilai kreativitas by reach (SK kepala unit / PPK / Presiden); unverified (§3.8)."""

PERSEN_ANGKA_KREDIT: dict[Predikat, Decimal] = {
    Predikat.SANGAT_BAIK: Decimal(150),
    Predikat.BAIK: Decimal(100),
    Predikat.BUTUH_PERBAIKAN: Decimal(75),
    Predikat.KURANG: Decimal(50),
    Predikat.SANGAT_KURANG: Decimal(25),
}
"""Percentage of the annual angka kredit coefficient earned per predikat (Peraturan BKN 3/2023)."""


def _label() -> str:
    """The reminder carried by every legacy explanation."""
    return _("Perhitungan lama ini bukan dasar predikat kinerja menurut PermenPANRB 6/2022.")


@dataclass(frozen=True, slots=True)
class KegiatanPp46:
    """Targets and realisasi of one kegiatan tugas jabatan in a PP 46/2011 SKP.

    Attributes:
        target_output: TO, quantity of output.
        realisasi_output: RO.
        target_kualitas: TK, quality/mutu on a 0–100 scale.
        realisasi_kualitas: RK.
        target_waktu: TW, in months.
        realisasi_waktu: RW, in months.
        target_biaya: TB in rupiah; None or 0 when the kegiatan has no budget.
        realisasi_biaya: RB in rupiah; required when ``target_biaya`` is positive.
    """

    target_output: Decimal
    realisasi_output: Decimal
    target_kualitas: Decimal
    realisasi_kualitas: Decimal
    target_waktu: Decimal
    realisasi_waktu: Decimal
    target_biaya: Decimal | None = None
    realisasi_biaya: Decimal | None = None


@dataclass(frozen=True, slots=True)
class NilaiKegiatanResult:
    """Nilai capaian of one PP 46 kegiatan — bukan dasar predikat.

    Attributes:
        kuantitas: RO / TO × 100, rounded.
        kualitas: RK / TK × 100, rounded.
        waktu: Aspek waktu per the efficiency rule, rounded.
        biaya: Aspek biaya, None when the kegiatan has no budget.
        perhitungan: Sum of the rounded aspects.
        nilai_capaian: Perhitungan / 3 (or / 4 with biaya), rounded.
        explanation: Indonesian sentences with every step.
    """

    kuantitas: Decimal
    kualitas: Decimal
    waktu: Decimal
    biaya: Decimal | None
    perhitungan: Decimal
    nilai_capaian: Decimal
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NilaiSkpPp46Result:
    """Nilai SKP under PP 46/2011 — bukan dasar predikat.

    Attributes:
        nilai_skp: Mean nilai capaian of the kegiatan plus tugas tambahan and kreativitas.
        explanation: Indonesian sentences with every step.
    """

    nilai_skp: Decimal
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PrestasiKerjaPp46Result:
    """Nilai prestasi kerja under PP 46/2011 (60 % SKP + 40 % perilaku) — bukan dasar predikat.

    Field names follow the legacy BKD record columns (``nilai_skp_60_persen`` etc.).

    Attributes:
        nilai_skp: Nilai SKP as given.
        nilai_skp_60: 60 % of it, rounded.
        nilai_perilaku: Mean of the perilaku unsur, rounded.
        nilai_perilaku_40: 40 % of it, rounded.
        nilai_prestasi_kerja: Sum of the two weighted parts.
        sebutan: ``Sangat Baik`` … ``Buruk`` per PP 46/2011.
        explanation: Indonesian sentences with every step.
    """

    nilai_skp: Decimal
    nilai_skp_60: Decimal
    nilai_perilaku: Decimal
    nilai_perilaku_40: Decimal
    nilai_prestasi_kerja: Decimal
    sebutan: str
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AngkaKreditResult:
    """Angka kredit earned for a period from the predikat.

    Attributes:
        angka_kredit: bulan/12 × persentase × koefisien, rounded.
        explanation: Indonesian sentences with the formula and numbers.
    """

    angka_kredit: Decimal
    explanation: tuple[str, ...]


def _efisiensi(target: Decimal, realisasi: Decimal) -> tuple[Decimal, Decimal]:
    """Percentage efficiency and aspect score for waktu or biaya (Perka BKN 1/2013).

    Saving up to 24 % is rewarded linearly; beyond 24 % the score falls again, because a large
    saving suggests the target was set badly. The efficiency is rounded before the comparison so
    the branch taken matches the figure shown.
    """
    efisiensi = round2(HUNDRED - realisasi / target * HUNDRED)
    dasar = (_FAKTOR * target - realisasi) / target * HUNDRED
    if efisiensi <= _BATAS_EFISIENSI:
        return efisiensi, round2(dasar)
    return efisiensi, round2(_DASAR_WAKTU - (dasar - HUNDRED))


def _rumus_efisiensi(nama: str, efisiensi: Decimal, nilai: Decimal, t: Decimal, r: Decimal) -> str:
    """The sentence for one efficiency aspect with the branch taken."""
    if efisiensi <= _BATAS_EFISIENSI:
        return _(
            "{nama}: efisiensi {e} ≤ 24%, maka ((1,76 × {t} − {r}) ÷ {t}) × 100 = {v}."
        ).format(
            nama=nama, e=format_percent(efisiensi), t=angka(t), r=angka(r), v=format_number(nilai)
        )
    return _(
        "{nama}: efisiensi {e} > 24%, maka 76 − ((((1,76 × {t} − {r}) ÷ {t}) × 100) − 100) = {v}."
    ).format(nama=nama, e=format_percent(efisiensi), t=angka(t), r=angka(r), v=format_number(nilai))


def _periksa_kegiatan(k: KegiatanPp46) -> tuple[Decimal, Decimal] | None:
    """Validate a kegiatan; return (TB, RB) when aspek biaya applies (TB given and positive)."""
    for nama, nilai in (
        ("target_output", k.target_output),
        ("target_kualitas", k.target_kualitas),
        ("target_waktu", k.target_waktu),
    ):
        if not nilai > 0:
            raise ValueError(f"{nama} harus lebih dari nol: {nilai}")
    for nama, nilai in (
        ("realisasi_output", k.realisasi_output),
        ("realisasi_kualitas", k.realisasi_kualitas),
        ("realisasi_waktu", k.realisasi_waktu),
    ):
        if not nilai >= 0:
            raise ValueError(f"{nama} tidak boleh negatif: {nilai}")
    if k.target_biaya is None or k.target_biaya == 0:
        return None
    if k.target_biaya < 0:
        raise ValueError(f"target_biaya tidak boleh negatif: {k.target_biaya}")
    if k.realisasi_biaya is None or k.realisasi_biaya < 0:
        raise ValueError("realisasi_biaya harus diisi (tidak negatif) bila target_biaya > 0")
    return k.target_biaya, k.realisasi_biaya


def nilai_capaian_kegiatan(k: KegiatanPp46) -> NilaiKegiatanResult:
    """Nilai capaian of one kegiatan exactly as Perka BKN 1/2013 — bukan dasar predikat.

    Kuantitas = RO/TO×100; Kualitas = RK/TK×100; Waktu (and Biaya when TB > 0) by the 24 %
    efficiency rule; nilai capaian = sum / 3 without biaya, / 4 with biaya. Each aspect is
    rounded half up to two decimals and the sum uses the rounded aspects, so the printed figures
    add up. A kegiatan with RO = 0 produced nothing and scores 0 on every aspect, as the legacy
    applications did.

    Args:
        k: Targets and realisasi of the kegiatan.

    Returns:
        Every aspect, the sum and the nilai capaian, with the steps explained.

    Raises:
        ValueError: If a target is not positive, a realisasi is negative, or biaya applies but
            realisasi_biaya is missing or negative.
    """
    biaya_tr = _periksa_kegiatan(k)
    if k.realisasi_output == 0:
        return NilaiKegiatanResult(
            kuantitas=_NOL,
            kualitas=_NOL,
            waktu=_NOL,
            biaya=_NOL if biaya_tr is not None else None,
            perhitungan=_NOL,
            nilai_capaian=_NOL,
            explanation=(
                _(
                    "Realisasi output nol: kegiatan tidak menghasilkan apa pun, sehingga seluruh "
                    "aspek dan nilai capaian kegiatan bernilai 0."
                ),
                _label(),
            ),
        )
    kuantitas = round2(k.realisasi_output / k.target_output * HUNDRED)
    kualitas = round2(k.realisasi_kualitas / k.target_kualitas * HUNDRED)
    ew, waktu = _efisiensi(k.target_waktu, k.realisasi_waktu)
    explanation = [
        _("Kuantitas: {r} ÷ {t} × 100 = {v}.").format(
            r=angka(k.realisasi_output), t=angka(k.target_output), v=format_number(kuantitas)
        ),
        _("Kualitas: {r} ÷ {t} × 100 = {v}.").format(
            r=angka(k.realisasi_kualitas), t=angka(k.target_kualitas), v=format_number(kualitas)
        ),
        _rumus_efisiensi(_("Waktu"), ew, waktu, k.target_waktu, k.realisasi_waktu),
    ]
    aspek = [kuantitas, kualitas, waktu]
    biaya: Decimal | None = None
    if biaya_tr is not None:
        tb, rb = biaya_tr
        eb, biaya = _efisiensi(tb, rb)
        explanation.append(_rumus_efisiensi(_("Biaya"), eb, biaya, tb, rb))
        aspek.append(biaya)
    perhitungan = sum(aspek, _NOL)
    pembagi = len(aspek)
    jumlah = " + ".join(format_number(a) for a in aspek)
    nilai = round2(perhitungan / pembagi)
    explanation.append(
        _("Perhitungan: {jumlah} = {p}; nilai capaian = {p} ÷ {d} = {v}.").format(
            jumlah=jumlah, p=format_number(perhitungan), d=pembagi, v=format_number(nilai)
        )
    )
    explanation.append(_label())
    return NilaiKegiatanResult(
        kuantitas=kuantitas,
        kualitas=kualitas,
        waktu=waktu,
        biaya=biaya,
        perhitungan=perhitungan,
        nilai_capaian=nilai,
        explanation=tuple(explanation),
    )


def nilai_tugas_tambahan(jumlah: int) -> Decimal:
    """Points for tugas tambahan under PP 46: 0 → 0, 1–3 → 1, 4–6 → 2, 7 or more → 3.

    The bands are unverified (one implementation uses 4–7 → 2); see domain.md §3.8.

    Args:
        jumlah: Number of tugas tambahan with a surat tugas.

    Returns:
        The points added to the nilai SKP.

    Raises:
        ValueError: If ``jumlah`` is negative.
    """
    if jumlah < 0:
        raise ValueError(f"jumlah tugas tambahan tidak boleh negatif: {jumlah}")
    if jumlah == 0:
        return _NOL
    if jumlah <= 3:
        return Decimal(1)
    if jumlah <= 6:
        return Decimal(2)
    return Decimal(3)


def nilai_skp_pp46(
    kegiatan: Sequence[NilaiKegiatanResult],
    tugas_tambahan: int = 0,
    kreativitas: Decimal = _NOL,
) -> NilaiSkpPp46Result:
    """Nilai SKP = mean nilai capaian + nilai tugas tambahan + kreativitas — bukan dasar predikat.

    Args:
        kegiatan: Results of :func:`nilai_capaian_kegiatan` for every kegiatan tugas jabatan.
        tugas_tambahan: Number of tugas tambahan (converted by :func:`nilai_tugas_tambahan`).
        kreativitas: Points for kreativitas (see :data:`KREATIVITAS`), 0 when none.

    Returns:
        The nilai SKP, rounded half up, with the steps explained.

    Raises:
        ValueError: If there is no kegiatan or ``kreativitas`` is negative.
    """
    if not kegiatan:
        raise ValueError("nilai SKP memerlukan minimal satu kegiatan")
    if kreativitas < 0:
        raise ValueError(f"nilai kreativitas tidak boleh negatif: {kreativitas}")
    tambahan = nilai_tugas_tambahan(tugas_tambahan)
    rata = round2(sum((k.nilai_capaian for k in kegiatan), _NOL) / len(kegiatan))
    nilai = round2(rata + tambahan + kreativitas)
    return NilaiSkpPp46Result(
        nilai_skp=nilai,
        explanation=(
            _("Rata-rata nilai capaian {n} kegiatan: ({jumlah}) ÷ {n} = {r}.").format(
                n=len(kegiatan),
                jumlah=" + ".join(format_number(k.nilai_capaian) for k in kegiatan),
                r=format_number(rata),
            ),
            _("Tugas tambahan: {k} tugas bernilai {t}.").format(
                k=tugas_tambahan, t=angka(tambahan)
            ),
            _("Kreativitas bernilai {k}.").format(k=angka(kreativitas)),
            _("Nilai SKP = {r} + {t} + {k} = {v}.").format(
                r=format_number(rata),
                t=angka(tambahan),
                k=angka(kreativitas),
                v=format_number(nilai),
            ),
            _label(),
        ),
    )


def sebutan_pp46(nilai: Decimal) -> str:
    """Sebutan of a PP 46/2011 nilai (prestasi kerja or SKP) — bukan dasar predikat.

    The regulation's bands are ≥91 Sangat Baik, 76–90 Baik, 61–75 Cukup, 51–60 Kurang, ≤50
    Buruk, which leave gaps for decimals. The value is first rounded half up to two decimals,
    then: ≤ 50 Buruk; ≤ 60 Kurang; ≤ 75 Cukup; < 91 Baik; otherwise Sangat Baik (so 90,99 is
    Baik and 75,01 is Baik). "Sedang" is a DP3 label and never used. The result is the stored
    Indonesian term, not a translated label.

    Args:
        nilai: Nilai prestasi kerja or nilai SKP.

    Returns:
        ``"Buruk"``, ``"Kurang"``, ``"Cukup"``, ``"Baik"`` or ``"Sangat Baik"``.
    """
    nilai = round2(nilai)
    if nilai <= 50:
        return "Buruk"
    if nilai <= 60:
        return "Kurang"
    if nilai <= 75:
        return "Cukup"
    if nilai < 91:
        return "Baik"
    return "Sangat Baik"


def nilai_prestasi_kerja_pp46(
    nilai_skp: Decimal, nilai_perilaku_unsur: Sequence[Decimal]
) -> PrestasiKerjaPp46Result:
    """Nilai prestasi kerja = 60 % nilai SKP + 40 % nilai perilaku — bukan dasar predikat.

    Nilai perilaku is the mean of the unsur (orientasi pelayanan, integritas, komitmen, disiplin,
    kerja sama, and kepemimpinan for pejabat struktural). Each weighted part is rounded half up
    as the legacy record columns store it, and the total is their sum.

    Args:
        nilai_skp: Nilai SKP (e.g. from :func:`nilai_skp_pp46`).
        nilai_perilaku_unsur: The score of each perilaku unsur, each 0–100.

    Returns:
        All legacy record fields with the steps explained.

    Raises:
        ValueError: If there is no unsur or an unsur is outside 0–100.
    """
    if not nilai_perilaku_unsur:
        raise ValueError("nilai perilaku memerlukan minimal satu unsur")
    for unsur in nilai_perilaku_unsur:
        if not 0 <= unsur <= HUNDRED:
            raise ValueError(f"nilai unsur perilaku harus 0–100: {unsur}")
    perilaku = round2(sum(nilai_perilaku_unsur, _NOL) / len(nilai_perilaku_unsur))
    skp_60 = round2(nilai_skp * _BOBOT_SKP)
    perilaku_40 = round2(perilaku * _BOBOT_PERILAKU)
    total = round2(skp_60 + perilaku_40)
    sebutan = sebutan_pp46(total)
    return PrestasiKerjaPp46Result(
        nilai_skp=nilai_skp,
        nilai_skp_60=skp_60,
        nilai_perilaku=perilaku,
        nilai_perilaku_40=perilaku_40,
        nilai_prestasi_kerja=total,
        sebutan=sebutan,
        explanation=(
            _("Nilai perilaku = rata-rata {n} unsur: ({jumlah}) ÷ {n} = {v}.").format(
                n=len(nilai_perilaku_unsur),
                jumlah=" + ".join(angka(u) for u in nilai_perilaku_unsur),
                v=format_number(perilaku),
            ),
            _("60% × nilai SKP {s} = {v}.").format(s=angka(nilai_skp), v=format_number(skp_60)),
            _("40% × nilai perilaku {p} = {v}.").format(
                p=format_number(perilaku), v=format_number(perilaku_40)
            ),
            _("Nilai prestasi kerja = {a} + {b} = {v}, sebutan {sebutan}.").format(
                a=format_number(skp_60),
                b=format_number(perilaku_40),
                v=format_number(total),
                sebutan=sebutan,
            ),
            _label(),
        ),
    )


def angka_kredit(
    predikat: Predikat, koefisien_tahunan: Decimal, bulan: int = 12
) -> AngkaKreditResult:
    """Angka kredit for a period: bulan/12 × persentase predikat × koefisien tahunan.

    Peraturan BKN 3/2023 converts a predikat (a consequence of the kuadran, not a number behind
    it) into angka kredit for jabatan fungsional; e.g. 2/12 × 100 % × 12,5 = 2,08.

    Args:
        predikat: Predikat kinerja of the period.
        koefisien_tahunan: Annual angka kredit coefficient of the jenjang jabatan.
        bulan: Months covered, 1–12.

    Returns:
        The angka kredit, rounded half up, with the formula explained.

    Raises:
        ValueError: If ``bulan`` is not 1–12 or the coefficient is negative.
    """
    if not 1 <= bulan <= 12:
        raise ValueError(f"bulan harus 1–12: {bulan}")
    if koefisien_tahunan < 0:
        raise ValueError(f"koefisien angka kredit tidak boleh negatif: {koefisien_tahunan}")
    persen = PERSEN_ANGKA_KREDIT[predikat]
    nilai = round2(Decimal(bulan) * persen * koefisien_tahunan / (12 * HUNDRED))
    return AngkaKreditResult(
        angka_kredit=nilai,
        explanation=(
            _("Predikat {predikat} memberi {p} dari koefisien angka kredit tahunan.").format(
                predikat=predikat.label, p=format_percent(persen)
            ),
            _("Angka kredit = {b}/12 × {p} × {k} = {v}.").format(
                b=bulan,
                p=format_percent(persen),
                k=angka(koefisien_tahunan),
                v=format_number(nilai),
            ),
            _(
                "Angka kredit adalah akibat dari predikat, bukan dasar predikat kinerja menurut "
                "PermenPANRB 6/2022."
            ),
        ),
    )
