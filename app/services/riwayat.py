"""History views over the audit log: one record's history, and everything about one pegawai.

The audit log (``app.models.AuditLog``) is hash-chained and append-only; these functions only
read it and hand out DTOs the GUI can list. Bulk loads (the demo, large imports) leave one
summary entry per batch (``entitas_id`` ``*``), so such rows show no per-record history.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    AuditLog,
    BuktiDukung,
    Evaluasi,
    Indikator,
    LampiranSkp,
    Mutasi,
    PerilakuSkp,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from app.services.context import ServiceContext
from app.services.dto import RiwayatDTO
from app.services.lookup import chunked, pegawai_by_nip


def _dto(row: AuditLog) -> RiwayatDTO:
    return RiwayatDTO(
        seq=row.seq,
        waktu=row.waktu,
        pelaku=row.pelaku,
        aksi=row.aksi,
        perintah=row.perintah,
        entitas=row.entitas,
        entitas_id=row.entitas_id,
        sebelum=row.sebelum,
        sesudah=row.sesudah,
    )


def riwayat(ctx: ServiceContext, entitas: str, entitas_id: str) -> tuple[RiwayatDTO, ...]:
    """Every audit entry of one record, oldest first (``entitas`` is the table, e.g. ``skp``)."""
    with ctx.read() as session:
        rows = session.scalars(
            select(AuditLog)
            .where(AuditLog.entitas == entitas, AuditLog.entitas_id == entitas_id)
            .order_by(AuditLog.seq)
        ).all()
        return tuple(_dto(r) for r in rows)


def _ids(session: Session, column: object, parents: Iterable[str], model: type) -> list[str]:
    found: list[str] = []
    for chunk in chunked(list(parents)):
        found += session.scalars(select(model.id).where(column.in_(chunk))).all()  # type: ignore[attr-defined]
    return found


def riwayat_pegawai(ctx: ServiceContext, nip: str) -> tuple[RiwayatDTO, ...]:
    """Every audit entry about a pegawai and their records, oldest first.

    Covers the pegawai row, SKPs, RHK, indicators, realisations, evidence, behaviour
    expectations, attachments, feedback, evaluations and transfers.
    """
    with ctx.read() as session:
        pegawai = pegawai_by_nip(session, nip)
        skp = _ids(session, Skp.pegawai_id, [pegawai.id], Skp)
        rhk = _ids(session, Rhk.skp_id, skp, Rhk)
        indikator = _ids(session, Indikator.rhk_id, rhk, Indikator)
        realisasi = _ids(session, Realisasi.indikator_id, indikator, Realisasi)
        ids = {
            pegawai.id,
            *skp,
            *rhk,
            *indikator,
            *realisasi,
            *_ids(session, BuktiDukung.realisasi_id, realisasi, BuktiDukung),
            *_ids(session, Mutasi.pegawai_id, [pegawai.id], Mutasi),
        }
        for model in (PerilakuSkp, LampiranSkp, UmpanBalik, Evaluasi):
            ids.update(_ids(session, model.skp_id, skp, model))
        rows: list[AuditLog] = []
        for chunk in chunked(sorted(ids)):
            rows += session.scalars(select(AuditLog).where(AuditLog.entitas_id.in_(chunk))).all()
        return tuple(_dto(r) for r in sorted(rows, key=lambda r: r.seq))
