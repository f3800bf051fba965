"""Review tests for account management (independent review of the accounts feature)."""

import pytest

from app.errors import AksesDitolakError
from app.services import izin, pengguna, setup
from app.services.context import ServiceContext


def test_a_plain_admin_at_bkd_cannot_become_bkd_admin(ctx: ServiceContext) -> None:
    """The matrix keeps period locks, mutations, the catalogue and conflicts for bkd_admin
    only, yet an office-level ``admin`` account at BKD may create a ``bkd_admin`` account (the
    GUI form offers it) or reset the password of the existing one and sign in as it.
    """
    setup.init_installation(ctx, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026)
    pengguna.buat_pengguna(
        ctx,
        nama_pengguna="kepala",
        nama_lengkap="Kepala BKD",
        peran="bkd_admin",
        sandi="sandi-bkd-1",
    )
    pengguna.masuk(ctx, "kepala", "sandi-bkd-1")
    pengguna.buat_pengguna(
        ctx, nama_pengguna="staf", nama_lengkap="Staf Umum", peran="admin", sandi="sandi-staf-1"
    )
    pengguna.masuk(ctx, "staf", "sandi-staf-1")
    assert not izin.boleh(ctx, "periode.kunci")
    with pytest.raises(AksesDitolakError):
        pengguna.reset_sandi(ctx, "kepala", "diambil-alih-1")
    with pytest.raises(AksesDitolakError):
        pengguna.buat_pengguna(
            ctx, nama_pengguna="kedua", nama_lengkap="Baru", peran="bkd_admin", sandi="sandi-baru-1"
        )


def test_a_bkd_set_up_with_a_plain_admin_can_still_get_its_first_bkd_admin(
    ctx: ServiceContext,
) -> None:
    setup.init_installation(ctx, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026)
    pengguna.buat_pengguna(
        ctx, nama_pengguna="staf", nama_lengkap="Staf Umum", peran="admin", sandi="sandi-staf-1"
    )
    pengguna.masuk(ctx, "staf", "sandi-staf-1")
    made = pengguna.buat_pengguna(
        ctx, nama_pengguna="kepala", nama_lengkap="Kepala", peran="bkd_admin", sandi="sandi-bkd-1"
    ).value
    assert made.peran == "bkd_admin"
    pengguna.masuk(ctx, "kepala", "sandi-bkd-1")  # a bkd_admin manages the bkd_admins after
    pengguna.buat_pengguna(
        ctx, nama_pengguna="wakil", nama_lengkap="Wakil", peran="bkd_admin", sandi="sandi-bkd-2"
    )
    pengguna.reset_sandi(ctx, "wakil", "sandi-bkd-3")
