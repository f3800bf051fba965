"""Office settings as an admin sees and changes them: ``capaian pengaturan``, Data > Pengaturan.

The settings themselves (keys, defaults, validation, the write) live in :mod:`app.settings`
and :mod:`app.services.setup`; this module lists them per year with where each value comes
from, and turns the command line's text into values.

Granularity: it is listed but only changeable for a year whose periods do not exist yet
(``set_settings`` refuses otherwise, with the reason), because the periods of a prepared year
already carry realisations and evaluations in that granularity. The GUI shows it read-only
with that sentence; a new granularity for a coming year is set from the command line
(``capaian pengaturan set periode.granularitas TRIWULANAN --berlaku 2027``) before the year is
prepared.

JPT mapping on the command line: ``ISTIMEWA=DI_ATAS_EKSPEKTASI,BAIK=SESUAI_EKSPEKTASI,...``
with all five capaian levels (case does not matter), the same names ``--json`` prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Instalasi, Organisasi, Periode
from app.scoring.types import CapaianOrganisasi, Granularitas, Rating
from app.services.context import Result, ServiceContext
from app.services.dto import PengaturanDTO
from app.services.organisasi import ancestors
from app.services.setup import check_year, set_settings, setting_label, stored_setting
from app.settings import ALL_SETTINGS, GRANULARITAS, PEMETAAN_JPT, TEMPAT_TTD, SettingKey


def setting_by_key(kunci: str) -> SettingKey:
    """The declared setting named ``kunci``, or a ``ValidationError`` listing the known keys."""
    for key in ALL_SETTINGS:
        if key.key == kunci.strip():
            return key
    raise ValidationError(
        _("Pengaturan {kunci!r} tidak dikenal; pilih salah satu: {daftar}.").format(
            kunci=kunci, daftar=", ".join(k.key for k in ALL_SETTINGS)
        ),
        field="kunci",
    )


def format_nilai(key: SettingKey, nilai: Any) -> str:
    """A value as a clerk reads it: labels for enums, ``%`` for thresholds."""
    if key is GRANULARITAS:
        try:
            return Granularitas(nilai).label
        except ValueError:
            return str(nilai)
    if key is PEMETAAN_JPT and isinstance(nilai, dict):
        parts = []
        for level in CapaianOrganisasi:
            try:
                parts.append(f"{level.label} → {Rating(str(nilai.get(level.value))).label}")
            except ValueError:
                parts.append(f"{level.label} → ?")
        return "; ".join(parts)
    return str(nilai)


def asal_nilai(row: PengaturanDTO) -> str:
    """Where the value in force comes from, in the same words on screen and on the CLI."""
    if row.berlaku_sejak is None:
        return _("bawaan aplikasi")
    if row.berlaku_sejak == 0:
        return _("berlaku semua tahun")
    return _("berlaku mulai {tahun}").format(tahun=row.berlaku_sejak)


def daftar_pengaturan(ctx: ServiceContext, tahun: int) -> tuple[PengaturanDTO, ...]:
    """Every office setting as it applies in ``tahun``, with where its value comes from.

    Also whether it may be changed for that year. A plain read, open to every user.
    """
    check_year(tahun)
    with ctx.read() as session:
        prepared = (
            session.scalars(select(Periode.id).where(Periode.tahun == tahun)).first() is not None
        )
        rows = []
        for key in ALL_SETTINGS:
            found = stored_setting(session, key, tahun)
            nilai, sejak = (_bawaan(session, key), None) if found is None else found
            locked = key is GRANULARITAS and prepared
            rows.append(
                PengaturanDTO(
                    kunci=key.key,
                    label=setting_label(key),
                    tahun=tahun,
                    nilai=nilai,
                    bawaan=key.default,
                    berlaku_sejak=sejak,
                    dapat_diubah=not locked,
                    alasan=_(
                        "Periode tahun {tahun} sudah disiapkan dalam granularitas ini; "
                        "realisasi dan evaluasinya tercatat per periode itu."
                    ).format(tahun=tahun)
                    if locked
                    else None,
                    teks=format_nilai(key, nilai),
                )
            )
    return tuple(rows)


def _bawaan(session: Session, key: SettingKey) -> Any:
    """The value in force when none is stored: for the signing place, the office unit's place.

    The first-run wizard writes the place typed there on the pemda and office units, not as a
    setting, and the sheets print it (``cetak._Muat.tempat``); listing the application's
    default instead would tell an office in another town that its sheets say the demo's town.
    """
    if key is TEMPAT_TTD:
        kode = session.scalars(select(Instalasi.kode_kantor)).first()
        office = session.scalars(select(Organisasi.id).where(Organisasi.kode == kode)).first()
        if office is not None:
            inherited = next((o.tempat for o in ancestors(session, office) if o.tempat), None)
            if inherited:
                return inherited
    return key.default


def parse_nilai(key: SettingKey, teks: str) -> Any:
    """The command line's text as the value ``set_settings`` validates.

    Thresholds and the signing place stay text (validated there); the granularity is
    upper-cased; the JPT mapping is ``LEVEL=RATING`` pairs separated by commas.
    """
    if key is GRANULARITAS:
        return teks.strip().upper()
    if key is PEMETAAN_JPT:
        pemetaan: dict[str, str] = {}
        for part in teks.split(","):
            if not part.strip():
                continue
            level, sep, rating = part.partition("=")
            if not sep or not level.strip() or not rating.strip():
                raise ValidationError(
                    _(
                        "Pemetaan JPT ditulis LEVEL=RATING dipisah koma, mis. "
                        "ISTIMEWA=DI_ATAS_EKSPEKTASI,BAIK=SESUAI_EKSPEKTASI,...; bagian "
                        "{bagian!r} tidak sah."
                    ).format(bagian=part.strip()),
                    field=PEMETAAN_JPT.key,
                )
            pemetaan[level.strip().upper()] = rating.strip().upper()
        return pemetaan
    return teks


def ubah_pengaturan(
    ctx: ServiceContext, kunci: str, teks: str, tahun_berlaku: int = 0
) -> Result[PengaturanDTO]:
    """``capaian pengaturan set``: one setting from text; returns it as it now applies."""
    key = setting_by_key(kunci)
    result = set_settings(ctx, {key: parse_nilai(key, teks)}, tahun_berlaku)
    tahun = tahun_berlaku or ctx.today().year
    row = next(r for r in daftar_pengaturan(ctx, tahun) if r.kunci == key.key)
    return Result(row, result.changes)


def simpan_pengaturan(
    ctx: ServiceContext, nilai: Mapping[str, Any], tahun_berlaku: int = 0
) -> Result[None]:
    """The settings form: several changed values by key, in one transaction (all or none)."""
    return set_settings(ctx, {setting_by_key(k): v for k, v in nilai.items()}, tahun_berlaku)
