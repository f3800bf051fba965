"""First-run setup: the installation's role and office, periods of a year, office settings."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
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
    TEMPAT_TTD,
    SettingKey,
    as_decimal,
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
    found = stored_setting(session, key, tahun)
    return key.default if found is None else found[0]


def stored_setting(session: Session, key: SettingKey, tahun: int) -> tuple[Any, int] | None:
    """The stored value of ``key`` in force in ``tahun`` and its effective year; None: default."""
    row = session.scalars(
        select(Pengaturan)
        .where(Pengaturan.kunci == key.key, Pengaturan.tahun_berlaku <= tahun)
        .order_by(Pengaturan.tahun_berlaku.desc())
    ).first()
    return None if row is None else (row.nilai, row.tahun_berlaku)


def store_setting(session: Session, key: SettingKey, value: Any, tahun_berlaku: int) -> None:
    """Write a setting inside the caller's transaction (already validated by the caller)."""
    row = session.get(Pengaturan, (key.key, tahun_berlaku))
    if row is None:
        session.add(Pengaturan(kunci=key.key, tahun_berlaku=tahun_berlaku, nilai=value))
    else:
        row.nilai = value


def setting_label(key: SettingKey) -> str:
    """The label of a setting in the interface language (``SettingKey.label`` is Indonesian)."""
    labels = {
        GRANULARITAS.key: _("Granularitas periode penilaian"),
        AMBANG_DI_ATAS.key: _("Capaian minimal untuk Di Atas Ekspektasi (%)"),
        AMBANG_SESUAI.key: _("Capaian minimal untuk Sesuai Ekspektasi (%)"),
        BATAS_ATAS.key: _("Batas atas capaian per indikator (%)"),
        PEMETAAN_JPT.key: _("Pemetaan capaian organisasi ke rating hasil kerja JPT"),
        TEMPAT_TTD.key: _("Tempat penandatanganan pada lembar cetak"),
    }
    return labels.get(key.key, key.label)


def _valid_setting(key: SettingKey, value: Any) -> Any:
    """The value to store for ``key``, or a ``ValidationError`` naming the setting."""
    label = setting_label(key)
    invalid = ValidationError(
        _("Nilai {value!r} tidak sah untuk pengaturan {label}.").format(value=value, label=label),
        field=key.key,
    )
    if key is GRANULARITAS:
        if not isinstance(value, str) or value not in {g.value for g in Granularitas}:
            raise invalid
        return value
    if key in (AMBANG_DI_ATAS, AMBANG_SESUAI, BATAS_ATAS):
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise invalid
        try:
            number = parse_decimal(str(value), key.key)
        except ValidationError:  # its message speaks of spreadsheet columns
            number = None
        if number is None or not 0 <= number <= 1000:
            raise ValidationError(
                _("{label}: isi angka 0 sampai 1000, bukan {value!r}.").format(
                    label=label, value=value
                ),
                field=key.key,
            )
        return str(number)
    if key is PEMETAAN_JPT:
        return _valid_pemetaan(value, invalid)
    if not isinstance(value, str) or not value.strip():
        raise invalid
    return value.strip()


def _valid_pemetaan(value: Any, invalid: ValidationError) -> dict[str, str]:
    """All five capaian levels, each mapped to one of the three ratings; names the wrong part."""
    if not isinstance(value, dict):
        raise invalid
    levels = [c.value for c in CapaianOrganisasi]
    ratings = {r.value for r in Rating}
    missing = [c for c in levels if c not in value]
    unknown = sorted(str(k) for k in value if k not in levels)
    wrong = sorted(f"{k}={v}" for k, v in value.items() if k in levels and v not in ratings)
    if missing or unknown or wrong:
        parts = []
        if missing:
            parts.append(_("belum dipetakan: {daftar}").format(daftar=", ".join(missing)))
        if unknown:
            parts.append(_("capaian tidak dikenal: {daftar}").format(daftar=", ".join(unknown)))
        if wrong:
            parts.append(
                _("rating tidak dikenal: {daftar} (pilih {pilihan})").format(
                    daftar=", ".join(wrong), pilihan=", ".join(r.value for r in Rating)
                )
            )
        raise ValidationError(
            _("Pemetaan JPT tidak sah: {rincian}.").format(rincian="; ".join(parts)),
            field=PEMETAAN_JPT.key,
        )
    return {c: str(value[c]) for c in levels}


def _check_granularity_change(session: Session, value: str, tahun_berlaku: int) -> None:
    """Refuse a granularity that would apply to a year whose periods already exist.

    Periods are created once per year in the granularity in force (``prepare_year``) and carry
    realisations, feedback and evaluations; switching the granularity under them would leave
    those rows in periods the year no longer uses. So a new granularity may only start in a
    year that is not prepared yet.
    """
    later = session.scalars(
        select(Pengaturan.tahun_berlaku).where(
            Pengaturan.kunci == GRANULARITAS.key, Pengaturan.tahun_berlaku > tahun_berlaku
        )
    ).all()
    until = min(later, default=None)
    years = session.scalars(
        select(Periode.tahun).where(Periode.tahun >= tahun_berlaku).distinct()
    ).all()
    for year in sorted(years):
        if until is not None and year >= until:
            continue
        if get_setting(session, GRANULARITAS, year) != value:
            raise ValidationError(
                _(
                    "Granularitas periode tahun {tahun} tidak dapat diubah: periode tahun itu "
                    "sudah disiapkan dan dapat sudah berisi realisasi dan evaluasi. Ubah "
                    "granularitas mulai tahun yang periodenya belum disiapkan."
                ).format(tahun=year),
                field=GRANULARITAS.key,
            )


def _check_thresholds(session: Session, tahun_berlaku: int, field: str) -> None:
    """Ambang Sesuai < ambang Di Atas <= batas atas, in every year the change reaches.

    A typo (110 for Sesuai, 11 for Di Atas) would otherwise make every suggestion wrong
    without anyone noticing. Checked after the new values are written in this transaction, at
    the effective year and at each later year where one of the three values changes.
    """
    keys = (AMBANG_SESUAI, AMBANG_DI_ATAS, BATAS_ATAS)
    years = {tahun_berlaku}
    years.update(
        session.scalars(
            select(Pengaturan.tahun_berlaku).where(
                Pengaturan.kunci.in_([k.key for k in keys]),
                Pengaturan.tahun_berlaku > tahun_berlaku,
            )
        ).all()
    )
    for year in sorted(years):
        sesuai, di_atas, batas = (as_decimal(get_setting(session, k, year)) for k in keys)
        if not sesuai < di_atas <= batas:
            mulai = _(" (berlaku mulai tahun {tahun})").format(tahun=year) if year else ""
            raise ValidationError(
                _(
                    "Ambang saran tidak berurutan{mulai}: capaian minimal Sesuai Ekspektasi "
                    "({sesuai}) harus lebih kecil daripada capaian minimal Di Atas Ekspektasi "
                    "({di_atas}), dan yang terakhir tidak boleh melebihi batas atas capaian "
                    "({batas})."
                ).format(mulai=mulai, sesuai=sesuai, di_atas=di_atas, batas=batas),
                field=field,
            )


def set_setting(
    ctx: ServiceContext, key: SettingKey, value: Any, tahun_berlaku: int = 0
) -> Result[None]:
    """Store an office setting effective from ``tahun_berlaku`` (0 = always), validated."""
    return set_settings(ctx, {key: value}, tahun_berlaku)


def _check_no_later_values(session: Session, values: Mapping[SettingKey, Any]) -> None:
    """Refuse an "all years" value where a year-specific one would keep overriding it.

    A value stored from a given year wins over the year-0 one in that year and after, so an
    "all years" change would look saved while those years kept the old value.
    """
    for key in values:
        years = session.scalars(
            select(Pengaturan.tahun_berlaku)
            .where(Pengaturan.kunci == key.key, Pengaturan.tahun_berlaku > 0)
            .order_by(Pengaturan.tahun_berlaku)
        ).all()
        if years:
            raise ValidationError(
                _(
                    "{label} sudah diatur khusus mulai tahun {tahun}; nilai untuk semua tahun "
                    "tidak akan berlaku di tahun itu dan sesudahnya. Pilih berlaku mulai tahun "
                    "{tahun} untuk mengubahnya."
                ).format(label=setting_label(key), tahun=years[0]),
                field=key.key,
            )


def set_settings(
    ctx: ServiceContext, values: Mapping[SettingKey, Any], tahun_berlaku: int = 0
) -> Result[None]:
    """Store several office settings in one transaction: all of them, or none when one is wrong.

    One transaction because the thresholds are checked together: raising both ambang values
    (90/110 to 115/120) is valid as a whole although its first half alone is not.
    """
    izinkan(ctx, "pengaturan.ubah")
    cleaned = {key: _valid_setting(key, value) for key, value in values.items()}
    if tahun_berlaku and not 2000 <= tahun_berlaku <= 2100:
        raise ValidationError(
            _("Tahun berlaku {tahun} di luar jangkauan.").format(tahun=tahun_berlaku),
            field="tahun_berlaku",
        )
    with ctx.write("ubah_pengaturan") as session:
        installation(session)
        if GRANULARITAS in cleaned:
            _check_granularity_change(session, cleaned[GRANULARITAS], tahun_berlaku)
        if not tahun_berlaku:
            _check_no_later_values(session, cleaned)
        for key, value in cleaned.items():
            store_setting(session, key, value, tahun_berlaku)
        session.flush()
        threshold = next(
            (k for k in (AMBANG_SESUAI, AMBANG_DI_ATAS, BATAS_ATAS) if k in cleaned), None
        )
        if threshold is not None:
            _check_thresholds(session, tahun_berlaku, threshold.key)
    return Result(None, Changes(pengaturan=True))
