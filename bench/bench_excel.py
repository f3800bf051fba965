"""Excel import throughput as a ratio to a bare calamine read of the same file.

Setup (not timed): the small Sabangau demo (2026) as the office database; from it
- a pegawai workbook of ``--pegawai`` new staff (kabupaten size, 8,000 by default) with valid
  NIPs, spread over the demo's units, every tenth row the penilai of the nine after it (so the
  importer resolves penilai inside the file);
- a realisasi workbook with every stored realisation of the year (12 months, about 5,600 rows),
  each value changed, as an office re-typing its year in Excel would send.

Timed (median of ``--runs``, each on a fresh copy of the database):
- pegawai: ``impor_excel`` = read + validate every row (NIP, units, penilai chain) + store all
  (bulk insert with ops and audit) in one transaction;
- realisasi (update): the same for realisations whose values all changed (field updates);
- realisasi (again): re-import of the same file: validate everything, all rows "sama";
- baseline: ``python_calamine`` reading the same sheet into Python lists, nothing else; also
  pandas ``read_excel(engine="calamine")`` for reference.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from app.io.excel_kolom import PEGAWAI, REALISASI
from app.models.db import Database
from app.scoring.types import JenisOrganisasi
from app.services import excel
from app.services.context import ServiceContext
from app.services.demo import build_demo
from app.services.organisasi import list_organisasi

NOW = datetime(2026, 12, 30, 9, 0)


def _ctx(path: Path) -> ServiceContext:
    return ServiceContext(
        db=Database.open(path), actor="bench", evidence_dir=path.parent / "bukti", clock=lambda: NOW
    )


def _nip(i: int) -> str:
    born = date(1970, 1, 1) + timedelta(days=(i * 7) % 9000)
    return f"{born:%Y%m%d}{2000 + i % 20}{1 + i % 12:02d}{1 + i % 2}{1 + i // 240 % 999:03d}"


def write_pegawai(path: Path, units: list[str], count: int) -> Path:
    book = Workbook(write_only=True)
    ws = book.create_sheet(PEGAWAI.nama)
    ws.append([k.judul for k in PEGAWAI.kolom])
    seen: set[str] = set()
    nips: list[str] = []
    i = 0
    while len(nips) < count:
        nip = _nip(i)
        i += 1
        if nip not in seen:
            seen.add(nip)
            nips.append(nip)
    for index, nip in enumerate(nips):
        penilai = None if index % 10 == 0 else nips[index - index % 10]
        row = {
            "nip": nip,
            "nama": f"Pegawai Uji {index}",
            "jenis_pegawai": "PNS",
            "golongan": "III/b",
            "jabatan": "Pelaksana" if penilai else "Kepala Seksi",
            "jenis_jabatan": "PELAKSANA" if penilai else "PENGAWAS",
            "organisasi_kode": units[index // 10 % len(units)],
            "penilai_nip": penilai,
        }
        ws.append([row.get(k.kunci) for k in PEGAWAI.kolom])
    book.save(path)
    return path


def write_realisasi(ctx: ServiceContext, folder: Path, path: Path) -> Path:
    """Every realisation of 2026 (exported month by month), each value changed by +1."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(REALISASI.nama)
    header_written = False
    for month in range(1, 13):
        part = folder / f"r{month}.xlsx"
        excel.ekspor_excel(ctx, "realisasi", part, periode_kode=f"2026-{month:02d}")
        rows = list(load_workbook(part, read_only=True)["Realisasi"].iter_rows(values_only=True))
        if not header_written:
            ws.append(list(rows[0]))
            header_written = True
        index = list(rows[0]).index("realisasi")
        for row in rows[1:]:
            values = list(row)
            values[index] = (values[index] or 0) + 1
            ws.append(values)
    book.save(path)
    return path


def median_time(runs: int, setup: Callable[[], Any], action: Callable[[Any], Any]) -> float:
    times = []
    for _ in range(runs):
        state = setup()
        started = time.perf_counter()
        action(state)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bare_read(path: Path, sheet: str) -> int:
    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pegawai", type=int, default=8000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-excel-"))
    base = folder / "demo.db"
    ctx = _ctx(base)
    build_demo(ctx, size="small", seed=1, tahun=2026)
    units = [u.kode for u in list_organisasi(ctx) if u.jenis is not JenisOrganisasi.PEMDA]
    ctx.db.dispose()
    pegawai_file = write_pegawai(folder / "pegawai.xlsx", units, args.pegawai)
    ctx = _ctx(base)
    realisasi_file = write_realisasi(ctx, folder, folder / "realisasi.xlsx")
    ctx.db.dispose()
    result: dict[str, Any] = {"runs": args.runs, "measured": datetime.now().isoformat()}

    def fresh() -> ServiceContext:
        copy = folder / f"copy-{time.perf_counter_ns()}.db"
        shutil.copy(base, copy)
        return _ctx(copy)

    for name, path, sheet, jenis in (
        ("pegawai", pegawai_file, "Pegawai", "pegawai"),
        ("realisasi_update", realisasi_file, "Realisasi", "realisasi"),
    ):
        rows = bare_read(path, sheet) - 1
        raw = median_time(args.runs, lambda: None, lambda _s, p=path, s=sheet: bare_read(p, s))
        pandas_read = median_time(
            args.runs,
            lambda: None,
            lambda _s, p=path, s=sheet: pd.read_excel(
                p, sheet_name=s, engine="calamine", header=None, dtype=object
            ),
        )
        reports: list[excel.LaporanImpor] = []

        def run(
            state: ServiceContext,
            p: Path = path,
            j: str = jenis,
            out: list[excel.LaporanImpor] = reports,
        ) -> None:
            out.append(excel.impor_excel(state, j, p).value)

        imported = median_time(args.runs, fresh, run)
        report = reports[-1]
        assert report.ok, report.masalah[:5]
        result[name] = {
            "rows": rows,
            "file_bytes": path.stat().st_size,
            "import_s": imported,
            "import_rows_per_s": rows / imported,
            "calamine_s": raw,
            "calamine_rows_per_s": rows / raw,
            "pandas_calamine_s": pandas_read,
            "ratio": imported / raw,
            "baru": report.baru,
            "diubah": report.diubah,
            "sama": report.sama,
        }
        print(
            f"{name}: {rows} rows; import {imported:.2f} s = {rows / imported:,.0f} rows/s "
            f"(baru {report.baru}, diubah {report.diubah}); bare calamine {raw:.3f} s = "
            f"{rows / raw:,.0f} rows/s; pandas+calamine {pandas_read:.3f} s; "
            f"ratio {imported / raw:.1f}x"
        )
    # Re-import of an unchanged file: validation only, every row "sama".
    state = fresh()
    excel.impor_excel(state, "realisasi", realisasi_file)
    again = median_time(
        args.runs, lambda: state, lambda s: excel.impor_excel(s, "realisasi", realisasi_file)
    )
    rows = result["realisasi_update"]["rows"]
    result["realisasi_again"] = {
        "rows": rows,
        "import_s": again,
        "import_rows_per_s": rows / again,
        "ratio": again / result["realisasi_update"]["calamine_s"],
    }
    print(
        f"realisasi again (all sama): {again:.2f} s = {rows / again:,.0f} rows/s; "
        f"ratio {result['realisasi_again']['ratio']:.1f}x"
    )
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "excel.json").write_text(json.dumps(result, indent=2))
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
