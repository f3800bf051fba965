"""Who may do what: one table from action to roles, and the check every write service calls.

The GUI may hide buttons, but only this check counts: each public write service calls
:func:`izinkan` itself, so the command line, scripts and the GUI are held to the same rules.

Rules:
- A database without any user account allows everything (a fresh install before the first-run
  wizard made the admin, the demo, scripted tests). The first account must be an admin.
- Once an account exists, every action in :data:`MATRIKS` needs a signed-in, active user whose
  role (read again from the database, not from the caller's copy) is listed for the action.
  Plain reads (lists, details, history) are not in the table and stay open.
- ``penilai`` may approve, reject, give feedback and rate only the pegawai whose SKP names the
  penilai's linked pegawai as pejabat penilai (:data:`PENILAI_BAWAHAN`).
- ``admin`` may also act for a penilai (the office's kepegawaian head entering ratings from a
  signed paper form); the audit log records the admin's name, so nothing is hidden by that.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from app.errors import AksesDitolakError
from app.i18n import _
from app.models import Pengguna
from app.services.context import ServiceContext

OPERATOR = "operator"
PENILAI = "penilai"
SEKRETARIAT = "sekretariat"
ADMIN = "admin"
BKD_ADMIN = "bkd_admin"
PERAN = (OPERATOR, PENILAI, SEKRETARIAT, ADMIN, BKD_ADMIN)

PENILAI_BAWAHAN = "penilai:bawahan"
"""Matrix entry: a penilai, and only for pegawai whose SKP names them as pejabat penilai."""

_ENTRY = (OPERATOR, ADMIN, BKD_ADMIN)
_RATE = (PENILAI_BAWAHAN, ADMIN, BKD_ADMIN)
_SECRETARIAT = (SEKRETARIAT, ADMIN, BKD_ADMIN)
_ADMIN = (ADMIN, BKD_ADMIN)
_BKD = (BKD_ADMIN,)

MATRIKS: dict[str, tuple[str, ...]] = {
    # data entry
    "organisasi.buat": _ENTRY,
    "pegawai.simpan": _ENTRY,
    "skp.susun": _ENTRY,
    "skp.ajukan": _ENTRY,
    "realisasi.catat": _ENTRY,
    "umpan_balik.beri": (OPERATOR, *_RATE),
    # the penilai's decisions
    "skp.setujui": _RATE,
    "skp.tolak": _RATE,
    "evaluasi.simpan": _RATE,
    # secretariat: files in and out, printing, packages
    "excel.impor": _SECRETARIAT,
    "excel.ekspor": _SECRETARIAT,
    "cetak": _SECRETARIAT,
    "paket.ekspor": _SECRETARIAT,
    "paket.impor": (SEKRETARIAT, BKD_ADMIN),
    "paket.terapkan_balasan": _SECRETARIAT,
    # office administration
    "pengguna.kelola": _ADMIN,
    "pengaturan.ubah": _ADMIN,
    "cadangan.pulihkan": _ADMIN,  # replaces the whole database, accounts included
    "periode.siapkan": _ADMIN,
    "capaian_organisasi.tetapkan": _ADMIN,
    "kunci.kelola": _ADMIN,
    # BKD only (period state and reference data travel from BKD to every office)
    "periode.kunci": _BKD,
    "mutasi.catat": _BKD,
    "katalog.kelola": _BKD,
    "instalasi.kelola": _BKD,
    "konflik.selesaikan": _BKD,
    "paket.balasan": _BKD,
}

LABEL_PERAN = {
    OPERATOR: "operator",
    PENILAI: "penilai",
    SEKRETARIAT: "sekretariat",
    ADMIN: "admin",
    BKD_ADMIN: "admin BKD",
}

_UNSET = object()


def ada_pengguna(session: Session) -> bool:
    """True once the database has at least one account (from then on, actions need a login)."""
    return bool(session.scalar(select(func.count()).select_from(Pengguna)))


def perlu_masuk() -> AksesDitolakError:
    """The refusal for an action tried without a signed-in user."""
    return AksesDitolakError(
        _("Masuk dahulu dengan akun pengguna untuk tindakan ini (di baris perintah: --as NAMA)."),
        field="pengguna",
    )


def izinkan(
    ctx: ServiceContext,
    aksi: str,
    *,
    session: Session | None = None,
    penilai_id: str | object | None = _UNSET,
) -> None:
    """Refuse ``aksi`` with :class:`AksesDitolakError` unless the signed-in user may do it.

    Args:
        ctx: carries the signed-in user (``ctx.pengguna``).
        aksi: a key of :data:`MATRIKS`.
        session: the caller's open transaction, so the check and the write see the same data;
            without one a short read transaction is opened.
        penilai_id: for actions a penilai may do for own subordinates: the pegawai id of the
            pejabat penilai named on the SKP concerned (``None`` when it names nobody).
    """
    allowed = MATRIKS[aksi]
    if PENILAI_BAWAHAN in allowed and penilai_id is _UNSET:
        raise RuntimeError(f"izinkan({aksi!r}) needs penilai_id: a penilai rule depends on it")
    if session is None:
        # A bare connection, not a read session: this runs before every guarded call, and the
        # ORM session setup would cost more than the two indexed lookups themselves.
        with ctx.db.engine.connect() as connection:
            _check(connection, ctx, aksi, allowed, penilai_id)
    else:
        _check(session, ctx, aksi, allowed, penilai_id)


def _check(
    db: Session | Connection,
    ctx: ServiceContext,
    aksi: str,
    allowed: tuple[str, ...],
    penilai_id: object,
) -> None:
    if not db.scalar(select(func.count()).select_from(Pengguna)):
        return
    if ctx.pengguna is None:
        raise perlu_masuk()
    row = db.execute(
        select(Pengguna.nama_pengguna, Pengguna.peran, Pengguna.pegawai_id, Pengguna.aktif).where(
            Pengguna.id == ctx.pengguna.id
        )
    ).first()
    if row is None or not row.aktif:
        raise AksesDitolakError(
            _("Akun {nama} tidak aktif lagi; masuk dengan akun lain.").format(
                nama=ctx.pengguna.nama_pengguna
            ),
            field="pengguna",
        )
    if row.peran in allowed:
        return
    if row.peran == PENILAI and PENILAI_BAWAHAN in allowed:
        if row.pegawai_id is not None and penilai_id == row.pegawai_id:
            return
        raise AksesDitolakError(
            _(
                "Akun penilai {nama} hanya dapat menilai pegawai yang pejabat penilainya "
                "adalah pegawai yang tertaut ke akun itu."
            ).format(nama=row.nama_pengguna),
            field="pengguna",
        )
    raise AksesDitolakError(
        _("Peran {peran} ({nama}) tidak berwenang untuk tindakan ini ({aksi}).").format(
            peran=LABEL_PERAN.get(row.peran, row.peran), nama=row.nama_pengguna, aksi=aksi
        ),
        field="pengguna",
    )


def boleh(ctx: ServiceContext, aksi: str, *, penilai_id: str | None = None) -> bool:
    """Whether the signed-in user may do ``aksi``: for the GUI to hide or grey out buttons.

    Only a convenience; the services still check for themselves. For penilai actions pass the
    pegawai id of the SKP's pejabat penilai (a penilai is allowed only when it is theirs).
    """
    try:
        if PENILAI_BAWAHAN in MATRIKS[aksi]:
            izinkan(ctx, aksi, penilai_id=penilai_id)
        else:
            izinkan(ctx, aksi)
    except AksesDitolakError:
        return False
    return True
