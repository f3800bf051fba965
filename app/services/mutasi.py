"""Transfers (mutasi) between offices, recorded only at BKD (sync.md §4.2, §4.11).

Recording a transfer moves the employee's current unit and starts the ownership split by
period: the old office keeps everything before the effective date, the new office owns the
periods from it. BKD's reverse packages tell both offices (see ``sync_reverse``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConflictError, ValidationError
from app.i18n import _
from app.models import InstalasiTerdaftar, Mutasi, Organisasi, Pegawai, new_id
from app.services.context import Changes, Result, ServiceContext
from app.services.izin import izinkan
from app.services.lookup import installation, organisasi_by_kode, pegawai_by_nip
from app.services.ownership import Ownership


@dataclass(frozen=True)
class MutasiDTO:
    """One transfer as lists and reports show it."""

    id: str
    nip: str | None
    nama: str
    unit_asal: str
    unit_tujuan: str
    kantor_asal: str | None
    kantor_tujuan: str | None
    tanggal_berlaku: date
    nomor_sk: str | None
    catatan: str | None


def _offices(session: Session) -> set[str]:
    """Office codes BKD knows: every installation that ever asked to enrol."""
    return set(session.scalars(select(InstalasiTerdaftar.kode_kantor)))


def _dto(session: Session, row: Mutasi, resolver: Ownership) -> MutasiDTO:
    pegawai = session.get(Pegawai, row.pegawai_id)
    asal = session.get(Organisasi, row.organisasi_asal_id)
    tujuan = session.get(Organisasi, row.organisasi_tujuan_id)
    assert pegawai is not None and asal is not None and tujuan is not None  # foreign keys
    return MutasiDTO(
        row.id,
        pegawai.nip,
        pegawai.nama,
        asal.kode,
        tujuan.kode,
        resolver.office_of_org(asal.id),
        resolver.office_of_org(tujuan.id),
        row.tanggal_berlaku,
        row.nomor_sk,
        row.catatan,
    )


def catat_mutasi(
    ctx: ServiceContext,
    *,
    nip: str,
    unit_tujuan: str,
    tanggal_berlaku: date,
    nomor_sk: str | None = None,
    catatan: str | None = None,
) -> Result[MutasiDTO]:
    """(BKD) Record that ``nip`` works in ``unit_tujuan`` from ``tanggal_berlaku``.

    The pejabat penilai is cleared: the old one belongs to the old unit, and the new office
    must name one before its next export (its data-quality gate says so).

    Raises:
        ValidationError: not BKD, the same unit, or a date not after the last transfer.
        NotFoundError: unknown NIP or unit.
    """
    izinkan(ctx, "mutasi.catat")
    with ctx.write("catat_mutasi") as session:
        if installation(session).peran != "bkd":
            raise ValidationError(
                _(
                    "Mutasi pegawai antarkantor hanya dicatat oleh BKD. Kantor dapat mengajukan "
                    "permintaan mutasi ke BKD."
                ),
                field="peran",
            )
        pegawai = pegawai_by_nip(session, nip)
        tujuan = organisasi_by_kode(session, unit_tujuan)
        if tujuan.id == pegawai.organisasi_id:
            raise ValidationError(
                _("{nama} sudah berada di unit {unit}.").format(
                    nama=pegawai.nama, unit=tujuan.nama
                ),
                field="unit_tujuan",
            )
        latest = session.scalars(
            select(Mutasi)
            .where(Mutasi.pegawai_id == pegawai.id, Mutasi.deleted.is_(False))
            .order_by(Mutasi.tanggal_berlaku.desc())
        ).first()
        if latest is not None and tanggal_berlaku <= latest.tanggal_berlaku:
            raise ConflictError(
                _(
                    "Mutasi baru harus berlaku setelah mutasi terakhir ({tanggal}); koreksi "
                    "mutasi lama tidak dilakukan dengan mutasi baru."
                ).format(tanggal=latest.tanggal_berlaku.isoformat()),
                field="tanggal_berlaku",
            )
        row = Mutasi(
            id=new_id(),
            pegawai_id=pegawai.id,
            organisasi_asal_id=pegawai.organisasi_id,
            organisasi_tujuan_id=tujuan.id,
            tanggal_berlaku=tanggal_berlaku,
            nomor_sk=(nomor_sk or "").strip() or None,
            catatan=(catatan or "").strip() or None,
        )
        session.add(row)
        pegawai.organisasi_id = tujuan.id
        pegawai.penilai_id = None
        session.flush()
        dto = _dto(session, row, Ownership.load(session, _offices(session)))
    return Result(dto, Changes(pegawai=True))


def list_mutasi(ctx: ServiceContext, *, nip: str | None = None) -> tuple[MutasiDTO, ...]:
    """Recorded transfers, newest effective date first (of one employee when ``nip`` given)."""
    with ctx.read() as session:
        query = select(Mutasi).where(Mutasi.deleted.is_(False))
        if nip is not None:
            query = query.where(Mutasi.pegawai_id == pegawai_by_nip(session, nip).id)
        rows = session.scalars(query.order_by(Mutasi.tanggal_berlaku.desc())).all()
        offices = _offices(session) | {installation(session).kode_kantor}
        resolver = Ownership.load(session, offices)
        return tuple(_dto(session, row, resolver) for row in rows)
