"""Printing throughput (sheets/s) as a ratio to bare reportlab table pages of the same size.

Data: the small Sabangau demo (about 42 employees), printed repeatedly until at least
``--sheets`` sheets (default 200) are done, the way a batch for a unit and period runs.

Capaian paths, timed:
* ``cetak()`` end to end, one PDF per employee: load from the database (SKP, indicators,
  derivation, feedback, distribution), build the sheet, render, write temp file + rename;
* ``cetak(satu_berkas=True)``: the same sheets into one PDF;
* render only: :func:`app.io.pdf.tulis_pdf` of already loaded sheets into one PDF.

Baseline for each sheet: one bare reportlab document part with a single ``Table`` holding the
same number of rows and columns as the sheet's tables (plain strings, Helvetica, grid, header
repeated), page size and orientation as the sheet, all sheets in one file. That is the floor
for "a table of that size on paper"; the ratio says what the official layout costs on top
(paragraph wrapping, row spans, embedded TTF subsets, curve, QR, footer).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

from app.io.pdf import melintang, tulis_pdf
from app.io.pdf.data import DokumenEvaluasiSheet, EvaluasiSheet, Sheet
from app.models.db import Database
from app.services.cetak import JenisLembar, cetak, siapkan_lembar
from app.services.context import ServiceContext
from app.services.demo import build_demo


def table_shape(sheet: Sheet) -> tuple[int, int]:
    """Rows x columns of the sheet's tables, as one plain table."""
    if isinstance(sheet, EvaluasiSheet):
        iki = sum(max(1, len(r.indikator)) for r in (*sheet.utama, *sheet.tambahan))
        rows = 6 + 1 + 2 + (3 + 2 + iki) + 1 + (3 + 4 * len(sheet.perilaku)) + 2 + 5
        return rows, 8
    if isinstance(sheet, DokumenEvaluasiSheet):
        return 3 * 6 + 3 + 2 + 5, 4
    raise TypeError(type(sheet))


def baseline_seconds(sheets: list[Sheet], path: Path) -> tuple[float, int]:
    """Bare reportlab: one plain table per sheet, same shape and page size, one file."""
    start = time.perf_counter()
    size = landscape(A4) if melintang(sheets[0]) else portrait(A4)
    doc = SimpleDocTemplate(
        str(path), pagesize=size, leftMargin=12 * mm, rightMargin=12 * mm, invariant=True
    )
    story: list[object] = []
    style = TableStyle(
        [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTSIZE", (0, 0), (-1, -1), 7)]
    )
    width = size[0] - 24 * mm
    for index, sheet in enumerate(sheets):
        rows, cols = table_shape(sheet)
        data = [[f"baris {r} kolom {c}" for c in range(cols)] for r in range(rows)]
        table = Table(data, colWidths=[width / cols] * cols, repeatRows=1)
        table.setStyle(style)
        if index:
            story.append(PageBreak())
        story.append(table)
    doc.build(story)  # type: ignore[arg-type]
    return time.perf_counter() - start, doc.page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sheets", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    results: dict[str, object] = {"date": datetime.now().isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ctx = ServiceContext(
            db=Database.open(folder / "demo.db"), actor="bench", evidence_dir=folder / "bukti"
        )
        report = build_demo(ctx, size="small", seed=args.seed)
        tahun = str(report.tahun)
        rows = []
        for jenis in (JenisLembar.EVALUASI, JenisLembar.DOKUMEN_EVALUASI):
            sheets = list(siapkan_lembar(ctx, jenis=jenis, periode_kode=tahun))
            repeat = -(-args.sheets // len(sheets))
            total = repeat * len(sheets)
            out = folder / jenis.value
            start = time.perf_counter()
            for i in range(repeat):
                cetak(ctx, jenis=jenis, out_dir=out / f"a{i}", periode_kode=tahun)
            per_file = time.perf_counter() - start
            start = time.perf_counter()
            for i in range(repeat):
                cetak(ctx, jenis=jenis, out_dir=out / f"b{i}", periode_kode=tahun, satu_berkas=True)
            one_file = time.perf_counter() - start
            batch = sheets * repeat
            start = time.perf_counter()
            pages = tulis_pdf(out / "render.pdf", batch)
            render_s = time.perf_counter() - start
            base_s, base_pages = baseline_seconds(batch, out / "baseline.pdf")
            row = {
                "jenis": jenis.value,
                "sheets": total,
                "pages": pages,
                "baseline_pages": base_pages,
                "per_file_sheets_s": total / per_file,
                "one_file_sheets_s": total / one_file,
                "render_sheets_s": total / render_s,
                "render_pages_s": pages / render_s,
                "baseline_sheets_s": total / base_s,
                "ratio_per_file": (total / base_s) / (total / per_file),
                "ratio_render": (total / base_s) / (total / render_s),
            }
            rows.append(row)
            print(
                f"{jenis.value}: {total} sheets, {pages} pages | end-to-end per file "
                f"{row['per_file_sheets_s']:.1f} sheets/s, one file {row['one_file_sheets_s']:.1f}"
                f" | render only {row['render_sheets_s']:.1f} sheets/s "
                f"({row['render_pages_s']:.1f} pages/s) | bare table {row['baseline_sheets_s']:.1f}"
                f" sheets/s ({base_pages} pages) | baseline is {row['ratio_per_file']:.1f}x "
                f"end-to-end, {row['ratio_render']:.1f}x render"
            )
        results["rows"] = rows
        ctx.db.dispose()
    target = Path(__file__).resolve().parent / "results"
    target.mkdir(exist_ok=True)
    (target / f"pdf-{datetime.now():%Y%m%d-%H%M%S}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
