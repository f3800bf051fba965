"""SKP planning and its approval workflow (Draft -> Diajukan -> Disetujui | Ditolak).

The SKP, its RHK (cascaded from the superior's), indicators, BerAKHLAK expectations, lampiran.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.errors import ConflictError, LockedError, NotFoundError, ValidationError
from app.i18n import _
from app.models import Indikator, LampiranSkp, Organisasi, Pegawai, PerilakuSkp, Rhk, Skp, new_id
from app.scoring.periode import CaraAgregasi, agregasi_bawaan
from app.scoring.types import (
    Aspek,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    NilaiBerakhlak,
    Pendekatan,
    Perspektif,
    Polaritas,
    StatusSkp,
    pangkat_golongan_label,
)
from app.services.context import Changes, Result, ServiceContext
from app.services.dto import IndikatorDTO, LampiranDTO, PerilakuDTO, RhkDTO, SkpDTO
from app.services.izin import izinkan
from app.services.katalog import entry_by_kode
from app.services.lookup import installation, pegawai_by_nip, skp_by_id
from app.services.organisasi import ancestors
from app.services.ownership import ensure_writable
from app.services.setup import check_year
from app.services.values import parse_decimal

EDITABLE = (StatusSkp.DRAFT, StatusSkp.DITOLAK)


# ----------------------------------------------------------------------------- DTOs
def indikator_dto(row: Indikator) -> IndikatorDTO:
    """DTO of an indicator."""
    return IndikatorDTO(
        id=row.id,
        urutan=row.urutan,
        aspek=row.aspek,
        perspektif=row.perspektif,
        uraian=row.uraian,
        target_angka=row.target_angka,
        satuan=row.satuan,
        target_teks=row.target_teks,
        polaritas=row.polaritas,
        cara_agregasi=row.cara_agregasi.value,
        wajib_bukti=row.wajib_bukti,
    )


def rhk_rows(session: Session, skp_id: str) -> list[Rhk]:
    """The live RHKs of an SKP, utama first, in their order."""
    rows = session.scalars(
        select(Rhk).where(Rhk.skp_id == skp_id, Rhk.deleted.is_(False)).order_by(Rhk.urutan)
    ).all()
    return sorted(rows, key=lambda r: (r.jenis is not JenisRhk.UTAMA, r.urutan))


def indikator_rows(session: Session, rhk_ids: list[str]) -> dict[str, list[Indikator]]:
    """Live indicators of several RHKs, grouped by RHK and ordered."""
    result: dict[str, list[Indikator]] = {rid: [] for rid in rhk_ids}
    if not rhk_ids:
        return result
    for row in session.scalars(
        select(Indikator)
        .where(Indikator.rhk_id.in_(rhk_ids), Indikator.deleted.is_(False))
        .order_by(Indikator.urutan)
    ):
        result[row.rhk_id].append(row)
    return result


def skp_dto(session: Session, row: Skp, *, detail: bool = True) -> SkpDTO:
    """DTO of an SKP; with ``detail`` the RHK, indicators, perilaku and lampiran too."""
    rhk: tuple[RhkDTO, ...] = ()
    perilaku: tuple[PerilakuDTO, ...] = ()
    lampiran: tuple[LampiranDTO, ...] = ()
    if detail:
        rows = rhk_rows(session, row.id)
        indikator = indikator_rows(session, [r.id for r in rows])
        atasan_ids = [r.rhk_atasan_id for r in rows if r.rhk_atasan_id]
        atasan = (
            {r.id: r.uraian for r in session.scalars(select(Rhk).where(Rhk.id.in_(atasan_ids)))}
            if atasan_ids
            else {}
        )
        rhk = tuple(
            RhkDTO(
                id=r.id,
                jenis=r.jenis,
                urutan=r.urutan,
                uraian=r.uraian,
                rhk_atasan_id=r.rhk_atasan_id,
                rhk_atasan_uraian=atasan.get(r.rhk_atasan_id) if r.rhk_atasan_id else None,
                penugasan_dari=r.penugasan_dari,
                indikator=tuple(indikator_dto(i) for i in indikator[r.id]),
            )
            for r in rows
        )
        order = list(NilaiBerakhlak)
        perilaku = tuple(
            PerilakuDTO(p.nilai, p.ekspektasi_khusus)
            for p in sorted(
                session.scalars(
                    select(PerilakuSkp).where(
                        PerilakuSkp.skp_id == row.id, PerilakuSkp.deleted.is_(False)
                    )
                ),
                key=lambda p: order.index(p.nilai),
            )
        )
        lampiran = tuple(
            LampiranDTO(lp.id, lp.jenis, lp.urutan, lp.uraian)
            for lp in session.scalars(
                select(LampiranSkp)
                .where(LampiranSkp.skp_id == row.id, LampiranSkp.deleted.is_(False))
                .order_by(LampiranSkp.jenis, LampiranSkp.urutan)
            )
        )
    return SkpDTO(
        id=row.id,
        pegawai_id=row.pegawai_id,
        pegawai_nip=row.pegawai.nip,
        pegawai_nama=row.pegawai.nama_lengkap,
        penilai_nip=row.penilai.nip if row.penilai else None,
        penilai_nama=row.penilai.nama_lengkap if row.penilai else None,
        organisasi_kode=row.organisasi.kode,
        tahun=row.tahun,
        tanggal_mulai=row.tanggal_mulai,
        tanggal_selesai=row.tanggal_selesai,
        pendekatan=row.pendekatan,
        jenis_jabatan=row.jenis_jabatan,
        status=row.status,
        alasan_penolakan=row.alasan_penolakan,
        is_plt=row.is_plt,
        rhk=rhk,
        perilaku=perilaku,
        lampiran=lampiran,
    )


def identitas(session: Session, pegawai: Pegawai | None) -> dict[str, Any]:
    """Snapshot printed on the sheets: NAMA, NIP, PANGKAT/GOL RUANG, JABATAN, UNIT KERJA."""
    if pegawai is None:
        return {
            "nama": "-",
            "nip": None,
            "pangkat_golongan": "-",
            "jabatan": "-",
            "unit_kerja": "-",
        }
    chain = ancestors(session, pegawai.organisasi_id)
    opd = next((o for o in chain if o.jenis.value == "OPD"), chain[0] if chain else None)
    unit = chain[0].nama if chain else "-"
    if opd is not None and chain and opd.id != chain[0].id:
        unit = f"{chain[0].nama} - {opd.nama}"
    return {
        "nama": pegawai.nama_lengkap,
        "nip": pegawai.nip,
        "pangkat_golongan": pangkat_golongan_label(pegawai.jenis_pegawai, pegawai.golongan),
        "jabatan": pegawai.jabatan,
        "unit_kerja": unit,
    }


# ----------------------------------------------------------------------------- helpers
def _editable(row: Skp) -> None:
    if row.status not in EDITABLE:
        raise LockedError(
            _(
                "SKP berstatus {status} tidak dapat diubah. Hanya SKP Draft atau Ditolak yang "
                "dapat diubah."
            ).format(status=row.status.label),
            field="status",
        )


def _next_urutan(session: Session, model: Any, *where: ColumnElement[bool]) -> int:
    """The next position number among the live rows of ``model`` matching ``where``."""
    current = session.scalar(select(func.max(model.urutan)).where(*where, model.deleted.is_(False)))
    return 1 + (current or 0)


# ----------------------------------------------------------------------------- SKP
def create_skp(
    ctx: ServiceContext,
    *,
    nip: str,
    tahun: int,
    tanggal_mulai: date | None = None,
    tanggal_selesai: date | None = None,
    pendekatan: Pendekatan = Pendekatan.KUANTITATIF,
    is_plt: bool = False,
) -> Result[SkpDTO]:
    """Start an SKP for a span of ``tahun`` (the whole year by default).

    The penilai and atasan penilai come from the staff record; the seven BerAKHLAK rows are
    created empty for the leader's ekspektasi khusus. Spans of one employee may not overlap
    (a mutasi or Plt gets its own SKP for its own dates).
    """
    izinkan(ctx, "skp.susun")
    check_year(tahun)
    start = tanggal_mulai or date(tahun, 1, 1)
    end = tanggal_selesai or date(tahun, 12, 31)
    if start.year != tahun or end.year != tahun or end < start:
        raise ValidationError(
            _("Rentang SKP {mulai} s/d {selesai} harus berada dalam tahun {tahun}.").format(
                mulai=start.isoformat(), selesai=end.isoformat(), tahun=tahun
            ),
            field="tanggal_mulai",
        )
    with ctx.write("buat_skp") as session:
        installation(session)
        pegawai = pegawai_by_nip(session, nip)
        ensure_writable(session, pegawai, start)
        # A Plt/Plh assignment runs beside the regular SKP (domain.md §2.1); two regular SKPs,
        # or two Plt SKPs, may not cover the same days.
        overlap = session.scalars(
            select(Skp).where(
                Skp.pegawai_id == pegawai.id,
                Skp.deleted.is_(False),
                Skp.is_plt.is_(is_plt),
                Skp.tanggal_mulai <= end,
                Skp.tanggal_selesai >= start,
            )
        ).first()
        if overlap is not None:
            raise ConflictError(
                _("{nama} sudah memiliki SKP {mulai} s/d {selesai} yang bertumpang tindih.").format(
                    nama=pegawai.nama,
                    mulai=overlap.tanggal_mulai.isoformat(),
                    selesai=overlap.tanggal_selesai.isoformat(),
                ),
                field="tanggal_mulai",
            )
        penilai = pegawai.penilai
        row = Skp(
            id=new_id(),
            pegawai_id=pegawai.id,
            penilai_id=penilai.id if penilai else None,
            atasan_penilai_id=penilai.penilai_id if penilai else None,
            organisasi_id=pegawai.organisasi_id,
            tahun=tahun,
            tanggal_mulai=start,
            tanggal_selesai=end,
            pendekatan=pendekatan,
            jenis_jabatan=pegawai.jenis_jabatan,
            status=StatusSkp.DRAFT,
            is_plt=is_plt,
        )
        session.add(row)
        session.flush()
        for nilai in NilaiBerakhlak:
            session.add(PerilakuSkp(id=new_id(), skp_id=row.id, nilai=nilai))
        session.flush()
        dto = skp_dto(session, row)
    return Result(dto, Changes(skp=True))


def get_skp(ctx: ServiceContext, skp_id: str) -> SkpDTO:
    """An SKP with everything on it."""
    with ctx.read() as session:
        return skp_dto(session, skp_by_id(session, skp_id))


def list_skp(
    ctx: ServiceContext, *, nip: str | None = None, tahun: int | None = None
) -> tuple[SkpDTO, ...]:
    """SKPs (summary, without RHK) of one employee and/or year."""
    with ctx.read() as session:
        query = select(Skp).where(Skp.deleted.is_(False))
        if nip:
            query = query.where(Skp.pegawai_id == pegawai_by_nip(session, nip).id)
        if tahun:
            query = query.where(Skp.tahun == tahun)
        rows = session.scalars(query.order_by(Skp.tahun, Skp.tanggal_mulai)).all()
        return tuple(skp_dto(session, r, detail=False) for r in rows)


def rhk_atasan_options(ctx: ServiceContext, skp_id: str) -> tuple[RhkDTO, ...]:
    """The superior's RHKs an RHK of this SKP may intervene (the cascading choice list)."""
    with ctx.read() as session:
        row = skp_by_id(session, skp_id)
        return tuple(
            RhkDTO(r.id, r.jenis, r.urutan, r.uraian, r.rhk_atasan_id, None, r.penugasan_dari, ())
            for r in _superior_rhk(session, row)
        )


def _superior_rhk(session: Session, row: Skp) -> list[Rhk]:
    if row.penilai_id is None:
        return []
    superior_skp = session.scalars(
        select(Skp.id).where(
            Skp.pegawai_id == row.penilai_id,
            Skp.deleted.is_(False),
            Skp.tanggal_mulai <= row.tanggal_selesai,
            Skp.tanggal_selesai >= row.tanggal_mulai,
        )
    ).all()
    if not superior_skp:
        return []
    return list(
        session.scalars(
            select(Rhk)
            .where(Rhk.skp_id.in_(superior_skp), Rhk.deleted.is_(False))
            .order_by(Rhk.jenis, Rhk.urutan)
        )
    )


def add_rhk(
    ctx: ServiceContext,
    *,
    skp_id: str,
    uraian: str,
    jenis: JenisRhk = JenisRhk.UTAMA,
    rhk_atasan_id: str | None = None,
    penugasan_dari: str | None = None,
    klasifikasi: KlasifikasiRhk | None = None,
) -> Result[RhkDTO]:
    """Add an RHK; an intervened RHK must come from the pejabat penilai's own SKP."""
    izinkan(ctx, "skp.susun")
    if not uraian.strip():
        raise ValidationError(_("Uraian RHK wajib diisi."), field="uraian")
    with ctx.write("tambah_rhk") as session:
        row = skp_by_id(session, skp_id)
        _editable(row)
        atasan_uraian = None
        if rhk_atasan_id is not None:
            allowed = {r.id: r for r in _superior_rhk(session, row)}
            if rhk_atasan_id not in allowed:
                raise ValidationError(
                    _(
                        "RHK pimpinan yang diintervensi harus berasal dari SKP pejabat penilai "
                        "pada tahun yang sama."
                    ),
                    field="rhk_atasan",
                )
            atasan_uraian = allowed[rhk_atasan_id].uraian
        urutan = _next_urutan(session, Rhk, Rhk.skp_id == row.id, Rhk.jenis == jenis)
        rhk = Rhk(
            id=new_id(),
            skp_id=row.id,
            jenis=jenis,
            klasifikasi=klasifikasi,
            urutan=urutan,
            uraian=uraian.strip(),
            rhk_atasan_id=rhk_atasan_id,
            penugasan_dari=penugasan_dari,
        )
        session.add(rhk)
        session.flush()
        dto = RhkDTO(
            rhk.id, jenis, urutan, rhk.uraian, rhk_atasan_id, atasan_uraian, penugasan_dari, ()
        )
    return Result(dto, Changes(skp=True))


def add_indikator(
    ctx: ServiceContext,
    *,
    rhk_id: str,
    uraian: str = "",
    aspek: Aspek | None = None,
    perspektif: Perspektif | None = None,
    target_angka: Decimal | str | int | None = None,
    satuan: str | None = None,
    target_teks: str | None = None,
    polaritas: Polaritas = Polaritas.NAIK,
    cara_agregasi: CaraAgregasi | None = None,
    wajib_bukti: bool = False,
    katalog_kode: str | None = None,
) -> Result[IndikatorDTO]:
    """Add an IKI with its target to an RHK.

    Kuantitatif SKPs need an aspek (JA/JF) or a perspektif (JPT) and a numeric target;
    kualitatif SKPs need the target described in words. With ``katalog_kode`` the definition
    (uraian, satuan, polaritas, aggregation, evidence rule, and aspek/perspektif unless given)
    is copied from BKD's catalogue entry; the target stays the person's own. Without
    ``cara_agregasi`` a percentage is averaged and anything else summed (``agregasi_bawaan``).
    """
    izinkan(ctx, "skp.susun")
    target = parse_decimal(target_angka, "target")
    if target is not None and target < 0:
        raise ValidationError(_("Target tidak boleh negatif."), field="target")
    with ctx.write("tambah_indikator") as session:
        if katalog_kode is not None:
            entry = entry_by_kode(session, katalog_kode)
            if not entry.aktif:
                raise ValidationError(
                    _(
                        "Indikator katalog {kode} sudah tidak aktif (dipensiunkan BKD); pilih "
                        "indikator lain."
                    ).format(kode=entry.kode),
                    field="katalog",
                )
            uraian, satuan = entry.uraian, entry.satuan
            polaritas, cara_agregasi = entry.polaritas, entry.cara_agregasi
            wajib_bukti = entry.wajib_bukti
            aspek = aspek or entry.aspek
            perspektif = perspektif or entry.perspektif
        if not uraian.strip():
            raise ValidationError(_("Uraian indikator wajib diisi."), field="uraian")
        rhk = session.get(Rhk, rhk_id)
        if rhk is None or rhk.deleted:
            raise NotFoundError(_("RHK {id} tidak ditemukan.").format(id=rhk_id), field="rhk")
        skp = skp_by_id(session, rhk.skp_id)
        _editable(skp)
        if skp.pendekatan is Pendekatan.KUANTITATIF:
            if skp.jenis_jabatan is JenisJabatan.JPT and perspektif is None:
                raise ValidationError(
                    _("Indikator SKP JPT kuantitatif memerlukan perspektif."), field="perspektif"
                )
            if skp.jenis_jabatan is not JenisJabatan.JPT and aspek is None:
                raise ValidationError(
                    _(
                        "Indikator SKP kuantitatif memerlukan aspek (kuantitas, kualitas, waktu "
                        "atau biaya)."
                    ),
                    field="aspek",
                )
            if target is None:
                raise ValidationError(
                    _("Indikator kuantitatif memerlukan target berupa angka."), field="target"
                )
        elif not (target_teks and target_teks.strip()):
            raise ValidationError(
                _("Indikator kualitatif memerlukan uraian target."), field="target_teks"
            )
        urutan = _next_urutan(session, Indikator, Indikator.rhk_id == rhk.id)
        if target_teks is None and target is not None:
            target_teks = f"{target.normalize():f} {satuan or ''}".strip()
        row = Indikator(
            id=new_id(),
            rhk_id=rhk.id,
            urutan=urutan,
            aspek=aspek,
            perspektif=perspektif,
            uraian=uraian.strip(),
            target_angka=target,
            satuan=satuan,
            target_teks=target_teks,
            polaritas=polaritas,
            cara_agregasi=cara_agregasi or agregasi_bawaan(satuan),
            wajib_bukti=wajib_bukti,
        )
        session.add(row)
        session.flush()
        dto = indikator_dto(row)
    return Result(dto, Changes(skp=True))


def set_ekspektasi(
    ctx: ServiceContext, *, skp_id: str, nilai: NilaiBerakhlak, teks: str | None
) -> Result[PerilakuDTO]:
    """Set the leader's ekspektasi khusus for one BerAKHLAK value."""
    izinkan(ctx, "skp.susun")
    with ctx.write("ubah_ekspektasi") as session:
        skp = skp_by_id(session, skp_id)
        _editable(skp)
        row = session.scalars(
            select(PerilakuSkp).where(PerilakuSkp.skp_id == skp.id, PerilakuSkp.nilai == nilai)
        ).first()
        if row is None:  # e.g. an SKP that arrived from an older version without all seven
            row = PerilakuSkp(id=new_id(), skp_id=skp.id, nilai=nilai)
            session.add(row)
        row.ekspektasi_khusus = (teks or "").strip() or None
        row.deleted = False
        dto = PerilakuDTO(row.nilai, row.ekspektasi_khusus)
    return Result(dto, Changes(skp=True))


def add_lampiran(
    ctx: ServiceContext, *, skp_id: str, jenis: JenisLampiran, uraian: str
) -> Result[LampiranDTO]:
    """Add a line to one of the three Lampiran SKP lists."""
    izinkan(ctx, "skp.susun")
    if not uraian.strip():
        raise ValidationError(_("Uraian lampiran wajib diisi."), field="uraian")
    with ctx.write("tambah_lampiran") as session:
        skp = skp_by_id(session, skp_id)
        _editable(skp)
        urutan = _next_urutan(
            session, LampiranSkp, LampiranSkp.skp_id == skp.id, LampiranSkp.jenis == jenis
        )
        row = LampiranSkp(
            id=new_id(), skp_id=skp.id, jenis=jenis, urutan=urutan, uraian=uraian.strip()
        )
        session.add(row)
        session.flush()
        dto = LampiranDTO(row.id, row.jenis, row.urutan, row.uraian)
    return Result(dto, Changes(skp=True))


# ----------------------------------------------------------------------------- workflow
def ajukan_skp(ctx: ServiceContext, skp_id: str) -> Result[SkpDTO]:
    """Submit a Draft (or rejected) SKP to the penilai; it needs an utama RHK with indicators."""
    izinkan(ctx, "skp.ajukan")
    with ctx.write("ajukan_skp") as session:
        row = skp_by_id(session, skp_id)
        _editable(row)
        rows = rhk_rows(session, row.id)
        if not any(r.jenis is JenisRhk.UTAMA for r in rows):
            raise ValidationError(_("SKP belum memiliki RHK utama."), field="rhk")
        indikator = indikator_rows(session, [r.id for r in rows])
        empty = [r.uraian for r in rows if not indikator[r.id]]
        if empty:
            raise ValidationError(
                _("RHK berikut belum memiliki indikator: {daftar}").format(daftar="; ".join(empty)),
                field="indikator",
            )
        row.status = StatusSkp.DIAJUKAN
        row.alasan_penolakan = None
        row.diajukan_pada = ctx.now()
        session.flush()
        dto = skp_dto(session, row, detail=False)
    return Result(dto, Changes(skp=True))


def _expect_submitted(row: Skp) -> None:
    if row.status is not StatusSkp.DIAJUKAN:
        raise ValidationError(
            _(
                "Hanya SKP yang sudah diajukan yang dapat disetujui atau ditolak (status: {s})."
            ).format(s=row.status.label),
            field="status",
        )


def setujui_skp(ctx: ServiceContext, skp_id: str) -> Result[SkpDTO]:
    """Approve a submitted SKP and freeze the identities printed on its sheets."""
    with ctx.write("setujui_skp") as session:
        row = skp_by_id(session, skp_id)
        izinkan(ctx, "skp.setujui", session=session, penilai_id=row.penilai_id)
        _expect_submitted(row)
        row.status = StatusSkp.DISETUJUI
        row.disetujui_pada = ctx.now()
        penilai = row.penilai
        atasan = row.atasan_penilai
        instansi = session.scalars(select(Organisasi).where(Organisasi.induk_id.is_(None))).first()
        row.identitas = {
            "pegawai": identitas(session, row.pegawai),
            "penilai": identitas(session, penilai),
            "atasan_penilai": identitas(session, atasan),
            "instansi": instansi.nama if instansi else None,
        }
        session.flush()
        dto = skp_dto(session, row, detail=False)
    return Result(dto, Changes(skp=True))


def tolak_skp(ctx: ServiceContext, skp_id: str, alasan: str) -> Result[SkpDTO]:
    """Return a submitted SKP to its owner with the reason (mandatory)."""
    if not alasan or not alasan.strip():
        raise ValidationError(_("Alasan penolakan wajib diisi."), field="alasan")
    with ctx.write("tolak_skp") as session:
        row = skp_by_id(session, skp_id)
        izinkan(ctx, "skp.tolak", session=session, penilai_id=row.penilai_id)
        _expect_submitted(row)
        row.status = StatusSkp.DITOLAK
        row.alasan_penolakan = alasan.strip()
        session.flush()
        dto = skp_dto(session, row, detail=False)
    return Result(dto, Changes(skp=True))
