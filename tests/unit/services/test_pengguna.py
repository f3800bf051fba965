"""User accounts: first admin, login lock, password change and reset, audit history, privacy."""

import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import AksesDitolakError, ConflictError, NotFoundError, ValidationError
from app.models import AuditLog, OutboxOp, Pengguna
from app.services import izin, pegawai, pengguna, riwayat, sync_export
from app.services.context import ServiceContext
from tests.conftest import FIXED_NOW
from tests.helpers import NIP_BIDAN, NIP_KEPALA, build_team, snapshot

SANDI = "sandi-admin-01"


class Clock:
    """A clock the test moves forward."""

    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self) -> datetime:
        return self.now


def _admin(ctx: ServiceContext) -> None:
    pengguna.buat_pengguna(
        ctx, nama_pengguna="Admin", nama_lengkap="Admin Kepegawaian", peran="admin", sandi=SANDI
    )
    pengguna.masuk(ctx, "admin", SANDI)


def test_first_account_must_be_admin_then_admin_only(office: ServiceContext) -> None:
    assert not pengguna.ada_pengguna_terdaftar(office)
    before = snapshot(office.db)
    with pytest.raises(ValidationError, match="Akun pertama harus berperan admin"):
        pengguna.buat_pengguna(
            office, nama_pengguna="op", nama_lengkap="Op", peran="operator", sandi=SANDI
        )
    assert snapshot(office.db) == before
    created = pengguna.buat_pengguna(
        office, nama_pengguna=" Admin ", nama_lengkap="Admin", peran="admin", sandi=SANDI
    ).value
    assert created.nama_pengguna == "admin"
    assert not hasattr(created, "hash_sandi")
    # From now on nobody may create accounts without signing in as an admin.
    with pytest.raises(AksesDitolakError, match="Masuk dahulu"):
        pengguna.buat_pengguna(
            office, nama_pengguna="op", nama_lengkap="Op", peran="operator", sandi=SANDI
        )
    pengguna.masuk(office, "admin", SANDI)
    assert office.actor == "admin" and office.pengguna == created
    pengguna.buat_pengguna(
        office, nama_pengguna="op", nama_lengkap="Op", peran="operator", sandi="sandi-op-001"
    )
    with pytest.raises(ConflictError, match="sudah dipakai"):
        pengguna.buat_pengguna(
            office, nama_pengguna="OP", nama_lengkap="Lain", peran="operator", sandi=SANDI
        )
    pengguna.masuk(office, "op", "sandi-op-001")
    with pytest.raises(AksesDitolakError, match="tidak berwenang"):
        pengguna.buat_pengguna(
            office, nama_pengguna="op2", nama_lengkap="Op", peran="admin", sandi=SANDI
        )
    assert [u.nama_pengguna for u in pengguna.daftar_pengguna(office)] == ["admin", "op"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"nama_pengguna": "a"}, "nama_pengguna"),
        ({"nama_pengguna": "ada spasi"}, "nama_pengguna"),
        ({"sandi": "pendek"}, "sandi"),
        ({"sandi": "penilai01", "nama_pengguna": "penilai01"}, "sandi"),
        ({"peran": "raja"}, "peran"),
        ({"peran": "bkd_admin"}, "peran"),  # not on an office installation
        ({"peran": "penilai"}, "pegawai_nip"),  # a penilai must be linked to a pegawai
        ({"nama_lengkap": " "}, "nama_lengkap"),
    ],
)
def test_account_validation(office: ServiceContext, fields: dict[str, str], field: str) -> None:
    _admin(office)
    data = {"nama_pengguna": "baru", "nama_lengkap": "Baru", "peran": "operator", "sandi": SANDI}
    before = snapshot(office.db)
    with pytest.raises(ValidationError) as error:
        pengguna.buat_pengguna(office, **{**data, **fields})
    assert error.value.field == field
    assert snapshot(office.db) == before


def test_penilai_needs_an_existing_pegawai(office: ServiceContext) -> None:
    _admin(office)
    with pytest.raises(NotFoundError):
        pengguna.buat_pengguna(
            office,
            nama_pengguna="kepala",
            nama_lengkap="Kepala",
            peran="penilai",
            sandi=SANDI,
            pegawai_nip="199999999999999999",
        )


def test_lock_after_repeated_failures_with_a_growing_delay(office: ServiceContext) -> None:
    clock = Clock()
    office.clock = clock
    _admin(office)
    pengguna.keluar(office, "penguji")
    for attempt in range(1, 5):
        with pytest.raises(AksesDitolakError, match="Nama pengguna atau sandi salah"):
            pengguna.masuk(office, "admin", f"salah-{attempt}")
    with pytest.raises(AksesDitolakError, match=r"5 kali berturut-turut.*30 detik"):
        pengguna.masuk(office, "admin", "salah-5")
    assert office.pengguna is None
    # While locked even the right password is not tried, and the count does not grow.
    clock.now += timedelta(seconds=20)
    with pytest.raises(AksesDitolakError, match="coba lagi dalam 10 detik"):
        pengguna.masuk(office, "admin", SANDI)
    # The lock is stored in the database: a new program start (new context) sees it too.
    fresh = ServiceContext(
        db=office.db, actor="lain", evidence_dir=office.evidence_dir, clock=clock
    )
    with pytest.raises(AksesDitolakError, match="terkunci"):
        pengguna.masuk(fresh, "admin", SANDI)
    # After the delay one more failure locks again, twice as long.
    clock.now += timedelta(seconds=11)
    with pytest.raises(AksesDitolakError, match="60 detik"):
        pengguna.masuk(office, "admin", "salah-6")
    clock.now += timedelta(seconds=61)
    assert pengguna.masuk(office, "admin", SANDI).nama_pengguna == "admin"
    with office.read() as session:
        row = session.scalars(select(Pengguna)).one()
        assert (row.gagal_berturut, row.terkunci_sampai) == (0, None)
        failures = session.scalars(
            select(AuditLog).where(AuditLog.entitas == "pengguna", AuditLog.aksi == "masuk_gagal")
        ).all()
    assert [f.sesudah["gagal_berturut"] for f in failures] == [1, 2, 3, 4, 5, 6]
    assert failures[4].sesudah["terkunci_sampai"] == (FIXED_NOW + timedelta(seconds=30)).isoformat()
    assert pengguna.jeda_kunci(4) == 0
    assert [pengguna.jeda_kunci(n) for n in (5, 6, 7, 12)] == [30, 60, 120, 3600]


def test_unknown_name_gets_the_same_message(office: ServiceContext) -> None:
    _admin(office)
    before = snapshot(office.db)
    with pytest.raises(AksesDitolakError, match="Nama pengguna atau sandi salah"):
        pengguna.masuk(office, "tidak-ada", SANDI)
    assert snapshot(office.db) == before


def test_change_own_password(office: ServiceContext) -> None:
    _admin(office)
    before = snapshot(office.db)
    with pytest.raises(ValidationError, match="Sandi lama salah"):
        pengguna.ganti_sandi(office, "bukan-ini-123", "sandi-baru-456")
    with pytest.raises(ValidationError, match="minimal 8"):
        pengguna.ganti_sandi(office, SANDI, "pendek")
    assert snapshot(office.db) == before
    pengguna.ganti_sandi(office, SANDI, "sandi-baru-456")
    with pytest.raises(AksesDitolakError):
        pengguna.masuk(office, "admin", SANDI)
    assert pengguna.masuk(office, "admin", "sandi-baru-456").peran == "admin"
    pengguna.keluar(office, "penguji")
    with pytest.raises(AksesDitolakError, match="Masuk dahulu"):
        pengguna.ganti_sandi(office, "sandi-baru-456", "sandi-lain-789")


def test_admin_resets_a_locked_password_and_disables_accounts(office: ServiceContext) -> None:
    _admin(office)
    pengguna.buat_pengguna(
        office, nama_pengguna="op", nama_lengkap="Op", peran="operator", sandi="sandi-op-001"
    )
    for attempt in range(5):
        with pytest.raises(AksesDitolakError):
            pengguna.masuk(office, "op", f"salah-{attempt}")
    assert office.pengguna is not None and office.pengguna.nama_pengguna == "admin"
    locked = next(u for u in pengguna.daftar_pengguna(office) if u.nama_pengguna == "op")
    assert locked.terkunci_sampai is not None
    pengguna.reset_sandi(office, "op", "sandi-op-baru")
    operator = ServiceContext(
        db=office.db, actor="x", evidence_dir=office.evidence_dir, clock=office.clock
    )
    pengguna.masuk(operator, "op", "sandi-op-baru")  # lock lifted by the reset
    with pytest.raises(AksesDitolakError, match="tidak berwenang"):
        pengguna.reset_sandi(operator, "admin", "ambil-alih-123")
    with pytest.raises(ValidationError, match="Admin aktif terakhir"):
        pengguna.nonaktifkan(office, "admin")
    pengguna.nonaktifkan(office, "op")
    # The operator's open session is refused at once; a new login too.
    before = snapshot(office.db)
    with pytest.raises(AksesDitolakError, match="tidak aktif"):
        pegawai.update_pegawai(operator, NIP_BIDAN, jabatan="x")
    assert snapshot(office.db) == before
    with pytest.raises(AksesDitolakError, match="dinonaktifkan"):
        pengguna.masuk(operator, "op", "sandi-op-baru")
    pengguna.nonaktifkan(office, "op", aktif=True)
    pengguna.masuk(operator, "op", "sandi-op-baru")


def test_hashes_are_argon2_and_never_audited(office: ServiceContext) -> None:
    _admin(office)
    pengguna.ganti_sandi(office, SANDI, "sandi-baru-456")
    with office.read() as session:
        hash_sandi = session.scalars(select(Pengguna.hash_sandi)).one()
        audits = session.scalars(select(AuditLog).where(AuditLog.entitas == "pengguna")).all()
    assert hash_sandi.startswith("$argon2id$")
    assert [a.aksi for a in audits] == ["create", "update"]
    assert all(hash_sandi not in str(a.sebelum) + str(a.sesudah) for a in audits)
    assert audits[1].sesudah == {"sandi": "diganti", "gagal_berturut": 0, "terkunci_sampai": None}


def test_writes_are_audited_under_the_signed_in_name(office: ServiceContext) -> None:
    team = build_team(office)  # before any account: everything allowed, actor "penguji"
    _admin(office)
    pegawai.update_pegawai(office, NIP_BIDAN, jabatan="Bidan Mahir")
    history = riwayat.riwayat(office, "pegawai", team.bidan.id)
    assert [(h.aksi, h.pelaku) for h in history] == [("create", "penguji"), ("update", "admin")]
    assert history[1].sebelum == {"jabatan": "Bidan Terampil"}
    assert history[1].sesudah == {"jabatan": "Bidan Mahir"}
    per_pegawai = riwayat.riwayat_pegawai(office, NIP_BIDAN)
    entities = {h.entitas for h in per_pegawai}
    assert {"pegawai", "skp", "rhk", "indikator"} <= entities
    assert [h.seq for h in per_pegawai] == sorted(h.seq for h in per_pegawai)
    assert team.skp_bidan.id in {h.entitas_id for h in per_pegawai}
    assert team.skp_kepala.id not in {h.entitas_id for h in per_pegawai}
    with pytest.raises(NotFoundError):
        riwayat.riwayat_pegawai(office, "199999999999999999")


def test_package_carries_no_account_data(office: ServiceContext, tmp_path: Path) -> None:
    build_team(office)
    _admin(office)
    pengguna.buat_pengguna(
        office,
        nama_pengguna="kepala.puskesmas",
        nama_lengkap="Budi Santoso Akun",
        peran="penilai",
        sandi="sandi-kepala-1",
        pegawai_nip=NIP_KEPALA,
    )
    with office.read() as session:
        hashes = list(session.scalars(select(Pengguna.hash_sandi)))
        assert not session.scalars(select(OutboxOp).where(OutboxOp.entitas == "pengguna")).all()
    sync_export.buat_kunci(office, "rahasia-kantor-1")
    package = sync_export.ekspor_paket(office, tmp_path / "paket.bkdsync", "rahasia-kantor-1")
    assert package.jumlah_op > 10
    with zipfile.ZipFile(package.berkas) as archive:
        content = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Budi Santoso" in content  # the pegawai travels ...
    for secret in (
        b"kepala.puskesmas",
        b"Budi Santoso Akun",
        b"argon2",
        b"hash_sandi",
        b"pengguna",
        *(h.encode() for h in hashes),
    ):
        assert secret not in content  # ... the accounts never do


def test_boleh_tells_the_gui_what_to_show(office: ServiceContext) -> None:
    team = build_team(office)
    assert izin.boleh(office, "periode.kunci")  # no accounts yet: everything
    _admin(office)
    pengguna.buat_pengguna(
        office,
        nama_pengguna="kepala",
        nama_lengkap="Budi Santoso",
        peran="penilai",
        sandi="sandi-kepala-1",
        pegawai_nip=NIP_KEPALA,
    )
    assert izin.boleh(office, "pengguna.kelola")
    assert not izin.boleh(office, "periode.kunci")  # BKD only
    pengguna.masuk(office, "kepala", "sandi-kepala-1")
    kepala_id = team.kepala.id
    assert izin.boleh(office, "evaluasi.simpan", penilai_id=kepala_id)
    assert not izin.boleh(office, "evaluasi.simpan", penilai_id=team.bidan.id)
    assert not izin.boleh(office, "cetak")
    pengguna.keluar(office, "penguji")
    assert not izin.boleh(office, "realisasi.catat")
