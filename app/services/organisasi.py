"""Organisation tree: pemda > OPD > bidang / UPT / sekolah / puskesmas."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConflictError, ValidationError
from app.i18n import _
from app.models import Organisasi, reference_id
from app.scoring.types import JenisOrganisasi
from app.services.context import Changes, Result, ServiceContext
from app.services.dto import OrganisasiDTO
from app.services.izin import izinkan
from app.services.lookup import installation, organisasi_by_kode
from app.services.setup import _check_kode


def organisasi_dto(row: Organisasi) -> OrganisasiDTO:
    """DTO of a unit."""
    return OrganisasiDTO(row.id, row.kode, row.nama, row.jenis, row.induk_id, row.tempat)


def create_organisasi(
    ctx: ServiceContext,
    *,
    kode: str,
    nama: str,
    jenis: JenisOrganisasi,
    induk_kode: str,
    tempat: str | None = None,
) -> Result[OrganisasiDTO]:
    """Add a unit under ``induk_kode``; kode is unique across the pemda."""
    izinkan(ctx, "organisasi.buat")
    kode = _check_kode(kode, "kode")
    if not nama.strip():
        raise ValidationError(_("Nama unit wajib diisi."), field="nama")
    with ctx.write("buat_organisasi") as session:
        installation(session)
        induk = organisasi_by_kode(session, induk_kode)
        if session.scalars(select(Organisasi).where(Organisasi.kode == kode)).first():
            raise ConflictError(
                _("Kode unit {kode} sudah dipakai.").format(kode=kode), field="kode"
            )
        row = Organisasi(
            id=reference_id("organisasi", kode),
            kode=kode,
            nama=nama.strip(),
            jenis=jenis,
            induk_id=induk.id,
            tempat=tempat or induk.tempat,
        )
        session.add(row)
        session.flush()
        dto = organisasi_dto(row)
    return Result(dto, Changes(organisasi=True))


def list_organisasi(ctx: ServiceContext) -> tuple[OrganisasiDTO, ...]:
    """Every unit, parents before children (a tree can be built in one pass)."""
    with ctx.read() as session:
        rows = session.scalars(select(Organisasi).where(Organisasi.deleted.is_(False))).all()
    by_parent: dict[str | None, list[Organisasi]] = {}
    for row in rows:
        by_parent.setdefault(row.induk_id, []).append(row)
    ids = {row.id for row in rows}
    ordered: list[OrganisasiDTO] = []
    stack = sorted(
        (r for r in rows if r.induk_id is None or r.induk_id not in ids),
        key=lambda r: r.kode,
        reverse=True,
    )
    while stack:
        row = stack.pop()
        ordered.append(organisasi_dto(row))
        stack.extend(sorted(by_parent.get(row.id, []), key=lambda r: r.kode, reverse=True))
    return tuple(ordered)


def subtree_ids(session: Session, root_id: str) -> set[str]:
    """Ids of ``root_id`` and every unit below it."""
    children: dict[str | None, list[str]] = {}
    for row_id, parent in session.execute(
        select(Organisasi.id, Organisasi.induk_id).where(Organisasi.deleted.is_(False))
    ):
        children.setdefault(parent, []).append(row_id)
    result = {root_id}
    frontier = [root_id]
    while frontier:
        current = frontier.pop()
        for child in children.get(current, []):
            if child not in result:
                result.add(child)
                frontier.append(child)
    return result


def ancestors(session: Session, organisasi_id: str) -> list[Organisasi]:
    """The unit itself, then its parent, up to the pemda."""
    chain: list[Organisasi] = []
    current = session.get(Organisasi, organisasi_id)
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        chain.append(current)
        seen.add(current.id)
        current = session.get(Organisasi, current.induk_id) if current.induk_id else None
    return chain
