"""First-run setup: the installation's role and office, periods of a year, office settings."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConflictError, ValidationError
from app.i18n import _
from app.models import Instalasi, Organisasi, Pengaturan, Periode, reference_id
from app.scoring.periode import PeriodeSpec, periode_tahun
from app.scoring.types import CapaianOrganisasi, Granularitas, JenisOrganisasi, Rating
from app.services.context import Changes, Result, ServiceContext
from app.services.dto import InstalasiDTO, PeriodeDTO
from app.services.izin import izinkan
from app.services.lookup import installation, periode_by_kode
from app.services.values import parse_decimal
from app.settings import (
    AMBANG_DI_ATAS,
    AMBANG_SESUAI,
    BATAS_ATAS,
    GRANULARITAS,
    PEMETAAN_JPT,
    SettingKey,
)

PERAN = ("dinas", "bkd")
KODE_PEMDA = "PEMDA"


def _check_kode(kode: str, field: str) -> str:
    text = kode.strip().upper()
    if not text or len(text) > 40 or not all(c.isalnum() or c in "-_." for c in text):
        raise ValidationError(
            _(
                "Kode {kode!r} tidak sah: gunakan huruf, angka, '-', '_' atau '.' (maks. 40)."
            ).format(kode=kode),
            field=field,
        )
    return text


def init_installation(
    ctx: ServiceContext,
    *,
    peran: str,
    kode: str,
    nama: str,
    nama_pemda: str = "Pemerintah Kabupaten Sabangau",
    tempat: str = "Sabangau",
    tahun: int | None = None,
    granularitas: Granularitas = Granularitas.BULANAN,
    lingkungan: str = "production",
) -> Result[InstalasiDTO]:
    """Set the role and office of a new database and prepare the periods of ``tahun``.

    The office becomes an organisation unit under the pemda (a BKD's own unit too).
    """
    if peran not in PERAN:
        raise ValidationError(
            _("Peran harus 'dinas' atau 'bkd', bukan {peran!r}.").format(peran=peran),
            field="peran",
        )
    kode = _check_kode(kode, "kode")
    if not nama.strip():
        raise ValidationError(_("Nama kantor wajib diisi."), field="nama")
    year = tahun or ctx.today().year
    check_year(year)
    with ctx.write("init") as session:
        # Instalasi is not a synced row: created with a plain session add before any op exists.
        if session.scalars(select(Instalasi)).first() is not None:
            raise ConflictError(
                _("Basis data ini sudah disiapkan. Gunakan berkas basis data lain (--db).")
            )
        row = Instalasi(
            id=str(uuid.uuid4()),
            peran=peran,
            kode_kantor=kode,
            nama_kantor=nama.strip(),
            lingkungan=lingkungan,
            op_counter=0,
            dibuat_pada=ctx.now(),
        )
        session.add(row)
        session.flush()
        pemda = Organisasi(
            id=reference_id("organisasi", KODE_PEMDA),
            kode=KODE_PEMDA,
            nama=nama_pemda,
            jenis=JenisOrganisasi.PEMDA,
            tempat=tempat,
        )
        session.add(pemda)
        session.add(
            Organisasi(
                id=reference_id("organisasi", kode),
                kode=kode,
                nama=nama.strip(),
                jenis=JenisOrganisasi.OPD,
                induk_id=pemda.id,
                tempat=tempat,
            )
        )
        store_setting(session, GRANULARITAS, granularitas.value, 0)
        _ensure_periods(session, year, granularitas)
        dto = _instalasi_dto(row)
    return Result(dto, Changes(organisasi=True, periode=True, pengaturan=True))


def _instalasi_dto(row: Instalasi) -> InstalasiDTO:
    return InstalasiDTO(row.id, row.peran, row.kode_kantor, row.nama_kantor, row.lingkungan)


def get_installation(ctx: ServiceContext) -> InstalasiDTO:
    """Role and office of this database (``UserError`` when it was never set up)."""
    with ctx.read() as session:
        return _instalasi_dto(installation(session))


def periode_dto(row: Periode) -> PeriodeDTO:
    """DTO of a period, with its human label."""
    return PeriodeDTO(
        id=row.id,
        kode=row.kode,
        label=_spec(row).label,
        tahun=row.tahun,
        granularitas=row.granularitas,
        tanggal_mulai=row.tanggal_mulai,
        tanggal_selesai=row.tanggal_selesai,
        terkunci=row.terkunci,
    )


def _spec(row: Periode) -> PeriodeSpec:
    return PeriodeSpec(
        row.kode, row.tahun, row.granularitas, row.nomor, row.tanggal_mulai, row.tanggal_selesai
    )


def _ensure_periods(session: Session, tahun: int, granularitas: Granularitas) -> list[Periode]:
    wanted = list(periode_tahun(tahun, granularitas))
    if granularitas is not Granularitas.TAHUNAN:
        wanted += periode_tahun(tahun, Granularitas.TAHUNAN)
    existing = {
        row.kode: row for row in session.scalars(select(Periode).where(Periode.tahun == tahun))
    }
    result = []
    for spec in wanted:
        row = existing.get(spec.kode)
        if row is None:
            row = Periode(
                id=reference_id("periode", spec.kode),
                kode=spec.kode,
                tahun=spec.tahun,
                granularitas=spec.granularitas,
                nomor=spec.nomor,
                tanggal_mulai=spec.tanggal_mulai,
                tanggal_selesai=spec.tanggal_selesai,
                terkunci=False,
            )
            session.add(row)
        result.append(row)
    session.flush()
    return result


def check_year(tahun: int) -> None:
    """Years outside 2000-2100 are typing mistakes, not assessment years."""
    if not 2000 <= tahun <= 2100:
        raise ValidationError(
            _("Tahun {tahun} di luar jangkauan (2000-2100).").format(tahun=tahun), "tahun"
        )


def prepare_year(ctx: ServiceContext, tahun: int) -> Result[tuple[PeriodeDTO, ...]]:
    """Create the evaluation periods of ``tahun`` in the office's granularity (idempotent)."""
    izinkan(ctx, "periode.siapkan")
    check_year(tahun)
    with ctx.write("siapkan_tahun") as session:
        installation(session)
        granularitas = Granularitas(get_setting(session, GRANULARITAS, tahun))
        rows = _ensure_periods(session, tahun, granularitas)
        dtos = tuple(periode_dto(r) for r in rows)
    return Result(dtos, Changes(periode=True))


def list_periods(ctx: ServiceContext, tahun: int | None = None) -> tuple[PeriodeDTO, ...]:
    """Periods (of one year, or all), ordered by start date, the annual one last."""
    with ctx.read() as session:
        query = select(Periode).where(Periode.deleted.is_(False))
        if tahun is not None:
            query = query.where(Periode.tahun == tahun)
        rows = session.scalars(
            query.order_by(Periode.tahun, Periode.tanggal_selesai, Periode.tanggal_mulai.desc())
        ).all()
        return tuple(periode_dto(r) for r in rows)


def kunci_periode(
    ctx: ServiceContext, kode: str, *, alasan: str, buka: bool = False
) -> Result[PeriodeDTO]:
    """(BKD) Close a period (or reopen it) with a reason; the reason is kept and audited.

    A closed period is read-only: office writes into it are refused locally once the office
    has BKD's reverse package, and become ``LOCKED`` conflicts at BKD before that. Only BKD
    closes periods, because a lock an office set would travel to BKD and close the period for
    every other office too.
    """
    izinkan(ctx, "periode.kunci")
    if not alasan.strip():
        raise ValidationError(_("Alasan wajib diisi."), field="alasan")
    with ctx.write("buka_periode" if buka else "kunci_periode") as session:
        if installation(session).peran != "bkd":
            raise ValidationError(
                _("Periode dikunci dan dibuka oleh BKD; kantor menerimanya lewat paket balasan."),
                field="peran",
            )
        row = periode_by_kode(session, kode)
        if row.terkunci != buka:
            state = _("terbuka") if buka else _("terkunci")
            raise ValidationError(
                _("Periode {kode} sudah {state}.").format(kode=row.kode, state=state),
                field="periode",
            )
        row.terkunci = not buka
        row.alasan_kunci = alasan.strip()
        session.flush()
        dto = periode_dto(row)
    return Result(dto, Changes(periode=True))


def get_setting(session: Session, key: SettingKey, tahun: int) -> Any:
    """The value of ``key`` in force in ``tahun`` (latest effective year <= tahun), or default."""
    row = session.scalars(
        select(Pengaturan)
        .where(Pengaturan.kunci == key.key, Pengaturan.tahun_berlaku <= tahun)
        .order_by(Pengaturan.tahun_berlaku.desc())
    ).first()
    return key.default if row is None else row.nilai


def store_setting(session: Session, key: SettingKey, value: Any, tahun_berlaku: int) -> None:
    """Write a setting inside the caller's transaction (already validated by the caller)."""
    row = session.get(Pengaturan, (key.key, tahun_berlaku))
    if row is None:
        session.add(Pengaturan(kunci=key.key, tahun_berlaku=tahun_berlaku, nilai=value))
    else:
        row.nilai = value


def _valid_setting(key: SettingKey, value: Any) -> Any:
    """The value to store for ``key``, or a ``ValidationError`` naming the setting."""
    invalid = ValidationError(
        _("Nilai {value!r} tidak sah untuk pengaturan {label}.").format(
            value=value, label=key.label
        ),
        field=key.key,
    )
    if key is GRANULARITAS:
        if not isinstance(value, str) or value not in {g.value for g in Granularitas}:
            raise invalid
        return value
    if key in (AMBANG_DI_ATAS, AMBANG_SESUAI, BATAS_ATAS):
        if not isinstance(value, str | int):
            raise invalid
        number = parse_decimal(str(value), key.key)
        if number is None or not 0 <= number <= 1000:
            raise invalid
        return str(number)
    if key is PEMETAAN_JPT:
        if not isinstance(value, dict) or set(value) != {c.value for c in CapaianOrganisasi}:
            raise invalid
        if not all(isinstance(v, str) and v in {r.value for r in Rating} for v in value.values()):
            raise invalid
        return dict(value)
    if not isinstance(value, str) or not value.strip():
        raise invalid
    return value.strip()


def set_setting(
    ctx: ServiceContext, key: SettingKey, value: Any, tahun_berlaku: int = 0
) -> Result[None]:
    """Store an office setting effective from ``tahun_berlaku`` (0 = always), validated."""
    izinkan(ctx, "pengaturan.ubah")
    value = _valid_setting(key, value)
    if tahun_berlaku and not 2000 <= tahun_berlaku <= 2100:
        raise ValidationError(
            _("Tahun berlaku {tahun} di luar jangkauan.").format(tahun=tahun_berlaku),
            field="tahun_berlaku",
        )
    with ctx.write("ubah_pengaturan") as session:
        installation(session)
        store_setting(session, key, value, tahun_berlaku)
    return Result(None, Changes(pengaturan=True))
