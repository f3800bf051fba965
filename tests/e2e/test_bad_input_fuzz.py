"""Bad input everywhere (issue 6 §6): random command lines and settings values.

Property: whatever is typed, the answer is a usage error (exit 2) or a clear user error (exit 1,
a message, no traceback), never the "bug" exit 70, and the database file is byte-for-byte as it
was. The package reader has its own fuzz tests (tests/unit/sync/test_sync_package.py).
"""

import contextlib
import hashlib
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.errors import UserError
from app.models.db import Database
from app.services.context import ServiceContext
from app.services.setup import get_setting, init_installation, set_setting
from app.settings import ALL_SETTINGS
from tests.conftest import FIXED_NOW
from tests.helpers import build_team, snapshot

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def office_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kantor")
    db = Database.open(folder / "capaian.db")
    ctx = ServiceContext(
        db=db, actor="penguji", evidence_dir=folder / "bukti", clock=lambda: FIXED_NOW
    )
    init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    build_team(ctx)
    db.dispose()
    connection = sqlite3.connect(folder / "capaian.db")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return folder / "capaian.db"


def _digest(path: Path) -> str:
    wal = Path(f"{path}-wal")
    data = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    return hashlib.sha256(data).hexdigest()


# Text a clerk (or a cat on the keyboard) might type: no NUL, which no real argv can carry.
junk = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=24,
)
numberish = st.one_of(
    junk.filter(lambda text: bool(text.strip())),  # an empty option means "not given": valid
    st.sampled_from(["2026-13", "2026-TW5", "0000-00-00", "-1", "9" * 30, "2026-02-30", "NaN"]),
    st.integers(-(10**20), 10**20).map(str),
)


def _commands(out: Path) -> st.SearchStrategy[list[str]]:
    def path_of(text: str) -> str:
        return str(out / ("x" + text.replace("/", "_")))

    paths = junk.map(path_of)
    return st.one_of(
        st.tuples(st.just("explain"), st.just("--nip"), numberish, st.just("--periode"), numberish),
        st.tuples(st.just("periode"), st.just("kunci"), numberish, st.just("--alasan"), junk),
        st.tuples(
            st.just("mutasi"),
            st.just("catat"),
            st.just("--nip"),
            numberish,
            st.just("--ke"),
            junk,
            st.just("--berlaku"),
            numberish,
        ),
        st.tuples(
            st.just("print"),
            st.sampled_from(["skp", "evaluasi", "rekap"]),
            st.just("--out"),
            paths,
            st.just("--periode"),
            numberish,
        ),
        st.tuples(st.just("import-excel"), st.sampled_from(["pegawai", "skp", "realisasi"]), paths),
        st.tuples(
            st.just("export-excel"),
            st.sampled_from(["realisasi", "rekap"]),
            paths,
            st.just("--periode"),
            numberish,
        ),
        st.tuples(st.just("conflicts"), st.just("show"), junk),
        st.tuples(
            st.just("enrol"),
            st.just("trust-bkd"),
            st.just("--key"),
            junk,
            st.just("--fingerprint"),
            junk,
        ),
        st.tuples(st.just("restore"), paths, st.just("--yes")),
        st.tuples(
            st.just("init"),
            st.just("--role"),
            st.just("dinas"),
            st.just("--kode"),
            junk,
            st.just("--nama"),
            junk,
        ),
        st.tuples(
            st.just("template"), st.just("realisasi"), paths, st.just("--periode"), numberish
        ),
        st.tuples(st.just("backup"), st.just("--list"), junk),  # an extra argument: usage
        st.lists(junk, max_size=6),  # anything at all
    ).map(list)


@contextlib.contextmanager
def _quiet() -> Iterator[tuple[io.StringIO, io.StringIO]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield out, err


def _run(argv: list[str]) -> tuple[int, str]:
    with _quiet() as (_out, err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors and --help
            code = int(exc.code or 0)
    return code, err.getvalue()


@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_bad_command_lines_change_nothing(
    office_file: Path, tmp_path: Path, data: st.DataObject
) -> None:
    out = tmp_path / "keluaran"
    out.mkdir(exist_ok=True)
    argv = data.draw(_commands(out))
    before = _digest(office_file)
    code, err = _run(["--db", str(office_file), *argv])
    assert code != 70, err  # 70 = an unexpected exception, i.e. a bug
    assert "Traceback" not in err
    if argv and argv[0] != "backup" and len(argv) > 2:  # every structured case is bad input
        assert code in (1, 2), (argv, err)
        assert err.strip(), argv  # and says why
    assert _digest(office_file) == before, argv


def test_bad_command_line_message_is_indonesian_and_names_the_problem(
    office_file: Path,
) -> None:
    code, err = _run(["--db", str(office_file), "periode", "kunci", "2026-99", "--alasan", "x"])
    assert code == 1 and err.startswith("Kesalahan:")
    code, err = _run(["--db", str(office_file), "restore", "/tidak/ada.db", "--yes"])
    assert code == 1 and "tidak ditemukan" in err


# ----------------------------------------------------------------------------- settings values
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        junk,
        st.sampled_from(
            ["NaN", "Infinity", "-inf", "1e999999", "sNaN", "1,5", "1.234,5", " 90 ", "١٢٣", "0x10"]
        ),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(junk, inner, max_size=6)),
    max_leaves=10,
)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[ServiceContext]:
    db = Database.open(tmp_path / "capaian.db")
    ctx = ServiceContext(
        db=db, actor="penguji", evidence_dir=tmp_path / "bukti", clock=lambda: FIXED_NOW
    )
    init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    yield ctx
    db.dispose()


@settings(FUZZ, max_examples=150)
@given(
    key=st.sampled_from(ALL_SETTINGS),
    value=json_values,
    tahun=st.one_of(st.just(0), st.integers(-5, 3000)),
)
def test_settings_values_are_stored_valid_or_refused_cleanly(
    office: ServiceContext, key: Any, value: Any, tahun: int
) -> None:
    before = snapshot(office.db)
    try:
        set_setting(office, key, value, tahun)
    except UserError as exc:
        assert exc.message and exc.field in (key.key, "tahun_berlaku")
        assert snapshot(office.db) == before
        return
    with office.read() as session:
        stored = get_setting(session, key, tahun or 2026)
    assert stored is not None
    assert 2000 <= tahun <= 2100 or tahun == 0
