"""Continuous feedback (umpan balik berkelanjutan): the dated dialog kinerja per period."""

from __future__ import annotations

from sqlalchemy import select

from app.errors import NotFoundError, ValidationError
from app.i18n import _
from app.models import Periode, Rhk, UmpanBalik, new_id
from app.scoring.types import NilaiBerakhlak
from app.services.context import Changes, Result, ServiceContext
from app.services.dto import UmpanBalikDTO
from app.services.izin import izinkan
from app.services.lookup import periode_by_kode, skp_by_id
from app.services.ownership import ensure_writable
from app.services.realisasi import check_period_open

# A short list of common phrases offered beside free text (cf. the canned lists of e-Kinerja
# clones, domain.md §2.2); offices extend it in settings.
FRASA_UMUM = (
    "Capaian kinerja sudah maksimal, pertahankan.",
    "Capaian sesuai target; tingkatkan kualitas dokumentasi bukti dukung.",
    "Realisasi masih di bawah target; susun rencana aksi perbaikan bulan depan.",
    "Koordinasi dengan rekan kerja sudah baik, terus ditingkatkan.",
    "Perlu peningkatan ketepatan waktu penyampaian laporan.",
    "Inisiatif yang ditunjukkan sangat membantu unit kerja.",
)


def beri_umpan_balik(
    ctx: ServiceContext,
    *,
    skp_id: str,
    periode_kode: str,
    teks: str,
    rhk_id: str | None = None,
    nilai: NilaiBerakhlak | None = None,
    penulis: str | None = None,
) -> Result[UmpanBalikDTO]:
    """Record feedback on an RHK, on a BerAKHLAK value, or on the period as a whole."""
    if not teks.strip():
        raise ValidationError(_("Isi umpan balik wajib diisi."), field="teks")
    if rhk_id is not None and nilai is not None:
        raise ValidationError(
            _("Umpan balik ditujukan ke satu RHK atau satu nilai BerAKHLAK, tidak keduanya."),
            field="rhk",
        )
    with ctx.write("beri_umpan_balik") as session:
        skp = skp_by_id(session, skp_id)
        izinkan(ctx, "umpan_balik.beri", session=session, penilai_id=skp.penilai_id)
        periode = periode_by_kode(session, periode_kode)
        check_period_open(periode)
        ensure_writable(session, skp.pegawai, periode.tanggal_mulai)
        if rhk_id is not None:
            rhk = session.get(Rhk, rhk_id)
            if rhk is None or rhk.deleted or rhk.skp_id != skp.id:
                raise NotFoundError(_("RHK tidak ditemukan pada SKP ini."), field="rhk")
        row = UmpanBalik(
            id=new_id(),
            skp_id=skp.id,
            periode_id=periode.id,
            rhk_id=rhk_id,
            nilai_berakhlak=nilai,
            teks=teks.strip(),
            penulis=penulis or ctx.actor,
            dibuat_pada=ctx.now(),
        )
        session.add(row)
        session.flush()
        dto = UmpanBalikDTO(
            row.id, periode.kode, rhk_id, nilai, row.teks, row.penulis, row.dibuat_pada
        )
    return Result(dto, Changes(umpan_balik=True))


def list_umpan_balik(
    ctx: ServiceContext, skp_id: str, periode_kode: str | None = None
) -> tuple[UmpanBalikDTO, ...]:
    """The dialog kinerja of an SKP, oldest first."""
    with ctx.read() as session:
        skp = skp_by_id(session, skp_id)
        query = (
            select(UmpanBalik, Periode.kode)
            .join(Periode, UmpanBalik.periode_id == Periode.id)
            .where(UmpanBalik.skp_id == skp.id, UmpanBalik.deleted.is_(False))
        )
        if periode_kode:
            query = query.where(Periode.id == periode_by_kode(session, periode_kode).id)
        rows = session.execute(query.order_by(UmpanBalik.dibuat_pada)).all()
        return tuple(
            UmpanBalikDTO(r.id, kode, r.rhk_id, r.nilai_berakhlak, r.teks, r.penulis, r.dibuat_pada)
            for r, kode in rows
        )
