"""Office side of sync: the installation key, the enrolment request and the signed export.

The private key is created once per installation and kept in a passphrase-protected file outside
the database (sync.md §4.3): a copied database file is then not a copied identity. A package
holds every op BKD has not yet acknowledged (cumulative), so a lost USB stick loses nothing.
"""

from __future__ import annotations

import platform
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from app import APP_NAME, __version__
from app.errors import ConflictError, UserError, ValidationError
from app.i18n import _
from app.models import Instalasi, OutboxOp, PaketBalasanMasuk, PaketKeluar
from app.services.context import ServiceContext
from app.services.izin import izinkan
from app.services.lookup import installation
from app.services.pemeriksaan import BLOKIR, periksa
from app.sync.keys import (
    fingerprint,
    generate_private_key,
    key_id,
    load_private_key,
    public_bytes,
    public_key_b64,
    public_key_from_b64,
    save_private_key,
)
from app.sync.package import EXTENSION, BuiltPackage, PackageSpec, build_package

SCHEMA_VERSION = 1
"""Version of the op records inside packages; +1 whenever a synced table changes shape."""


@dataclass(frozen=True)
class KunciDTO:
    """The installation's public identity, for the phone check with BKD."""

    installation_id: str
    kode_kantor: str
    key_id: str
    sidik_jari: str
    berkas_kunci: Path


@dataclass(frozen=True)
class EksporDTO:
    """What an export wrote."""

    berkas: Path
    seq: int
    jumlah_op: int
    file_sha256: str
    ukuran: int
    lanjutan: tuple[EksporDTO, ...] = ()
    """Further packages when the changes did not fit in one (numbered seq+1, seq+2, ...)."""


def key_path(ctx: ServiceContext, installation_id: str) -> Path:
    """Where this installation's private key file lives."""
    return ctx.keys / f"{installation_id}.pem"


def _kunci_dto(ctx: ServiceContext, inst: Instalasi) -> KunciDTO:
    assert inst.kunci_publik is not None and inst.key_id is not None
    public = public_key_from_b64(inst.kunci_publik)
    return KunciDTO(
        inst.id, inst.kode_kantor, inst.key_id, fingerprint(public), key_path(ctx, inst.id)
    )


def buat_kunci(ctx: ServiceContext, passphrase: str) -> KunciDTO:
    """Create the installation's key pair once; the public half is stored in the database."""
    izinkan(ctx, "kunci.kelola")
    with ctx.read() as session:
        inst = installation(session)
        if inst.kunci_publik is not None:
            raise ConflictError(
                _("Instalasi ini sudah memiliki kunci (ID {key}).").format(key=inst.key_id)
            )
        inst_id = inst.id
    path = key_path(ctx, inst_id)
    if path.exists():
        raise ConflictError(
            _(
                "Berkas kunci {path} sudah ada tetapi basis data tidak mengenalnya. Jangan "
                "menimpanya; hubungi BKD untuk pendaftaran ulang."
            ).format(path=path)
        )
    key = generate_private_key()
    save_private_key(path, key, passphrase)
    public = public_bytes(key)
    with ctx.write("buat_kunci") as session:
        inst = installation(session)
        inst.kunci_publik = public_key_b64(public)
        inst.key_id = key_id(public)
        dto = _kunci_dto(ctx, inst)
    return dto


def get_role(ctx: ServiceContext) -> str:
    """``dinas`` or ``bkd``."""
    with ctx.read() as session:
        return installation(session).peran


def info_kunci(ctx: ServiceContext) -> KunciDTO:
    """The key id and fingerprint to read out to BKD."""
    with ctx.read() as session:
        inst = installation(session)
        if inst.kunci_publik is None:
            raise UserError(
                _("Instalasi ini belum memiliki kunci. Jalankan 'capaian enrol request'."),
                field="kunci",
            )
        return _kunci_dto(ctx, inst)


def signing_key(ctx: ServiceContext, inst: Instalasi, passphrase: str) -> Ed25519PrivateKey:
    """This installation's private key, unlocked and checked against the public half we hold."""
    if inst.kunci_publik is None:
        raise UserError(
            _("Instalasi ini belum memiliki kunci. Jalankan 'capaian enrol keygen'."),
            field="kunci",
        )
    key = load_private_key(key_path(ctx, inst.id), passphrase)
    if key_id(public_bytes(key)) != inst.key_id:
        raise UserError(
            _(
                "Berkas kunci {path} bukan milik instalasi ini. Pulihkan berkas kunci yang benar "
                "atau daftarkan ulang ke BKD."
            ).format(path=key_path(ctx, inst.id)),
            field="kunci",
        )
    return key


def _sender(inst: Instalasi) -> dict[str, Any]:
    return {
        "type": "installation",
        "installation_id": inst.id,
        "dinas_code": inst.kode_kantor,
        "key_id": inst.key_id,
        "public_key": inst.kunci_publik,
    }


def _spec(ctx: ServiceContext, inst: Instalasi, **fields: Any) -> PackageSpec:
    return PackageSpec(
        environment=inst.lingkungan,
        sender=_sender(inst),
        recipient={"type": "bkd", "bkd_instance_id": inst.kode_bkd},
        created_at=ctx.clock().astimezone(UTC).replace(microsecond=0),
        app={"name": APP_NAME, "version": __version__, "build": platform.python_version()},
        schema_version=SCHEMA_VERSION,
        min_reader_schema_version=SCHEMA_VERSION,
        reference_versions={},
        cert=None,
        **fields,
    )


def _target(out: Path, default_name: str) -> Path:
    return out / default_name if out.is_dir() else out


def minta_pendaftaran(
    ctx: ServiceContext, out: Path, passphrase: str, label_mesin: str | None = None
) -> Path:
    """Write the enrolment request: a package signed by the new key (proof of possession)."""
    izinkan(ctx, "paket.ekspor")
    with ctx.read() as session:
        inst = installation(session)
        if inst.kunci_publik is None:
            raise UserError(_("Buat kunci instalasi terlebih dahulu."), field="kunci")
        key = signing_key(ctx, inst, passphrase)
        record = {
            "installation_id": inst.id,
            "dinas_code": inst.kode_kantor,
            "nama_kantor": inst.nama_kantor,
            "public_key": inst.kunci_publik,
            "key_id": inst.key_id,
            "machine_label": label_mesin or platform.node(),
        }
        spec = _spec(
            ctx,
            inst,
            kind="enrolment_request",
            seq=1,
            prev_manifest_sha256=None,
            ack={},
            ops=None,
            counts={"pendaftaran": 1},
            datasets={"pendaftaran": [record]},
        )
        name = f"pendaftaran_{inst.kode_kantor}_{inst.id[:8]}{EXTENSION}"
    built = build_package(spec, key, _target(out, name))
    return built.path


_Written = list[tuple[BuiltPackage, int, int, int, int]]  # package, seq, first, last, count


MAX_OPS_PER_PACKAGE = 50_000
"""Above this, an export is split into consecutive packages: each stays well inside the
reader's limits (sync.md §4.18) and BKD merges each in a transaction of bounded size."""


def ekspor_paket(
    ctx: ServiceContext, out: Path, passphrase: str, *, max_ops: int = MAX_OPS_PER_PACKAGE
) -> EksporDTO:
    """Export every unacknowledged op as the next package(s) of this installation's stream.

    The data-quality gate runs first: a blocking finding stops the export with the list. The
    files are built and verified before anything is recorded; they are recorded in one
    transaction afterwards, so a crash in between leaves no trace and the seqs are reused.
    More than ``max_ops`` changes are split over consecutive packages, chained by manifest
    hash; BKD imports them in sequence order (the command line sorts the files it is given).
    """
    izinkan(ctx, "paket.ekspor")
    gate = periksa(ctx)
    if not gate.boleh_ekspor:
        lines = [
            f"- {t.pesan} ({t.jumlah}): {'; '.join(t.contoh[:3])}"
            for t in gate.temuan
            if t.tingkat == BLOKIR
        ]
        raise UserError(
            _(
                "Paket tidak dibuat; perbaiki dahulu temuan berikut (capaian check):\n{daftar}"
            ).format(daftar="\n".join(lines)),
            field="pemeriksaan",
        )
    with ctx.read() as session:
        inst = installation(session)
        if inst.peran != "dinas":
            raise ValidationError(
                _("Paket perubahan hanya diekspor oleh kantor (dinas), bukan BKD."), field="peran"
            )
        if inst.kunci_publik is None:
            raise UserError(
                _("Instalasi belum memiliki kunci. Jalankan 'capaian enrol request' dahulu."),
                field="kunci",
            )
        key = signing_key(ctx, inst, passphrase)
        ops = list(
            session.scalars(
                select(OutboxOp).where(OutboxOp.diakui.is_(False)).order_by(OutboxOp.counter)
            )
        )
        if not ops:
            raise UserError(_("Tidak ada perubahan yang belum dikirim ke BKD."), field="op")
        last = session.scalars(select(PaketKeluar).order_by(PaketKeluar.seq.desc())).first()
        seq = (last.seq if last else 0) + 1
        reply = session.scalars(
            select(PaketBalasanMasuk).order_by(PaketBalasanMasuk.seq.desc())
        ).first()
        # Tell BKD which of its reverse packages arrived, so it can resend what got lost.
        ack = {
            "last_bkd_seq": reply.seq if reply else 0,
            "last_bkd_manifest_sha256": reply.manifest_sha256 if reply else None,
        }
        slices = [ops[i : i + max_ops] for i in range(0, len(ops), max_ops)]
        specs = []
        stamp = ctx.now().strftime("%Y%m%d")
        for number, part in enumerate(slices):
            counts = Counter(f"{op.entitas}.{op.jenis}" for op in part)
            spec = _spec(
                ctx,
                inst,
                kind="changes",
                seq=seq + number,
                prev_manifest_sha256=last.manifest_sha256 if last else None,
                ack=ack,
                ops={
                    "first": part[0].op_id,
                    "last": part[-1].op_id,
                    "count": len(part),
                    "cumulative_since_ack": number == 0,
                },
                counts=dict(sorted(counts.items())),
                datasets={"ops": [op_record(op) for op in part]},
            )
            name = f"changes_{inst.kode_kantor}_{inst.id[:8]}_{seq + number:06d}_{stamp}{EXTENSION}"
            specs.append((spec, name, part[0].counter, part[-1].counter, len(part)))
    written: _Written = []
    try:
        previous = specs[0][0].prev_manifest_sha256
        for number, (draft, name, first, last_counter, n) in enumerate(specs):
            chained = replace(draft, prev_manifest_sha256=previous)
            folder = out if out.is_dir() else out.parent
            path = _target(out, name) if number == 0 else folder / name
            built = build_package(chained, key, path)
            written.append((built, seq + number, first, last_counter, n))
            previous = built.manifest_sha256
        _record_out(ctx, written)
    except BaseException:
        # An unrecorded package would share its seq with the next export: never leave it.
        for built, *_rest in written:
            built.path.unlink(missing_ok=True)
        raise
    dtos = [
        EksporDTO(built.path, number, n, built.file_sha256, built.size)
        for built, number, _first, _last, n in written
    ]
    return replace(dtos[0], lanjutan=tuple(dtos[1:]))


def _record_out(
    ctx: ServiceContext, written: list[tuple[BuiltPackage, int, int, int, int]]
) -> None:
    with ctx.write("ekspor_paket") as session:
        for built, seq, first, last, n in written:
            taken = session.scalar(select(func.count()).where(PaketKeluar.seq == seq))
            if taken:
                raise ConflictError(
                    _("Nomor paket {seq} sudah dipakai oleh ekspor lain; ekspor ulang.").format(
                        seq=seq
                    )
                )
            session.add(
                PaketKeluar(
                    seq=seq,
                    package_id=built.package_id,
                    jenis="changes",
                    file_sha256=built.file_sha256,
                    manifest_sha256=built.manifest_sha256,
                    op_awal=first,
                    op_akhir=last,
                    jumlah_op=n,
                    nama_berkas=built.path.name,
                    dibuat_pada=ctx.now(),
                )
            )


def op_record(op: OutboxOp) -> dict[str, Any]:
    """An outbox row as the change record of sync.md §4.6."""
    return {
        "op_id": op.op_id,
        "type": op.jenis,
        "entity": op.entitas,
        "id": op.entitas_id,
        "natural_key": op.kunci_alami,
        "base": op.base,
        "before": op.sebelum,
        "after": op.sesudah,
        "author": op.pelaku,
        "at": op.waktu.isoformat(),
    }
