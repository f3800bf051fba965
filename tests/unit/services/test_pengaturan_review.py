"""Review tests for office settings (independent review of ``capaian pengaturan``)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from app.services import setup
from app.services.cetak import JenisLembar, cetak
from app.services.context import ServiceContext
from app.services.pengaturan import daftar_pengaturan
from tests.helpers import NIP_KEPALA, build_team


def _tempat(ctx: ServiceContext, tahun: int) -> tuple[str, int | None]:
    row = next(r for r in daftar_pengaturan(ctx, tahun) if r.kunci == "cetak.tempat")
    return row.teks, row.berlaku_sejak


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_listed_signing_place_is_the_one_printed_when_none_is_stored(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """An office set up in its own town must not be told its sheets say 'Sabangau'.

    The first-run wizard writes the place typed there on the pemda and office units and no
    ``cetak.tempat`` setting; the sheets print that place. ``pengaturan list`` and the
    settings form showed the application's default (the demo town) as the place in force.
    """
    setup.init_installation(
        ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tempat="Kuala Kurun", tahun=2026
    )
    build_team(ctx)
    path = cetak(ctx, jenis=JenisLembar.SKP, out_dir=tmp_path, nip=NIP_KEPALA).berkas[0].path
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True)
    assert "Kuala Kurun, " in " ".join(out.stdout.decode().split())
    assert _tempat(ctx, 2026) == ("Kuala Kurun", None)


def test_an_all_years_value_is_refused_where_a_year_specific_one_would_win(
    office: ServiceContext,
) -> None:
    from app.errors import ValidationError
    from app.services.pengaturan import ubah_pengaturan
    from tests.helpers import snapshot

    ubah_pengaturan(office, "saran.ambang_sesuai", "85", 2027)
    before = snapshot(office.db)
    with pytest.raises(ValidationError, match="mulai tahun 2027") as refused:
        ubah_pengaturan(office, "saran.ambang_sesuai", "88", 0)
    assert refused.value.field == "saran.ambang_sesuai"
    assert snapshot(office.db) == before
    # From that year on it can be changed, and for all years where nothing specific exists.
    ubah_pengaturan(office, "saran.ambang_sesuai", "88", 2027)
    ubah_pengaturan(office, "saran.ambang_di_atas", "112", 0)
    rows = {r.kunci: r.nilai for r in daftar_pengaturan(office, 2027)}
    assert (rows["saran.ambang_sesuai"], rows["saran.ambang_di_atas"]) == ("88", "112")
