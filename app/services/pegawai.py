"""Staff (pegawai): add, change, assign the pejabat penilai, list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.errors import ConflictError, LockedError, ValidationError
from app.i18n import _
from app.models import Organisasi, Pegawai, new_id
from app.scoring.identity import format_nip, periksa_nip
from app.scoring.types import (
    GOLONGAN_PPPK,
    PANGKAT_PNS,
    JenisJabatan,
    JenisKelamin,
    JenisPegawai,
    pangkat_golongan_label,
)
from app.services.context import Changes, Result, ServiceContext
from app.services.dto import PegawaiDTO
from app.services.izin import izinkan
from app.services.lookup import installation, organisasi_by_kode, pegawai_by_nip
from app.services.organisasi import subtree_ids
from app.services.ownership import transferred_out


@dataclass(frozen=True)
class PegawaiInput:
    """What a form or an Excel row gives for one employee."""

    nip: str | None
    nama: str
    jenis_pegawai: JenisPegawai
    jabatan: str
    jenis_jabatan: JenisJabatan
    organisasi_kode: str
    golongan: str | None = None
    jenis_kelamin: JenisKelamin | None = None
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    jenjang: str | None = None
    penilai_nip: str | None = None


def pegawai_dto(row: Pegawai, warnings: Sequence[str] = ()) -> PegawaiDTO:
    """DTO of an employee (organisation and penilai must be loadable from the session)."""
    penilai = row.penilai
    return PegawaiDTO(
        id=row.id,
        nip=row.nip,
        nama=row.nama,
        nama_lengkap=row.nama_lengkap,
        jenis_pegawai=row.jenis_pegawai,
        golongan=row.golongan,
        pangkat_golongan=pangkat_golongan_label(row.jenis_pegawai, row.golongan),
        jabatan=row.jabatan,
        jenis_jabatan=row.jenis_jabatan,
        organisasi_kode=row.organisasi.kode,
        organisasi_nama=row.organisasi.nama,
        penilai_nip=penilai.nip if penilai else None,
        penilai_nama=penilai.nama_lengkap if penilai else None,
        aktif=row.aktif,
        peringatan_nip=tuple(warnings),
    )


def _validate(
    ctx: ServiceContext, data: PegawaiInput
) -> tuple[str | None, JenisKelamin | None, list[str]]:
    """Check the fields that do not need the database; return NIP, sex and NIP warnings."""
    if not data.nama.strip():
        raise ValidationError(_("Nama pegawai wajib diisi."), field="nama")
    if not data.jabatan.strip():
        raise ValidationError(_("Jabatan wajib diisi."), field="jabatan")
    if data.golongan:
        allowed = PANGKAT_PNS if data.jenis_pegawai is JenisPegawai.PNS else GOLONGAN_PPPK
        if data.golongan not in allowed:
            raise ValidationError(
                _("Golongan {gol!r} tidak dikenal untuk {jenis}.").format(
                    gol=data.golongan, jenis=data.jenis_pegawai.value
                ),
                field="golongan",
            )
    sex = data.jenis_kelamin
    warnings: list[str] = []
    if not data.nip or not data.nip.strip():
        # Only political officials (Bupati) may lack a NIP; they are not ASN staff records.
        raise ValidationError(_("NIP wajib diisi untuk pegawai ASN."), field="nip")
    check = periksa_nip(data.nip, data.jenis_pegawai, ctx.today())
    if not check.ok:
        raise ValidationError(
            _("NIP {nip} tidak sah: {alasan}").format(nip=data.nip, alasan="; ".join(check.errors)),
            field="nip",
        )
    warnings.extend(check.warnings)
    if sex is None:
        sex = check.jenis_kelamin
    elif check.jenis_kelamin is not None and sex is not check.jenis_kelamin:
        warnings.append(
            _("Jenis kelamin {jk} tidak sesuai digit ke-15 NIP.").format(jk=sex.value.lower())
        )
    return check.nip, sex, warnings


def periksa_input(
    ctx: ServiceContext, data: PegawaiInput
) -> tuple[str | None, JenisKelamin | None, list[str]]:
    """The checks of :func:`create_pegawai` that need no database, for bulk imports.

    The Excel import validates every row before writing any, with the same rules as the form.
    """
    return _validate(ctx, data)


def _penilai(session: Session, nip: str | None, self_nip: str | None) -> Pegawai | None:
    if not nip:
        return None
    penilai = pegawai_by_nip(session, nip)
    if self_nip is not None and penilai.nip == self_nip:
        raise ValidationError(
            _("Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri."), "penilai"
        )
    return penilai


def create_pegawai(ctx: ServiceContext, data: PegawaiInput) -> Result[PegawaiDTO]:
    """Register an employee; the NIP is validated (domain.md §5.3) and must be unique."""
    izinkan(ctx, "pegawai.simpan")
    checked = _validate(ctx, data)
    with ctx.write("buat_pegawai") as session:
        installation(session)
        dto = insert_pegawai(session, data, checked)
    return Result(dto, Changes(pegawai=True))


def insert_pegawai(
    session: Session,
    data: PegawaiInput,
    checked: tuple[str | None, JenisKelamin | None, list[str]],
) -> PegawaiDTO:
    """Add the employee ``_validate`` accepted (``checked``) inside the caller's transaction.

    Shared by :func:`create_pegawai` and the practice tour, which registers its trainee in the
    same transaction that remembers who the trainee is.
    """
    nip, sex, warnings = checked
    existing = session.scalars(select(Pegawai).where(Pegawai.nip == nip)).first()
    if existing is not None:
        raise ConflictError(
            _("NIP {nip} sudah terdaftar atas nama {nama}.").format(
                nip=format_nip(nip or ""), nama=existing.nama
            ),
            field="nip",
        )
    organisasi = organisasi_by_kode(session, data.organisasi_kode)
    penilai = _penilai(session, data.penilai_nip, nip)
    row = Pegawai(
        id=new_id(),
        nip=nip,
        nama=data.nama.strip(),
        gelar_depan=data.gelar_depan,
        gelar_belakang=data.gelar_belakang,
        jenis_pegawai=data.jenis_pegawai,
        jenis_kelamin=sex,
        golongan=data.golongan,
        jabatan=data.jabatan.strip(),
        jenis_jabatan=data.jenis_jabatan,
        jenjang=data.jenjang,
        organisasi_id=organisasi.id,
        penilai_id=penilai.id if penilai else None,
        aktif=True,
    )
    session.add(row)
    session.flush()
    return pegawai_dto(row, warnings)


_EDITABLE = {f.name for f in fields(PegawaiInput)} - {"nip"}


_ENUM_FIELDS: dict[str, type[JenisPegawai | JenisJabatan | JenisKelamin]] = {
    "jenis_pegawai": JenisPegawai,
    "jenis_jabatan": JenisJabatan,
    "jenis_kelamin": JenisKelamin,
}
_REQUIRED_TEXT = {"nama", "jabatan", "organisasi_kode"}


def _coerce(changes: dict[str, object]) -> dict[str, object]:
    """Check the types of edited fields (forms and Excel give strings) before using them."""
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise ValidationError(
            _("Kolom tidak dapat diubah: {cols}").format(cols=", ".join(sorted(unknown))),
            field=sorted(unknown)[0],
        )
    result: dict[str, object] = {}
    for key, value in changes.items():
        if key in _ENUM_FIELDS:
            if value is None and key == "jenis_kelamin":
                result[key] = None
                continue
            try:
                result[key] = _ENUM_FIELDS[key](str(value))
            except ValueError:
                raise ValidationError(
                    _("Nilai {value!r} tidak dikenal untuk kolom {field}.").format(
                        value=value, field=key
                    ),
                    field=key,
                ) from None
        elif value is None and key not in _REQUIRED_TEXT:
            result[key] = None
        elif isinstance(value, str):
            result[key] = value
        else:
            raise ValidationError(
                _("Kolom {field} harus berisi teks.").format(field=key), field=key
            )
    return result


def update_pegawai(ctx: ServiceContext, nip: str, **changes: object) -> Result[PegawaiDTO]:
    """Change fields of an employee (name, jabatan, golongan, unit, penilai, ...)."""
    izinkan(ctx, "pegawai.simpan")
    changes = _coerce(changes)
    with ctx.write("ubah_pegawai") as session:
        inst = installation(session)
        row = pegawai_by_nip(session, nip)
        if inst.peran == "dinas" and row.id in transferred_out(session, inst.kode_kantor):
            raise LockedError(
                _(
                    "{nama} telah dimutasi ke kantor lain (dicatat BKD); data pegawainya kini "
                    "dikelola kantor tujuan dan BKD."
                ).format(nama=row.nama),
                field="nip",
            )
        current = PegawaiInput(
            nip=row.nip,
            nama=row.nama,
            jenis_pegawai=row.jenis_pegawai,
            jabatan=row.jabatan,
            jenis_jabatan=row.jenis_jabatan,
            organisasi_kode=row.organisasi.kode,
            golongan=row.golongan,
            jenis_kelamin=row.jenis_kelamin,
            gelar_depan=row.gelar_depan,
            gelar_belakang=row.gelar_belakang,
            jenjang=row.jenjang,
            penilai_nip=row.penilai.nip if row.penilai else None,
        )
        merged = PegawaiInput(**{**current.__dict__, **changes})
        _nip, sex, warnings = _validate(ctx, merged)
        organisasi = organisasi_by_kode(session, merged.organisasi_kode)
        penilai = _penilai(session, merged.penilai_nip, row.nip)
        if penilai is not None and _reports_to(session, penilai, row.id):
            raise ValidationError(
                _(
                    "{nama} sudah menjadi atasan (langsung atau tidak langsung) dari {penilai}; "
                    "rantai penilai tidak boleh melingkar."
                ).format(nama=row.nama, penilai=penilai.nama),
                field="penilai",
            )
        row.nama = merged.nama.strip()
        row.jenis_pegawai = merged.jenis_pegawai
        row.jabatan = merged.jabatan.strip()
        row.jenis_jabatan = merged.jenis_jabatan
        row.golongan = merged.golongan
        row.jenis_kelamin = sex
        row.gelar_depan = merged.gelar_depan
        row.gelar_belakang = merged.gelar_belakang
        row.jenjang = merged.jenjang
        row.organisasi_id = organisasi.id
        row.penilai_id = penilai.id if penilai else None
        session.flush()
        session.refresh(row)
        dto = pegawai_dto(row, warnings)
    return Result(dto, Changes(pegawai=True))


def _reports_to(session: Session, start: Pegawai, target_id: str) -> bool:
    """True when ``target_id`` appears on the penilai chain above ``start`` (or is ``start``)."""
    current: Pegawai | None = start
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        if current.id == target_id:
            return True
        seen.add(current.id)
        current = current.penilai
    return False


def get_pegawai(ctx: ServiceContext, nip: str) -> PegawaiDTO:
    """One employee by NIP."""
    with ctx.read() as session:
        return pegawai_dto(pegawai_by_nip(session, nip))


def list_pegawai(
    ctx: ServiceContext,
    *,
    organisasi_kode: str | None = None,
    termasuk_bawahan: bool = True,
    cari: str | None = None,
) -> tuple[PegawaiDTO, ...]:
    """Active staff, optionally of one unit (and the units below it) or matching a search."""
    with ctx.read() as session:
        penilai = aliased(Pegawai)
        query = (
            select(Pegawai, Organisasi, penilai)
            .join(Organisasi, Pegawai.organisasi_id == Organisasi.id)
            .outerjoin(penilai, Pegawai.penilai_id == penilai.id)
            .where(Pegawai.deleted.is_(False))
        )
        if organisasi_kode:
            root = organisasi_by_kode(session, organisasi_kode)
            ids = subtree_ids(session, root.id) if termasuk_bawahan else {root.id}
            query = query.where(Pegawai.organisasi_id.in_(ids))
        if cari:
            pattern = f"%{cari.strip()}%"
            query = query.where(Pegawai.nama.ilike(pattern) | Pegawai.nip.like(pattern))
        rows = session.execute(query.order_by(Organisasi.kode, Pegawai.nama)).all()
        return tuple(pegawai_dto(row[0]) for row in rows)
