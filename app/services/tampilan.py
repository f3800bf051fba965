"""Read-only queries the desktop screens need and no other use case offers.

The staff list shows, for tens of thousands of employees, the SKP status of a year and the
evaluation status of a period; the office dashboard shows per-unit progress and capaian. Both are
answered here with a handful of grouped queries (never one query per employee), and returned as
frozen DTOs so the views never see the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from app.models import CapaianOrganisasiUnit, Evaluasi, Organisasi, Pegawai, Periode, Skp
from app.scoring.types import (
    CapaianOrganisasi,
    JenisJabatan,
    Predikat,
    StatusEvaluasi,
    StatusSkp,
)
from app.services.context import ServiceContext
from app.services.dto import PeriodeDTO
from app.services.lookup import installation, periode_by_kode, skp_by_id
from app.services.realisasi import realisation_periods
from app.services.setup import periode_dto
from app.services.status_sinkron import status_baris, terburuk


@dataclass(frozen=True)
class PegawaiStatusDTO:
    """One line of the staff list: who, where, and how far their SKP and evaluation are."""

    id: str
    nip: str | None
    nama: str
    jabatan: str
    jenis_jabatan: JenisJabatan
    organisasi_kode: str
    organisasi_nama: str
    skp_id: str | None
    status_skp: StatusSkp | None
    status_evaluasi: StatusEvaluasi | None
    predikat: Predikat | None
    sinkron: str | None = None  # office only: LOKAL / TERKIRIM / DITERIMA / KONFLIK


@dataclass(frozen=True)
class UnitRingkasanDTO:
    """Evaluation progress of one unit and the units below it, for one period."""

    kode: str
    nama: str
    induk_kode: str | None
    kedalaman: int
    jumlah_pegawai: int
    jumlah_dinilai: int
    jumlah_final: int
    capaian_persen: Decimal | None
    capaian_organisasi: CapaianOrganisasi | None


def daftar_pegawai_status(
    ctx: ServiceContext, *, tahun: int, periode_kode: str | None = None
) -> tuple[PegawaiStatusDTO, ...]:
    """Every active employee with the status of their SKP of ``tahun`` and evaluation.

    When an employee has several SKPs in the year, the one shown is chosen as the services'
    ``skp_for_period`` chooses: the regular SKP before a Plt/Plh one, then the latest-starting
    (a transfer mid-year). The evaluation of the period is the employee's, on whichever of their
    SKPs of the year it was stored (after a mutasi an early period is rated on the earlier SKP).
    Without ``periode_kode`` the evaluation columns stay empty.
    """
    with ctx.read() as session:
        skp_of: dict[str, tuple[str, StatusSkp]] = {}
        owner_of: dict[str, str] = {}  # skp id -> pegawai id, every SKP of the year
        # Ordered so that the SKP that must win comes last and overwrites the others.
        for pegawai_id, found_skp, status in session.execute(
            select(Skp.pegawai_id, Skp.id, Skp.status)
            .where(Skp.tahun == tahun, Skp.deleted.is_(False))
            .order_by(Skp.is_plt.desc(), Skp.tanggal_mulai, Skp.id)
        ):
            skp_of[pegawai_id] = (found_skp, status)
            owner_of[found_skp] = pegawai_id
        evaluasi_of: dict[str, tuple[StatusEvaluasi, Predikat | None]] = {}
        if periode_kode:
            periode = periode_by_kode(session, periode_kode)
            for rated_skp, rated_status, rated_predikat in session.execute(
                select(Evaluasi.skp_id, Evaluasi.status, Evaluasi.predikat).where(
                    Evaluasi.periode_id == periode.id, Evaluasi.deleted.is_(False)
                )
            ):
                owner = owner_of.get(rated_skp)
                if owner is None:
                    continue
                # The evaluation on the SKP shown wins over one on another SKP of the year.
                if owner not in evaluasi_of or skp_of[owner][0] == rated_skp:
                    evaluasi_of[owner] = (rated_status, rated_predikat)
        rows = session.execute(
            select(
                Pegawai.id,
                Pegawai.nip,
                Pegawai.nama,
                Pegawai.jabatan,
                Pegawai.jenis_jabatan,
                Organisasi.kode,
                Organisasi.nama,
            )
            .join(Organisasi, Pegawai.organisasi_id == Organisasi.id)
            .where(Pegawai.deleted.is_(False), Pegawai.aktif.is_(True))
            .order_by(Organisasi.kode, Pegawai.nama)
        ).all()
        sync: dict[str, str] = {}
        if installation(session).peran == "dinas":  # BKD sends no changes packages
            sync = status_baris(
                session, [r[0] for r in rows] + [found[0] for found in skp_of.values()]
            )
        result = []
        for pid, nip, nama, jabatan, jenis, org_kode, org_nama in rows:
            skp = skp_of.get(pid)
            skp_id: str | None = skp[0] if skp else None
            status_skp: StatusSkp | None = skp[1] if skp else None
            evaluation = evaluasi_of.get(pid)
            status_e: StatusEvaluasi | None = evaluation[0] if evaluation else None
            predikat: Predikat | None = evaluation[1] if evaluation else None
            result.append(
                PegawaiStatusDTO(
                    pid,
                    nip,
                    nama,
                    jabatan,
                    jenis,
                    org_kode,
                    org_nama,
                    skp_id,
                    status_skp,
                    status_e,
                    predikat,
                    terburuk(sync[k] for k in (pid, skp_id) if k in sync) if sync else None,
                )
            )
        return tuple(result)


def ringkasan_unit(ctx: ServiceContext, *, periode_kode: str) -> tuple[UnitRingkasanDTO, ...]:
    """Progress per unit (its subtree included), in tree order, for the office dashboard.

    ``capaian_persen`` is the mean capaian of the evaluations in the subtree that have one,
    rounded half up to two places.
    """
    with ctx.read() as session:
        periode = periode_by_kode(session, periode_kode)
        units = session.execute(
            select(Organisasi.id, Organisasi.kode, Organisasi.nama, Organisasi.induk_id)
            .where(Organisasi.deleted.is_(False))
            .order_by(Organisasi.kode)
        ).all()
        staff = dict(
            session.execute(
                select(Pegawai.organisasi_id, func.count())
                .where(Pegawai.deleted.is_(False), Pegawai.aktif.is_(True))
                .group_by(Pegawai.organisasi_id)
            ).all()
        )
        rated: dict[str, list[int]] = {}
        capaian: dict[str, list[Decimal]] = {}
        for org_id, status, persen in session.execute(
            select(Skp.organisasi_id, Evaluasi.status, Evaluasi.capaian_persen)
            .join(Skp, Evaluasi.skp_id == Skp.id)
            .where(
                Evaluasi.periode_id == periode.id,
                Evaluasi.deleted.is_(False),
                Evaluasi.predikat.is_not(None),
            )
        ):
            counts = rated.setdefault(org_id, [0, 0])
            counts[0] += 1
            counts[1] += status is StatusEvaluasi.FINAL
            if persen is not None:
                capaian.setdefault(org_id, []).append(persen)
        capaian_org = dict(
            session.execute(
                select(CapaianOrganisasiUnit.organisasi_id, CapaianOrganisasiUnit.nilai).where(
                    CapaianOrganisasiUnit.periode_id == periode.id,
                    CapaianOrganisasiUnit.deleted.is_(False),
                )
            ).all()
        )
    by_id = {u.id: u for u in units}
    children: dict[str | None, list[str]] = {}
    for unit in units:
        parent = unit.induk_id if unit.induk_id in by_id else None
        children.setdefault(parent, []).append(unit.id)

    result: list[UnitRingkasanDTO] = []

    def visit(unit_id: str, depth: int) -> tuple[int, int, int, list[Decimal]]:
        unit = by_id[unit_id]
        position = len(result)
        result.append(None)  # type: ignore[arg-type]  # filled once the subtree is summed
        pegawai = staff.get(unit_id, 0)
        dinilai, final = rated.get(unit_id, [0, 0])
        values = list(capaian.get(unit_id, []))
        for child in children.get(unit_id, []):
            p, d, f, v = visit(child, depth + 1)
            pegawai, dinilai, final = pegawai + p, dinilai + d, final + f
            values += v
        mean = (
            (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if values
            else None
        )
        parent = by_id.get(unit.induk_id) if unit.induk_id else None
        result[position] = UnitRingkasanDTO(
            unit.kode,
            unit.nama,
            parent.kode if parent else None,
            depth,
            pegawai,
            dinilai,
            final,
            mean,
            capaian_org.get(unit_id),
        )
        return pegawai, dinilai, final, values

    for root in children.get(None, []):
        visit(root, 0)
    return tuple(result)


def periode_skp(ctx: ServiceContext, skp_id: str) -> tuple[PeriodeDTO, ...]:
    """The recording periods of an SKP (the columns of the realisation grid), in order."""
    with ctx.read() as session:
        skp = skp_by_id(session, skp_id)
        return tuple(periode_dto(p) for p in realisation_periods(session, skp))


def periode_evaluasi(ctx: ServiceContext, tahun: int) -> tuple[PeriodeDTO, ...]:
    """Periods of ``tahun`` an evaluation can be made for (every period, the annual one last)."""
    with ctx.read() as session:
        rows = session.scalars(
            select(Periode)
            .where(Periode.tahun == tahun, Periode.deleted.is_(False))
            .order_by(Periode.tanggal_selesai, Periode.tanggal_mulai.desc())
        ).all()
        return tuple(periode_dto(p) for p in rows)
