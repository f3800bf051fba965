"""Realisations per indicator and period, with evidence (bukti dukung) by file or URL."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import LockedError, NotFoundError, UserError, ValidationError
from app.i18n import _
from app.models import BuktiDukung, Indikator, Periode, Realisasi, Rhk, Skp, new_id
from app.scoring.types import Granularitas, StatusSkp
from app.services.context import Changes, Result, ServiceContext
from app.services.dto import BuktiDTO, RealisasiDTO
from app.services.izin import izinkan
from app.services.lookup import periode_by_kode, skp_by_id
from app.services.ownership import ensure_writable
from app.services.setup import get_setting
from app.services.values import parse_decimal
from app.settings import GRANULARITAS

MAX_BUKTI_BYTES = 50 * 1024 * 1024


def check_period_open(periode: Periode) -> None:
    """Refuse writes into a locked period."""
    if periode.terkunci:
        raise LockedError(
            _("Periode {kode} sudah dikunci; data di dalamnya hanya dapat dibaca.").format(
                kode=periode.kode
            ),
            field="periode",
        )


def realisation_periods(session: Session, skp: Skp) -> list[Periode]:
    """The periods in which realisations of ``skp`` are recorded, in order."""
    granularitas = Granularitas(get_setting(session, GRANULARITAS, skp.tahun))
    return list(
        session.scalars(
            select(Periode)
            .where(
                Periode.tahun == skp.tahun,
                Periode.granularitas == granularitas,
                Periode.deleted.is_(False),
                Periode.tanggal_mulai <= skp.tanggal_selesai,
                Periode.tanggal_selesai >= skp.tanggal_mulai,
            )
            .order_by(Periode.tanggal_mulai)
        )
    )


def _realisasi_dto(row: Realisasi, kode: str, bukti: int) -> RealisasiDTO:
    return RealisasiDTO(
        row.id, row.indikator_id, kode, row.nilai, row.uraian, row.sumber_data, bukti
    )


def catat_realisasi(
    ctx: ServiceContext,
    *,
    indikator_id: str,
    periode_kode: str,
    nilai: Decimal | str | int | None,
    uraian: str | None = None,
    sumber_data: str | None = None,
) -> Result[RealisasiDTO]:
    """Record (or correct) the realisation of an indicator in a period of an approved SKP."""
    izinkan(ctx, "realisasi.catat")
    value = parse_decimal(nilai, "realisasi")
    if value is not None and value < 0:
        raise ValidationError(_("Realisasi tidak boleh negatif."), field="realisasi")
    with ctx.write("catat_realisasi") as session:
        indikator = session.get(Indikator, indikator_id)
        if indikator is None or indikator.deleted:
            raise NotFoundError(
                _("Indikator {id} tidak ditemukan.").format(id=indikator_id), field="indikator"
            )
        rhk = session.get(Rhk, indikator.rhk_id)
        assert rhk is not None  # foreign key
        skp = skp_by_id(session, rhk.skp_id)
        if skp.status is not StatusSkp.DISETUJUI:
            raise ValidationError(
                _("Realisasi hanya dapat dicatat pada SKP yang sudah disetujui."), field="skp"
            )
        periode = periode_by_kode(session, periode_kode)
        if periode.id not in {p.id for p in realisation_periods(session, skp)}:
            raise ValidationError(
                _(
                    "Periode {kode} bukan periode pencatatan realisasi SKP ini "
                    "({mulai} s/d {selesai})."
                ).format(
                    kode=periode.kode,
                    mulai=skp.tanggal_mulai.isoformat(),
                    selesai=skp.tanggal_selesai.isoformat(),
                ),
                field="periode",
            )
        check_period_open(periode)
        ensure_writable(session, skp.pegawai, periode.tanggal_mulai)
        row = session.scalars(
            select(Realisasi).where(
                Realisasi.indikator_id == indikator.id, Realisasi.periode_id == periode.id
            )
        ).first()
        if row is None:
            row = Realisasi(id=new_id(), indikator_id=indikator.id, periode_id=periode.id)
            session.add(row)
        row.nilai = value
        row.uraian = uraian
        row.sumber_data = sumber_data
        row.deleted = False
        session.flush()
        bukti = session.scalar(
            select(func.count())
            .select_from(BuktiDukung)
            .where(BuktiDukung.realisasi_id == row.id, BuktiDukung.deleted.is_(False))
        )
        dto = _realisasi_dto(row, periode.kode, bukti or 0)
    return Result(dto, Changes(realisasi=True))


def list_realisasi(ctx: ServiceContext, skp_id: str) -> tuple[RealisasiDTO, ...]:
    """Every live realisation of an SKP's indicators, by period."""
    with ctx.read() as session:
        skp = skp_by_id(session, skp_id)
        counts = (
            select(BuktiDukung.realisasi_id, func.count().label("n"))
            .where(BuktiDukung.deleted.is_(False))
            .group_by(BuktiDukung.realisasi_id)
            .subquery()
        )
        rows = session.execute(
            select(Realisasi, Periode.kode, counts.c.n)
            .join(Periode, Realisasi.periode_id == Periode.id)
            .join(Indikator, Realisasi.indikator_id == Indikator.id)
            .join(Rhk, Indikator.rhk_id == Rhk.id)
            .outerjoin(counts, counts.c.realisasi_id == Realisasi.id)
            .where(Rhk.skp_id == skp.id, Realisasi.deleted.is_(False))
            .order_by(Periode.tanggal_mulai, Rhk.urutan, Indikator.urutan)
        ).all()
        return tuple(_realisasi_dto(r, kode, n or 0) for r, kode, n in rows)


def store_evidence(evidence_dir: Path, source: Path) -> tuple[str, int, Path | None]:
    """Copy ``source`` into the content-addressed store.

    Returns its SHA-256, its size, and the stored path when this call created it (None when the
    same content was already there), so a failed transaction can remove what it added.

    Written to a temporary name and renamed, so a crash never leaves a half file under a valid
    hash; storing the same content twice keeps one copy.
    """
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise UserError(
            _("Berkas bukti {path} tidak dapat dibaca: {err}").format(
                path=source, err=exc.strerror
            ),
            field="berkas",
        ) from exc
    if size > MAX_BUKTI_BYTES:
        raise ValidationError(
            _("Berkas bukti {path} terlalu besar ({mb} MB; maksimum 50 MB).").format(
                path=source.name, mb=size // (1024 * 1024)
            ),
            field="berkas",
        )
    digest = hashlib.sha256()
    try:
        evidence_dir.mkdir(parents=True, exist_ok=True)
        with (
            source.open("rb") as handle,
            tempfile.NamedTemporaryFile(
                dir=evidence_dir, delete=False, prefix=".tmp-"
            ) as temporary,
        ):
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                temporary.write(chunk)
            temporary.flush()
            os.fsync(temporary.fileno())
        sha = digest.hexdigest()
        target = evidence_dir / sha[:2] / sha
        target.parent.mkdir(exist_ok=True)
        created = None
        if target.exists():
            Path(temporary.name).unlink()
        else:
            shutil.move(temporary.name, target)
            created = target
    except OSError as exc:
        raise UserError(
            _("Berkas bukti tidak dapat disimpan ke {dir}: {err}").format(
                dir=evidence_dir, err=exc.strerror
            ),
            field="berkas",
        ) from exc
    return sha, size, created


def tambah_bukti(
    ctx: ServiceContext,
    *,
    realisasi_id: str,
    nama: str,
    berkas: Path | None = None,
    url: str | None = None,
) -> Result[BuktiDTO]:
    """Attach evidence to a realisation: a file (kept in the evidence store) or a URL."""
    izinkan(ctx, "realisasi.catat")
    if (berkas is None) == (url is None):
        raise ValidationError(_("Isi salah satu: berkas bukti atau tautan (URL)."), field="berkas")
    if url is not None and not url.startswith(("http://", "https://")):
        raise ValidationError(_("Tautan bukti harus diawali http:// atau https://."), field="url")
    if not nama.strip():
        raise ValidationError(_("Nama bukti dukung wajib diisi."), field="nama")
    with ctx.read() as session:  # refuse early, before copying a file into the store
        _open_realisasi(session, realisasi_id)
    sha = None
    size = None
    stored: Path | None = None
    if berkas is not None:
        sha, size, stored = store_evidence(ctx.evidence_dir, berkas)
    try:
        with ctx.write("tambah_bukti") as session:
            realisasi = _open_realisasi(session, realisasi_id)
            row = BuktiDukung(
                id=new_id(),
                realisasi_id=realisasi.id,
                nama=nama.strip(),
                sha256=sha,
                nama_file=berkas.name if berkas is not None else None,
                ukuran=size,
                url=url,
            )
            session.add(row)
            session.flush()
            dto = BuktiDTO(row.id, row.realisasi_id, row.nama, sha, row.nama_file, size, url)
    except BaseException:
        if stored is not None:  # a file this call added and nothing refers to
            stored.unlink(missing_ok=True)
        raise
    return Result(dto, Changes(realisasi=True))


def _open_realisasi(session: Session, realisasi_id: str) -> Realisasi:
    """The live realisation, in a period that is still open."""
    realisasi = session.get(Realisasi, realisasi_id)
    if realisasi is None or realisasi.deleted:
        raise NotFoundError(_("Realisasi tidak ditemukan."), field="realisasi")
    periode = session.get(Periode, realisasi.periode_id)
    assert periode is not None  # foreign key
    check_period_open(periode)
    indikator = session.get(Indikator, realisasi.indikator_id)
    rhk = session.get(Rhk, indikator.rhk_id) if indikator is not None else None
    skp = session.get(Skp, rhk.skp_id) if rhk is not None else None
    if skp is not None:
        ensure_writable(session, skp.pegawai, periode.tanggal_mulai)
    return realisasi
