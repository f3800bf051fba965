"""The signed sync package: a deterministic ZIP container, its builder and its verifier.

Layout and rules follow sync.md §4.4-§4.7 and §4.18. The file is read into memory once (it is at
most ``Limits.max_file_bytes``), hashed, and every later check and parse works on those same bytes,
so the verifier and the reader can never look at different data. ZIP structures are checked
strictly before any member is inflated: the package must be laid out exactly as
:func:`build_package` writes it (members back to back from offset 0, central directory, end
record at the very end, no comment, no extra fields, no ZIP64, no data descriptors). Anything
else, including data prepended or appended to a valid package, is ``MALFORMED_ZIP``.

The manifest signature is checked before the manifest is parsed; member hashes are checked before
member data is parsed. Every failure is a :class:`~app.sync.errors.SyncError` with a stable code
and an Indonesian message for the clerk.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import io
import json
import math
import os
import re
import stat
import struct
import tempfile
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.i18n import _
from app.sync.errors import SyncError
from app.sync.keys import SIGNATURE_CONTEXT_MANIFEST, key_id, public_bytes, sign, verify

FORMAT = "bkd-sync-package"
FORMAT_VERSION = 1
EXTENSION = ".bkdsync"
MEDIA_TYPE = "application/vnd.bkd-sync+zip"
KINDS_FROM_DINAS = ("changes", "enrolment_request")
KINDS_FROM_BKD = ("bkd_update", "bkd_snapshot")
ENVIRONMENTS = ("production", "training")
SIGNATURE_ALG = "Ed25519"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CERT = "cert.json"
OPS = "ops"
"""The dataset name of change records; they live in ``data/ops-NNNN.jsonl``, others in ``ref/``."""
MEDIA_JSON = "application/json"
MEDIA_JSONL = "application/jsonl"
COMPRESS_LEVEL = 6
"""Fixed so that the same content always deflates to the same bytes (with one zlib build)."""

_MIB = 1024 * 1024
_MAX_SAFE_INT = 2**53
"""JSON integers beyond this lose precision in other readers; both sides refuse them."""
_MAX_CHUNKS = 9999

_MANIFEST_FIELDS = frozenset(
    {
        "format",
        "format_version",
        "package_id",
        "kind",
        "environment",
        "sender",
        "recipient",
        "seq",
        "prev_manifest_sha256",
        "created_at",
        "app",
        "schema_version",
        "min_reader_schema_version",
        "ack",
        "ops",
        "reference_versions",
        "members",
        "counts",
        "encryption",
    }
)
_MEMBER_FIELDS = frozenset({"path", "sha256", "size", "records", "media_type"})
_APP_FIELDS = frozenset({"name", "version", "build"})
_SIGNATURE_FIELDS = frozenset({"alg", "key_id", "context", "sig"})
_SENDER_TYPES = ("installation", "bkd")
_RECIPIENT_TYPES = ("bkd", "dinas")

_MEMBER_RE = re.compile(
    r"manifest\.json|manifest\.sig|cert\.json|data/ops-[0-9]{4}\.jsonl|ref/[a-z_]{1,40}-[0-9]{4}\.jsonl"
)
_DATASET_RE = re.compile(r"[a-z_]{1,40}")
_DRIVE_RE = re.compile(r"[A-Za-z]:")
_HEX64_RE = re.compile(r"[0-9a-f]{64}")
_KEY_ID_RE = re.compile(r"[0-9a-f]{32}")
_CREATED_AT_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z"
)
_PACKAGE_NAMESPACE = uuid.UUID("fa359208-a099-40a6-b4de-0a5ab8cee247")
"""Fixed namespace of the uuid5 package ids; changing it changes every re-exported file."""

# ZIP records (APPNOTE 4.3.7, 4.3.12, 4.3.16); the builder writes exactly these, nothing else.
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_LOCAL_SIG = b"PK\x03\x04"
_CENTRAL_SIG = b"PK\x01\x02"
_END_SIG = b"PK\x05\x06"
_ZIP_VERSION = 20
_MADE_BY = (3 << 8) | _ZIP_VERSION  # Unix, so external_attr carries a file mode
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest ZIP date
_DOS_TIME = 0
_EXTERNAL_ATTR = 0o644 << 16
_ALLOWED_FLAGS = 0x0806  # UTF-8 names and deflate-level hints; anything else is not ours
_DOS_DIRECTORY = 0x10


@dataclass(frozen=True)
class Limits:
    """Hard caps applied while building and reading (sync.md §4.18); all sizes in bytes."""

    max_file_bytes: int = 64 * _MIB
    max_members: int = 1000
    max_manifest_bytes: int = _MIB
    max_sig_bytes: int = 4 * 1024
    max_cert_bytes: int = 16 * 1024
    max_member_bytes: int = 16 * _MIB
    max_total_bytes: int = 256 * _MIB
    max_ratio: int = 100
    max_name_chars: int = 100
    max_ops: int = 200_000

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive integer, not {value!r}")
        if self.max_file_bytes >= 2**32 or self.max_member_bytes >= 2**32:
            raise ValueError("sizes of 4 GiB and more need ZIP64, which packages do not use")
        if self.max_members > 0xFFFF:
            raise ValueError("more than 65535 members need ZIP64, which packages do not use")


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class PackageSpec:
    """Everything the exporter decides about a package; the builder adds hashes and signature.

    Attributes:
        kind: one of ``KINDS_FROM_DINAS`` or ``KINDS_FROM_BKD``.
        environment: ``production`` or ``training``.
        sender: ``{"type": "installation"|"bkd", ..., "key_id"}``; ``key_id`` is filled in from
            the signing key when absent and must match it when present.
        recipient: ``{"type": "bkd"|"dinas", ...}``.
        seq: position in the sender→recipient stream, from 1.
        prev_manifest_sha256: manifest hash of the previous package of the stream (None for 1).
        created_at: an aware datetime; written as RFC 3339 UTC (``…Z``), informative only.
        app: ``{"name", "version", "build"}`` for diagnostics.
        schema_version: version of the records; ``min_reader_schema_version`` ≤ it.
        ack, ops, reference_versions, counts: manifest fields of sync.md §4.5.
        cert: the device certificate, written as ``cert.json`` when not None.
        datasets: ``"ops"`` → change records (``data/ops-NNNN.jsonl``), any other name matching
            ``[a-z_]{1,40}`` → ``ref/<name>-NNNN.jsonl``. Values must be JSON-ready: str, int,
            finite float, bool, None, lists and str-keyed mappings; decimals, dates and ids go
            in as strings.
    """

    kind: str
    environment: str
    sender: dict[str, Any]
    recipient: dict[str, Any]
    seq: int
    prev_manifest_sha256: str | None
    created_at: datetime
    app: dict[str, str]
    schema_version: int
    min_reader_schema_version: int
    ack: dict[str, Any]
    ops: dict[str, Any] | None
    reference_versions: dict[str, int]
    counts: dict[str, Any]
    cert: dict[str, Any] | None
    datasets: dict[str, Sequence[Mapping[str, Any]]]


@dataclass(frozen=True)
class BuiltPackage:
    """A package file that was written, verified and renamed into place.

    ``members`` are all ZIP member names in file order (manifest and signature included);
    ``manifest_sha256`` identifies the package content independently of compression.
    """

    path: Path
    file_sha256: str
    manifest_sha256: str
    size: int
    members: tuple[str, ...]
    package_id: str


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature, member hashes and record counts all checked out.

    ``datasets`` maps each dataset present in the package (``"ops"`` and reference dataset
    names) to its records in member order; a dataset absent from the package is absent here.
    """

    file_sha256: str
    manifest_sha256: str
    manifest: dict[str, Any]
    key_id: str
    cert: dict[str, Any] | None
    datasets: dict[str, tuple[dict[str, Any], ...]]


# ----------------------------------------------------------------------------- messages


def _shown(value: object) -> str:
    """An untrusted value made safe to put in a message (short, printable), else ``?``."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = str(value)
        if len(text) <= 40 and text.isprintable():
            return text
    return "?"


def _size_text(n: int) -> str:
    return f"{n // _MIB} MB" if n >= _MIB else f"{n} bita"


def _malformed_zip(label: str) -> SyncError:
    return SyncError(
        "MALFORMED_ZIP",
        _(
            "Berkas {name} bukan paket sinkronisasi yang utuh: rusak, terpotong saat disalin, "
            "atau bukan berkas .bkdsync. Minta kantor pengirim mengirim ulang berkasnya."
        ).format(name=label),
    )


def _too_big(label: str, member: str | None = None) -> SyncError:
    return SyncError(
        "SIZE_LIMIT",
        _(
            "Paket {name} melampaui batas ukuran yang diizinkan. Paket ditolak; minta kantor "
            "pengirim mengekspor ulang dalam beberapa paket yang lebih kecil."
        ).format(name=label),
        member=member,
    )


def _bomb(label: str, member: str) -> SyncError:
    return SyncError(
        "SIZE_LIMIT",
        _(
            "Berkas {member} di dalam paket {name} mengembang jauh melebihi ukurannya (kemungkinan "
            "bom ZIP). Paket ditolak; jangan membukanya dengan program lain dan laporkan ke BKD."
        ).format(member=member, name=label),
        member=member,
    )


def _export_too_big(limit: str) -> SyncError:
    return SyncError(
        "SIZE_LIMIT",
        _(
            "Data yang diekspor melampaui batas satu paket ({limit}). Ekspor dalam beberapa paket "
            "yang lebih kecil."
        ).format(limit=limit),
    )


def _unsupported_member(label: str, member: str) -> SyncError:
    return SyncError(
        "UNSUPPORTED_MEMBER",
        _(
            "Paket {name} berisi {member} dalam bentuk yang tidak didukung (folder, pintasan, "
            "sandi ZIP, atau cara kompresi lain). Minta kantor pengirim mengekspor ulang dari "
            "aplikasi; jangan mengemas ulang paket dengan program lain."
        ).format(name=label, member=_shown(member)),
        member=member,
    )


def _bad_signature(label: str) -> SyncError:
    return SyncError(
        "BAD_SIGNATURE",
        _(
            "Tanda tangan paket {name} tidak sah: isi paket tidak cocok dengan tanda tangan "
            "pengirimnya. Paket mungkin rusak atau telah diubah; minta kantor pengirim mengirim "
            "ulang berkas aslinya."
        ).format(name=label),
        member=SIGNATURE,
    )


def _malformed_manifest(label: str, field: str) -> SyncError:
    return SyncError(
        "MALFORMED_MANIFEST",
        _(
            "Manifes paket {name} tidak sesuai format (bagian: {field}). Minta kantor pengirim "
            "memperbarui aplikasi dan mengekspor ulang."
        ).format(name=label, field=field),
        member=MANIFEST,
    )


def _unsupported_format(label: str, detail: str) -> SyncError:
    return SyncError(
        "UNSUPPORTED_FORMAT",
        _(
            "Paket {name} dibuat dengan format yang tidak dikenal versi aplikasi ini ({detail}). "
            "Perbarui aplikasi Capaian, lalu impor ulang berkas ini."
        ).format(name=label, detail=detail),
        member=MANIFEST,
    )


def _member_set_mismatch(label: str, member: str) -> SyncError:
    return SyncError(
        "MEMBER_SET_MISMATCH",
        _(
            "Isi paket {name} tidak sesuai daftar di manifesnya ({member} hilang, berlebih, atau "
            "jumlah catatannya berbeda). Paket mungkin telah diubah; minta kantor pengirim "
            "mengirim ulang berkas aslinya."
        ).format(name=label, member=_shown(member)),
        member=member,
    )


def _hash_mismatch(label: str, member: str) -> SyncError:
    return SyncError(
        "MEMBER_HASH_MISMATCH",
        _(
            "Berkas {member} di dalam paket {name} telah berubah atau rusak (sidik SHA-256 atau "
            "ukurannya tidak cocok dengan manifes). Minta kantor pengirim mengirim ulang berkas "
            "aslinya."
        ).format(member=member, name=label),
        member=member,
    )


def _malformed_data(label: str, member: str, line: int) -> SyncError:
    return SyncError(
        "MALFORMED_DATA",
        _(
            "Data {member} baris {line} di dalam paket {name} tidak dapat dibaca (bukan objek JSON "
            "yang sah). Laporkan ke BKD beserta berkas paketnya."
        ).format(member=member, line=line, name=label),
        member=member,
    )


# ----------------------------------------------------------------------------- JSON


def _nfc(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("a string in a sync package is not valid Unicode") from exc
    return unicodedata.normalize("NFC", text)


def _plain(value: object) -> Any:
    """``value`` as plain JSON data with NFC strings, refusing anything that is not exact.

    Raises:
        TypeError: a Decimal, NaN/infinite float, date, UUID, bytes or other non-JSON value
            (callers pass decimals and dates as strings so both sides read the same value).
        ValueError: an integer beyond ±2**53, invalid Unicode, or keys equal after NFC.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _nfc(value)
    if isinstance(value, int):
        if abs(value) >= _MAX_SAFE_INT:
            raise ValueError(f"integer {value} is too large for a sync package; pass it as text")
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError(f"{value!r} cannot go into a sync package")
        return float(value)
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys are strings, not {type(key).__name__}")
            name = _nfc(key)
            if name in result:
                raise ValueError(f"two keys equal {name!r} after NFC normalisation")
            result[name] = _plain(item)
        return result
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    raise TypeError(
        f"{type(value).__name__} cannot go into a sync package; pass decimals, dates and ids "
        "as strings"
    )


def _canonical(value: object) -> bytes:
    """Deterministic JSON: sorted keys, no spaces, UTF-8, NFC strings (sync.md §4.4)."""
    text = json.dumps(
        _plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


class _StrictJsonError(ValueError):
    """JSON that Python would accept but a package must not contain."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _StrictJsonError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _constant(name: str) -> Any:
    raise _StrictJsonError(f"{name} is not JSON")


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > 16:
        raise _StrictJsonError("integer too large")
    number = int(text)
    if abs(number) >= _MAX_SAFE_INT:
        raise _StrictJsonError("integer too large")
    return number


def _number(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _StrictJsonError("number out of range")
    return number


def _loads(raw: bytes) -> Any:
    """Strict JSON: UTF-8, no duplicate keys, no NaN/Infinity, integers within ±2**53.

    Raises:
        ValueError: on any of those, on invalid UTF-8, and on nesting too deep to parse.
    """
    text = raw.decode("utf-8")
    try:
        return json.loads(
            text,
            object_pairs_hook=_object,
            parse_constant=_constant,
            parse_int=_integer,
            parse_float=_number,
        )
    except RecursionError as exc:
        raise _StrictJsonError("nested too deeply") from exc


# ----------------------------------------------------------------------------- manifest


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _dataset_of(path: str) -> str:
    """``data/ops-0001.jsonl`` → ``ops``; ``ref/pegawai-0002.jsonl`` → ``pegawai``."""
    return path.rsplit("-", 1)[0].split("/", 1)[1]


def _check_member_item(item: object, where: str, label: str, limits: Limits) -> dict[str, Any]:
    """One ``members`` entry: exact keys, a whitelisted path, hex hash, sizes within limits."""
    if not isinstance(item, dict) or set(item) != _MEMBER_FIELDS:
        raise _malformed_manifest(label, where)
    path, size, records = item["path"], item["size"], item["records"]
    if (
        not isinstance(path, str)
        or not _MEMBER_RE.fullmatch(path)
        or path in (MANIFEST, SIGNATURE)
        or path.startswith(f"ref/{OPS}-")
    ):
        raise _malformed_manifest(label, f"{where}.path")
    if not isinstance(item["sha256"], str) or not _HEX64_RE.fullmatch(item["sha256"]):
        raise _malformed_manifest(label, f"{where}.sha256")
    if not _is_int(size) or size < 0:
        raise _malformed_manifest(label, f"{where}.size")
    if not _is_int(records) or records < 0:
        raise _malformed_manifest(label, f"{where}.records")
    if item["media_type"] != (MEDIA_JSON if path == CERT else MEDIA_JSONL):
        raise _malformed_manifest(label, f"{where}.media_type")
    if size > (limits.max_cert_bytes if path == CERT else limits.max_member_bytes):
        raise _too_big(label, path)
    return item


def _check_members(members: object, label: str, limits: Limits) -> None:
    """The ``members`` list: valid entries, no path twice, totals within the limits."""
    if not isinstance(members, list):
        raise _malformed_manifest(label, "members")
    if len(members) + 2 > limits.max_members:
        raise _too_big(label)
    seen: set[str] = set()
    total = ops = 0
    for index, raw in enumerate(members):
        item = _check_member_item(raw, f"members[{index}]", label, limits)
        if item["path"] in seen:
            raise _malformed_manifest(label, f"members[{index}].path")
        seen.add(item["path"])
        total += item["size"]
        if item["path"].startswith("data/"):
            ops += item["records"]
    if total > limits.max_total_bytes or ops > limits.max_ops:
        raise _too_big(label)


def _check_manifest(manifest: object, label: str, limits: Limits) -> dict[str, Any]:
    """``manifest`` if it has exactly the v1 fields with the right types, else SyncError.

    ``format`` and ``format_version`` are checked first, so a package from a newer app reports
    "update the app" (``UNSUPPORTED_FORMAT``) rather than a confusing field error.
    """
    if not isinstance(manifest, dict):
        raise _malformed_manifest(label, "manifest")
    m: dict[str, Any] = manifest
    if m.get("format") != FORMAT:
        if isinstance(m.get("format"), str):
            raise _unsupported_format(label, f"format {_shown(m['format'])}")
        raise _malformed_manifest(label, "format")
    if not _is_int(m.get("format_version")):
        raise _malformed_manifest(label, "format_version")
    if m["format_version"] != FORMAT_VERSION:
        raise _unsupported_format(label, f"format_version {_shown(m['format_version'])}")
    wrong = sorted(set(m) ^ _MANIFEST_FIELDS)
    if wrong:
        raise _malformed_manifest(label, ", ".join(_shown(field) for field in wrong[:5]))
    if isinstance(m["encryption"], dict):
        raise SyncError(
            "UNSUPPORTED_ENCRYPTION",
            _(
                "Paket {name} terenkripsi, tetapi versi aplikasi ini belum dapat membuka paket "
                "terenkripsi. Perbarui aplikasi Capaian, lalu impor ulang berkas ini."
            ).format(name=label),
            member=MANIFEST,
        )
    if m["encryption"] is not None:
        raise _malformed_manifest(label, "encryption")
    if not isinstance(m["kind"], str):
        raise _malformed_manifest(label, "kind")
    if m["kind"] not in KINDS_FROM_DINAS + KINDS_FROM_BKD:
        raise _unsupported_format(label, f"kind {_shown(m['kind'])}")
    _check_fields(m, label)
    _check_members(m["members"], label, limits)
    return m


def _check_fields(m: dict[str, Any], label: str) -> None:
    """Types and shapes of the manifest fields other than format, kind, encryption, members."""
    checks: dict[str, Callable[[Any], bool]] = {
        "environment": lambda v: v in ENVIRONMENTS,
        "package_id": _is_uuid,
        "sender": lambda v: (
            isinstance(v, dict)
            and v.get("type") in _SENDER_TYPES
            and isinstance(v.get("key_id"), str)
            and _KEY_ID_RE.fullmatch(v["key_id"]) is not None
        ),
        "recipient": lambda v: isinstance(v, dict) and v.get("type") in _RECIPIENT_TYPES,
        "seq": lambda v: _is_int(v) and v >= 1,
        "prev_manifest_sha256": lambda v: (
            v is None or (isinstance(v, str) and _HEX64_RE.fullmatch(v) is not None)
        ),
        "created_at": _is_timestamp,
        "app": lambda v: (
            isinstance(v, dict)
            and set(v) == _APP_FIELDS
            and all(isinstance(x, str) for x in v.values())
        ),
        "schema_version": lambda v: _is_int(v) and v >= 1,
        "min_reader_schema_version": lambda v: (
            _is_int(v) and v >= 1 and _is_int(m["schema_version"]) and v <= m["schema_version"]
        ),
        "ack": lambda v: isinstance(v, dict),
        "ops": lambda v: v is None or isinstance(v, dict),
        "reference_versions": lambda v: (
            isinstance(v, dict) and all(_is_int(x) and x >= 0 for x in v.values())
        ),
        "counts": lambda v: isinstance(v, dict),
    }
    for field, check in checks.items():
        if not check(m[field]):
            raise _malformed_manifest(label, field)


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _is_timestamp(value: object) -> bool:
    if not isinstance(value, str) or not _CREATED_AT_RE.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value[:-1])
    except ValueError:
        return False
    return True


def _timestamp(moment: datetime) -> str:
    """RFC 3339 UTC with ``Z``; fractions only when present, so whole seconds stay short."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("PackageSpec.created_at must be timezone-aware")
    utc = moment.astimezone(UTC)
    fraction = f".{utc.microsecond:06d}" if utc.microsecond else ""
    return utc.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def _parse_manifest(raw: bytes, label: str, limits: Limits) -> dict[str, Any]:
    try:
        value = _loads(raw)
    except ValueError as exc:
        raise _malformed_manifest(label, "JSON") from exc
    return _check_manifest(value, label, limits)


# ----------------------------------------------------------------------------- building


@dataclass(frozen=True)
class _Member:
    """One member ready to be written: its stored payload and what the manifest says of it."""

    name: str
    method: int
    crc: int
    size: int
    payload: bytes
    sha256: str
    records: int

    @property
    def media_type(self) -> str:
        return MEDIA_JSON if self.name == CERT else MEDIA_JSONL

    def listing(self) -> dict[str, Any]:
        return {
            "path": self.name,
            "sha256": self.sha256,
            "size": self.size,
            "records": self.records,
            "media_type": self.media_type,
        }


def _pack(name: str, raw: bytes, records: int, limits: Limits) -> _Member:
    """Deflate ``raw``, or store it when deflating does not help or would look like a bomb."""
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    deflated = compressor.compress(raw) + compressor.flush()
    method, payload = zipfile.ZIP_DEFLATED, deflated
    if len(deflated) >= len(raw) or len(raw) > limits.max_ratio * len(deflated):
        method, payload = zipfile.ZIP_STORED, raw
    return _Member(
        name, method, zlib.crc32(raw), len(raw), payload, hashlib.sha256(raw).hexdigest(), records
    )


def _chunks(
    dataset: str, records: Sequence[Mapping[str, Any]], limits: Limits
) -> Iterator[tuple[bytes, int]]:
    """JSONL chunks of at most ``max_member_bytes``; always at least one, possibly empty."""
    lines: list[bytes] = []
    size = 0
    for record in records:
        if not isinstance(record, Mapping):
            raise TypeError(f"records of dataset {dataset!r} must be mappings")
        line = _canonical(record) + b"\n"
        if len(line) > limits.max_member_bytes:
            raise SyncError(
                "SIZE_LIMIT",
                _(
                    "Satu catatan pada data {dataset} terlalu besar untuk paket sinkronisasi "
                    "(batas {limit} per berkas). Periksa isi catatan itu atau hubungi BKD."
                ).format(dataset=dataset, limit=_size_text(limits.max_member_bytes)),
            )
        if lines and size + len(line) > limits.max_member_bytes:
            yield b"".join(lines), len(lines)
            lines, size = [], 0
        lines.append(line)
        size += len(line)
    yield b"".join(lines), len(lines)


def _data_members(spec: PackageSpec, limits: Limits) -> list[_Member]:
    members: list[_Member] = []
    if spec.cert is not None:
        raw = _canonical(spec.cert)
        if len(raw) > limits.max_cert_bytes:
            raise _export_too_big(f"{CERT} {_size_text(limits.max_cert_bytes)}")
        members.append(_pack(CERT, raw, 1, limits))
    total = 0
    for dataset in sorted(spec.datasets, key=lambda name: (name != OPS, name)):
        if not _DATASET_RE.fullmatch(dataset):
            raise ValueError(f"dataset name {dataset!r} does not match [a-z_]{{1,40}}")
        records = spec.datasets[dataset]
        if dataset == OPS and len(records) > limits.max_ops:
            raise _export_too_big(f"{limits.max_ops} perubahan")
        prefix = "data/ops" if dataset == OPS else f"ref/{dataset}"
        for index, (raw, count) in enumerate(_chunks(dataset, records, limits), start=1):
            total += len(raw)
            if index > _MAX_CHUNKS or len(members) + 3 > limits.max_members:
                raise _export_too_big(f"{limits.max_members} berkas")
            if total > limits.max_total_bytes:
                raise _export_too_big(_size_text(limits.max_total_bytes))
            members.append(_pack(f"{prefix}-{index:04d}.jsonl", raw, count, limits))
    return members


def _manifest(spec: PackageSpec, signer: str, members: list[_Member]) -> dict[str, Any]:
    """The manifest of sync.md §4.5 with a package id derived from its content."""
    sender = dict(spec.sender)
    if sender.setdefault("key_id", signer) != signer:
        raise ValueError("PackageSpec.sender['key_id'] is not the id of the signing key")
    body = _plain(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "kind": spec.kind,
            "environment": spec.environment,
            "sender": sender,
            "recipient": spec.recipient,
            "seq": spec.seq,
            "prev_manifest_sha256": spec.prev_manifest_sha256,
            "created_at": _timestamp(spec.created_at),
            "app": spec.app,
            "schema_version": spec.schema_version,
            "min_reader_schema_version": spec.min_reader_schema_version,
            "ack": spec.ack,
            "ops": spec.ops,
            "reference_versions": spec.reference_versions,
            "members": [member.listing() for member in members],
            "counts": spec.counts,
            "encryption": None,
        }
    )
    content = hashlib.sha256(_canonical(body)).hexdigest()
    body["package_id"] = str(uuid.uuid5(_PACKAGE_NAMESPACE, f"{signer}:{spec.seq}:{content}"))
    return dict(body)


def _zip_size(members: list[_Member]) -> int:
    entries = sum(_LOCAL.size + _CENTRAL.size + 2 * len(m.name) + len(m.payload) for m in members)
    return entries + _END.size


def _write_zip(fh: BinaryIO, members: list[_Member]) -> str:
    """Write the ZIP with fixed headers; returns the SHA-256 of the bytes written."""
    digest = hashlib.sha256()

    def put(chunk: bytes) -> None:
        fh.write(chunk)
        digest.update(chunk)

    central: list[bytes] = []
    offset = 0
    for m in members:
        name = m.name.encode("ascii")
        local = _LOCAL.pack(
            _LOCAL_SIG, _ZIP_VERSION, 0, m.method, _DOS_TIME, _DOS_DATE, m.crc, len(m.payload),
            m.size, len(name), 0,
        )  # fmt: skip
        put(local + name)
        put(m.payload)
        header = _CENTRAL.pack(
            _CENTRAL_SIG, _MADE_BY, _ZIP_VERSION, 0, m.method, _DOS_TIME, _DOS_DATE, m.crc,
            len(m.payload), m.size, len(name), 0, 0, 0, 0, _EXTERNAL_ATTR, offset,
        )  # fmt: skip
        central.append(header + name)
        offset += len(local) + len(name) + len(m.payload)
    directory = b"".join(central)
    put(directory)
    put(_END.pack(_END_SIG, 0, 0, len(members), len(members), len(directory), offset, 0))
    return digest.hexdigest()


def _write_failed(path: Path) -> SyncError:
    return SyncError(
        "WRITE_FAILED",
        _(
            "Paket tidak dapat ditulis ke {path}. Periksa apakah folder tujuan ada, flashdisk "
            "tidak terkunci (hanya-baca), dan ruang penyimpanan masih cukup, lalu coba lagi."
        ).format(path=path),
    )


def _fsync_directory(folder: Path) -> None:
    """Make the rename durable where the OS allows it (POSIX); best effort elsewhere."""
    if os.name != "posix":  # pragma: no cover - Windows has no directory handles to fsync
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def build_package(
    spec: PackageSpec, key: Ed25519PrivateKey, out: Path, *, limits: Limits = DEFAULT_LIMITS
) -> BuiltPackage:
    """Write the signed package for ``spec`` to ``out``, byte-identical on every re-export.

    The file is written to a temporary name next to ``out``, flushed to disk and checked with
    :func:`read_package` (the importer's own verifier) before it is renamed onto ``out``; on any
    failure neither ``out`` nor the temporary file is left behind (sync.md §4.15).

    Raises:
        SyncError: ``SIZE_LIMIT`` when the content does not fit in one package (split it over
            several seqs), ``WRITE_FAILED`` when the target folder is missing, read-only or full.
        TypeError, ValueError: ``spec`` holds values that cannot be written exactly (Decimal,
            NaN, naive datetime, an unknown kind, a sender key id that is not the signer's).
    """
    signer = key_id(public_bytes(key))
    members = _data_members(spec, limits)
    manifest = _manifest(spec, signer, members)
    try:
        _check_manifest(manifest, out.name, limits)
    except SyncError as exc:
        if exc.code == "SIZE_LIMIT":
            raise
        raise ValueError(f"invalid PackageSpec ({exc.code}): {exc.message}") from exc
    manifest_raw = _canonical(manifest)
    if len(manifest_raw) > limits.max_manifest_bytes:
        raise _export_too_big(f"{MANIFEST} {_size_text(limits.max_manifest_bytes)}")
    signature = {
        "alg": SIGNATURE_ALG,
        "context": SIGNATURE_CONTEXT_MANIFEST,
        "key_id": signer,
        "sig": base64.b64encode(sign(key, SIGNATURE_CONTEXT_MANIFEST, manifest_raw)).decode(),
    }
    entries = [
        _pack(MANIFEST, manifest_raw, 1, limits),
        _pack(SIGNATURE, _canonical(signature), 1, limits),
        *members,
    ]
    size = _zip_size(entries)
    if size > limits.max_file_bytes:
        raise _export_too_big(_size_text(limits.max_file_bytes))
    public = public_bytes(key)
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        tmp = Path(tmp_name)
        with os.fdopen(fd, "wb") as fh:
            file_sha256 = _write_zip(fh, entries)
            fh.flush()
            os.fsync(fh.fileno())
        read_package(tmp, lambda wanted: public if wanted == signer else None, limits=limits)
        os.replace(tmp, out)
        tmp = None
    except OSError as exc:
        raise _write_failed(out) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    _fsync_directory(out.parent)
    return BuiltPackage(
        path=out,
        file_sha256=file_sha256,
        manifest_sha256=hashlib.sha256(manifest_raw).hexdigest(),
        size=size,
        members=tuple(entry.name for entry in entries),
        package_id=manifest["package_id"],
    )


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Entry:
    info: zipfile.ZipInfo
    start: int
    """Offset of the member's stored bytes in the file."""


def _bad_name(name: str, limits: Limits) -> bool:
    return (
        not name
        or len(name) > limits.max_name_chars
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or ".." in name
        or _DRIVE_RE.match(name) is not None
        or not name.isprintable()
    )


def _is_directory(info: zipfile.ZipInfo) -> bool:
    return (
        info.orig_filename.endswith("/")
        or stat.S_ISDIR(info.external_attr >> 16)
        or bool(info.external_attr & _DOS_DIRECTORY)
    )


class _Archive:
    """A package file in memory whose ZIP structure passed every check of sync.md §4.7 step 2."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.label = path.name
        self.limits = limits
        try:
            with path.open("rb") as fh:
                # read(n) allocates n bytes up front: ask for what the file holds, one over the
                # cap at most, so a small package costs kilobytes and a growing file is caught.
                declared = os.fstat(fh.fileno()).st_size
                self.data = fh.read(min(declared, limits.max_file_bytes) + 1)
        except OSError as exc:
            raise SyncError(
                "READ_FAILED",
                _(
                    "Berkas {path} tidak dapat dibuka. Periksa apakah berkas itu masih ada dan "
                    "flashdisk atau foldernya dapat dibaca, lalu coba lagi."
                ).format(path=path),
            ) from exc
        if len(self.data) > limits.max_file_bytes:
            raise _too_big(self.label)
        self.file_sha256 = hashlib.sha256(self.data).hexdigest()
        infos, directory = self._central_directory()
        self._check_names(infos)
        self._check_kinds(infos)
        self._check_sizes(infos)
        self.entries = self._layout(infos, directory)

    def _central_directory(self) -> tuple[list[zipfile.ZipInfo], int]:
        """Entries of the central directory, after the end record and entry walk are exact."""
        data, limits = self.data, self.limits
        if len(data) < _END.size:
            raise _malformed_zip(self.label)
        end_at = len(data) - _END.size
        sig, disk, cd_disk, on_disk, total, cd_size, cd_offset, comment = _END.unpack_from(
            data, end_at
        )
        if (sig, disk, cd_disk, comment) != (_END_SIG, 0, 0, 0) or on_disk != total:
            raise _malformed_zip(self.label)
        if cd_offset + cd_size != end_at:
            raise _malformed_zip(self.label)
        if total > limits.max_members:
            raise _too_big(self.label)
        # Walk the directory once so zipfile parses exactly ``total`` entries, never more.
        pos, count = cd_offset, 0
        while pos < end_at:
            if count == total or pos + _CENTRAL.size > end_at:
                raise _malformed_zip(self.label)
            if data[pos : pos + 4] != _CENTRAL_SIG:
                raise _malformed_zip(self.label)
            name_len, extra_len, comment_len = struct.unpack_from("<3H", data, pos + 28)
            pos += _CENTRAL.size + name_len + extra_len + comment_len
            count += 1
        if pos != end_at or count != total:
            raise _malformed_zip(self.label)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos, start_dir = archive.infolist(), archive.start_dir
        except Exception as exc:  # zipfile raises many types on hostile input; all mean the same
            raise _malformed_zip(self.label) from exc
        if len(infos) != total or start_dir != cd_offset:
            raise _malformed_zip(self.label)
        return infos, cd_offset

    def _check_names(self, infos: list[zipfile.ZipInfo]) -> None:
        """Traversal-looking names first, then folders, duplicates, then the whitelist."""
        for info in infos:
            if _bad_name(info.orig_filename, self.limits):
                raise SyncError(
                    "BAD_MEMBER_NAME",
                    _(
                        "Paket {name} berisi nama berkas yang berbahaya atau tidak sah ({member}). "
                        "Paket ditolak; jangan membukanya dengan program lain dan laporkan ke BKD."
                    ).format(name=self.label, member=_shown(info.orig_filename)),
                    member=info.orig_filename,
                )
        for info in infos:
            if _is_directory(info):
                raise _unsupported_member(self.label, info.orig_filename)
        exact: set[str] = set()
        folded: set[str] = set()
        for info in infos:
            name = info.orig_filename
            if name in exact or name.casefold() in folded:
                raise SyncError(
                    "DUPLICATE_MEMBER",
                    _(
                        "Paket {name} berisi berkas {member} lebih dari sekali. Paket mungkin "
                        "telah diubah; minta kantor pengirim mengekspor ulang dari aplikasi."
                    ).format(name=self.label, member=_shown(name)),
                    member=name,
                )
            exact.add(name)
            folded.add(name.casefold())
        for info in infos:
            if not _MEMBER_RE.fullmatch(info.orig_filename):
                raise SyncError(
                    "UNEXPECTED_MEMBER",
                    _(
                        "Paket {name} berisi berkas yang tidak dikenal ({member}). Paket mungkin "
                        "telah diubah; minta kantor pengirim mengekspor ulang dari aplikasi."
                    ).format(name=self.label, member=_shown(info.orig_filename)),
                    member=info.orig_filename,
                )

    def _check_kinds(self, infos: list[zipfile.ZipInfo]) -> None:
        """No symlinks, encryption, exotic compression, extra fields, comments or multi-disk."""
        for info in infos:
            if (
                info.flag_bits & ~_ALLOWED_FLAGS
                or stat.S_ISLNK(info.external_attr >> 16)
                or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                or info.extra
                or info.comment
                or info.volume
            ):
                raise _unsupported_member(self.label, info.orig_filename)

    def _cap(self, name: str) -> int:
        limits = self.limits
        caps = {
            MANIFEST: limits.max_manifest_bytes,
            SIGNATURE: limits.max_sig_bytes,
            CERT: limits.max_cert_bytes,
        }
        return caps.get(name, limits.max_member_bytes)

    def _check_sizes(self, infos: list[zipfile.ZipInfo]) -> None:
        """Declared sizes, their total and the compression ratio, before inflating anything."""
        total = 0
        for info in infos:
            if info.file_size > self._cap(info.orig_filename):
                raise _too_big(self.label, info.orig_filename)
            if info.file_size > self.limits.max_ratio * info.compress_size:
                raise _bomb(self.label, info.orig_filename)
            total += info.file_size
        if total > self.limits.max_total_bytes:
            raise _too_big(self.label)

    def _layout(self, infos: list[zipfile.ZipInfo], directory: int) -> dict[str, _Entry]:
        """Check that the members tile the file from offset 0 up to the central directory.

        Each local header must agree with its directory entry; no gaps, no overlaps (the
        quoted-overlap bomb) and no prepended data, whatever zipfile itself would tolerate.
        """
        data = self.data
        entries: dict[str, _Entry] = {}
        pos = 0
        for info in sorted(infos, key=lambda item: item.header_offset):
            if info.header_offset != pos or pos + _LOCAL.size > directory:
                raise _malformed_zip(self.label)
            sig, _version, flags, method, _time, _date, crc, csize, usize, name_len, extra_len = (
                _LOCAL.unpack_from(data, pos)
            )
            start = pos + _LOCAL.size + name_len + extra_len
            end = start + info.compress_size
            if (
                sig != _LOCAL_SIG
                or data[pos + _LOCAL.size : pos + _LOCAL.size + name_len]
                != info.orig_filename.encode("ascii")
                or extra_len
                or (flags, method) != (info.flag_bits, info.compress_type)
                or (crc, csize, usize) != (info.CRC, info.compress_size, info.file_size)
                or (method == zipfile.ZIP_STORED and csize != usize)
                or end > directory
            ):
                raise _malformed_zip(self.label)
            entries[info.orig_filename] = _Entry(info, start)
            pos = end
        if pos != directory:
            raise _malformed_zip(self.label)
        return entries

    def _inflate(self, entry: _Entry, cap: int) -> tuple[bytes, bool]:
        """At most ``cap + 1`` bytes of the member, and whether its stream ended cleanly there.

        Memory stays bounded by the cap whatever the stream claims; one byte over the cap is
        enough to prove an overrun.
        """
        info = entry.info
        raw = self.data[entry.start : entry.start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            return raw[: cap + 1], True
        inflater = zlib.decompressobj(-15)
        try:
            out = inflater.decompress(raw, cap + 1)
        except zlib.error:
            return b"", False
        return out, inflater.eof and not inflater.unused_data

    def _intact(self, entry: _Entry, out: bytes, complete: bool) -> bool:
        info = entry.info
        return complete and len(out) == info.file_size and zlib.crc32(out) == info.CRC

    def read_control(self, name: str) -> bytes:
        """``manifest.json`` or ``manifest.sig``, capped at its declared (already bounded) size."""
        entry = self.entries[name]
        out, complete = self._inflate(entry, entry.info.file_size)
        if len(out) > entry.info.file_size:
            raise _bomb(self.label, name)
        if not self._intact(entry, out, complete):
            raise _malformed_zip(self.label)
        return out

    def read_listed(self, item: Mapping[str, Any]) -> bytes:
        """A member listed in the verified manifest, checked against its size and SHA-256."""
        path: str = item["path"]
        size: int = item["size"]
        entry = self.entries[path]
        out, complete = self._inflate(entry, size)
        if len(out) != size or hashlib.sha256(out).hexdigest() != item["sha256"]:
            raise _hash_mismatch(self.label, path)
        if not self._intact(entry, out, complete):
            raise _malformed_zip(self.label)
        return out


def _signature(archive: _Archive) -> tuple[str, bytes]:
    """The key id and the 64 signature bytes of ``manifest.sig``, strictly parsed."""
    label = archive.label
    if SIGNATURE not in archive.entries:
        raise SyncError(
            "BAD_SIGNATURE",
            _(
                "Paket {name} tidak bertanda tangan (manifest.sig tidak ada). Paket ditolak; "
                "minta kantor pengirim mengekspor ulang dari aplikasi."
            ).format(name=label),
            member=SIGNATURE,
        )
    try:
        doc = _loads(archive.read_control(SIGNATURE))
    except ValueError as exc:
        raise _bad_signature(label) from exc
    if not isinstance(doc, dict) or "alg" not in doc:
        raise _bad_signature(label)
    if doc["alg"] != SIGNATURE_ALG:
        raise SyncError(
            "UNSUPPORTED_ALG",
            _(
                "Paket {name} ditandatangani dengan algoritme yang tidak didukung ({alg}); hanya "
                "Ed25519 yang diterima. Minta kantor pengirim mengekspor ulang dengan aplikasi "
                "Capaian yang resmi."
            ).format(name=label, alg=_shown(doc["alg"])),
            member=SIGNATURE,
        )
    if set(doc) != _SIGNATURE_FIELDS or doc["context"] != SIGNATURE_CONTEXT_MANIFEST:
        raise _bad_signature(label)
    signer, encoded = doc["key_id"], doc["sig"]
    if not isinstance(signer, str) or not _KEY_ID_RE.fullmatch(signer):
        raise _bad_signature(label)
    try:
        raw = base64.b64decode(encoded, validate=True) if isinstance(encoded, str) else b""
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 64 or base64.b64encode(raw).decode("ascii") != encoded:
        raise _bad_signature(label)
    return signer, raw


def _manifest_bytes(archive: _Archive) -> bytes:
    if MANIFEST not in archive.entries:
        raise _malformed_manifest(archive.label, MANIFEST)
    return archive.read_control(MANIFEST)


def _json_object(raw: bytes, label: str, member: str) -> dict[str, Any]:
    """A member holding one JSON object (``cert.json``); anything else is ``MALFORMED_DATA``."""
    try:
        value = _loads(raw)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise _malformed_data(label, member, 1)
    return value


def _jsonl(raw: bytes, label: str, member: str) -> list[dict[str, Any]]:
    """One JSON object per newline-terminated line; any other shape is ``MALFORMED_DATA``."""
    if not raw:
        return []
    if not raw.endswith(b"\n"):
        raise _malformed_data(label, member, raw.count(b"\n") + 1)
    records: list[dict[str, Any]] = []
    for number, line in enumerate(raw[:-1].split(b"\n"), start=1):
        try:
            value = _loads(line)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise _malformed_data(label, member, number)
        records.append(value)
    return records


def file_sha256(path: Path) -> str:
    """SHA-256 of a package file, read in chunks: the identity BKD uses to spot a re-import."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_package(
    path: Path,
    public_key_for: Callable[[str], bytes | None],
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedPackage:
    """Verify and parse a package in the order of sync.md §4.7; nothing is extracted to disk.

    Args:
        path: the package file.
        public_key_for: maps a key id to the raw 32-byte public key the caller trusts for it, or
            None when it knows no such key (the package then belongs in quarantine).
        limits: the caps to enforce.

    Raises:
        SyncError: with the reason code of the first failed check; no other exception escapes
            for any file content.
    """
    archive = _Archive(path, limits)
    label = archive.label
    signer, signature = _signature(archive)
    manifest_raw = _manifest_bytes(archive)
    public = public_key_for(signer)
    if public is None:
        raise SyncError(
            "UNKNOWN_KEY",
            _(
                "Paket {name} ditandatangani dengan kunci yang belum terdaftar (ID kunci {key}). "
                "Paket disimpan di karantina sampai sidik jari kunci itu disetujui BKD."
            ).format(name=label, key=signer),
            member=SIGNATURE,
        )
    if not verify(public, SIGNATURE_CONTEXT_MANIFEST, manifest_raw, signature):
        raise _bad_signature(label)
    manifest = _parse_manifest(manifest_raw, label, limits)
    if manifest["sender"]["key_id"] != signer:
        raise SyncError(
            "KEY_SENDER_MISMATCH",
            _(
                "Paket {name} ditandatangani dengan kunci {key}, tetapi manifesnya menyebut kunci "
                "pengirim yang lain. Paket ditolak; laporkan ke BKD."
            ).format(name=label, key=signer),
            member=MANIFEST,
        )
    listed = {item["path"] for item in manifest["members"]}
    present = set(archive.entries) - {MANIFEST, SIGNATURE}
    if listed != present:
        raise _member_set_mismatch(label, sorted(listed ^ present)[0])
    cert: dict[str, Any] | None = None
    datasets: dict[str, list[dict[str, Any]]] = {}
    for item in manifest["members"]:
        member: str = item["path"]
        raw = archive.read_listed(item)
        if member == CERT:
            cert = _json_object(raw, label, member)
            records = [cert]
        else:
            records = _jsonl(raw, label, member)
            datasets.setdefault(_dataset_of(member), []).extend(records)
        if len(records) != item["records"]:
            raise _member_set_mismatch(label, member)
    return VerifiedPackage(
        file_sha256=archive.file_sha256,
        manifest_sha256=hashlib.sha256(manifest_raw).hexdigest(),
        manifest=manifest,
        key_id=signer,
        cert=cert,
        datasets={name: tuple(records) for name, records in datasets.items()},
    )


def peek_signer(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """The key id claimed by ``manifest.sig``, after the structural checks, unverified.

    Lets the importer look the key up, or file the package under an unknown key in quarantine,
    without trusting anything else in it.

    Raises:
        SyncError: on any structural or ``manifest.sig`` problem.
    """
    return _signature(_Archive(path, limits))[0]


def manifest_of_unverified(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """The strictly parsed manifest WITHOUT any signature check, for quarantine reports only.

    Never trust it: anyone can write any manifest. Use it to show the clerk what a quarantined
    package claims to be (sender, seq, counts), never to decide anything or to import data.

    Raises:
        SyncError: on any structural problem or a manifest that does not parse strictly.
    """
    archive = _Archive(path, limits)
    return _parse_manifest(_manifest_bytes(archive), archive.label, limits)
