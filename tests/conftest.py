"""Shared fixtures: offscreen Qt, a private data folder, real SQLite files per test."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports PySide6

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

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


PG_URL = os.environ.get("CAPAIAN_TEST_PG_URL")


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite database file."""
    database = Database.open(tmp_path / "capaian.db")
    yield database
    database.dispose()


def _fresh_postgres(url: str) -> Database:
    """Empty the test server's public schema, then open (and migrate) it."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return Database.open(url)


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(PG_URL is None, reason="CAPAIAN_TEST_PG_URL not set"),
            ],
        ),
    ]
)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated database: a SQLite file, and PostgreSQL when test.sh started one."""
    database = (
        Database.open(tmp_path / "capaian.db")
        if request.param == "sqlite"
        else _fresh_postgres(PG_URL or "")
    )
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
