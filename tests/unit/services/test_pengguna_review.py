"""Review tests for account management (independent review of the accounts feature)."""

import pytest

from app.errors import AksesDitolakError
from app.services import izin, pengguna, setup
from app.services.context import ServiceContext


@pytest.mark.xfail(
    strict=True,
    reason="design question: which role may create or take over a bkd_admin account (the "
    "first account of a BKD may itself be a plain admin, who then could never get one)",
)
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
