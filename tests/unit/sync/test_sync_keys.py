"""Ed25519 keys, domain-separated signatures and the passphrase key file (sync.md §4.3, §4.7)."""

import base64
import hashlib
import json
import os
import re
import stat
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from app.sync import keys
from app.sync.errors import SyncError
from app.sync.keys import (
    SIGNATURE_CONTEXT_DEVICE_CERT,
    SIGNATURE_CONTEXT_MANIFEST,
    fingerprint,
    generate_private_key,
    is_small_order,
    key_id,
    load_private_key,
    public_bytes,
    public_key_b64,
    public_key_from_b64,
    save_private_key,
    sign,
    verify,
)

# RFC 8032 §7.1, TEST 1 (empty message).
RFC_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
RFC_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)
PASSPHRASE = "rahasia-kantor-42"
IDENTITY_KEY = b"\x01" + bytes(31)
FORGED_SIGNATURE = b"\x01" + bytes(63)  # R = identity, S = 0: "valid" under a small-order key


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(RFC_SECRET)


def test_rfc8032_vector_1_with_the_library(key: Ed25519PrivateKey) -> None:
    assert public_bytes(key) == RFC_PUBLIC
    assert key.sign(b"") == RFC_SIGNATURE
    Ed25519PublicKey.from_public_bytes(RFC_PUBLIC).verify(RFC_SIGNATURE, b"")


def test_sign_prefixes_context_and_nul(key: Ed25519PrivateKey) -> None:
    signature = sign(key, SIGNATURE_CONTEXT_MANIFEST, b"isi")
    assert signature == key.sign(b"bkd-sync/manifest/v1\x00isi")
    assert signature == sign(key, SIGNATURE_CONTEXT_MANIFEST, b"isi")  # deterministic
    assert verify(RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, b"isi", signature)
    assert not verify(RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, b"isi!", signature)
    # The raw RFC signature (no context) is not a valid context signature of the empty message.
    assert not verify(RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, b"", RFC_SIGNATURE)


def test_device_cert_signature_is_not_a_manifest_signature(key: Ed25519PrivateKey) -> None:
    """S12: a signature is bound to the kind of object it was made for."""
    message = b'{"installation_id":"x"}'
    cert_signature = sign(key, SIGNATURE_CONTEXT_DEVICE_CERT, message)
    assert verify(RFC_PUBLIC, SIGNATURE_CONTEXT_DEVICE_CERT, message, cert_signature)
    assert not verify(RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, message, cert_signature)


@pytest.mark.parametrize("context", ["", "bkd\x00sync", "konteks-é"])
def test_sign_refuses_bad_context(key: Ed25519PrivateKey, context: str) -> None:
    with pytest.raises(ValueError, match="context"):
        sign(key, context, b"x")


@pytest.mark.parametrize(
    ("public", "context", "message", "signature"),
    [
        (RFC_PUBLIC[:31], SIGNATURE_CONTEXT_MANIFEST, b"", bytes(64)),
        (RFC_PUBLIC + b"\x00", SIGNATURE_CONTEXT_MANIFEST, b"", bytes(64)),
        (RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, b"", bytes(63)),
        (RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, b"", bytes(65)),
        (RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, b"", b"\xff" * 64),  # S >= L, non-canonical
        (RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, b"", bytes(64)),
        (bytes(32), SIGNATURE_CONTEXT_MANIFEST, b"", bytes(64)),  # all-zero key
        (IDENTITY_KEY, SIGNATURE_CONTEXT_MANIFEST, b"m", FORGED_SIGNATURE),
        (RFC_PUBLIC, "", b"", bytes(64)),
        (RFC_PUBLIC, "kontéks", b"", bytes(64)),
        ("d75a", SIGNATURE_CONTEXT_MANIFEST, b"", bytes(64)),
        (RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, "teks", bytes(64)),
        (RFC_PUBLIC, SIGNATURE_CONTEXT_MANIFEST, b"", "e556" * 16),
        (RFC_PUBLIC, 42, b"", bytes(64)),
    ],
)
def test_verify_never_raises(
    public: object, context: object, message: object, signature: object
) -> None:
    assert verify(public, context, message, signature) is False  # type: ignore[arg-type]


def test_small_order_keys_are_refused_although_openssl_would_accept() -> None:
    forged_message = b"bkd-sync/manifest/v1\x00m"
    # Demonstrates the hazard: the library accepts a forged signature under the identity key.
    Ed25519PublicKey.from_public_bytes(IDENTITY_KEY).verify(FORGED_SIGNATURE, forged_message)
    assert not verify(IDENTITY_KEY, SIGNATURE_CONTEXT_MANIFEST, b"m", FORGED_SIGNATURE)
    for y in keys._SMALL_ORDER_Y:
        encoded = (y & ((1 << 255) - 1)).to_bytes(32, "little")
        assert is_small_order(encoded)
        assert is_small_order(encoded[:31] + bytes([encoded[31] | 0x80]))  # either sign of x
    assert not is_small_order(RFC_PUBLIC)
    assert not is_small_order(public_bytes(generate_private_key()))


def test_small_order_points_really_have_small_order() -> None:
    """Recompute [8]P for each blocklisted y on edwards25519, so the list cannot rot silently."""
    p = 2**255 - 19
    d = -121665 * pow(121666, p - 2, p) % p

    def add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
        (x1, y1), (x2, y2) = a, b
        t = d * x1 * x2 * y1 * y2
        return (
            (x1 * y2 + x2 * y1) * pow(1 + t, p - 2, p) % p,
            (y1 * y2 + x1 * x2) * pow(1 - t, p - 2, p) % p,
        )

    for encoded_y in keys._SMALL_ORDER_Y:
        y = encoded_y % p
        xx = (y * y - 1) * pow(d * y * y + 1, p - 2, p) % p
        x = pow(xx, (p + 3) // 8, p)
        if (x * x - xx) % p:
            x = x * pow(2, (p - 1) // 4, p) % p
        assert (x * x - xx) % p == 0
        point = (x, y)
        for _ in range(3):
            point = add(point, point)
        assert point == (0, 1)


def test_key_id_and_fingerprint() -> None:
    kid = key_id(RFC_PUBLIC)
    assert kid == hashlib.sha256(RFC_PUBLIC).hexdigest()[:32]
    assert re.fullmatch(r"[0-9a-f]{32}", kid)
    text = fingerprint(RFC_PUBLIC)
    assert re.fullmatch(r"([0-9A-F]{4} ){7}[0-9A-F]{4}", text)
    assert text.replace(" ", "").lower() == kid
    with pytest.raises(ValueError, match="32 bytes"):
        key_id(RFC_PUBLIC[:16])


def test_public_bytes_of_private_and_public_key_agree() -> None:
    private = generate_private_key()
    assert public_bytes(private) == public_bytes(private.public_key())
    assert len(public_bytes(private)) == 32
    assert public_bytes(generate_private_key()) != public_bytes(private)


def test_public_key_base64_round_trip() -> None:
    text = public_key_b64(RFC_PUBLIC)
    assert text == base64.b64encode(RFC_PUBLIC).decode()
    assert public_key_from_b64(text) == RFC_PUBLIC
    assert public_key_from_b64(f"  {text}\n") == RFC_PUBLIC
    with pytest.raises(ValueError, match="32 bytes"):
        public_key_b64(b"pendek")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "!!!",
        base64.b64encode(bytes(31)).decode(),
        base64.b64encode(bytes(33)).decode(),
        base64.b64encode(RFC_PUBLIC).decode().rstrip("="),
        base64.b64encode(RFC_PUBLIC).decode()[:-2] + "b=",  # non-canonical trailing bits
        "kunci é",
        None,
    ],
)
def test_public_key_from_bad_base64(text: str) -> None:
    with pytest.raises(SyncError) as caught:
        public_key_from_b64(text)
    assert caught.value.code == "BAD_KEY"
    assert "base64" in caught.value.message


# ----------------------------------------------------------------------------- key file


def test_key_file_round_trip(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "instalasi.pem"
    save_private_key(path, key, PASSPHRASE)
    text = path.read_bytes()
    assert text.startswith(b"-----BEGIN CAPAIAN PRIVATE KEY-----")
    header = json.loads(_body(text))
    assert header["kdf"]["nama"] == "argon2id" and header["aead"]["nama"] == "aes-256-gcm"
    assert (header["kdf"]["t"], header["kdf"]["m"], header["kdf"]["p"]) == (2, 19456, 1)
    assert RFC_SECRET.hex().encode() not in text
    assert base64.b64encode(RFC_SECRET) not in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = load_private_key(path, PASSPHRASE)
    assert public_bytes(loaded) == RFC_PUBLIC
    assert [p.name for p in tmp_path.iterdir()] == ["instalasi.pem"]  # no temporary file left


def test_key_file_passphrase_is_nfc_normalised(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, key, "Kata-sandi-Caf\u00e9")
    assert public_bytes(load_private_key(path, "Kata-sandi-Cafe\u0301")) == RFC_PUBLIC


def test_key_file_overwrite_is_atomic(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, generate_private_key(), PASSPHRASE)
    save_private_key(path, key, PASSPHRASE)
    assert public_bytes(load_private_key(path, PASSPHRASE)) == RFC_PUBLIC


@pytest.mark.parametrize("passphrase", ["", "1234567", "é" * 7])
def test_weak_passphrase(tmp_path: Path, key: Ed25519PrivateKey, passphrase: str) -> None:
    with pytest.raises(SyncError) as caught:
        save_private_key(tmp_path / "k.pem", key, passphrase)
    assert caught.value.code == "WEAK_PASSPHRASE"
    assert "minimal 8 karakter" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_wrong_passphrase(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "k.pem"
    save_private_key(path, key, PASSPHRASE)
    with pytest.raises(SyncError) as caught:
        load_private_key(path, "salah-sandi-99")
    assert caught.value.code == "WRONG_PASSPHRASE"
    assert str(path) in caught.value.message


def test_missing_key_file(tmp_path: Path) -> None:
    path = tmp_path / "tidak-ada.pem"
    with pytest.raises(SyncError) as caught:
        load_private_key(path, PASSPHRASE)
    assert caught.value.code == "BAD_KEY_FILE"
    assert str(path) in caught.value.message
    assert "tidak ditemukan" in caught.value.message


def test_unreadable_key_file(tmp_path: Path) -> None:
    with pytest.raises(SyncError) as caught:
        load_private_key(tmp_path, PASSPHRASE)  # a folder, not a file
    assert caught.value.code == "BAD_KEY_FILE"
    assert "tidak dapat dibaca" in caught.value.message


def _body(text: bytes) -> bytes:
    """The JSON between the armour lines of a current key file."""
    lines = text.strip().split(b"\n")
    return b"\n".join(lines[1:-1])


def _legacy(key: Ed25519PrivateKey, passphrase: str = PASSPHRASE) -> bytes:
    """A key file as installations before Argon2id wrote it (PKCS#8, PBKDF2)."""
    return key.private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase.encode())
    )


def _pem(der: bytes) -> bytes:
    body = base64.encodebytes(der)
    return (
        b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body + b"-----END ENCRYPTED PRIVATE KEY-----\n"
    )


def _corruptions(good: bytes) -> list[bytes]:
    lines = good.splitlines(keepends=True)
    der = base64.b64decode(b"".join(lines[1:-1]))
    return [
        b"",
        b"bukan kunci sama sekali",
        good[: len(good) // 2],  # truncated: no END line
        good.replace(b"M", b"*", 1),  # not base64
        b"x" * (keys.MAX_KEY_FILE_BYTES + 1),
        _pem(der + b"\x00"),  # junk after the structure
        _pem(der[:-8]),  # truncated ciphertext and outer length
        _pem(b"\x30"),  # too short for a TLV
        _pem(b"\x30\x85" + bytes(10)),  # length of length out of range
        _pem(b"\x30\x05\x00"),  # declared longer than present
        _pem(b"\x30\x04\x30\x00\x04\x00"),  # empty ciphertext
        _pem(b"\x04\x04\x30\x00\x04\x00"),  # wrong outer tag
    ]


def test_damaged_key_files(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "k.pem"
    path.write_bytes(_legacy(key))
    for damaged in _corruptions(path.read_bytes()):
        bad = tmp_path / "rusak.pem"
        bad.write_bytes(damaged)
        with pytest.raises(SyncError) as caught:
            load_private_key(bad, PASSPHRASE)
        assert caught.value.code == "BAD_KEY_FILE", damaged[:60]
        assert str(bad) in caught.value.message


def test_unencrypted_or_foreign_keys_are_refused(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    plain = tmp_path / "polos.pem"
    plain.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    foreign = tmp_path / "ec.pem"
    foreign.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(PASSPHRASE.encode())
        )
    )
    for path in (plain, foreign):
        with pytest.raises(SyncError) as caught:
            load_private_key(path, PASSPHRASE)
        assert caught.value.code == "BAD_KEY_FILE"


def test_unsupported_cipher_is_a_damaged_file(
    tmp_path: Path, key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptography.exceptions import UnsupportedAlgorithm

    path = tmp_path / "k.pem"
    path.write_bytes(_legacy(key))

    def unsupported(*_args: object, **_kwargs: object) -> None:
        raise UnsupportedAlgorithm("cipher")

    monkeypatch.setattr(keys, "load_pem_private_key", unsupported)
    with pytest.raises(SyncError) as caught:
        load_private_key(path, PASSPHRASE)
    assert caught.value.code == "BAD_KEY_FILE"


def test_save_creates_a_private_key_folder(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = tmp_path / "data" / "kunci" / "k.pem"
    save_private_key(path, key, PASSPHRASE)
    assert public_bytes(load_private_key(path, PASSPHRASE)) == RFC_PUBLIC
    if os.name == "posix":
        assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0


def test_save_where_no_folder_can_be(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    blocker = tmp_path / "berkas-biasa"
    blocker.write_text("bukan folder")
    path = blocker / "k.pem"
    with pytest.raises(SyncError) as caught:
        save_private_key(path, key, PASSPHRASE)
    assert caught.value.code == "WRITE_FAILED"
    assert str(path) in caught.value.message
    assert [p.name for p in tmp_path.iterdir()] == ["berkas-biasa"]


def test_save_failure_leaves_no_temporary_file(
    tmp_path: Path, key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keys.os, "fsync", disk_full)
    with pytest.raises(SyncError) as caught:
        save_private_key(tmp_path / "k.pem", key, PASSPHRASE)
    assert caught.value.code == "WRITE_FAILED"
    assert list(tmp_path.iterdir()) == []


def test_invalid_signature_type_is_what_the_library_raises() -> None:
    """Guards the assumption behind ``verify``: cryptography reports failure by exception."""
    with pytest.raises(InvalidSignature):
        Ed25519PublicKey.from_public_bytes(RFC_PUBLIC).verify(bytes(64), b"")
