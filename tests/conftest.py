"""Shared fixtures: offscreen Qt, a private data folder, real SQLite files per test."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports PySide6

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.models.db import Database
from app.services.context import ServiceContext
from app.services.setup import init_installation

FIXED_NOW = datetime(2026, 11, 29, 10, 0, 0)


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may touch the real user data folder."""
    monkeypatch.setenv("CAPAIAN_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite database file."""
    database = Database.open(tmp_path / "capaian.db")
    yield database
    database.dispose()


@pytest.fixture
def ctx(db: Database, tmp_path: Path) -> ServiceContext:
    """A service context on ``db`` with a fixed clock."""
    return ServiceContext(
        db=db, actor="penguji", evidence_dir=tmp_path / "bukti", clock=lambda: FIXED_NOW
    )


@pytest.fixture
def office(ctx: ServiceContext) -> ServiceContext:
    """``ctx`` after ``init`` as Dinas Kesehatan, monthly periods of 2026."""
    init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    return ctx
