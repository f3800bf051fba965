"""BKD's indicator catalogue: standard indicators offices pick for their SKPs (sync.md §4.2).

BKD adds, changes and retires entries; every change travels to every office in the reverse
packages. An office copies an entry into its own indicator (see ``skp.add_indikator``), so an
approved SKP keeps the definition it was signed with whatever BKD does to the entry later.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import KatalogIndikator, reference_id
from app.scoring.periode import CaraAgregasi, agregasi_bawaan
from app.scoring.types import Aspek, Perspektif, Polaritas
from app.services.context import Changes, Result, ServiceContext
from app.services.izin import izinkan
from app.services.lookup import installation
from app.services.setup import _check_kode


@dataclass(frozen=True)
class KatalogInput:
    """One catalogue entry as BKD types it (or imports it)."""

    kode: str
    uraian: str
    satuan: str | None = None
    aspek: Aspek | None = None
    perspektif: Perspektif | None = None
    polaritas: Polaritas = Polaritas.NAIK
    cara_agregasi: CaraAgregasi | None = None  # None: agregasi_bawaan (a "%" is averaged)
    wajib_bukti: bool = False
    jabatan: str | None = None


@dataclass(frozen=True)
class KatalogDTO:
    """A catalogue entry as lists and pickers show it."""

    kode: str
    uraian: str
    satuan: str | None
    aspek: Aspek | None
    perspektif: Perspektif | None
    polaritas: Polaritas
    cara_agregasi: CaraAgregasi
    wajib_bukti: bool
    jabatan: str | None
    aktif: bool


def katalog_dto(row: KatalogIndikator) -> KatalogDTO:
    """DTO of one entry."""
    return KatalogDTO(
        row.kode,
        row.uraian,
        row.satuan,
        row.aspek,
        row.perspektif,
        row.polaritas,
        row.cara_agregasi,
        row.wajib_bukti,
        row.jabatan,
        row.aktif,
    )


def _require_bkd(session: Session) -> None:
    if installation(session).peran != "bkd":
        raise ValidationError(
            _(
                "Katalog indikator dikelola BKD; kantor menerimanya lewat paket balasan dan "
                "memilih indikator dari katalog saat menyusun SKP."
            ),
            field="peran",
        )


def entry_by_kode(session: Session, kode: str) -> KatalogIndikator:
    """The live entry with this kode, or a ``NotFoundError``."""
    row = session.scalars(
        select(KatalogIndikator).where(
            KatalogIndikator.kode == kode.strip().upper(), KatalogIndikator.deleted.is_(False)
        )
    ).first()
    if row is None:
        raise NotFoundError(
            _("Indikator katalog {kode} tidak ditemukan.").format(kode=kode), field="katalog"
        )
    return row


def simpan_katalog(ctx: ServiceContext, data: KatalogInput) -> Result[KatalogDTO]:
    """(BKD) Add an entry, or change the entry with the same kode (a retired one is revived)."""
    izinkan(ctx, "katalog.kelola")
    kode = _check_kode(data.kode, "kode")
    if not data.uraian.strip():
        raise ValidationError(_("Uraian indikator wajib diisi."), field="uraian")
    if data.aspek is not None and data.perspektif is not None:
        raise ValidationError(
            _("Isi aspek (JA/JF) atau perspektif (JPT), tidak keduanya."), field="perspektif"
        )
    with ctx.write("simpan_katalog") as session:
        _require_bkd(session)
        row = session.scalars(select(KatalogIndikator).where(KatalogIndikator.kode == kode)).first()
        if row is None:
            row = KatalogIndikator(id=reference_id("katalog_indikator", kode), kode=kode)
            session.add(row)
        row.uraian = data.uraian.strip()
        row.satuan = (data.satuan or "").strip() or None
        row.aspek = data.aspek
        row.perspektif = data.perspektif
        row.polaritas = data.polaritas
        row.cara_agregasi = data.cara_agregasi or agregasi_bawaan(row.satuan)
        row.wajib_bukti = data.wajib_bukti
        row.jabatan = (data.jabatan or "").strip() or None
        row.aktif = True
        row.deleted = False
        session.flush()
        dto = katalog_dto(row)
    return Result(dto, Changes(katalog=True))


def pensiunkan_katalog(ctx: ServiceContext, kode: str) -> Result[KatalogDTO]:
    """(BKD) Retire an entry: offices can no longer pick it; SKPs that use it keep it."""
    izinkan(ctx, "katalog.kelola")
    with ctx.write("pensiunkan_katalog") as session:
        _require_bkd(session)
        row = entry_by_kode(session, kode)
        if not row.aktif:
            raise ValidationError(
                _("Indikator katalog {kode} sudah tidak aktif.").format(kode=row.kode),
                field="katalog",
            )
        row.aktif = False
        session.flush()
        dto = katalog_dto(row)
    return Result(dto, Changes(katalog=True))


def list_katalog(
    ctx: ServiceContext, *, cari: str | None = None, semua: bool = False
) -> tuple[KatalogDTO, ...]:
    """Entries by kode; active ones only unless ``semua``; ``cari`` matches kode or uraian."""
    with ctx.read() as session:
        query = select(KatalogIndikator).where(KatalogIndikator.deleted.is_(False))
        if not semua:
            query = query.where(KatalogIndikator.aktif.is_(True))
        if cari and cari.strip():
            pattern = f"%{cari.strip()}%"
            query = query.where(
                or_(KatalogIndikator.kode.ilike(pattern), KatalogIndikator.uraian.ilike(pattern))
            )
        rows = session.scalars(query.order_by(KatalogIndikator.kode)).all()
        return tuple(katalog_dto(r) for r in rows)
