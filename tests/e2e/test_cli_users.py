"""The command line acts as a named user: --as NAMA with a password, roles checked by services."""

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.models import AuditLog
from app.models.db import Database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def kantor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    """An office database with an admin (the first account, made without a login)."""
    path = str(tmp_path / "kantor.db")
    assert (
        run(
            capsys, "--db", path, "init", "--role", "dinas", "--kode", "DINKES", "--nama", "Dinkes"
        )[0]
        == 0
    )
    monkeypatch.setenv("CAPAIAN_SANDI_BARU", "sandi-admin-1")
    code, out, _ = run(
        capsys, "--db", path, "user", "add", "admin", "--nama-lengkap", "Admin", "--peran", "admin"
    )
    assert (code, out.strip()) == (0, "Akun admin (admin) dibuat.")
    return path


def add_operator(
    kantor: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The admin adds operator ``op`` (password ``sandi-op-001``)."""
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-admin-1")
    monkeypatch.setenv("CAPAIAN_SANDI_BARU", "sandi-op-001")
    argv = ["user", "add", "op", "--nama-lengkap", "Operator", "--peran", "operator"]
    assert run(capsys, "--db", kantor, "--as", "admin", *argv)[0] == 0


def test_writes_need_a_login_once_accounts_exist(
    kantor: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CAPAIAN_SANDI_BARU", "sandi-sek-01")
    code, _, err = run(
        capsys,
        "--db",
        kantor,
        "user",
        "add",
        "sek",
        "--nama-lengkap",
        "Sekretariat",
        "--peran",
        "sekretariat",
    )
    assert code == 1 and "Masuk dahulu" in err and "Traceback" not in err
    # The password of the --as user comes from a file (or $CAPAIAN_SANDI, or a prompt).
    secret = tmp_path / "sandi.txt"
    secret.write_text("sandi-admin-1\n", encoding="utf-8")
    code, out, _ = run(
        capsys,
        "--db",
        kantor,
        "--as",
        "admin",
        "--password-file",
        str(secret),
        "user",
        "add",
        "sek",
        "--nama-lengkap",
        "Sekretariat",
        "--peran",
        "sekretariat",
    )
    assert code == 0, out
    # Reads stay open without a login; the list never shows a hash.
    code, out, _ = run(capsys, "--db", kantor, "--json", "user", "list")
    users = json.loads(out)
    assert [u["nama_pengguna"] for u in users] == ["admin", "sek"]
    assert all("hash" not in key for u in users for key in u)
    # The audit log names the signed-in account, not the operating-system login.
    database = Database.open(kantor, create=False)
    try:
        with database.engine.connect() as connection:
            pelaku = (
                connection.execute(
                    select(AuditLog.pelaku).where(AuditLog.perintah == "buat_pengguna")
                )
                .scalars()
                .all()
            )
    finally:
        database.dispose()
    assert pelaku[1] == "admin"


def test_roles_are_checked_for_cli_commands(
    kantor: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    add_operator(kantor, capsys, monkeypatch)
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-op-001")
    code, _, err = run(
        capsys, "--db", kantor, "--as", "op", "export-excel", "pegawai", str(tmp_path / "p.xlsx")
    )
    assert code == 1
    assert "Peran operator (op) tidak berwenang" in err
    assert not (tmp_path / "p.xlsx").exists()
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-admin-1")
    code, _, _ = run(
        capsys, "--db", kantor, "--as", "admin", "export-excel", "pegawai", str(tmp_path / "p.xlsx")
    )
    assert code == 0 and (tmp_path / "p.xlsx").exists()


def test_wrong_password_lock_reset_and_passwd(
    kantor: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_operator(kantor, capsys, monkeypatch)
    monkeypatch.setenv("CAPAIAN_SANDI", "salah-salah")
    messages = [run(capsys, "--db", kantor, "--as", "op", "info")[2] for _ in range(5)]
    assert "Nama pengguna atau sandi salah" in messages[0]
    assert "dikunci selama 30 detik" in messages[4]
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-op-001")
    code, _, err = run(capsys, "--db", kantor, "--as", "op", "info")
    assert code == 1 and "terkunci" in err
    # The admin resets the password, which lifts the lock.
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-admin-1")
    monkeypatch.setenv("CAPAIAN_SANDI_BARU", "sandi-op-002")
    assert run(capsys, "--db", kantor, "--as", "admin", "user", "reset", "op")[0] == 0
    # The operator changes their own password: the login password is the old one.
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-op-002")
    monkeypatch.setenv("CAPAIAN_SANDI_BARU", "sandi-op-003")
    code, out, err = run(capsys, "--db", kantor, "--as", "op", "user", "passwd")
    assert code == 0, err
    assert out.strip() == "Sandi op diganti."
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-op-003")
    assert run(capsys, "--db", kantor, "--as", "op", "info")[0] == 0
    # A disabled account cannot sign in.
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-admin-1")
    assert run(capsys, "--db", kantor, "--as", "admin", "user", "disable", "op")[0] == 0
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-op-003")
    code, _, err = run(capsys, "--db", kantor, "--as", "op", "info")
    assert code == 1 and "dinonaktifkan" in err


def test_history_of_an_account(kantor: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", kantor, "--json", "user", "list")
    admin_id = json.loads(out)[0]["id"]
    code, out, _ = run(
        capsys, "--db", kantor, "--json", "history", "--entitas", "pengguna", "--id", admin_id
    )
    assert code == 0
    (entry,) = json.loads(out)
    assert entry["perintah"] == "buat_pengguna"
    assert entry["sesudah"]["peran"] == "admin"
    code, _, err = run(capsys, "--db", kantor, "history")
    assert code == 1 and "Gunakan: capaian history" in err


def test_only_an_admin_may_restore_a_backup(
    kantor: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A restore replaces the database, accounts included: an operator is refused."""
    add_operator(kantor, capsys, monkeypatch)
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-admin-1")
    backup = tmp_path / "salinan.db"
    assert run(capsys, "--db", kantor, "--as", "admin", "backup", str(backup))[0] == 0
    before = Path(kantor).read_bytes()
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-op-001")
    restore = ["restore", str(backup), "--yes"]
    code, _, err = run(capsys, "--db", kantor, "--as", "op", *restore)
    assert code == 1 and "tidak berwenang" in err
    code, _, err = run(capsys, "--db", kantor, *restore)  # nobody signed in
    assert code == 1 and "Masuk dahulu" in err
    assert Path(kantor).read_bytes() == before
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-admin-1")
    code, out, err = run(capsys, "--db", kantor, "--as", "admin", *restore)
    assert code == 0, err
    assert "dipulihkan" in out
