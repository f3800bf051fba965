"""The Argon2id + AES-256-GCM key file, and the upgrade of older PKCS#8 (PBKDF2) key files."""

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    PrivateFormat,
    load_pem_private_key,
)

from app.sync import keys
from app.sync.errors import SyncError
from app.sync.keys import load_private_key, public_bytes, save_private_key

PASSPHRASE = "rahasia-kantor-42"
BEGIN, END = b"-----BEGIN CAPAIAN PRIVATE KEY-----", b"-----END CAPAIAN PRIVATE KEY-----"


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _fields(path: Path) -> dict:  # type: ignore[type-arg]
    text = path.read_bytes().strip()
    assert text.startswith(BEGIN) and text.endswith(END)
    return json.loads(text[len(BEGIN) : -len(END)])  # type: ignore[no-any-return]


def _write(path: Path, fields: dict) -> None:  # type: ignore[type-arg]
    path.write_bytes(BEGIN + b"\n" + json.dumps(fields).encode() + b"\n" + END + b"\n")


def _legacy(key: Ed25519PrivateKey, passphrase: str = PASSPHRASE) -> bytes:
    return key.private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase.encode())
    )


def test_file_names_kdf_parameters_salt_and_nonce(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, key, PASSPHRASE)
    fields = _fields(path)
    assert fields["format"] == "capaian-kunci-privat" and fields["versi"] == 1
    assert fields["kdf"]["nama"] == "argon2id"
    assert len(base64.b64decode(fields["kdf"]["salt"])) == 16
    assert len(base64.b64decode(fields["aead"]["nonce"])) == 12
    assert base64.b64decode(fields["kunci_publik"]) == public_bytes(key)
    assert len(base64.b64decode(fields["sandi"])) == 32 + 16  # secret + GCM tag
    # A fresh salt and nonce every time: two saves of one key never give the same file.
    other = tmp_path / "k2.pem"
    save_private_key(other, key, PASSPHRASE)
    assert _fields(other)["kdf"]["salt"] != fields["kdf"]["salt"]
    assert _fields(other)["sandi"] != fields["sandi"]


def test_wrong_passphrase_is_a_clear_indonesian_error(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, key, PASSPHRASE)
    before = path.read_bytes()
    with pytest.raises(SyncError) as caught:
        load_private_key(path, "rahasia-kantor-43")
    assert caught.value.code == "WRONG_PASSPHRASE"
    assert "Kata sandi untuk berkas kunci" in caught.value.message
    assert str(path) in caught.value.message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("kdf", "t"), 3),  # a parameter changed: the header is authenticated
        (("kdf", "salt"), base64.b64encode(bytes(16)).decode()),
        (("aead", "nonce"), base64.b64encode(bytes(12)).decode()),
    ],
)
def test_tampered_header_does_not_decrypt(
    tmp_path: Path, key: Ed25519PrivateKey, where: tuple[str, str], value: object
) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, key, PASSPHRASE)
    fields = _fields(path)
    fields[where[0]][where[1]] = value
    _write(path, fields)
    with pytest.raises(SyncError) as caught:
        load_private_key(path, PASSPHRASE)
    assert caught.value.code == "WRONG_PASSPHRASE"  # GCM cannot tell tampering from a typo


def test_flipped_ciphertext_bit_does_not_decrypt(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, key, PASSPHRASE)
    fields = _fields(path)
    sealed = bytearray(base64.b64decode(fields["sandi"]))
    sealed[0] ^= 1
    fields["sandi"] = base64.b64encode(bytes(sealed)).decode()
    _write(path, fields)
    with pytest.raises(SyncError) as caught:
        load_private_key(path, PASSPHRASE)
    assert caught.value.code == "WRONG_PASSPHRASE"


def _damage(fields: dict, change: str) -> dict | str:  # type: ignore[type-arg]
    f = json.loads(json.dumps(fields))
    if change == "version":
        f["versi"] = 2
    elif change == "kdf":
        f["kdf"]["nama"] = "pbkdf2"
    elif change == "aead":
        f["aead"]["nama"] = "chacha20"
    elif change == "huge-memory":
        f["kdf"]["m"] = 1 << 30  # would ask for a terabyte: refused before deriving
    elif change == "zero-time":
        f["kdf"]["t"] = 0
    elif change == "bool-lanes":
        f["kdf"]["p"] = True
    elif change == "short-salt":
        f["kdf"]["salt"] = base64.b64encode(b"x").decode()
    elif change == "not-base64":
        f["sandi"] = "***"
    elif change == "missing":
        del f["aead"]
    elif change == "foreign":
        f["format"] = "lain"
    elif change == "not-json":
        return "{bukan json"
    elif change == "list":
        return "[]"
    return f


@pytest.mark.parametrize(
    "change",
    [
        "version",
        "kdf",
        "aead",
        "huge-memory",
        "zero-time",
        "bool-lanes",
        "short-salt",
        "not-base64",
        "missing",
        "foreign",
        "not-json",
        "list",
    ],
)
def test_damaged_new_format_is_bad_key_file(
    tmp_path: Path, key: Ed25519PrivateKey, change: str
) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, key, PASSPHRASE)
    damaged = _damage(_fields(path), change)
    if isinstance(damaged, str):
        path.write_bytes(BEGIN + b"\n" + damaged.encode() + b"\n" + END)
    else:
        _write(path, damaged)
    with pytest.raises(SyncError) as caught:
        load_private_key(path, PASSPHRASE)
    assert caught.value.code == "BAD_KEY_FILE"
    assert str(path) in caught.value.message


def test_truncated_new_format_is_bad_key_file(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, key, PASSPHRASE)
    path.write_bytes(path.read_bytes()[:80])
    with pytest.raises(SyncError) as caught:
        load_private_key(path, PASSPHRASE)
    assert caught.value.code == "BAD_KEY_FILE"


def test_public_key_that_does_not_match_the_secret(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    """A file whose sealed secret and public key disagree is damaged, whatever decrypts."""
    other = Ed25519PrivateKey.generate()
    path = tmp_path / "k.pem"
    salt, nonce = b"s" * 16, b"n" * 12
    header = keys._header(keys.KDF_PARAMS, salt, nonce, public_bytes(other))
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import NoEncryption

    secret = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    derived = keys._derive(PASSPHRASE.encode(), salt, keys.KDF_PARAMS)
    sealed = AESGCM(derived).encrypt(nonce, secret, keys._aad(header))
    _write(path, {**header, "sandi": base64.b64encode(sealed).decode()})
    with pytest.raises(SyncError) as caught:
        load_private_key(path, PASSPHRASE)
    assert caught.value.code == "BAD_KEY_FILE"


def test_legacy_pkcs8_file_is_read_and_upgraded(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    """An installation from before Argon2id keeps working and gets the stronger file."""
    path = tmp_path / "k.pem"
    path.write_bytes(_legacy(key))
    assert load_pem_private_key(path.read_bytes(), PASSPHRASE.encode())  # really the old format
    loaded = load_private_key(path, PASSPHRASE)
    assert public_bytes(loaded) == public_bytes(key)
    assert path.read_bytes().startswith(BEGIN)  # rewritten in the current format
    assert public_bytes(load_private_key(path, PASSPHRASE)) == public_bytes(key)
    assert [p.name for p in tmp_path.iterdir()] == ["k.pem"]


def test_legacy_file_with_wrong_passphrase_is_left_alone(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    path = tmp_path / "k.pem"
    legacy = _legacy(key)
    path.write_bytes(legacy)
    with pytest.raises(SyncError) as caught:
        load_private_key(path, "rahasia-kantor-43")
    assert caught.value.code == "WRONG_PASSPHRASE"
    assert path.read_bytes() == legacy


def test_legacy_file_in_a_read_only_place_still_unlocks(
    tmp_path: Path, key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upgrade is a courtesy: failing to rewrite must not refuse a correct passphrase."""
    path = tmp_path / "k.pem"
    legacy = _legacy(key)
    path.write_bytes(legacy)

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keys.os, "fsync", disk_full)
    assert public_bytes(load_private_key(path, PASSPHRASE)) == public_bytes(key)
    assert path.read_bytes() == legacy
