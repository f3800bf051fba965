"""Where Capaian keeps its files, and the typed office settings stored in the database.

Paths: the user data folder (``platformdirs``), overridable with ``CAPAIAN_DATA_DIR`` (tests,
scripts), or the portable mode of a frozen program: a ``portable.txt`` file or a ``data`` folder
beside the executable (a copy run from a USB stick keeps its data on the stick). Office settings
live in the ``pengaturan`` table (they travel with backups); each key is declared once here with
its default, and may differ per effective year.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import platformdirs

from app import APP_ID

ENV_DATA_DIR = "CAPAIAN_DATA_DIR"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"


def program_dir() -> Path | None:
    """The folder of the frozen executable; None when running from source (``python -m app``).

    Portable mode is only for the frozen program: beside a virtualenv's python it would be a
    surprise.
    """
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_data_dir(program: Path | None) -> Path | None:
    """``<program>/data`` when the program folder is marked portable, else None.

    Marked means a ``portable.txt`` file beside the executable (the data folder is then created
    on first use), or an existing ``data`` folder there (a copied portable installation).
    """
    if program is None:
        return None
    data = program / PORTABLE_DATA
    if (program / PORTABLE_MARKER).is_file() or data.is_dir():
        return data
    return None


def data_dir() -> Path:
    """The folder holding the default database, evidence store, backups and logs.

    In order: ``$CAPAIAN_DATA_DIR``, the portable folder beside a frozen program, the user's
    data folder (``capaian`` in ``%LOCALAPPDATA%`` on Windows, ``~/.local/share/capaian`` on
    Linux).
    """
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    portable = portable_data_dir(program_dir())
    if portable is not None:
        return portable
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def default_database_path() -> Path:
    """``capaian.db`` in the data folder: the office's real data."""
    return data_dir() / "capaian.db"


def practice_database_path() -> Path:
    """The separate demo database of practice mode (*Mode Latihan*), never the real one."""
    return data_dir() / "latihan" / "capaian-latihan.db"


@dataclass(frozen=True, eq=False)
class SettingKey:
    """A declared office setting: key, default (JSON value) and the label shown in settings.

    Compared and hashed by identity (each key is declared once), so keys can index a dict even
    though a default may be a dict.
    """

    key: str
    default: Any
    label: str


GRANULARITAS = SettingKey("periode.granularitas", "BULANAN", "Granularitas periode penilaian")
AMBANG_DI_ATAS = SettingKey(
    "saran.ambang_di_atas", "110", "Capaian minimal untuk Di Atas Ekspektasi"
)
AMBANG_SESUAI = SettingKey("saran.ambang_sesuai", "90", "Capaian minimal untuk Sesuai Ekspektasi")
BATAS_ATAS = SettingKey("saran.batas_atas_capaian", "120", "Batas atas capaian per indikator (%)")
PEMETAAN_JPT = SettingKey(
    "jpt.pemetaan",
    {
        "ISTIMEWA": "DI_ATAS_EKSPEKTASI",
        "BAIK": "SESUAI_EKSPEKTASI",
        "BUTUH_PERBAIKAN": "DI_BAWAH_EKSPEKTASI",
        "KURANG": "DI_BAWAH_EKSPEKTASI",
        "SANGAT_KURANG": "DI_BAWAH_EKSPEKTASI",
    },
    "Pemetaan capaian organisasi ke rating hasil kerja JPT",
)
TEMPAT_TTD = SettingKey("cetak.tempat", "Sabangau", "Tempat penandatanganan pada lembar cetak")

ALL_SETTINGS = (GRANULARITAS, AMBANG_DI_ATAS, AMBANG_SESUAI, BATAS_ATAS, PEMETAAN_JPT, TEMPAT_TTD)


def as_decimal(value: Any) -> Decimal:
    """Settings store decimals as strings (JSON has no decimal type)."""
    return Decimal(str(value))
