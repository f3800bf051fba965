"""Query helpers shared by the use cases; they take a session and never commit."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, UserError
from app.i18n import _
from app.models import Instalasi, Organisasi, Pegawai, Periode, Skp
from app.scoring.identity import format_nip
from app.scoring.periode import parse_periode_kode, periode_kode


def installation(session: Session) -> Instalasi:
    """The installation row; a database without one has not been set up (``capaian init``)."""
    row = session.scalars(select(Instalasi)).first()
    if row is None:
        raise UserError(
            _(
                "Basis data belum disiapkan. Jalankan 'capaian init --role dinas --kode KODE "
                "--nama NAMA' atau 'capaian demo' terlebih dahulu."
            )
        )
    return row


def normalise_nip(raw: str) -> str:
    """Strip the spaces and dots people type into NIPs (``19660801 198803 1 001``)."""
    return raw.replace(" ", "").replace(".", "").strip()


def pegawai_by_nip(session: Session, nip: str) -> Pegawai:
    """The active record with this NIP, or a ``NotFoundError`` naming it."""
    normalised = normalise_nip(nip)
    row = session.scalars(
        select(Pegawai).where(Pegawai.nip == normalised, Pegawai.deleted.is_(False))
    ).first()
    if row is None:
        raise NotFoundError(
            _("Pegawai dengan NIP {nip} tidak ditemukan.").format(nip=format_nip(normalised)),
            field="nip",
        )
    return row


def organisasi_by_kode(session: Session, kode: str) -> Organisasi:
    """The unit with this kode, or a ``NotFoundError``."""
    row = session.scalars(
        select(Organisasi).where(Organisasi.kode == kode.strip(), Organisasi.deleted.is_(False))
    ).first()
    if row is None:
        raise NotFoundError(
            _("Unit organisasi dengan kode {kode} tidak ditemukan.").format(kode=kode),
            field="organisasi",
        )
    return row


def periode_by_kode(session: Session, kode: str) -> Periode:
    """The period with this kode (``2026-03``, ``2026-TW1``, ``2026``), or a ``UserError``."""
    try:
        canonical = periode_kode(*parse_periode_kode(kode))  # "2026-3" -> "2026-03"
    except ValueError as exc:
        raise UserError(str(exc), field="periode") from None
    row = session.scalars(
        select(Periode).where(Periode.kode == canonical, Periode.deleted.is_(False))
    ).first()
    if row is None:
        raise NotFoundError(
            _("Periode {kode} belum disiapkan di basis data ini.").format(kode=kode),
            field="periode",
        )
    return row


def skp_by_id(session: Session, skp_id: str) -> Skp:
    """The SKP with this id, or a ``NotFoundError``."""
    row = session.get(Skp, skp_id)
    if row is None or row.deleted:
        raise NotFoundError(_("SKP {id} tidak ditemukan.").format(id=skp_id), field="skp")
    return row


def skp_for_period(session: Session, pegawai: Pegawai, periode: Periode) -> Skp:
    """The pegawai's SKP overlapping ``periode``.

    The regular SKP wins over a Plt/Plh one, then the latest-starting (after a mid-period
    mutasi), as BKD's own reconciliation of e-Kinerja exports does.
    """
    row = session.scalars(
        select(Skp)
        .where(
            Skp.pegawai_id == pegawai.id,
            Skp.deleted.is_(False),
            Skp.tanggal_mulai <= periode.tanggal_selesai,
            Skp.tanggal_selesai >= periode.tanggal_mulai,
        )
        .order_by(Skp.is_plt, Skp.tanggal_mulai.desc())
    ).first()
    if row is None:
        raise NotFoundError(
            _("{nama} belum memiliki SKP untuk periode {periode}.").format(
                nama=pegawai.nama, periode=periode.kode
            ),
            field="skp",
        )
    return row


def chunked(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    """Slices small enough for SQLite's bound-parameter limit in ``IN (...)`` queries."""
    return [items[i : i + size] for i in range(0, len(items), size)]
