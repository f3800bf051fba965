"""GUI fixtures: a synchronous task runner, real SQLite contexts, the demo data, screenshots.

Every screen runs against real services on a real SQLite file; only the runner is synchronous
(jobs run inline), so a test reads like a user's session without waiting on threads.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.main import open_context
from app.services.context import ServiceContext
from app.services.setup import init_installation
from app.views.state import AppState
from app.views.tasks import TaskRunner
from tests.conftest import FIXED_NOW

SCREENSHOT_ENV = "CAPAIAN_SCREENSHOT_DIR"


def make_ctx(path: Path) -> ServiceContext:
    """A context on ``path`` with the tests' fixed clock."""
    ctx = open_context(path)
    ctx.clock = lambda: FIXED_NOW
    return ctx


@pytest.fixture(autouse=True)
def _close_dialogs_after_test() -> Iterator[None]:
    """A dialog left open by one test must not answer another test's question."""
    yield
    from app.views.dialogs import open_dialogs

    for dialog in open_dialogs():
        dialog.close()


@pytest.fixture
def runner(qapp: object) -> Iterator[TaskRunner]:
    """A synchronous runner (jobs run inline, callbacks before ``db()`` returns)."""
    task_runner = TaskRunner(synchronous=True)
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def errors(runner: TaskRunner) -> list[BaseException]:
    """Failures the screens reported (instead of showing dialogs)."""
    found: list[BaseException] = []
    runner.error_handler = found.append
    return found


@pytest.fixture
def gui_office(tmp_path: Path) -> Iterator[ServiceContext]:
    """A set-up office database (Dinas Kesehatan, monthly periods of 2026)."""
    ctx = make_ctx(tmp_path / "kantor" / "capaian.db")
    init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def state(gui_office: ServiceContext, runner: TaskRunner, errors: list[BaseException]) -> AppState:
    """Screens' shared state on the office database."""
    return AppState(gui_office, runner, make_ctx)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small Sabangau demo, built once per session (about 2 s)."""
    from app.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "capaian.db"
    ctx = make_ctx(path)
    build_demo(ctx, size="small")
    ctx.db.dispose()
    return path


@pytest.fixture
def demo_ctx(demo_template: Path, tmp_path: Path) -> Iterator[ServiceContext]:
    """A private copy of the demo database."""
    target = tmp_path / "demo" / "capaian.db"
    target.parent.mkdir(parents=True)
    shutil.copy(demo_template, target)
    ctx = make_ctx(target)
    yield ctx
    ctx.db.dispose()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``$CAPAIAN_SCREENSHOT_DIR`` (e.g. out/screenshots) or a temp dir."""
    chosen = os.environ.get(SCREENSHOT_ENV)
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
