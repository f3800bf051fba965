"""Database summary: how much of each record there is, and evaluations per predikat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app.models import (
    BuktiDukung,
    Evaluasi,
    Indikator,
    Organisasi,
    Pegawai,
    Periode,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from app.models.trust import OutboxOp
from app.scoring.types import Granularitas, Predikat
from app.services.context import ServiceContext
from app.services.lookup import installation


@dataclass(frozen=True)
class Ringkasan:
    """Counts of live records; ``evaluasi_per_predikat`` splits periodic and annual ones."""

    peran: str
    kantor: str
    organisasi: int
    pegawai: int
    skp: int
    rhk: int
    indikator: int
    realisasi: int
    bukti_dukung: int
    umpan_balik: int
    evaluasi_periodik: int
    evaluasi_tahunan: int
    evaluasi_periodik_per_predikat: dict[str, int]
    evaluasi_tahunan_per_predikat: dict[str, int]
    op_belum_terkirim: int


def ringkasan(ctx: ServiceContext) -> Ringkasan:
    """Count everything in one read transaction."""
    with ctx.read() as session:
        inst = installation(session)

        def count(model: Any) -> int:
            query = select(func.count()).select_from(model).where(model.deleted.is_(False))
            return session.scalar(query) or 0

        per: dict[bool, dict[str, int]] = {
            False: {p.value: 0 for p in Predikat.ordered()},
            True: {p.value: 0 for p in Predikat.ordered()},
        }
        totals = {False: 0, True: 0}
        for granularitas, predikat, n in session.execute(
            select(Periode.granularitas, Evaluasi.predikat, func.count())
            .join(Periode, Evaluasi.periode_id == Periode.id)
            .where(Evaluasi.deleted.is_(False))
            .group_by(Periode.granularitas, Evaluasi.predikat)
        ):
            annual = granularitas is Granularitas.TAHUNAN
            totals[annual] += n
            if predikat is not None:
                per[annual][predikat.value] += n
        pending = session.scalar(
            select(func.count()).select_from(OutboxOp).where(OutboxOp.diakui.is_(False))
        )
        return Ringkasan(
            peran=inst.peran,
            kantor=f"{inst.kode_kantor} - {inst.nama_kantor}",
            organisasi=count(Organisasi),
            pegawai=count(Pegawai),
            skp=count(Skp),
            rhk=count(Rhk),
            indikator=count(Indikator),
            realisasi=count(Realisasi),
            bukti_dukung=count(BuktiDukung),
            umpan_balik=count(UmpanBalik),
            evaluasi_periodik=totals[False],
            evaluasi_tahunan=totals[True],
            evaluasi_periodik_per_predikat=per[False],
            evaluasi_tahunan_per_predikat=per[True],
            op_belum_terkirim=pending or 0,
        )
