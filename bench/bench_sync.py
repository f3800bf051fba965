"""Sync throughput: export and BKD merge of a 100k-op package, as ratios to raw baselines.

Setup (not timed): a BKD database holding the kabupaten demo (about 1.5M business rows); an office
database holding the small demo, whose outbox is topped up to ``--ops`` ops with realistic
successive corrections of its realisations (each op based on the previous one, as an office that
re-types a month several times produces). The office enrols at BKD.

Timed:
- export: ``ekspor_paket`` (read the outbox, JSONL, SHA-256, Ed25519, deflate, verify, rename)
  against a raw baseline writing the same records as JSONL into a deflated ZIP with SHA-256 and
  one Ed25519 signature;
- merge: ``impor_paket`` (verify, then merge every op in one transaction) against a raw SQLite
  staging-table upsert of the same rows into a copy of the BKD file (perf-limits.md method).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.models import OutboxOp, Realisasi
from app.models.changes import canonical_json
from app.models.db import Database
from app.services import setup, sync_export, sync_merge
from app.services.context import ServiceContext
from app.services.demo import build_demo
from app.sync.keys import generate_private_key, sign

PASS = "bench-passphrase"
NOW = datetime(2027, 1, 8, 9, 0)


def _ctx(db: Database, folder: Path, actor: str) -> ServiceContext:
    return ServiceContext(db=db, actor=actor, evidence_dir=folder / "bukti", clock=lambda: NOW)


def top_up_outbox(ctx: ServiceContext, total: int) -> int:
    """Append successive realisation corrections until the outbox holds ``total`` ops."""
    assert ctx.db.path is not None
    with ctx.read() as session:
        rows = [(r.id, r.version, r.nilai) for r in session.scalars(select(Realisasi))]
        counter = max(session.scalars(select(OutboxOp.counter)).all())
        prefix = session.scalars(select(OutboxOp.op_id)).first().split(":")[0]  # type: ignore[union-attr]
    missing = total - counter
    ops = []
    state = {rid: (version, str(nilai)) for rid, version, nilai in rows}
    ids = list(state)
    for i in range(missing):
        rid = ids[i % len(ids)]
        base, value = state[rid]
        counter += 1
        new_value = str(round(float(value or 0) + 1 + (i % 7) / 4, 2))
        op_id = f"{prefix}:{counter}"
        ops.append(
            (
                counter, op_id, "update", "realisasi", rid, json.dumps({"id": rid}), base,
                json.dumps({"nilai": value}), json.dumps({"nilai": new_value}), "bench",
                NOW.isoformat(sep=" "), 0,
            )
        )  # fmt: skip
        state[rid] = (op_id, new_value)
    with sqlite3.connect(ctx.db.path) as raw:
        raw.executemany(
            "INSERT INTO sync_outbox (counter, op_id, jenis, entitas, entitas_id, kunci_alami, "
            "base, sebelum, sesudah, pelaku, waktu, diakui) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            ops,
        )
        raw.execute("UPDATE instalasi SET op_counter = ?", (counter,))
    return counter


def raw_export_seconds(records: list[dict[str, Any]], out: Path) -> float:
    key = generate_private_key()
    start = time.perf_counter()
    body = "".join(canonical_json(r) + "\n" for r in records).encode()
    digest = hashlib.sha256(body).hexdigest()
    manifest = json.dumps({"sha256": digest, "records": len(records)}).encode()
    signature = sign(key, "bench", manifest)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("manifest.sig", signature)
        archive.writestr("data/ops-0001.jsonl", body)
    return time.perf_counter() - start


def raw_merge_seconds(bkd_copy: Path, records: list[dict[str, Any]]) -> float:
    """Staging table + one INSERT..SELECT..ON CONFLICT per table (perf-limits.md §2)."""
    connection = sqlite3.connect(bkd_copy, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    connection.execute("BEGIN")
    connection.execute(
        "CREATE TEMP TABLE staging (seq INTEGER, entity TEXT, id TEXT, version TEXT, nilai REAL)"
    )
    rows = [
        (i, r["entity"], r["id"], r["op_id"], float((r["after"] or {}).get("nilai") or 0))
        for i, r in enumerate(records)
        if r["entity"] == "realisasi" and r["type"] == "update"
    ]
    connection.executemany("INSERT INTO staging VALUES (?,?,?,?,?)", rows)
    connection.execute(
        "UPDATE realisasi SET nilai = s.nilai, version = s.version FROM "
        "(SELECT id, nilai, version, max(seq) FROM staging GROUP BY id) AS s "
        "WHERE realisasi.id = s.id"
    )
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    connection.close()
    return seconds * len(records) / max(1, len(rows))  # same rate for every op of the package


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument(
        "--bkd", default="kabupaten", choices=("empty", "kabupaten"), help="data BKD already holds"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bkd = _ctx(Database.open(folder / "bkd" / "bkd.db"), folder / "bkd", "bkd")
        t0 = time.perf_counter()
        if args.bkd == "kabupaten":
            build_demo(bkd, size="kabupaten", seed=1)
        else:  # quick runs of the harness itself
            setup.init_installation(
                bkd, peran="bkd", kode="BKD", nama="BKD", tahun=2026, lingkungan="training"
            )
        print(f"BKD ({args.bkd}) ready in {time.perf_counter() - t0:.0f} s")
        office = _ctx(Database.open(folder / "kantor" / "kantor.db"), folder / "kantor", "kantor")
        build_demo(office, size="small", seed=7)
        ops = top_up_outbox(office, args.ops)
        key = sync_export.buat_kunci(office, PASS)
        request = sync_export.minta_pendaftaran(office, folder, PASS)
        sync_merge.impor_paket(bkd, request)
        sync_merge.setujui_instalasi(bkd, key.key_id, key.sidik_jari)
        with office.read() as session:
            records = [
                sync_export.op_record(op)
                for op in session.scalars(select(OutboxOp).order_by(OutboxOp.counter))
            ]
        start = time.perf_counter()
        # One package of every op (the figure is about a 100k-op package, not the 50k split).
        exported = sync_export.ekspor_paket(
            office, folder / "paket.bkdsync", PASS, max_ops=len(records) + 1
        )
        export_seconds = time.perf_counter() - start
        raw_export = raw_export_seconds(records, folder / "raw.zip")
        assert bkd.db.path is not None
        bkd.db.dispose()
        shutil.copy(bkd.db.path, folder / "bkd-copy.db")
        raw_merge = raw_merge_seconds(folder / "bkd-copy.db", records)
        start = time.perf_counter()
        report = sync_merge.impor_paket(bkd, exported.berkas)
        merge_seconds = time.perf_counter() - start
    result = {
        "ops": ops,
        "package_mb": round(exported.ukuran / 1e6, 1),
        "export_seconds": round(export_seconds, 2),
        "export_ops_per_s": round(ops / export_seconds),
        "raw_export_seconds": round(raw_export, 2),
        "export_ratio": round(export_seconds / raw_export, 1),
        "merge_seconds": round(merge_seconds, 2),
        "merge_ops_per_s": round(ops / merge_seconds),
        "raw_staging_upsert_seconds": round(raw_merge, 2),
        "merge_ratio": round(merge_seconds / raw_merge, 1),
        "merge_status": report.status,
        "merge_counts": report.jumlah,
        "conflicts": len(report.konflik),
        "measured_at": datetime.now().isoformat(timespec="seconds"),
    }
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "sync.json").write_text(json.dumps(result, indent=2))
    for name, value in result.items():
        print(f"{name:>28}: {value}")


if __name__ == "__main__":
    main()
