"""The signed package container: build, verify, and the adversarial cases of sync.md §5.1/§5.2."""

import base64
import hashlib
import io
import json
import os
import stat
import struct
import tracemalloc
import uuid
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.sync import package
from app.sync.errors import SyncError
from app.sync.keys import (
    SIGNATURE_CONTEXT_DEVICE_CERT,
    SIGNATURE_CONTEXT_MANIFEST,
    key_id,
    public_bytes,
    sign,
)
from app.sync.package import (
    DEFAULT_LIMITS,
    EXTENSION,
    FORMAT,
    FORMAT_VERSION,
    BuiltPackage,
    Limits,
    PackageSpec,
    VerifiedPackage,
    build_package,
    manifest_of_unverified,
    peek_signer,
    read_package,
)

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
PUBLIC = public_bytes(KEY)
KID = key_id(PUBLIC)
OTHER_KID = key_id(public_bytes(OTHER_KEY))
INSTALLATION = "3f2a9c1b-0000-4000-8000-000000000001"

OPS_RECORDS = [
    {
        "op_id": f"{INSTALLATION}:{n}",
        "type": "update",
        "entity": "realisasi",
        "id": str(uuid.UUID(int=n)),
        "natural_key": {"nip": "198001012005011001", "period": "2026-03"},
        "base": None if n == 1 else f"{INSTALLATION}:{n - 1}",
        "before": {"nilai": str(Decimal("80.5") + n)},
        "after": {"nilai": str(Decimal("90.25") + n), "catatan": "Sudah diverifikasi Kasubag"},
        "author": {"id": "u1", "name": "Siti Rahayu"},
        "at": "2026-03-31T08:00:00+07:00",
    }
    for n in range(1, 4)
]
PEGAWAI = [{"nip": "198001012005011001", "nama": "Siti Rahayu", "golongan": "III/c"}]


def trusted(wanted: str) -> bytes | None:
    return {KID: PUBLIC, OTHER_KID: public_bytes(OTHER_KEY)}.get(wanted)


def make_spec(**changes: Any) -> PackageSpec:
    fields: dict[str, Any] = {
        "kind": "changes",
        "environment": "production",
        "sender": {
            "type": "installation",
            "installation_id": INSTALLATION,
            "dinas_code": "DISDIK",
            "key_id": KID,
        },
        "recipient": {"type": "bkd", "bkd_instance_id": "BKD-SABANGAU"},
        "seq": 7,
        "prev_manifest_sha256": "ab" * 32,
        "created_at": datetime(2026, 4, 12, 15, 30, tzinfo=timezone(timedelta(hours=7))),
        "app": {"name": "Capaian", "version": "1.4.0", "build": "3.11.7"},
        "schema_version": 3,
        "min_reader_schema_version": 2,
        "ack": {"last_bkd_seq": 4, "last_bkd_manifest_sha256": "cd" * 32},
        "ops": {
            "first": f"{INSTALLATION}:1",
            "last": f"{INSTALLATION}:3",
            "count": 3,
            "cumulative_since_ack": True,
        },
        "reference_versions": {"indicator_catalogue": 12, "employee_master": 88},
        "counts": {"realisasi.update": 3},
        "cert": {"installation_id": INSTALLATION, "serial": 5, "sig": "AAAA"},
        "datasets": {"ops": OPS_RECORDS, "pegawai": PEGAWAI},
    }
    fields.update(changes)
    return PackageSpec(**fields)


@pytest.fixture
def built(tmp_path: Path) -> BuiltPackage:
    return build_package(make_spec(), KEY, tmp_path / f"paket{EXTENSION}")


@pytest.fixture
def good(built: BuiltPackage) -> bytes:
    return built.path.read_bytes()


# ----------------------------------------------------------------------------- helpers


def canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zip_of(
    members: dict[str, bytes] | list[tuple[str, bytes]],
    compression: int = zipfile.ZIP_DEFLATED,
    comment: bytes = b"",
) -> bytes:
    items = list(members.items()) if isinstance(members, dict) else members
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicates some tests want
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, data in items:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = compression
                archive.writestr(info, data)
            archive.comment = comment
    return buffer.getvalue()


def signature_doc(manifest: bytes, key: Ed25519PrivateKey = KEY, **changes: Any) -> bytes:
    doc: dict[str, Any] = {
        "alg": "Ed25519",
        "context": SIGNATURE_CONTEXT_MANIFEST,
        "key_id": key_id(public_bytes(key)),
        "sig": base64.b64encode(sign(key, SIGNATURE_CONTEXT_MANIFEST, manifest)).decode(),
    }
    doc.update(changes)
    return canonical({k: v for k, v in doc.items() if v is not None})


def resigned(data: bytes, edit: Callable[[dict[str, Any]], None] | None = None) -> bytes:
    """The package with its manifest edited (as a dict) and signed again with the test key."""
    members = members_of(data)
    manifest = json.loads(members["manifest.json"])
    if edit is not None:
        edit(manifest)
    members["manifest.json"] = canonical(manifest)
    members["manifest.sig"] = signature_doc(members["manifest.json"])
    return zip_of(members)


def with_raw_manifest(
    data: bytes, raw: bytes, key: Ed25519PrivateKey = KEY, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    members = members_of(data)
    members["manifest.json"] = raw
    members["manifest.sig"] = signature_doc(raw, key)
    return zip_of(members, compression)


def with_member(data: bytes, name: str, content: bytes, records: int | None = None) -> bytes:
    """Replace a listed member and fix its hash, size (and records) in a re-signed manifest."""
    members = members_of(data)
    members[name] = content

    def edit(manifest: dict[str, Any]) -> None:
        for item in manifest["members"]:
            if item["path"] == name:
                item["sha256"] = hashlib.sha256(content).hexdigest()
                item["size"] = len(content)
                if records is not None:
                    item["records"] = records

    manifest = json.loads(members["manifest.json"])
    edit(manifest)
    members["manifest.json"] = canonical(manifest)
    members["manifest.sig"] = signature_doc(members["manifest.json"])
    return zip_of(members)


_CD = {"flags": (8, "<H"), "method": (10, "<H"), "crc": (16, "<L"), "csize": (20, "<L")}
_CD |= {"usize": (24, "<L"), "external_attr": (38, "<L"), "offset": (42, "<L")}
_LOCAL = {"flags": (6, "<H"), "method": (8, "<H"), "crc": (14, "<L"), "csize": (18, "<L")}
_LOCAL |= {"usize": (22, "<L")}


def central_entries(data: bytes) -> Iterator[tuple[int, str, int]]:
    """(position in the central directory, name, local header offset) of every entry."""
    count, _size, pos = struct.unpack_from("<HLL", data, len(data) - 12)
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<3H", data, pos + 28)
        (offset,) = struct.unpack_from("<L", data, pos + 42)
        yield pos, data[pos + 46 : pos + 46 + name_len].decode("cp437"), offset
        pos += 46 + name_len + extra_len + comment_len


def patch(data: bytes, name: str, *, local: bool = True, **values: int) -> bytes:
    """Overwrite fixed header fields of one member, in the directory (and its local header)."""
    buffer = bytearray(data)
    for pos, entry, offset in central_entries(data):
        if entry != name:
            continue
        for field, value in values.items():
            where, fmt = _CD[field]
            struct.pack_into(fmt, buffer, pos + where, value)
            if local and field in _LOCAL:
                where, fmt = _LOCAL[field]
                struct.pack_into(fmt, buffer, offset + where, value)
        return bytes(buffer)
    raise AssertionError(f"no member {name}")


def payload_offset(data: bytes, name: str) -> int:
    for _pos, entry, offset in central_entries(data):
        if entry == name:
            name_len, extra_len = struct.unpack_from("<2H", data, offset + 26)
            return offset + 30 + name_len + extra_len
    raise AssertionError(f"no member {name}")


def raw_members(data: bytes) -> list[list[Any]]:
    """[name, method, stored payload, declared size, crc] of every member, in file order."""
    result = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            start = payload_offset(data, info.filename)
            payload = data[start : start + info.compress_size]
            result.append([info.filename, info.compress_type, payload, info.file_size, info.CRC])
    return result


def raw_zip(entries: list[list[Any]]) -> bytes:
    """A ZIP in the builder's own layout with exactly the given payloads and declared fields."""
    members = [
        package._Member(name, method, crc, size, payload, "", 0)
        for name, method, payload, size, crc in entries
    ]
    buffer = io.BytesIO()
    package._write_zip(buffer, members)
    return buffer.getvalue()


def read(
    tmp_path: Path,
    data: bytes,
    keys: Callable[[str], bytes | None] = trusted,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedPackage:
    path = tmp_path / "masuk.bkdsync"
    path.write_bytes(data)
    return read_package(path, keys, limits=limits)


def code(
    tmp_path: Path,
    data: bytes,
    keys: Callable[[str], bytes | None] = trusted,
    limits: Limits = DEFAULT_LIMITS,
) -> str:
    with pytest.raises(SyncError) as caught:
        read(tmp_path, data, keys, limits)
    assert caught.value.message  # every refusal explains itself
    return caught.value.code


# ----------------------------------------------------------------------------- build and read


def test_round_trip(tmp_path: Path, built: BuiltPackage) -> None:
    data = built.path.read_bytes()
    verified = read_package(built.path, trusted)
    assert verified.datasets == {"ops": tuple(OPS_RECORDS), "pegawai": tuple(PEGAWAI)}
    assert verified.cert == make_spec().cert
    assert verified.key_id == KID
    assert verified.file_sha256 == built.file_sha256 == hashlib.sha256(data).hexdigest()
    assert built.size == len(data)
    members = members_of(data)
    assert verified.manifest_sha256 == built.manifest_sha256
    assert built.manifest_sha256 == hashlib.sha256(members["manifest.json"]).hexdigest()
    assert built.members == (
        "manifest.json",
        "manifest.sig",
        "cert.json",
        "data/ops-0001.jsonl",
        "ref/pegawai-0001.jsonl",
    )
    assert tuple(members) == built.members
    m = verified.manifest
    assert m["format"] == FORMAT and m["format_version"] == FORMAT_VERSION
    assert m["package_id"] == built.package_id and uuid.UUID(m["package_id"]).version == 5
    assert m["created_at"] == "2026-04-12T08:30:00Z"
    assert m["encryption"] is None
    assert m["sender"]["key_id"] == KID
    assert (m["seq"], m["kind"], m["environment"]) == (7, "changes", "production")
    assert m["ack"] == make_spec().ack and m["ops"] == make_spec().ops
    assert [item["path"] for item in m["members"]] == list(built.members[2:])
    for item in m["members"]:
        content = members[item["path"]]
        assert item["sha256"] == hashlib.sha256(content).hexdigest()
        assert item["size"] == len(content)
    assert [item["records"] for item in m["members"]] == [1, 3, 1]
    assert m["members"][0]["media_type"] == "application/json"
    assert m["members"][1]["media_type"] == "application/jsonl"
    assert peek_signer(built.path) == KID
    assert manifest_of_unverified(built.path) == m
    assert [p.name for p in tmp_path.iterdir()] == [built.path.name]


def test_written_zip_is_plain_and_fixed(good: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        assert archive.testzip() is None
        assert archive.comment == b""
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr == 0o644 << 16
            assert info.create_system == 3
            assert info.extra == b""
            assert info.flag_bits == 0
    signature = json.loads(members_of(good)["manifest.sig"])
    assert set(signature) == {"alg", "key_id", "context", "sig"}
    assert signature["alg"] == "Ed25519" and signature["key_id"] == KID
    assert signature["context"] == SIGNATURE_CONTEXT_MANIFEST
    assert len(base64.b64decode(signature["sig"])) == 64


def test_manifest_bytes_are_canonical_json(good: bytes) -> None:
    raw = members_of(good)["manifest.json"]
    assert raw == canonical(json.loads(raw))


def test_build_is_deterministic(tmp_path: Path) -> None:
    first = build_package(make_spec(), KEY, tmp_path / "a.bkdsync")
    reordered = make_spec(
        datasets={"pegawai": PEGAWAI, "ops": [dict(reversed(op.items())) for op in OPS_RECORDS]},
        counts=dict(reversed(make_spec().counts.items())),
    )
    second = build_package(reordered, KEY, tmp_path / "b.bkdsync")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.package_id == second.package_id
    again = build_package(make_spec(), KEY, first.path)  # re-export over the same file
    assert again.path.read_bytes() == second.path.read_bytes()
    next_seq = build_package(make_spec(seq=8), KEY, tmp_path / "c.bkdsync")
    assert next_seq.path.read_bytes() != first.path.read_bytes()
    assert next_seq.package_id != first.package_id
    other_content = build_package(make_spec(counts={}), KEY, tmp_path / "d.bkdsync")
    assert other_content.package_id != first.package_id


def test_strings_are_nfc_normalised(tmp_path: Path) -> None:
    decomposed = [{"nama": "Jose\u0301", "Cafe\u0301": "ya"}]
    composed = [{"nama": "Jos\u00e9", "Caf\u00e9": "ya"}]
    one = build_package(make_spec(datasets={"ops": decomposed}), KEY, tmp_path / "1.bkdsync")
    two = build_package(make_spec(datasets={"ops": composed}), KEY, tmp_path / "2.bkdsync")
    assert one.path.read_bytes() == two.path.read_bytes()
    assert read_package(one.path, trusted).datasets["ops"] == tuple(composed)
    assert "é".encode() in members_of(one.path.read_bytes())["data/ops-0001.jsonl"]


def test_fractional_created_at_is_kept(tmp_path: Path) -> None:
    moment = datetime(2026, 4, 12, 1, 2, 3, 4500, tzinfo=UTC)
    built = build_package(make_spec(created_at=moment), KEY, tmp_path / "p.bkdsync")
    assert read_package(built.path, trusted).manifest["created_at"] == "2026-04-12T01:02:03.004500Z"


def test_ops_are_chunked_in_order(tmp_path: Path) -> None:
    ops = [{"op_id": f"x:{n}", "after": {"teks": "a" * 40}} for n in range(30)]
    limits = Limits(max_member_bytes=300)
    built = build_package(
        make_spec(datasets={"ops": ops}), KEY, tmp_path / "p.bkdsync", limits=limits
    )
    names = [name for name in built.members if name.startswith("data/")]
    assert len(names) > 5
    assert names == [f"data/ops-{n:04d}.jsonl" for n in range(1, len(names) + 1)]
    sizes = {name: len(content) for name, content in members_of(built.path.read_bytes()).items()}
    assert all(sizes[name] <= 300 for name in names)
    assert read_package(built.path, trusted, limits=limits).datasets["ops"] == tuple(ops)


def test_empty_dataset_and_no_cert(tmp_path: Path) -> None:
    spec = make_spec(kind="enrolment_request", ops=None, cert=None, datasets={"ops": []})
    built = build_package(spec, KEY, tmp_path / "p.bkdsync")
    assert built.members == ("manifest.json", "manifest.sig", "data/ops-0001.jsonl")
    verified = read_package(built.path, trusted)
    assert verified.cert is None
    assert verified.datasets == {"ops": ()}
    assert verified.manifest["members"][0]["records"] == 0
    nothing = build_package(make_spec(cert=None, datasets={}), KEY, tmp_path / "q.bkdsync")
    assert read_package(nothing.path, trusted).datasets == {}


def test_reverse_package_with_reference_datasets(tmp_path: Path) -> None:
    spec = make_spec(
        kind="bkd_update",
        sender={"type": "bkd", "bkd_instance_id": "BKD-SABANGAU"},
        recipient={"type": "dinas", "dinas_code": "DISDIK", "installation_id": INSTALLATION},
        ops=None,
        cert=None,
        datasets={"pegawai": PEGAWAI, "jabatan": [{"kode": "J1"}], "ops": []},
    )
    built = build_package(spec, KEY, tmp_path / "balik.bkdsync")
    assert built.members[2:] == (
        "data/ops-0001.jsonl",
        "ref/jabatan-0001.jsonl",
        "ref/pegawai-0001.jsonl",
    )
    verified = read_package(built.path, trusted)
    assert verified.manifest["sender"] == {**spec.sender, "key_id": KID}
    assert verified.datasets["jabatan"] == ({"kode": "J1"},)


def test_very_compressible_member_is_stored_not_refused(tmp_path: Path) -> None:
    ops = [{"op_id": f"x:{n}", "teks": "a" * 5000} for n in range(200)]
    built = build_package(make_spec(datasets={"ops": ops}), KEY, tmp_path / "p.bkdsync")
    with zipfile.ZipFile(built.path) as archive:
        assert archive.getinfo("data/ops-0001.jsonl").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("manifest.json").compress_type == zipfile.ZIP_DEFLATED
    assert len(read_package(built.path, trusted).datasets["ops"]) == 200


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"datasets": {"ops": [{"nilai": Decimal("1.5")}]}}, TypeError),
        ({"datasets": {"ops": [{"nilai": float("nan")}]}}, TypeError),
        ({"datasets": {"ops": [{"nilai": float("inf")}]}}, TypeError),
        ({"datasets": {"ops": [{"at": datetime(2026, 1, 1, tzinfo=UTC)}]}}, TypeError),
        ({"datasets": {"ops": [{"id": uuid.UUID(int=1)}]}}, TypeError),
        ({"datasets": {"ops": [{1: "kunci angka"}]}}, TypeError),
        ({"datasets": {"ops": ["bukan objek"]}}, TypeError),
        ({"datasets": {"ops": [{"n": 2**53}]}}, ValueError),
        ({"datasets": {"ops": [{"e\u0301": 1, "\u00e9": 2}]}}, ValueError),
        ({"datasets": {"ops": [{"teks": "\ud800"}]}}, ValueError),
        ({"datasets": {"Pegawai": []}}, ValueError),
        ({"datasets": {"pegawai-2": []}}, ValueError),
        ({"created_at": datetime(2026, 1, 1)}, ValueError),
        ({"sender": {"type": "installation", "key_id": OTHER_KID}}, ValueError),
        ({"kind": "attachments"}, ValueError),
        ({"environment": "staging"}, ValueError),
        ({"seq": 0}, ValueError),
        ({"min_reader_schema_version": 4}, ValueError),
        ({"app": {"name": "Capaian"}}, ValueError),
    ],
)
def test_build_refuses_inexact_specs(tmp_path: Path, changes: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        build_package(make_spec(**changes), KEY, tmp_path / "p.bkdsync")
    assert list(tmp_path.iterdir()) == []


def test_finite_floats_and_nesting_survive(tmp_path: Path) -> None:
    records = [{"skor": 0.1, "daftar": [1, [2, {"x": None}], True], "besar": -(2**53) + 1}]
    built = build_package(make_spec(datasets={"ops": records}), KEY, tmp_path / "p.bkdsync")
    assert read_package(built.path, trusted).datasets["ops"] == tuple(records)


@pytest.mark.parametrize(
    ("changes", "limits"),
    [
        ({"datasets": {"ops": [{"teks": "a" * 500}]}}, Limits(max_member_bytes=400)),
        ({}, Limits(max_ops=2)),
        (
            {"datasets": {"ops": [{"t": "a" * 90}] * 20}},
            Limits(max_member_bytes=100, max_members=8),
        ),
        ({"datasets": {"ops": [{"t": "a" * 90}] * 20}}, Limits(max_total_bytes=1000)),
        ({"cert": {"teks": "a" * 300}}, Limits(max_cert_bytes=200)),
        ({}, Limits(max_manifest_bytes=500)),
        ({}, Limits(max_file_bytes=1000)),
    ],
)
def test_build_size_limits(tmp_path: Path, changes: dict[str, Any], limits: Limits) -> None:
    with pytest.raises(SyncError) as caught:
        build_package(make_spec(**changes), KEY, tmp_path / "p.bkdsync", limits=limits)
    assert caught.value.code == "SIZE_LIMIT"
    assert list(tmp_path.iterdir()) == []


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="positive"):
        Limits(max_ops=0)
    with pytest.raises(ValueError, match="positive"):
        Limits(max_ratio=True)
    with pytest.raises(ValueError, match="ZIP64"):
        Limits(max_file_bytes=2**32)
    with pytest.raises(ValueError, match="ZIP64"):
        Limits(max_members=70_000)


# ----------------------------------------------------------------------------- write failures


def test_build_into_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "tidak-ada" / "p.bkdsync"
    with pytest.raises(SyncError) as caught:
        build_package(make_spec(), KEY, out)
    assert caught.value.code == "WRITE_FAILED"
    assert str(out) in caught.value.message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root can write into read-only folders"
)
def test_build_into_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(SyncError) as caught:
            build_package(make_spec(), KEY, folder / "p.bkdsync")
        assert caught.value.code == "WRITE_FAILED"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_build_failure_leaves_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(package.os, where, fail)
    with pytest.raises(SyncError) as caught:
        build_package(make_spec(), KEY, tmp_path / "p.bkdsync")
    assert caught.value.code == "WRITE_FAILED"
    assert list(tmp_path.iterdir()) == []


def test_failed_verification_leaves_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, *_args: object, **_kwargs: object) -> None:
        assert path.exists() and path.parent == tmp_path  # verified in place, before the rename
        raise SyncError("BAD_SIGNATURE", "uji")

    monkeypatch.setattr(package, "read_package", refuse)
    with pytest.raises(SyncError) as caught:
        build_package(make_spec(), KEY, tmp_path / "p.bkdsync")
    assert caught.value.code == "BAD_SIGNATURE"
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------- §5.1 container


def test_reading_a_missing_file(tmp_path: Path) -> None:
    for path in (tmp_path / "tidak-ada.bkdsync", tmp_path):
        with pytest.raises(SyncError) as caught:
            read_package(path, trusted)
        assert caught.value.code == "READ_FAILED"
        assert str(path) in caught.value.message


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_z1_truncated(tmp_path: Path, good: bytes, cut: float) -> None:
    assert code(tmp_path, good[: int(len(good) * cut)]) == "MALFORMED_ZIP"


def test_z1_truncated_at_last_byte_and_inside_central_directory(
    tmp_path: Path, good: bytes
) -> None:
    assert code(tmp_path, good[:-1]) == "MALFORMED_ZIP"
    (directory,) = struct.unpack_from("<L", good, len(good) - 6)
    assert code(tmp_path, good[: directory + 10]) == "MALFORMED_ZIP"
    assert code(tmp_path, good[: directory + 10] + good[-22:]) == "MALFORMED_ZIP"


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", bytes(22), os.urandom(4096)],
)
def test_z2_not_a_zip(tmp_path: Path, data: bytes) -> None:
    assert code(tmp_path, data) == "MALFORMED_ZIP"


def test_z2_zipfile_rejecting_the_directory_is_malformed(tmp_path: Path, good: bytes) -> None:
    # A directory entry whose name is not valid UTF-8 although it claims to be: zipfile raises.
    pos, _name, _offset = next(central_entries(good))
    buffer = bytearray(good)
    struct.pack_into("<H", buffer, pos + 8, 0x800)
    buffer[pos + 46] = 0xFF
    assert code(tmp_path, bytes(buffer)) == "MALFORMED_ZIP"


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "..\\x",
        "/etc/x",
        "C:\\x",
        "C:x",
        "data/../../x",
        "data/ops-0001.jsonl/..",
        "ref/" + "a" * 120 + "-0001.jsonl",
        "data/ops\t0001.jsonl",
    ],
)
def test_z3_bad_member_names(tmp_path: Path, good: bytes, name: str) -> None:
    data = zip_of([*members_of(good).items(), (name, b"x")])
    assert code(tmp_path, data) == "BAD_MEMBER_NAME"


def test_z3_name_with_nul(tmp_path: Path, good: bytes) -> None:
    data = zip_of([*members_of(good).items(), ("cert.jsonX", b"x")])
    data = data.replace(b"cert.jsonX", b"cert.json\x00")
    with pytest.raises(SyncError) as caught:
        read(tmp_path, data)
    assert caught.value.code == "BAD_MEMBER_NAME"
    assert caught.value.member == "cert.json\x00"
    assert "\x00" not in caught.value.message


@pytest.mark.parametrize(
    "name", ["readme.txt", "data/evil.py", "data/ops-1.jsonl", "ref/Lain-0001.jsonl"]
)
def test_z4_unexpected_member(tmp_path: Path, good: bytes, name: str) -> None:
    data = zip_of([*members_of(good).items(), (name, b"x")])
    assert code(tmp_path, data) == "UNEXPECTED_MEMBER"


@pytest.mark.parametrize("name", ["data/ops-0001.jsonl", "Data/ops-0001.jsonl", "CERT.JSON"])
def test_z5_duplicate_members(tmp_path: Path, good: bytes, name: str) -> None:
    data = zip_of([*members_of(good).items(), (name, b"{}\n")])
    assert code(tmp_path, data) == "DUPLICATE_MEMBER"
    data = zip_of([(name, b"{}\n"), *members_of(good).items()])
    assert code(tmp_path, data) == "DUPLICATE_MEMBER"


def test_z6_member_inflating_beyond_declared_size(tmp_path: Path, good: bytes) -> None:
    assert code(tmp_path, patch(good, "manifest.json", usize=40)) == "SIZE_LIMIT"


def test_z6_bomb_memory_stays_bounded(tmp_path: Path, good: bytes) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = compressor.compress(bytes(64 * 1024 * 1024)) + compressor.flush()
    entries = raw_members(good)
    entries[0][1:5] = [zipfile.ZIP_DEFLATED, bomb, 1000, 0]  # manifest.json claims 1000 bytes
    data = raw_zip(entries)
    tracemalloc.start()
    try:
        assert code(tmp_path, data) == "SIZE_LIMIT"
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024 + 2 * len(data), peak  # the file, not what it claims to hold


def test_z6_high_ratio_member(tmp_path: Path, good: bytes) -> None:
    data = zip_of([*members_of(good).items(), ("ref/bom-0001.jsonl", bytes(2 * 1024 * 1024))])
    with pytest.raises(SyncError) as caught:
        read(tmp_path, data)
    assert caught.value.code == "SIZE_LIMIT"
    assert caught.value.member == "ref/bom-0001.jsonl"


def test_z6_overlapping_entries(tmp_path: Path, good: bytes) -> None:
    entries = {name: offset for _pos, name, offset in central_entries(good)}
    data = patch(good, "manifest.sig", local=False, offset=entries["manifest.json"])
    assert code(tmp_path, data) == "MALFORMED_ZIP"


def test_z7_declared_sizes_over_the_limits(tmp_path: Path, good: bytes) -> None:
    assert code(tmp_path, good, limits=Limits(max_total_bytes=1000)) == "SIZE_LIMIT"
    assert code(tmp_path, good, limits=Limits(max_manifest_bytes=100)) == "SIZE_LIMIT"
    assert code(tmp_path, good, limits=Limits(max_file_bytes=len(good) - 1)) == "SIZE_LIMIT"
    big = patch(good, "data/ops-0001.jsonl", usize=17 * 1024 * 1024)
    assert code(tmp_path, big) == "SIZE_LIMIT"


def test_z7_too_many_members(tmp_path: Path, good: bytes) -> None:
    assert code(tmp_path, good, limits=Limits(max_members=4)) == "SIZE_LIMIT"
    many = zip_of([(f"ref/x-{n:04d}.jsonl", b"") for n in range(1001)], zipfile.ZIP_STORED)
    assert code(tmp_path, many) == "SIZE_LIMIT"
    buffer = bytearray(good)
    struct.pack_into("<HH", buffer, len(buffer) - 14, 60_000, 60_000)
    assert code(tmp_path, bytes(buffer)) == "SIZE_LIMIT"


def test_z8_symlink_entry(tmp_path: Path, good: bytes) -> None:
    symlink = (stat.S_IFLNK | 0o777) << 16
    assert code(tmp_path, patch(good, "cert.json", external_attr=symlink)) == "UNSUPPORTED_MEMBER"


def test_z8_directory_entries(tmp_path: Path, good: bytes) -> None:
    data = zip_of([*members_of(good).items(), ("data/", b"")])
    assert code(tmp_path, data) == "UNSUPPORTED_MEMBER"
    as_dir = (stat.S_IFDIR | 0o755) << 16
    assert code(tmp_path, patch(good, "cert.json", external_attr=as_dir)) == "UNSUPPORTED_MEMBER"
    assert code(tmp_path, patch(good, "cert.json", external_attr=0x10)) == "UNSUPPORTED_MEMBER"


def test_z8_encrypted_flag(tmp_path: Path, good: bytes) -> None:
    assert code(tmp_path, patch(good, "data/ops-0001.jsonl", flags=1)) == "UNSUPPORTED_MEMBER"
    assert code(tmp_path, patch(good, "manifest.json", flags=0x40)) == "UNSUPPORTED_MEMBER"


@pytest.mark.parametrize("compression", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_z8_unsupported_compression(tmp_path: Path, good: bytes, compression: int) -> None:
    assert code(tmp_path, zip_of(members_of(good), compression)) == "UNSUPPORTED_MEMBER"


def test_z8_extra_fields_and_comments(tmp_path: Path, good: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members_of(good).items():
            info = zipfile.ZipInfo(name)
            info.extra = b"\x99\x99\x00\x00" if name == "cert.json" else b""
            archive.writestr(info, content)
    assert code(tmp_path, buffer.getvalue()) == "UNSUPPORTED_MEMBER"


def test_z9_data_around_a_valid_package(tmp_path: Path, good: bytes) -> None:
    assert code(tmp_path, b"MZ\x90\x00" + good) == "MALFORMED_ZIP"
    assert code(tmp_path, good + b"ekor") == "MALFORMED_ZIP"
    assert code(tmp_path, good + good[-22:]) == "MALFORMED_ZIP"  # two end records
    assert code(tmp_path, zip_of(members_of(good), comment=b"catatan")) == "MALFORMED_ZIP"


def test_z9_zipfile_layout_is_accepted_but_gaps_are_not(tmp_path: Path, good: bytes) -> None:
    rezipped = zip_of(members_of(good))  # another writer, same member bytes: still valid
    assert read(tmp_path, rezipped).manifest_sha256 == read(tmp_path, good).manifest_sha256
    # Hidden bytes between two members (a polyglot's hiding place) are refused.
    entries = list(central_entries(good))
    second = sorted(offset for _pos, _name, offset in entries)[1]
    buffer = bytearray(good[:second] + b"GAP!" + good[second:])
    for pos, _name, offset in entries:  # the directory itself moved by 4 bytes
        if offset >= second:
            struct.pack_into("<L", buffer, pos + 4 + 42, offset + 4)
    end = len(buffer) - 22
    (directory,) = struct.unpack_from("<L", buffer, end + 16)
    struct.pack_into("<L", buffer, end + 16, directory + 4)
    assert code(tmp_path, bytes(buffer)) == "MALFORMED_ZIP"


def test_z9_local_header_disagreeing_with_directory(tmp_path: Path, good: bytes) -> None:
    crc = zlib.crc32(members_of(good)["cert.json"])
    assert code(tmp_path, patch(good, "cert.json", local=False, crc=crc ^ 1)) == "MALFORMED_ZIP"
    renamed = bytearray(good)
    offset = next(o for _p, n, o in central_entries(good) if n == "cert.json")
    renamed[offset + 30 : offset + 34] = b"CERT"
    assert code(tmp_path, bytes(renamed)) == "MALFORMED_ZIP"


def test_z10_crc_mismatch(tmp_path: Path, good: bytes) -> None:
    assert code(tmp_path, patch(good, "manifest.json", crc=0)) == "MALFORMED_ZIP"
    assert code(tmp_path, patch(good, "manifest.sig", crc=0)) == "MALFORMED_ZIP"
    assert code(tmp_path, patch(good, "data/ops-0001.jsonl", crc=0)) == "MALFORMED_ZIP"


def test_z10_broken_deflate_stream_of_the_manifest(tmp_path: Path, good: bytes) -> None:
    start = payload_offset(good, "manifest.json")
    broken = good[:start] + b"\xff\xff\xff" + good[start + 3 :]
    assert code(tmp_path, broken) in {"MALFORMED_ZIP", "SIZE_LIMIT"}
    entries = raw_members(good)
    entries[0][2] = entries[0][2][:-5]  # the deflate stream never reaches its end
    assert code(tmp_path, raw_zip(entries)) == "MALFORMED_ZIP"
    entries = raw_members(good)
    entries[0][2] += b"\x00"  # bytes after the end of the stream
    assert code(tmp_path, raw_zip(entries)) == "MALFORMED_ZIP"


def test_z11_nested_package(tmp_path: Path, good: bytes) -> None:
    nested = zip_of([*members_of(good).items(), ("data/inner.bkdsync", good)])
    assert code(tmp_path, nested) == "UNEXPECTED_MEMBER"
    disguised = zip_of([*members_of(good).items(), ("ref/paket-0001.jsonl", good)])
    assert code(tmp_path, disguised) == "MEMBER_SET_MISMATCH"


# ----------------------------------------------------------------------------- §5.2 integrity


def test_s1_tampered_member(tmp_path: Path, good: bytes) -> None:
    members = members_of(good)
    content = members["data/ops-0001.jsonl"]
    members["data/ops-0001.jsonl"] = content.replace(b"91.25", b"99.25")
    with pytest.raises(SyncError) as caught:
        read(tmp_path, zip_of(members))
    assert caught.value.code == "MEMBER_HASH_MISMATCH"
    assert caught.value.member == "data/ops-0001.jsonl"


def test_s1_byte_flipped_in_place(tmp_path: Path, good: bytes) -> None:
    start = payload_offset(good, "data/ops-0001.jsonl") + 40  # inside the deflate stream
    flipped = good[:start] + bytes([good[start] ^ 0x10]) + good[start + 1 :]
    assert code(tmp_path, flipped) == "MEMBER_HASH_MISMATCH"


def test_s1_deflated_member_with_broken_stream(tmp_path: Path, good: bytes) -> None:
    start = payload_offset(good, "data/ops-0001.jsonl")
    broken = good[:start] + b"\xff" * 4 + good[start + 4 :]
    assert code(tmp_path, broken) == "MEMBER_HASH_MISMATCH"


def test_s1_member_longer_than_the_manifest_says(tmp_path: Path, good: bytes) -> None:
    members = members_of(good)
    members["data/ops-0001.jsonl"] += b'{"op_id":"x:99"}\n'
    assert code(tmp_path, zip_of(members)) == "MEMBER_HASH_MISMATCH"


def test_s1_directory_size_disagreeing_with_manifest(tmp_path: Path, good: bytes) -> None:
    members = members_of(good)
    size = len(members["data/ops-0001.jsonl"])
    assert code(tmp_path, patch(good, "data/ops-0001.jsonl", usize=size - 1)) == "MALFORMED_ZIP"


def test_s2_member_replaced_by_same_size_member(tmp_path: Path, good: bytes) -> None:
    members = members_of(good)
    original = members["ref/pegawai-0001.jsonl"]
    members["ref/pegawai-0001.jsonl"] = original.replace(b"Siti", b"Sita")
    assert len(members["ref/pegawai-0001.jsonl"]) == len(original)
    assert code(tmp_path, zip_of(members)) == "MEMBER_HASH_MISMATCH"


@pytest.mark.parametrize(
    "edit",
    [
        lambda raw: raw + b" ",
        lambda raw: raw.replace(b'"seq":7', b'"seq": 7'),
        lambda raw: raw.replace(b'"records":3', b'"records":4'),
        lambda raw: raw.replace(b'"production"', b'"training"'),
    ],
)
def test_s3_manifest_edited(tmp_path: Path, good: bytes, edit: Callable[[bytes], bytes]) -> None:
    members = members_of(good)
    edited = edit(members["manifest.json"])
    assert edited != members["manifest.json"]
    members["manifest.json"] = edited
    assert code(tmp_path, zip_of(members)) == "BAD_SIGNATURE"


def test_s4_member_missing_or_unlisted(tmp_path: Path, good: bytes) -> None:
    members = members_of(good)
    del members["ref/pegawai-0001.jsonl"]
    with pytest.raises(SyncError) as caught:
        read(tmp_path, zip_of(members))
    assert (caught.value.code, caught.value.member) == (
        "MEMBER_SET_MISMATCH",
        "ref/pegawai-0001.jsonl",
    )
    extra = zip_of([*members_of(good).items(), ("ref/tambahan-0001.jsonl", b"{}\n")])
    assert code(tmp_path, extra) == "MEMBER_SET_MISMATCH"


def test_s4_listed_member_absent_with_valid_signature(tmp_path: Path, good: bytes) -> None:
    def ghost(manifest: dict[str, Any]) -> None:
        manifest["members"].append({**manifest["members"][-1], "path": "ref/hantu-0001.jsonl"})

    assert code(tmp_path, resigned(good, ghost)) == "MEMBER_SET_MISMATCH"


@pytest.mark.parametrize(("member", "records"), [("data/ops-0001.jsonl", 2), ("cert.json", 2)])
def test_s4_record_count_differs(tmp_path: Path, good: bytes, member: str, records: int) -> None:
    def recount(manifest: dict[str, Any]) -> None:
        for item in manifest["members"]:
            if item["path"] == member:
                item["records"] = records

    assert code(tmp_path, resigned(good, recount)) == "MEMBER_SET_MISMATCH"


def test_s5_signature_from_another_package(tmp_path: Path, good: bytes) -> None:
    other = build_package(make_spec(seq=8), KEY, tmp_path / "lain.bkdsync")
    members = members_of(good)
    members["manifest.sig"] = members_of(other.path.read_bytes())["manifest.sig"]
    assert code(tmp_path, zip_of(members)) == "BAD_SIGNATURE"


def _with_signature(good: bytes, raw: bytes) -> bytes:
    members = members_of(good)
    members["manifest.sig"] = raw
    return zip_of(members)


@pytest.mark.parametrize("alg", ["none", "HS256", "Ed448", "ed25519", 25519, None])
def test_s10_unsupported_algorithm(tmp_path: Path, good: bytes, alg: object) -> None:
    manifest = members_of(good)["manifest.json"]
    doc = json.loads(signature_doc(manifest))
    doc["alg"] = alg
    assert code(tmp_path, _with_signature(good, canonical(doc))) == "UNSUPPORTED_ALG"


@pytest.mark.parametrize(
    "changes",
    [
        {"context": "bkd-sync/manifest/v2"},
        {"context": SIGNATURE_CONTEXT_DEVICE_CERT},
        {"sig": base64.b64encode(bytes(63)).decode()},
        {"sig": base64.b64encode(bytes(65)).decode()},
        {"sig": "!!!bukan-base64!!!"},
        {"sig": base64.b64encode(bytes(64)).decode().rstrip("=")},
        {"sig": 12345},
        {"key_id": "XYZ"},
        {"key_id": KID.upper()},
        {"key_id": 7},
        {"extra": "bidang"},
        {"alg": None, "drop": "alg"},
    ],
)
def test_s10_bad_signature_documents(tmp_path: Path, good: bytes, changes: dict[str, Any]) -> None:
    doc = json.loads(signature_doc(members_of(good)["manifest.json"]))
    drop = changes.pop("drop", None)
    doc.update(changes)
    if drop:
        del doc[drop]
    assert code(tmp_path, _with_signature(good, canonical(doc))) == "BAD_SIGNATURE"


@pytest.mark.parametrize(
    "raw",
    [b"", b"bukan json", b"[]", b'"Ed25519"', b'{"alg":"Ed25519","alg":"Ed25519"}', b"\xff\xfe"],
)
def test_s10_unparsable_signature_file(tmp_path: Path, good: bytes, raw: bytes) -> None:
    assert code(tmp_path, _with_signature(good, raw)) == "BAD_SIGNATURE"


def test_s10_missing_signature_file(tmp_path: Path, good: bytes) -> None:
    members = members_of(good)
    del members["manifest.sig"]
    assert code(tmp_path, zip_of(members)) == "BAD_SIGNATURE"


def test_s10_garbage_signature_bytes(tmp_path: Path, good: bytes) -> None:
    doc = json.loads(signature_doc(members_of(good)["manifest.json"]))
    doc["sig"] = base64.b64encode(os.urandom(64)).decode()
    assert code(tmp_path, _with_signature(good, canonical(doc))) == "BAD_SIGNATURE"


@pytest.mark.parametrize("public", [bytes(32), b"\x01" + bytes(31), PUBLIC[:31], b""])
def test_s10_weak_or_broken_public_keys(tmp_path: Path, good: bytes, public: bytes) -> None:
    # A forged signature that the library would accept under the identity key.
    doc = json.loads(signature_doc(members_of(good)["manifest.json"]))
    doc["sig"] = base64.b64encode(b"\x01" + bytes(63)).decode()
    forged = _with_signature(good, canonical(doc))
    assert code(tmp_path, forged, keys=lambda _kid: public) == "BAD_SIGNATURE"
    assert code(tmp_path, good, keys=lambda _kid: public) == "BAD_SIGNATURE"


def test_s12_device_cert_signature_replayed_as_manifest_signature(
    tmp_path: Path, good: bytes
) -> None:
    manifest = members_of(good)["manifest.json"]
    cross = base64.b64encode(sign(KEY, SIGNATURE_CONTEXT_DEVICE_CERT, manifest)).decode()
    doc = json.loads(signature_doc(manifest))
    doc["sig"] = cross
    assert code(tmp_path, _with_signature(good, canonical(doc))) == "BAD_SIGNATURE"


def test_s7_unknown_key(tmp_path: Path, good: bytes) -> None:
    with pytest.raises(SyncError) as caught:
        read(tmp_path, good, keys=lambda _kid: None)
    assert caught.value.code == "UNKNOWN_KEY"
    assert KID in caught.value.message
    path = tmp_path / "karantina.bkdsync"
    path.write_bytes(good)
    assert peek_signer(path) == KID
    assert manifest_of_unverified(path)["seq"] == 7


def test_signature_by_another_key_than_the_sender_names(tmp_path: Path, good: bytes) -> None:
    manifest = members_of(good)["manifest.json"]
    assert code(tmp_path, with_raw_manifest(good, manifest, OTHER_KEY)) == "KEY_SENDER_MISMATCH"


# ----------------------------------------------------------------------------- §5.2 S11 manifest


def _raw_edit(good: bytes, old: bytes, new: bytes) -> bytes:
    raw = members_of(good)["manifest.json"]
    assert old in raw
    return with_raw_manifest(good, raw.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'{"ack"', b'{"seq":99,"ack"'),  # duplicate key, the first one would win in a reader
        (b'"seq":7', b'"seq":NaN'),
        (b'"seq":7', b'"seq":Infinity'),
        (b'"seq":7', b'"seq":99999999999999999999'),
        (b'"seq":7', b'"seq":9007199254740993'),
        (b'"seq":7', b'"seq":1e999'),
        (b'"seq":7', b'"seq":7.0'),
        (b'"seq":7', b'"seq":"7"'),
        (b'"seq":7', b'"seq":0'),
        (b'"seq":7', b'"seq":true'),
        (b'"seq":7', b'"seq":7,"bonus":1'),
        (b'"schema_version":3', b'"schema_version":1'),
        (b'"format_version":1', b'"format_version":"1"'),
        (b'"format":"bkd-sync-package"', b'"format":1'),
        (b'"encryption":null', b'"encryption":5'),
        (b'"environment":"production"', b'"environment":"staging"'),
        (b'"created_at":"2026-04-12T08:30:00Z"', b'"created_at":"2026-04-12 08:30:00"'),
        (b'"created_at":"2026-04-12T08:30:00Z"', b'"created_at":"2026-13-12T08:30:00Z"'),
        (b'"prev_manifest_sha256":"abab', b'"prev_manifest_sha256":"ABAB'),
        (b'"app":{', b'"app":{"extra":"x",'),
        (b'"type":"bkd"', b'"type":"dinas2"'),
        (b'"reference_versions":{', b'"reference_versions":{"a":-1,'),
        (b'"media_type":"application/json"', b'"media_type":"application/jsonl"'),
        (b'"path":"cert.json"', b'"path":"manifest.json"'),
        (b'"path":"ref/pegawai-0001.jsonl"', b'"path":"ref/ops-0001.jsonl"'),
        (b'"path":"ref/pegawai-0001.jsonl"', b'"path":"data/ops-0001.jsonl"'),
        (b'"path":"cert.json"', b'"path":7'),
        (b'"records":3', b'"records":-3'),
        (b'"size":', b'"size":-'),
        (b'"sha256":"', b'"sha256":"zz'),
        (b'"members":[', b'"members":[{"path":"cert.json"},'),
        (b'"members":[', b'"members":[7,'),
    ],
)
def test_s11_strict_manifest(tmp_path: Path, good: bytes, old: bytes, new: bytes) -> None:
    assert code(tmp_path, _raw_edit(good, old, new)) == "MALFORMED_MANIFEST"


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: m.pop("counts"),
        lambda m: m.update(package_id="bukan-uuid"),
        lambda m: m.update(package_id=m["package_id"].upper()),
        lambda m: m.update(package_id=7),
        lambda m: m.update(sender=["installation"]),
        lambda m: m.update(sender={"type": "installation"}),
        lambda m: m.update(sender={"type": "tamu", "key_id": KID}),
        lambda m: m.update(ops=[]),
        lambda m: m.update(ack=None),
        lambda m: m.update(members={}),
        lambda m: m.update(min_reader_schema_version=0),
        lambda m: m.update(kind=None),
    ],
)
def test_s11_strict_manifest_fields(
    tmp_path: Path, good: bytes, edit: Callable[[dict[str, Any]], None]
) -> None:
    assert code(tmp_path, resigned(good, edit)) == "MALFORMED_MANIFEST"


@pytest.mark.parametrize(
    "raw",
    [b"[]", b"null", b"\xff\xfe{}", b"{" * 1 + b'"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}"],
)
def test_s11_manifest_that_is_not_an_object(tmp_path: Path, good: bytes, raw: bytes) -> None:
    data = with_raw_manifest(good, raw, compression=zipfile.ZIP_STORED)  # no ratio refusal
    assert code(tmp_path, data) == "MALFORMED_MANIFEST"


def test_s11_missing_manifest(tmp_path: Path, good: bytes) -> None:
    members = members_of(good)
    del members["manifest.json"]
    assert code(tmp_path, zip_of(members)) == "MALFORMED_MANIFEST"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda m: m.update(format_version=2), "UNSUPPORTED_FORMAT"),
        (lambda m: m.update(format_version=2, surprise=True), "UNSUPPORTED_FORMAT"),
        (lambda m: m.update(format="bkd-sync-package-v2"), "UNSUPPORTED_FORMAT"),
        (lambda m: m.update(kind="attachments"), "UNSUPPORTED_FORMAT"),
        (
            lambda m: m.update(encryption={"alg": "X25519+AES-256-GCM", "recipient": "k"}),
            "UNSUPPORTED_ENCRYPTION",
        ),
    ],
)
def test_future_packages(
    tmp_path: Path, good: bytes, edit: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert code(tmp_path, resigned(good, edit)) == expected


def test_manifest_level_limits(tmp_path: Path, good: bytes) -> None:
    assert code(tmp_path, good, limits=Limits(max_ops=2)) == "SIZE_LIMIT"

    def huge(manifest: dict[str, Any]) -> None:
        manifest["members"][1]["size"] = 17 * 1024 * 1024

    assert code(tmp_path, resigned(good, huge)) == "SIZE_LIMIT"

    def crowded(manifest: dict[str, Any]) -> None:
        manifest["members"] *= 400

    assert code(tmp_path, resigned(good, crowded)) == "SIZE_LIMIT"


# ----------------------------------------------------------------------------- data members


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b'{"a":1}\nbukan json\n', 2),
        (b'{"a":1}\n{"a":1}', 2),  # no final newline
        (b"[1,2]\n", 1),
        (b'{"a":1,"a":2}\n', 1),
        (b'{"a":NaN}\n', 1),
        (b'{"a":123456789012345678}\n', 1),
        (b'{"a":"\xff"}\n', 1),
        (b"\n", 1),
        (b'{"a":1}\n\n', 2),
    ],
)
def test_malformed_data_lines(tmp_path: Path, good: bytes, content: bytes, line: int) -> None:
    records = max(content.count(b"\n"), 1)
    data = with_member(good, "data/ops-0001.jsonl", content, records=records)
    with pytest.raises(SyncError) as caught:
        read(tmp_path, data)
    assert caught.value.code == "MALFORMED_DATA"
    assert caught.value.member == "data/ops-0001.jsonl"
    assert f"baris {line}" in caught.value.message


@pytest.mark.parametrize("content", [b"[]", b"", b"{", b'{"a":1}{"b":2}'])
def test_malformed_certificate(tmp_path: Path, good: bytes, content: bytes) -> None:
    data = with_member(good, "cert.json", content)
    assert code(tmp_path, data) == "MALFORMED_DATA"


def test_signed_but_inconsistent_record_count(tmp_path: Path, good: bytes) -> None:
    data = with_member(good, "data/ops-0001.jsonl", b'{"a":1}\n', records=5)
    assert code(tmp_path, data) == "MEMBER_SET_MISMATCH"


def test_unverified_manifest_refuses_malformed(tmp_path: Path, good: bytes) -> None:
    path = tmp_path / "p.bkdsync"
    path.write_bytes(with_raw_manifest(good, b'{"format":"bkd-sync-package","format":1}'))
    with pytest.raises(SyncError) as caught:
        manifest_of_unverified(path)
    assert caught.value.code == "MALFORMED_MANIFEST"
    path.write_bytes(b"bukan zip")
    with pytest.raises(SyncError) as caught:
        peek_signer(path)
    assert caught.value.code == "MALFORMED_ZIP"


# ----------------------------------------------------------------------------- robustness


def _only_sync_errors(path: Path) -> None:
    for action in (
        lambda: read_package(path, trusted),
        lambda: peek_signer(path),
        lambda: manifest_of_unverified(path),
    ):
        try:
            action()
        except SyncError as exc:
            assert exc.code and exc.message


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def fuzz_package(fuzz_dir: Path) -> bytes:
    return build_package(make_spec(), KEY, fuzz_dir / "asli.bkdsync").path.read_bytes()


FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_random_mutations_raise_only_sync_errors(
    fuzz_dir: Path, fuzz_package: bytes, data: st.DataObject
) -> None:
    mutated = bytearray(fuzz_package)
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        kind = data.draw(st.sampled_from(["flip", "set", "cut", "insert", "delete"]))
        at = data.draw(st.integers(0, max(len(mutated) - 1, 0)), label="at")
        if kind == "flip" and mutated:
            mutated[at] ^= 1 << data.draw(st.integers(0, 7))
        elif kind == "set" and mutated:
            mutated[at] = data.draw(st.integers(0, 255))
        elif kind == "cut":
            del mutated[at:]
        elif kind == "insert":
            mutated[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            del mutated[at : at + data.draw(st.integers(1, 64))]
    path = fuzz_dir / "mutan.bkdsync"
    path.write_bytes(bytes(mutated))
    _only_sync_errors(path)


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(FUZZ, max_examples=60)
@given(field=st.sampled_from(sorted(package._MANIFEST_FIELDS)), value=_JSON)
def test_resigned_manifest_fields_raise_only_sync_errors(
    fuzz_dir: Path, fuzz_package: bytes, field: str, value: object
) -> None:
    def edit(manifest: dict[str, Any]) -> None:
        manifest[field] = value

    path = fuzz_dir / "manifest.bkdsync"
    path.write_bytes(resigned(fuzz_package, edit))
    _only_sync_errors(path)


@settings(FUZZ, max_examples=40)
@given(content=st.binary(max_size=64) | st.text(max_size=40).map(str.encode))
def test_resigned_member_content_raises_only_sync_errors(
    fuzz_dir: Path, fuzz_package: bytes, content: bytes
) -> None:
    path = fuzz_dir / "anggota.bkdsync"
    path.write_bytes(with_member(fuzz_package, "data/ops-0001.jsonl", content))
    _only_sync_errors(path)


def test_central_directory_walk_must_match_the_end_record(tmp_path: Path, good: bytes) -> None:
    end = len(good) - 22
    fewer = bytearray(good)
    struct.pack_into("<HH", fewer, end + 8, 4, 4)  # more entries than the end record admits
    assert code(tmp_path, bytes(fewer)) == "MALFORMED_ZIP"
    (directory,) = struct.unpack_from("<L", good, end + 16)
    unsigned = good[:directory] + b"XX" + good[directory + 2 :]
    assert code(tmp_path, unsigned) == "MALFORMED_ZIP"
    last = list(central_entries(good))[-1][0]
    overlong = bytearray(good)
    struct.pack_into("<H", overlong, last + 28, 500)  # name runs past the directory's end
    assert code(tmp_path, bytes(overlong)) == "MALFORMED_ZIP"


def test_gap_before_the_central_directory(tmp_path: Path, good: bytes) -> None:
    end = len(good) - 22
    (directory,) = struct.unpack_from("<L", good, end + 16)
    buffer = bytearray(good[:directory] + b"GAP!" + good[directory:])
    struct.pack_into("<L", buffer, end + 4 + 16, directory + 4)
    assert code(tmp_path, bytes(buffer)) == "MALFORMED_ZIP"


def test_manifest_listing_more_members_than_allowed(tmp_path: Path, good: bytes) -> None:
    def ghosts(manifest: dict[str, Any]) -> None:
        for n in (1, 2):
            manifest["members"].append({**manifest["members"][-1], "path": f"ref/x-000{n}.jsonl"})

    assert code(tmp_path, resigned(good, ghosts), limits=Limits(max_members=6)) == "SIZE_LIMIT"


def test_sync_error_carries_code_and_member() -> None:
    error = SyncError("MALFORMED_DATA", "Data rusak.", member="data/ops-0001.jsonl")
    assert str(error) == error.message == "Data rusak."
    assert (error.code, error.member, error.field) == (
        "MALFORMED_DATA",
        "data/ops-0001.jsonl",
        None,
    )
    assert "MALFORMED_DATA" in repr(error) and "data/ops-0001.jsonl" in repr(error)
