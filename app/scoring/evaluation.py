"""The whole hasil-kerja derivation of one SKP at the end of a period, from plain data.

Both the evaluation service (reading the database) and the demo generator (holding data in
memory) call this one function, so a suggestion shown on screen, stored in an evaluation and
printed by ``capaian explain`` is always computed the same way: per indicator, aggregate the
realisations up to the period (:mod:`app.scoring.periode`), compute the capaian with the
indicator's polarity, average per RHK, suggest a rating per RHK and for the SKP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.scoring.capaian import (
    DEFAULT_BATAS_ATAS,
    CapaianResult,
    IndikatorCapaian,
    RhkCapaian,
    agregasi_rhk,
    hitung_capaian,
)
from app.scoring.periode import CaraAgregasi, agregasi_periode
from app.scoring.rounding import round2
from app.scoring.suggest import (
    AMBANG_BAWAAN,
    AmbangRating,
    RhkSuggestion,
    SkpSuggestion,
    saran_rating_hasil_kerja,
    saran_rating_rhk,
)
from app.scoring.types import JenisRhk, Polaritas


@dataclass(frozen=True, slots=True)
class IndikatorData:
    """An indicator with its SKP target and the realisations recorded up to the period.

    Attributes:
        realisasi: values in period order; periods without a value are simply absent.
    """

    indikator_id: str
    uraian: str
    target: Decimal | None
    polaritas: Polaritas
    cara_agregasi: CaraAgregasi
    realisasi: tuple[Decimal, ...]


@dataclass(frozen=True, slots=True)
class RhkData:
    """An RHK and its indicators."""

    rhk_id: str
    uraian: str
    jenis: JenisRhk
    indikator: tuple[IndikatorData, ...]


@dataclass(frozen=True, slots=True)
class IndikatorHasil:
    """One indicator's year-to-date target, realisation and capaian, with the explanation."""

    indikator_id: str
    uraian: str
    target: Decimal | None
    realisasi: Decimal | None
    capaian: CapaianResult
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RhkHasil:
    """One RHK's aggregated capaian and suggested rating."""

    capaian: RhkCapaian
    saran: RhkSuggestion
    indikator: tuple[IndikatorHasil, ...]


@dataclass(frozen=True, slots=True)
class HasilKerjaDerivasi:
    """The derivation for one SKP and period.

    Attributes:
        capaian_persen: mean of the measurable RHKs' capaian (None when none is measurable).
        saran: the suggested rating hasil kerja for the SKP with its explanation.
    """

    rhk: tuple[RhkHasil, ...]
    capaian_persen: Decimal | None
    saran: SkpSuggestion


def derivasi_hasil_kerja(
    rhk: Sequence[RhkData],
    bulan_berjalan: int,
    bulan_total: int,
    ambang: AmbangRating = AMBANG_BAWAAN,
    batas_atas: Decimal = DEFAULT_BATAS_ATAS,
) -> HasilKerjaDerivasi:
    """Derive capaian and suggestions for an SKP ``bulan_berjalan`` months into its span."""
    results = []
    for item in rhk:
        lines = []
        inputs = []
        for ind in item.indikator:
            agg = agregasi_periode(
                ind.target, ind.realisasi, ind.cara_agregasi, bulan_berjalan, bulan_total
            )
            cap = hitung_capaian(agg.target, agg.realisasi, ind.polaritas, batas_atas)
            inputs.append(IndikatorCapaian(ind.indikator_id, ind.uraian, cap))
            lines.append(
                IndikatorHasil(
                    ind.indikator_id,
                    ind.uraian,
                    agg.target,
                    agg.realisasi,
                    cap,
                    agg.explanation + cap.explanation,
                )
            )
        aggregate = agregasi_rhk(item.rhk_id, item.uraian, item.jenis, inputs)
        results.append(RhkHasil(aggregate, saran_rating_rhk(aggregate, ambang), tuple(lines)))
    measured = [r.capaian.persen for r in results if r.capaian.persen is not None]
    persen = round2(sum(measured, Decimal(0)) / len(measured)) if measured else None
    saran = saran_rating_hasil_kerja([r.capaian for r in results], ambang)
    return HasilKerjaDerivasi(tuple(results), persen, saran)
