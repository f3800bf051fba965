"""Ed25519 keys: ids, fingerprints, domain-separated signatures and the passphrase key file.

Every signature covers ``context ‖ 0x00 ‖ message`` (sync.md §4.7), so a signature made for one
kind of object (a device certificate) can never be replayed as another (a package manifest).
``verify`` refuses small-order public keys explicitly: OpenSSL's Ed25519 accepts them, and with
such a key a forger needs no private key at all for some messages.

The private key file is ``-----BEGIN CAPAIAN PRIVATE KEY-----`` around a JSON object: format and
version, the KDF (Argon2id) with its parameters and salt, the AEAD (AES-256-GCM) with its nonce,
the public key and the sealed 32-byte secret. The whole header is the AEAD's associated data. Key
files of older installations (PKCS#8 with PBKDF2, 2048 iterations) are still read, and rewritten
in the current format on their first successful unlock.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type as Argon2Type
from argon2.low_level import hash_secret_raw
from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from app.i18n import _
from app.sync.errors import SyncError

SIGNATURE_CONTEXT_MANIFEST = "bkd-sync/manifest/v1"
SIGNATURE_CONTEXT_DEVICE_CERT = "bkd-sync/device-cert/v1"

PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
MIN_PASSPHRASE_CHARS = 8
MAX_KEY_FILE_BYTES = 64 * 1024
"""A PEM Ed25519 key is ~300 bytes; anything far larger is not our key file."""

_P = 2**255 - 19
_SMALL_ORDER_Y = frozenset(
    {
        0,  # order 4
        1,  # the identity
        _P - 1,  # order 2
        _P,  # non-canonical 0
        _P + 1,  # non-canonical 1
        2707385501144840649318225287225658788936804267575313519463743609750303402022,  # order 8
        55188659117513257062467267217118295137698188065244968500265048394206261417927,  # order 8
    }
)
"""y-coordinates of the points of order 1, 2, 4 and 8 (and their non-canonical encodings), as in
libsodium's blocklist; the sign bit of x does not matter."""

_PEM_BEGIN = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
_PEM_END = b"-----END ENCRYPTED PRIVATE KEY-----"


def generate_private_key() -> Ed25519PrivateKey:
    """A fresh installation (or BKD issuing) key from the OS random source."""
    return Ed25519PrivateKey.generate()


def public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The raw 32-byte public key, the form stored in the database and hashed into key ids."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public: bytes) -> str:
    """The first 16 bytes of SHA-256 of the raw public key, lowercase hex (32 characters).

    Raises:
        ValueError: ``public`` is not 32 bytes (a programming error, not bad input).
    """
    if len(public) != PUBLIC_KEY_BYTES:
        raise ValueError(f"an Ed25519 public key has {PUBLIC_KEY_BYTES} bytes, not {len(public)}")
    return hashlib.sha256(public).hexdigest()[:32]


def fingerprint(public: bytes) -> str:
    """The key id in upper-case groups of four, short enough to read over the phone to BKD.

    Example: ``3F2A 9C1B 0D4E 77A1 5B60 C2D9 8E13 F0AA``.
    """
    kid = key_id(public).upper()
    return " ".join(kid[i : i + 4] for i in range(0, len(kid), 4))


def _signed_message(context: str, message: bytes) -> bytes:
    """``context ‖ 0x00 ‖ message``; the NUL keeps one context from being a prefix of another."""
    if not isinstance(context, str) or not context.isascii() or not context or "\x00" in context:
        raise ValueError("a signature context is a non-empty ASCII string without NUL")
    return context.encode("ascii") + b"\x00" + message


def sign(key: Ed25519PrivateKey, context: str, message: bytes) -> bytes:
    """Sign ``message`` for the given context (one of the ``SIGNATURE_CONTEXT_*`` constants).

    Ed25519 is deterministic, so the same key and message always give the same 64 bytes; that is
    what lets a re-export of the same package reproduce the same file.

    Raises:
        ValueError: ``context`` is empty, not ASCII or contains NUL (a programming error).
    """
    return key.sign(_signed_message(context, message))


def is_small_order(public: bytes) -> bool:
    """Whether ``public`` encodes a point of small order (never a real key, always refused)."""
    y = int.from_bytes(public, "little") & ((1 << 255) - 1)
    return y in _SMALL_ORDER_Y


def verify(public: bytes, context: str, message: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is a valid signature of ``message`` under ``context`` by ``public``.

    Never raises for bad input: a key or signature of the wrong length or type, a small-order
    (e.g. all-zero) key, a non-canonical or garbage signature, an invalid context all give False,
    because the inputs come from untrusted files and a crash would be worse than a refusal.
    """
    if not isinstance(public, bytes) or not isinstance(signature, bytes):
        return False
    if len(public) != PUBLIC_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    if is_small_order(public) or not isinstance(message, bytes):
        return False
    try:
        signed = _signed_message(context, message)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, signed)
    except (InvalidSignature, ValueError, TypeError, AttributeError):
        return False
    return True


def public_key_b64(public: bytes) -> str:
    """Standard base64 of the raw 32-byte key (the text stored in the database and in certs)."""
    if len(public) != PUBLIC_KEY_BYTES:
        raise ValueError(f"an Ed25519 public key has {PUBLIC_KEY_BYTES} bytes, not {len(public)}")
    return base64.b64encode(public).decode("ascii")


def public_key_from_b64(text: str) -> bytes:
    """The raw key from its base64 text; surrounding whitespace from a paste is ignored.

    Raises:
        SyncError: ``BAD_KEY`` when the text is not canonical base64 of exactly 32 bytes.
    """
    stripped = text.strip() if isinstance(text, str) else ""
    try:
        raw = base64.b64decode(stripped, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != PUBLIC_KEY_BYTES or base64.b64encode(raw).decode("ascii") != stripped:
        raise SyncError(
            "BAD_KEY",
            _(
                "Kunci publik tidak sah: harus berupa 32 bita dalam base64. Periksa kembali "
                "salinan kuncinya atau minta kunci yang benar dari pemiliknya."
            ),
        )
    return raw


def _passphrase_bytes(passphrase: str) -> bytes:
    """NFC-normalised UTF-8, so one passphrase typed on different keyboards gives one key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (RFC 9106): passes, memory in KiB, lanes."""

    time_cost: int = 2
    memory_cost: int = 19 * 1024
    parallelism: int = 1


KDF_PARAMS = KdfParams()
"""OWASP's recommended Argon2id minimum (19 MiB, 2 passes, 1 lane): about a tenth of a second
per unlock on an office PC, and every guess costs an attacker the same 19 MiB. The parameters
are stored in each file, so raising them later keeps old files readable."""
_KDF_LIMITS = KdfParams(time_cost=16, memory_cost=1024 * 1024, parallelism=16)
"""Upper bounds accepted from a file: a tampered header must not make an unlock take an hour
or a gigabyte more than any Capaian ever wrote."""
_SALT_BYTES, _NONCE_BYTES, _SECRET_BYTES, _TAG_BYTES = 16, 12, 32, 16
_FORMAT = "capaian-kunci-privat"
_VERSION = 1
_BEGIN = b"-----BEGIN CAPAIAN PRIVATE KEY-----"
_END = b"-----END CAPAIAN PRIVATE KEY-----"


def _derive(passphrase: bytes, salt: bytes, params: KdfParams) -> bytes:
    """The 32-byte AES key from the passphrase with Argon2id."""
    return hash_secret_raw(
        passphrase,
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=32,
        type=Argon2Type.ID,
    )


def _header(params: KdfParams, salt: bytes, nonce: bytes, public: bytes) -> dict[str, object]:
    return {
        "format": _FORMAT,
        "versi": _VERSION,
        "kdf": {
            "nama": "argon2id",
            "t": params.time_cost,
            "m": params.memory_cost,
            "p": params.parallelism,
            "salt": base64.b64encode(salt).decode("ascii"),
        },
        "aead": {"nama": "aes-256-gcm", "nonce": base64.b64encode(nonce).decode("ascii")},
        "kunci_publik": base64.b64encode(public).decode("ascii"),
    }


def _aad(header: dict[str, object]) -> bytes:
    """The header as canonical JSON: authenticated, so no parameter can be swapped unnoticed."""
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _encode_key_file(key: Ed25519PrivateKey, passphrase: bytes) -> bytes:
    """The versioned key file: a JSON header and the AES-256-GCM ciphertext, in PEM armour."""
    salt, nonce = os.urandom(_SALT_BYTES), os.urandom(_NONCE_BYTES)
    header = _header(KDF_PARAMS, salt, nonce, public_bytes(key))
    secret = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    sealed = AESGCM(_derive(passphrase, salt, KDF_PARAMS)).encrypt(nonce, secret, _aad(header))
    body = json.dumps(
        {**header, "sandi": base64.b64encode(sealed).decode("ascii")}, indent=1, sort_keys=True
    ).encode("utf-8")
    return _BEGIN + b"\n" + body + b"\n" + _END + b"\n"


def save_private_key(path: Path, key: Ed25519PrivateKey, passphrase: str) -> None:
    """Write ``key`` passphrase-encrypted (Argon2id + AES-256-GCM), atomically, owner-only.

    The file is written to a temporary name in the same folder, flushed to disk and renamed, so
    a power cut leaves either no key file or a complete one, never half a key. A missing key
    folder is created, readable only by the owner: it is the app's own place, not a user choice.

    Raises:
        SyncError: ``WEAK_PASSPHRASE`` for a passphrase under eight characters; ``WRITE_FAILED``
            when the folder cannot be created or written or the disk is full.
    """
    normalised = unicodedata.normalize("NFC", passphrase)
    if len(normalised) < MIN_PASSPHRASE_CHARS:
        raise SyncError(
            "WEAK_PASSPHRASE",
            _(
                "Kata sandi kunci terlalu pendek: minimal 8 karakter. Pilih kata sandi yang lebih "
                "panjang dan simpan di tempat yang aman."
            ),
        )
    pem = _encode_key_file(key, _passphrase_bytes(normalised))
    tmp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):  # not every file system has Unix permissions
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise SyncError(
            "WRITE_FAILED",
            _(
                "Berkas kunci tidak dapat disimpan ke {path}. Periksa apakah folder itu dapat "
                "dibuat dan ditulisi dan ruang penyimpanan masih cukup, lalu coba lagi."
            ).format(path=path),
        ) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _der_item(data: bytes) -> tuple[int, bytes, bytes]:
    """Split one DER TLV off ``data``: (tag, value, rest); ValueError when it is not DER."""
    if len(data) < 2:
        raise ValueError("short DER")
    tag, first = data[0], data[1]
    if first < 0x80:
        length, start = first, 2
    else:
        count = first & 0x7F
        if not 1 <= count <= 4 or len(data) < 2 + count:
            raise ValueError("bad DER length")
        length, start = int.from_bytes(data[2 : 2 + count], "big"), 2 + count
    if len(data) < start + length:
        raise ValueError("truncated DER")
    return tag, data[start : start + length], data[start + length :]


def _is_encrypted_pkcs8(pem: bytes) -> bool:
    """Whether ``pem`` is one well-formed EncryptedPrivateKeyInfo block.

    PBES2 has no integrity check, so cryptography cannot tell a wrong passphrase from a damaged
    file; checking the structure first lets damage be reported as damage (``BAD_KEY_FILE``).
    """
    text = pem.strip()
    if not text.startswith(_PEM_BEGIN) or not text.endswith(_PEM_END):
        return False
    body = text[len(_PEM_BEGIN) : -len(_PEM_END)]
    try:
        der = base64.b64decode(b"".join(body.split()), validate=True)
        tag, info, rest = _der_item(der)
        alg_tag, _alg, tail = _der_item(info)
        data_tag, encrypted, tail_rest = _der_item(tail)
    except (binascii.Error, ValueError):
        return False
    return (
        (tag, alg_tag, data_tag) == (0x30, 0x30, 0x04)
        and rest == b""
        and tail_rest == b""
        and len(encrypted) > 0
        and len(encrypted) % 8 == 0
    )


def load_private_key(path: Path, passphrase: str) -> Ed25519PrivateKey:
    """Read the installation key written by :func:`save_private_key`.

    Raises:
        SyncError: ``BAD_KEY_FILE`` when the file is missing, unreadable, damaged, not encrypted
            or not an Ed25519 key; ``WRONG_PASSPHRASE`` when it does not decrypt.
    """
    try:
        with path.open("rb") as fh:
            pem = fh.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise SyncError(
            "BAD_KEY_FILE",
            _(
                "Berkas kunci {path} tidak ditemukan. Pulihkan berkas kunci dari cadangan, atau "
                "daftarkan ulang instalasi ini ke BKD."
            ).format(path=path),
        ) from exc
    except OSError as exc:
        raise SyncError(
            "BAD_KEY_FILE",
            _(
                "Berkas kunci {path} tidak dapat dibaca. Periksa izin akses berkas dan media "
                "penyimpanannya, lalu coba lagi."
            ).format(path=path),
        ) from exc
    damaged = SyncError(
        "BAD_KEY_FILE",
        _(
            "Berkas kunci {path} rusak atau bukan kunci Capaian (Ed25519 terenkripsi). Pulihkan "
            "berkas kunci dari cadangan, atau daftarkan ulang instalasi ini ke BKD."
        ).format(path=path),
    )
    wrong = SyncError(
        "WRONG_PASSPHRASE",
        _(
            "Kata sandi untuk berkas kunci {path} salah. Periksa huruf besar/kecil dan coba "
            "lagi; bila kata sandi sudah pasti benar, berkas kunci mungkin rusak dan perlu "
            "dipulihkan dari cadangan."
        ).format(path=path),
    )
    if len(pem) > MAX_KEY_FILE_BYTES:
        raise damaged
    if pem.strip().startswith(_BEGIN):
        return _decode_key_file(pem, _passphrase_bytes(passphrase), damaged, wrong)
    if not _is_encrypted_pkcs8(pem):
        raise damaged
    try:
        key = load_pem_private_key(pem, password=_passphrase_bytes(passphrase))
    except ValueError as exc:
        raise wrong from exc
    except (TypeError, UnsupportedAlgorithm) as exc:
        raise damaged from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise damaged
    # An installation from before Argon2id: now that the passphrase is known to be right,
    # rewrite the file in the current format. A failure (read-only folder) changes nothing.
    with contextlib.suppress(SyncError):
        save_private_key(path, key, passphrase)
    return key


def _decode_key_file(
    pem: bytes, passphrase: bytes, damaged: SyncError, wrong: SyncError
) -> Ed25519PrivateKey:
    """Open the versioned key file; any deviation from what we write is damage, not a guess."""
    text = pem.strip()
    if not text.endswith(_END):
        raise damaged
    try:
        data = json.loads(text[len(_BEGIN) : -len(_END)].decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            raise ValueError("not a Capaian key file")
        if data.get("versi") != _VERSION:
            raise ValueError("unknown version")
        kdf, aead = data["kdf"], data["aead"]
        if kdf.get("nama") != "argon2id" or aead.get("nama") != "aes-256-gcm":
            raise ValueError("unknown algorithm")
        params = KdfParams(kdf["t"], kdf["m"], kdf["p"])
        for value, limit in (
            (params.time_cost, _KDF_LIMITS.time_cost),
            (params.memory_cost, _KDF_LIMITS.memory_cost),
            (params.parallelism, _KDF_LIMITS.parallelism),
        ):
            if type(value) is not int or not 1 <= value <= limit:
                raise ValueError("KDF parameter out of range")
        if params.memory_cost < 8 * params.parallelism:
            raise ValueError("Argon2 needs 8 KiB per lane")
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(aead["nonce"], validate=True)
        public = base64.b64decode(data["kunci_publik"], validate=True)
        sealed = base64.b64decode(data["sandi"], validate=True)
        if (len(salt), len(nonce), len(public), len(sealed)) != (
            _SALT_BYTES,
            _NONCE_BYTES,
            PUBLIC_KEY_BYTES,
            _SECRET_BYTES + _TAG_BYTES,
        ):
            raise ValueError("wrong field length")
        header = _header(params, salt, nonce, public)
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise damaged from exc
    try:
        secret = AESGCM(_derive(passphrase, salt, params)).decrypt(nonce, sealed, _aad(header))
    except InvalidTag as exc:
        raise wrong from exc
    key = Ed25519PrivateKey.from_private_bytes(secret)
    if public_bytes(key) != public:
        raise damaged
    return key
