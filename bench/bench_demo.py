"""Demo generation throughput as a ratio to a raw sqlite3 executemany of the same rows."""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from datetime import datetime
from pathlib import Path

from app.models.db import Database
from app.services.context import ServiceContext
from app.services.demo import build_demo

BUSINESS_TABLES = (
    "organisasi", "pegawai", "periode", "skp", "perilaku_skp", "lampiran_skp", "rhk",
    "indikator", "realisasi", "bukti_dukung", "umpan_balik", "capaian_organisasi", "evaluasi",
)  # fmt: skip


def raw_insert_seconds(source: Path, target: Path) -> tuple[float, int]:
    """Copy the business rows of ``source`` into an empty copy of its schema with raw sqlite3.

    Only the executemany calls and the commit are timed: the rows are read into memory first,
    as the demo generator holds its rows in memory before inserting.
    """
    with sqlite3.connect(source) as src:
        schema = [
            sql
            for (sql,) in src.execute(
                "SELECT sql FROM sqlite_master WHERE type IN ('table','index') AND sql IS NOT NULL"
            )
        ]
        data = {
            table: src.execute(f'SELECT * FROM "{table}"').fetchall() for table in BUSINESS_TABLES
        }
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=NORMAL")
    dst.execute("PRAGMA foreign_keys=OFF")
    for sql in schema:
        dst.execute(sql)
    rows = 0
    start = time.perf_counter()
    dst.execute("BEGIN")
    for table, values in data.items():
        if values:
            marks = ",".join("?" * len(values[0]))
            dst.executemany(f'INSERT INTO "{table}" VALUES ({marks})', values)
            rows += len(values)
    dst.execute("COMMIT")
    seconds = time.perf_counter() - start
    dst.close()
    return seconds, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="kabupaten", choices=("small", "kabupaten"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = Database.open(folder / "demo.db")
        ctx = ServiceContext(
            db=db,
            actor="bench",
            evidence_dir=folder / "bukti",
            clock=lambda: datetime(2027, 1, 8, 9, 0),
        )
        start = time.perf_counter()
        report = build_demo(ctx, size=args.size, seed=args.seed)
        demo_seconds = time.perf_counter() - start
        db.dispose()
        raw_seconds, raw_rows = raw_insert_seconds(folder / "demo.db", folder / "raw.db")
    result = {
        "size": args.size,
        "seed": args.seed,
        "business_rows": raw_rows,
        "demo_seconds": round(demo_seconds, 2),
        "demo_rows_per_s": round(raw_rows / demo_seconds),
        "raw_seconds": round(raw_seconds, 2),
        "raw_rows_per_s": round(raw_rows / raw_seconds),
        "ratio_time_demo_to_raw": round(demo_seconds / raw_seconds, 2),
        "realisasi": report.ringkasan.realisasi,
        "indikator": report.ringkasan.indikator,
        "pegawai": report.ringkasan.pegawai,
        "ops_written": report.ringkasan.op_belum_terkirim,
        "measured_at": datetime.now().isoformat(timespec="seconds"),
    }
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"demo-{args.size}.json").write_text(json.dumps(result, indent=2))
    for key, value in result.items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
