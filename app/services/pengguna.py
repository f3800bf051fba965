"""Local user accounts: create, sign in (with a lock after repeated failures), passwords.

Passwords are kept only as argon2id hashes (argon2-cffi defaults) in the ``pengguna`` table,
which is not synced; no function here returns or logs a hash. Account changes are audited in
the hash-chained audit log with the hash left out.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import AksesDitolakError, ConflictError, NotFoundError, UserError, ValidationError
from app.i18n import _
from app.models import Pegawai, Pengguna, new_id
from app.models.changes import Recorder, json_value
from app.services.context import Changes, Result, ServiceContext
from app.services.dto import PenggunaDTO
from app.services.izin import ADMIN, BKD_ADMIN, PENILAI, PERAN, ada_pengguna, izinkan, perlu_masuk
from app.services.lookup import installation, pegawai_by_nip

MAKS_GAGAL = 5
"""Failed sign-ins in a row before the account is locked."""
JEDA_AWAL = 30
"""Seconds of the first lock; each further failure doubles it, up to :data:`JEDA_MAKS`."""
JEDA_MAKS = 3600
PANJANG_MIN = 8

_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password
# and the timing does not tell which names exist.
_DUMMY_HASH = _hasher.hash("capaian-bukan-sandi")
_NAMA = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
_AUDITED = ("nama_pengguna", "nama_lengkap", "peran", "pegawai_id", "aktif")


def jeda_kunci(gagal: int) -> int:
    """Seconds an account stays locked after ``gagal`` failures in a row (0 below the limit)."""
    if gagal < MAKS_GAGAL:
        return 0
    return int(min(JEDA_AWAL * 2 ** (gagal - MAKS_GAGAL), JEDA_MAKS))


def _durasi(detik: int) -> str:
    if detik < 120:
        return _("{n} detik").format(n=detik)
    return _("{n} menit").format(n=(detik + 59) // 60)


def _dto(session: Session, row: Pengguna) -> PenggunaDTO:
    pegawai = session.get(Pegawai, row.pegawai_id) if row.pegawai_id else None
    return PenggunaDTO(
        id=row.id,
        nama_pengguna=row.nama_pengguna,
        nama_lengkap=row.nama_lengkap,
        peran=row.peran,
        pegawai_nip=pegawai.nip if pegawai else None,
        pegawai_nama=pegawai.nama if pegawai else None,
        aktif=row.aktif,
        terkunci_sampai=row.terkunci_sampai,
    )


def _values(row: Pengguna) -> dict[str, Any]:
    return {key: json_value(getattr(row, key)) for key in _AUDITED}


def _audit(
    session: Session,
    kind: str,
    row: Pengguna,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    """Chain one entry about an account (accounts are not synced, so no op is written)."""
    session.flush()
    recorder = Recorder(session, session.info["change_context"])
    recorder.audit(kind, "pengguna", row.id, before=before, after=after, op_id=None)
    recorder.write()


def _nama(nama_pengguna: str) -> str:
    nama = nama_pengguna.strip().lower()
    if not _NAMA.match(nama):
        raise ValidationError(
            _(
                "Nama pengguna {nama!r} tidak sah: 2-60 huruf kecil, angka, '.', '_' atau '-', "
                "diawali huruf atau angka."
            ).format(nama=nama_pengguna),
            field="nama_pengguna",
        )
    return nama


def _check_sandi(sandi: str, nama: str, field: str) -> None:
    if len(sandi) < PANJANG_MIN:
        raise ValidationError(_("Sandi minimal {n} karakter.").format(n=PANJANG_MIN), field=field)
    if sandi.strip().lower() == nama:
        raise ValidationError(_("Sandi tidak boleh sama dengan nama pengguna."), field=field)


def _by_name(session: Session, nama: str) -> Pengguna | None:
    return session.scalars(select(Pengguna).where(Pengguna.nama_pengguna == nama)).first()


def _get(session: Session, nama_pengguna: str) -> Pengguna:
    row = _by_name(session, nama_pengguna.strip().lower())
    if row is None:
        raise NotFoundError(
            _("Pengguna {nama} tidak ditemukan.").format(nama=nama_pengguna), field="nama_pengguna"
        )
    return row


def _verify(hash_sandi: str, sandi: str) -> bool:
    try:
        return _hasher.verify(hash_sandi, sandi)
    except (VerificationError, InvalidHashError):
        return False


# ----------------------------------------------------------------------------- queries
def ada_pengguna_terdaftar(ctx: ServiceContext) -> bool:
    """True once an account exists: the GUI then shows the login screen, the CLI asks --as."""
    with ctx.read() as session:
        return ada_pengguna(session)


def daftar_pengguna(ctx: ServiceContext) -> tuple[PenggunaDTO, ...]:
    """Every account, active ones first, by name (no hashes)."""
    with ctx.read() as session:
        rows = session.scalars(
            select(Pengguna).order_by(Pengguna.aktif.desc(), Pengguna.nama_pengguna)
        ).all()
        return tuple(_dto(session, r) for r in rows)


def _jaga_bkd_admin(session: Session, ctx: ServiceContext) -> None:
    """Only a bkd_admin may create, reset or disable a bkd_admin, once one is active.

    Otherwise an office-level admin at BKD could make (or take over) a bkd_admin account and
    so gain the BKD-only rights of the matrix (period locks, transfers, catalogue, conflicts).
    While none is active, an admin may create the first one: a BKD set up with a plain admin
    as its first account must be able to get one.
    """
    active = session.scalar(
        select(func.count())
        .select_from(Pengguna)
        .where(Pengguna.peran == BKD_ADMIN, Pengguna.aktif.is_(True))
    )
    if not active:
        return
    mine = (
        session.scalar(select(Pengguna.peran).where(Pengguna.id == ctx.pengguna.id))
        if ctx.pengguna is not None
        else None
    )
    if mine != BKD_ADMIN:
        raise AksesDitolakError(
            _(
                "Akun bkd_admin hanya dapat dibuat, diatur ulang, atau dinonaktifkan oleh "
                "bkd_admin."
            ),
            field="peran",
        )


# ----------------------------------------------------------------------------- writes
def buat_pengguna(
    ctx: ServiceContext,
    *,
    nama_pengguna: str,
    nama_lengkap: str,
    peran: str,
    sandi: str,
    pegawai_nip: str | None = None,
) -> Result[PenggunaDTO]:
    """(admin) Create an account; the first account of a database needs no login but is admin.

    A penilai account must name the pegawai it belongs to (the pejabat penilai on SKPs), or
    it could rate nobody. ``bkd_admin`` exists only on a BKD installation.
    """
    nama = _nama(nama_pengguna)
    if peran not in PERAN:
        raise ValidationError(
            _("Peran {peran!r} tidak dikenal; pilih salah satu: {daftar}.").format(
                peran=peran, daftar=", ".join(PERAN)
            ),
            field="peran",
        )
    if not nama_lengkap.strip():
        raise ValidationError(_("Nama lengkap wajib diisi."), field="nama_lengkap")
    if peran == PENILAI and not (pegawai_nip or "").strip():
        raise ValidationError(
            _("Akun penilai harus ditautkan ke pegawai (NIP pejabat penilai)."),
            field="pegawai_nip",
        )
    _check_sandi(sandi, nama, "sandi")
    hash_sandi = _hasher.hash(sandi)
    with ctx.write("buat_pengguna") as session:
        inst = installation(session)
        if ada_pengguna(session):
            izinkan(ctx, "pengguna.kelola", session=session)
        elif peran not in (ADMIN, BKD_ADMIN):
            raise ValidationError(
                _("Akun pertama harus berperan admin, agar ada yang dapat mengelola akun."),
                field="peran",
            )
        if peran == BKD_ADMIN and inst.peran != "bkd":
            raise ValidationError(_("Peran bkd_admin hanya ada di instalasi BKD."), field="peran")
        if peran == BKD_ADMIN:
            _jaga_bkd_admin(session, ctx)
        if _by_name(session, nama) is not None:
            raise ConflictError(
                _("Nama pengguna {nama} sudah dipakai.").format(nama=nama), field="nama_pengguna"
            )
        pegawai_id = pegawai_by_nip(session, pegawai_nip).id if pegawai_nip else None
        now = ctx.now()
        row = Pengguna(
            id=new_id(),
            nama_pengguna=nama,
            nama_lengkap=nama_lengkap.strip(),
            peran=peran,
            pegawai_id=pegawai_id,
            hash_sandi=hash_sandi,
            gagal_berturut=0,
            terkunci_sampai=None,
            aktif=True,
            dibuat_pada=now,
            diubah_pada=now,
        )
        session.add(row)
        _audit(session, "create", row, None, _values(row))
        dto = _dto(session, row)
    return Result(dto, Changes())


def masuk(ctx: ServiceContext, nama_pengguna: str, sandi: str) -> PenggunaDTO:
    """Sign in: on success ``ctx`` acts as this user (``ctx.pengguna``, audit name).

    After :data:`MAKS_GAGAL` failures in a row the account is locked for
    :func:`jeda_kunci` seconds (30 s, doubling with every further failure); while locked no
    password is even tried. The failure count is stored (and audited) even though the call
    fails, so restarting the program does not reset it.
    """
    nama = nama_pengguna.strip().lower()
    error: UserError | None = None
    dto: PenggunaDTO | None = None
    wrong = AksesDitolakError(_("Nama pengguna atau sandi salah."), field="sandi")
    with ctx.write("masuk") as session:
        row = _by_name(session, nama)
        now = ctx.now()
        if row is None:
            _verify(_DUMMY_HASH, sandi)
            error = wrong
        elif row.terkunci_sampai is not None and now < row.terkunci_sampai:
            sisa = int((row.terkunci_sampai - now).total_seconds()) or 1
            error = AksesDitolakError(
                _(
                    "Akun {nama} terkunci karena terlalu banyak percobaan masuk yang gagal; "
                    "coba lagi dalam {durasi} atau minta admin mengatur ulang sandi."
                ).format(nama=row.nama_pengguna, durasi=_durasi(sisa)),
                field="sandi",
            )
        elif not _verify(row.hash_sandi, sandi):
            before = {"gagal_berturut": row.gagal_berturut}
            row.gagal_berturut += 1
            jeda = jeda_kunci(row.gagal_berturut)
            after: dict[str, Any] = {"gagal_berturut": row.gagal_berturut}
            if jeda:
                row.terkunci_sampai = now + timedelta(seconds=jeda)
                after["terkunci_sampai"] = json_value(row.terkunci_sampai)
                error = AksesDitolakError(
                    _(
                        "Sandi salah {n} kali berturut-turut; akun {nama} dikunci selama {durasi}."
                    ).format(n=row.gagal_berturut, nama=row.nama_pengguna, durasi=_durasi(jeda)),
                    field="sandi",
                )
            else:
                error = wrong
            _audit(session, "masuk_gagal", row, before, after)
        elif not row.aktif:
            error = AksesDitolakError(
                _("Akun {nama} dinonaktifkan; hubungi admin.").format(nama=row.nama_pengguna),
                field="nama_pengguna",
            )
        else:
            if row.gagal_berturut or row.terkunci_sampai is not None:
                row.gagal_berturut = 0
                row.terkunci_sampai = None
            if _hasher.check_needs_rehash(row.hash_sandi):
                row.hash_sandi = _hasher.hash(sandi)
            session.flush()
            dto = _dto(session, row)
    if error is not None:
        raise error
    assert dto is not None
    ctx.pengguna = dto
    ctx.actor = dto.nama_pengguna
    return dto


def keluar(ctx: ServiceContext, actor: str) -> None:
    """Sign out: the context no longer acts as anybody; ``actor`` names later audit entries."""
    ctx.pengguna = None
    ctx.actor = actor


def _require_login(ctx: ServiceContext) -> str:
    if ctx.pengguna is None:
        raise perlu_masuk()
    return ctx.pengguna.id


def ganti_sandi(ctx: ServiceContext, sandi_lama: str, sandi_baru: str) -> Result[None]:
    """The signed-in user changes their own password (the old one is required)."""
    user_id = _require_login(ctx)
    with ctx.read() as session:
        row = session.get(Pengguna, user_id)
        if row is None or not row.aktif:
            raise AksesDitolakError(_("Akun ini tidak aktif lagi."), field="pengguna")
        current_hash, nama = row.hash_sandi, row.nama_pengguna
    if not _verify(current_hash, sandi_lama):
        raise ValidationError(_("Sandi lama salah."), field="sandi_lama")
    _check_sandi(sandi_baru, nama, "sandi_baru")
    if sandi_baru == sandi_lama:
        raise ValidationError(_("Sandi baru harus berbeda dari sandi lama."), field="sandi_baru")
    new_hash = _hasher.hash(sandi_baru)
    with ctx.write("ganti_sandi") as session:
        row = session.get(Pengguna, user_id)
        if row is None or row.hash_sandi != current_hash:
            raise ConflictError(_("Sandi baru saja diubah di tempat lain; ulangi."))
        _set_hash(session, row, new_hash, ctx.now())
    return Result(None, Changes())


def _set_hash(session: Session, row: Pengguna, new_hash: str, now: datetime) -> None:
    before = {
        "gagal_berturut": row.gagal_berturut,
        "terkunci_sampai": json_value(row.terkunci_sampai),
    }
    row.hash_sandi = new_hash
    row.gagal_berturut = 0
    row.terkunci_sampai = None
    row.diubah_pada = now
    _audit(
        session,
        "update",
        row,
        before,
        {"sandi": "diganti", "gagal_berturut": 0, "terkunci_sampai": None},
    )


def reset_sandi(ctx: ServiceContext, nama_pengguna: str, sandi_baru: str) -> Result[PenggunaDTO]:
    """(admin) Set a new password for an account and lift its lock."""
    nama = nama_pengguna.strip().lower()
    _check_sandi(sandi_baru, nama, "sandi_baru")
    new_hash = _hasher.hash(sandi_baru)
    with ctx.write("reset_sandi") as session:
        izinkan(ctx, "pengguna.kelola", session=session)
        row = _get(session, nama)
        if row.peran == BKD_ADMIN:
            _jaga_bkd_admin(session, ctx)
        _set_hash(session, row, new_hash, ctx.now())
        dto = _dto(session, row)
    return Result(dto, Changes())


def nonaktifkan(
    ctx: ServiceContext, nama_pengguna: str, *, aktif: bool = False
) -> Result[PenggunaDTO]:
    """(admin) Disable an account (or enable it again); the last active admin stays."""
    with ctx.write("aktifkan_pengguna" if aktif else "nonaktifkan_pengguna") as session:
        izinkan(ctx, "pengguna.kelola", session=session)
        row = _get(session, nama_pengguna)
        if row.peran == BKD_ADMIN:
            _jaga_bkd_admin(session, ctx)
        if row.aktif == aktif:
            raise ValidationError(
                (
                    _("Akun {nama} sudah aktif.") if aktif else _("Akun {nama} sudah nonaktif.")
                ).format(nama=row.nama_pengguna),
                field="aktif",
            )
        if not aktif and row.peran in (ADMIN, BKD_ADMIN):
            admins = session.scalar(
                select(func.count())
                .select_from(Pengguna)
                .where(Pengguna.aktif.is_(True), Pengguna.peran.in_((ADMIN, BKD_ADMIN)))
            )
            if (admins or 0) <= 1:
                raise ValidationError(
                    _("Admin aktif terakhir tidak dapat dinonaktifkan."), field="aktif"
                )
        before = _values(row)
        row.aktif = aktif
        row.diubah_pada = ctx.now()
        _audit(session, "update", row, {"aktif": before["aktif"]}, {"aktif": aktif})
        dto = _dto(session, row)
    return Result(dto, Changes())
