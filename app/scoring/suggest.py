"""Suggested ratings for the pejabat penilai (domain.md §3.1, §3.2).

The rating hasil kerja and the rating perilaku are judgements of the pejabat penilai; the
regulation gives descriptions ("sebagian besar … di atas ekspektasi dan tidak ada hasil kerja
utama yang di bawah ekspektasi"), not formulas. The app may only suggest, and the suggestion must
say how it was reached so the penilai can agree or overrule it. Nothing here is stored as the
rating itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.i18n import _, format_percent
from app.scoring.capaian import RhkCapaian
from app.scoring.types import JenisRhk, NilaiBerakhlak, Rating


@dataclass(frozen=True, slots=True)
class AmbangRating:
    """Thresholds (in percent capaian) used to suggest a rating for one RHK.

    These are configurable defaults of this app, not regulation: PermenPANRB 6/2022 defines no
    numeric threshold at all. A capaian of at least ``di_atas_min`` suggests Di Atas Ekspektasi,
    at least ``sesuai_min`` suggests Sesuai Ekspektasi, anything lower Di Bawah Ekspektasi. A
    BKD may set other values; the explanation always prints the values used.

    Attributes:
        di_atas_min: Lowest capaian (inclusive) suggesting Di Atas Ekspektasi.
        sesuai_min: Lowest capaian (inclusive) suggesting Sesuai Ekspektasi.
    """

    di_atas_min: Decimal = Decimal(110)
    sesuai_min: Decimal = Decimal(90)

    def __post_init__(self) -> None:
        """Reject thresholds that would make a band empty or inverted."""
        if not (0 <= self.sesuai_min <= self.di_atas_min):
            raise ValueError(
                "ambang rating harus memenuhi 0 ≤ sesuai_min ≤ di_atas_min "
                f"(sesuai_min={self.sesuai_min}, di_atas_min={self.di_atas_min})"
            )


AMBANG_BAWAAN = AmbangRating()
"""The default thresholds (110 % / 90 %), shared so default arguments are one object."""


@dataclass(frozen=True, slots=True)
class RatingSuggestion:
    """A suggested rating (or None when there is nothing to base it on) and why.

    Attributes:
        rating: The suggestion; the pejabat penilai decides.
        explanation: Indonesian sentences stating the counts and the rule applied.
    """

    rating: Rating | None
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RhkSuggestion:
    """Suggested rating of one RHK from its capaian.

    Attributes:
        rhk_id: Identifier of the RHK.
        jenis: Utama or tambahan.
        persen: The RHK's capaian, or None when not measurable.
        rating: The suggestion, None when not measurable.
        explanation: Indonesian sentences comparing the capaian with the thresholds.
    """

    rhk_id: str
    jenis: JenisRhk
    persen: Decimal | None
    rating: Rating | None
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkpSuggestion:
    """Suggested overall rating hasil kerja of an SKP.

    Attributes:
        rating: The suggestion, None when no RHK could be rated.
        rhk: The per-RHK suggestions it was built from, utama first then by ``rhk_id``.
        explanation: Indonesian sentences stating the counts and the rule applied.
    """

    rating: Rating | None
    rhk: tuple[RhkSuggestion, ...]
    explanation: tuple[str, ...]


def _nota_saran() -> str:
    """The reminder that a suggestion never replaces the penilai's judgement."""
    return _("Ini hanya saran; pejabat penilai yang menetapkan rating.")


def saran_rating_rhk(rhk: RhkCapaian, ambang: AmbangRating = AMBANG_BAWAAN) -> RhkSuggestion:
    """Suggest a rating for one RHK by comparing its capaian with the thresholds.

    Args:
        rhk: The RHK with its averaged capaian.
        ambang: The thresholds; defaults are an app convention, not regulation.

    Returns:
        The suggestion; None rating when the RHK has no numeric capaian, since such an RHK is
        judged directly by the pejabat penilai.
    """
    judul = _("RHK «{uraian}» ({jenis})").format(uraian=rhk.uraian, jenis=_jenis_label(rhk.jenis))
    if rhk.persen is None:
        return RhkSuggestion(
            rhk_id=rhk.rhk_id,
            jenis=rhk.jenis,
            persen=None,
            rating=None,
            explanation=(
                _("{judul}: tidak terukur, dinilai langsung oleh pejabat penilai.").format(
                    judul=judul
                ),
            ),
        )
    p = format_percent(rhk.persen)
    atas = format_percent(ambang.di_atas_min)
    sesuai = format_percent(ambang.sesuai_min)
    if rhk.persen >= ambang.di_atas_min:
        rating = Rating.DI_ATAS
        alasan = _("{judul}: capaian {p} ≥ {atas}, disarankan {rating}.").format(
            judul=judul, p=p, atas=atas, rating=rating.label
        )
    elif rhk.persen >= ambang.sesuai_min:
        rating = Rating.SESUAI
        alasan = _("{judul}: capaian {p} ≥ {sesuai} dan < {atas}, disarankan {rating}.").format(
            judul=judul, p=p, sesuai=sesuai, atas=atas, rating=rating.label
        )
    else:
        rating = Rating.DI_BAWAH
        alasan = _("{judul}: capaian {p} < {sesuai}, disarankan {rating}.").format(
            judul=judul, p=p, sesuai=sesuai, rating=rating.label
        )
    return RhkSuggestion(
        rhk_id=rhk.rhk_id,
        jenis=rhk.jenis,
        persen=rhk.persen,
        rating=rating,
        explanation=(
            alasan,
            _(
                "Ambang {atas} dan {sesuai} adalah pengaturan aplikasi, bukan ketentuan "
                "PermenPANRB 6/2022."
            ).format(atas=atas, sesuai=sesuai),
        ),
    )


def _jenis_label(jenis: JenisRhk) -> str:
    """``utama`` / ``tambahan`` as written in sentences."""
    return _("utama") if jenis is JenisRhk.UTAMA else _("tambahan")


def _urutan_rhk(
    rhk: RhkCapaian,
) -> tuple[int, str, str, bool, Decimal, int, int, tuple[str, ...]]:
    """Sort key covering every field, so the result ignores the input order."""
    return (
        0 if rhk.jenis is JenisRhk.UTAMA else 1,
        rhk.rhk_id,
        rhk.uraian,
        rhk.persen is None,
        rhk.persen if rhk.persen is not None else Decimal(0),
        rhk.jumlah_terukur,
        rhk.jumlah_indikator,
        rhk.explanation,
    )


def saran_rating_hasil_kerja(
    rhk: Sequence[RhkCapaian], ambang: AmbangRating = AMBANG_BAWAAN
) -> SkpSuggestion:
    """Suggest the rating hasil kerja of an SKP from its RHKs (domain.md §3.1).

    Counts the RHKs (utama and tambahan) that have a suggested rating. More than half Di Bawah
    suggests Di Bawah Ekspektasi. More than half Di Atas suggests Di Atas Ekspektasi only if no
    RHK utama is Di Bawah, because the Permen's description of Di Atas requires "tidak ada hasil
    kerja utama yang di bawah ekspektasi"; otherwise Sesuai Ekspektasi. RHKs without a numeric
    capaian are not counted; the penilai weighs them directly.

    Args:
        rhk: The SKP's RHKs with their capaian, in any order.
        ambang: Thresholds for the per-RHK suggestion.

    Returns:
        The overall suggestion, the per-RHK suggestions (utama first, then by id) and the
        reasoning.
    """
    saran = tuple(saran_rating_rhk(item, ambang) for item in sorted(rhk, key=_urutan_rhk))
    dinilai = [s for s in saran if s.rating is not None]
    explanation: list[str] = [line for s in saran for line in s.explanation[:1]]
    tidak_terukur = len(saran) - len(dinilai)
    if not dinilai:
        explanation.append(
            _(
                "Tidak ada RHK yang terukur secara numerik; tidak ada saran rating hasil kerja, "
                "pejabat penilai menilai langsung."
            )
        )
        return SkpSuggestion(rating=None, rhk=saran, explanation=tuple(explanation))
    hitung = Counter(s.rating for s in dinilai)
    n = len(dinilai)
    atas, sesuai, bawah = hitung[Rating.DI_ATAS], hitung[Rating.SESUAI], hitung[Rating.DI_BAWAH]
    uraian = {item.rhk_id: item.uraian for item in rhk}
    utama_bawah = [
        f"«{uraian[s.rhk_id]}»"
        for s in dinilai
        if s.jenis is JenisRhk.UTAMA and s.rating is Rating.DI_BAWAH
    ]
    explanation.append(
        _(
            "Dari {n} RHK yang terukur: {atas} di atas ekspektasi, {sesuai} sesuai ekspektasi, "
            "{bawah} di bawah ekspektasi."
        ).format(n=n, atas=atas, sesuai=sesuai, bawah=bawah)
    )
    if tidak_terukur:
        explanation.append(
            _("{k} RHK tidak terukur dan tidak ikut dihitung.").format(k=tidak_terukur)
        )
    if bawah * 2 > n:
        rating = Rating.DI_BAWAH
        explanation.append(
            _("Lebih dari separuh RHK di bawah ekspektasi, sehingga disarankan {rating}.").format(
                rating=rating.label
            )
        )
    elif atas * 2 > n and not utama_bawah:
        rating = Rating.DI_ATAS
        explanation.append(
            _(
                "Lebih dari separuh RHK di atas ekspektasi dan tidak ada RHK utama yang di bawah "
                "ekspektasi, sehingga disarankan {rating}."
            ).format(rating=rating.label)
        )
    elif atas * 2 > n:
        rating = Rating.SESUAI
        explanation.append(
            _(
                "Lebih dari separuh RHK di atas ekspektasi, tetapi RHK utama {daftar} di bawah "
                "ekspektasi; menurut PermenPANRB 6/2022 Di Atas Ekspektasi mensyaratkan tidak ada "
                "hasil kerja utama yang di bawah ekspektasi, sehingga disarankan {rating}."
            ).format(daftar=", ".join(utama_bawah), rating=rating.label)
        )
    else:
        rating = Rating.SESUAI
        explanation.append(
            _(
                "Tidak ada kelompok yang lebih dari separuh di atas atau di bawah ekspektasi, "
                "sehingga disarankan {rating}."
            ).format(rating=rating.label)
        )
    explanation.append(_nota_saran())
    return SkpSuggestion(rating=rating, rhk=saran, explanation=tuple(explanation))


def saran_rating_perilaku(per_nilai: Mapping[NilaiBerakhlak, Rating]) -> RatingSuggestion:
    """Suggest the overall rating perilaku from the per-value ratings (domain.md §3.2).

    The Permen's exact aggregation wording is unverified; the safe default mirrors §3.1: more
    than half of the rated values Di Bawah suggests Di Bawah Ekspektasi; more than half Di Atas
    with none Di Bawah suggests Di Atas Ekspektasi; anything else Sesuai Ekspektasi.

    Args:
        per_nilai: Rating for each BerAKHLAK value the penilai has rated so far.

    Returns:
        The suggestion, None when no value is rated yet, with the counts and the values below
        expectation in the official BerAKHLAK order.
    """
    if not per_nilai:
        return RatingSuggestion(
            rating=None,
            explanation=(
                _("Belum ada nilai BerAKHLAK yang dinilai; belum ada saran rating perilaku."),
            ),
        )
    n = len(per_nilai)
    hitung = Counter(per_nilai.values())
    atas, sesuai, bawah = hitung[Rating.DI_ATAS], hitung[Rating.SESUAI], hitung[Rating.DI_BAWAH]
    di_bawah = [nilai.label for nilai in NilaiBerakhlak if per_nilai.get(nilai) is Rating.DI_BAWAH]
    explanation = [
        _(
            "Dari {n} nilai BerAKHLAK yang dinilai: {atas} di atas ekspektasi, {sesuai} sesuai "
            "ekspektasi, {bawah} di bawah ekspektasi."
        ).format(n=n, atas=atas, sesuai=sesuai, bawah=bawah)
    ]
    if di_bawah:
        explanation.append(
            _("Nilai di bawah ekspektasi: {daftar}.").format(daftar=", ".join(di_bawah))
        )
    if bawah * 2 > n:
        rating = Rating.DI_BAWAH
        alasan = _("Lebih dari separuh nilai di bawah ekspektasi, sehingga disarankan {rating}.")
    elif atas * 2 > n and not bawah:
        rating = Rating.DI_ATAS
        alasan = _(
            "Lebih dari separuh nilai di atas ekspektasi dan tidak ada yang di bawah ekspektasi, "
            "sehingga disarankan {rating}."
        )
    elif atas * 2 > n:
        rating = Rating.SESUAI
        alasan = _(
            "Lebih dari separuh nilai di atas ekspektasi, tetapi ada nilai di bawah ekspektasi, "
            "sehingga disarankan {rating}."
        )
    else:
        rating = Rating.SESUAI
        alasan = _(
            "Tidak ada kelompok yang lebih dari separuh di atas atau di bawah ekspektasi, "
            "sehingga disarankan {rating}."
        )
    explanation.append(alasan.format(rating=rating.label))
    explanation.append(_nota_saran())
    return RatingSuggestion(rating=rating, explanation=tuple(explanation))
