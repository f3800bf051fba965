"""Data > Pengaturan kantor: admins see and change the office settings; the language is per PC."""

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app import preferensi
from app.i18n import language, set_language
from app.services import pengguna
from app.services.context import Changes, ServiceContext
from app.services.pengaturan import daftar_pengaturan
from app.views.data_menu import install_data_menu
from app.views.pengaturan import SettingsAction, SettingsDialog
from app.views.state import AppState
from tests.helpers import snapshot


@pytest.fixture(autouse=True)
def _indonesian_again() -> object:
    yield None
    set_language("id")


def settings_action(qtbot: QtBot, state: AppState) -> SettingsAction:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return install_data_menu(window, state).settings


def open_form(action: SettingsAction) -> SettingsDialog:
    assert action.action.isVisible() and action.action.isEnabled()
    action.action.trigger()
    dialog = action.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def in_force(ctx: ServiceContext, tahun: int = 2026) -> dict[str, object]:
    return {r.kunci: r.nilai for r in daftar_pengaturan(ctx, tahun)}


def test_admin_changes_the_signing_place_and_a_threshold(
    qtbot: QtBot,
    gui_office: ServiceContext,
    state: AppState,
    errors: list[BaseException],
    screenshot_dir: Path,
) -> None:
    seen: list[Changes] = []
    state.changed.connect(seen.append)
    form = open_form(settings_action(qtbot, state))
    assert form.tahun.value() == gui_office.today().year == 2026
    assert form.tempat.text() == "Sabangau"
    assert form.ambang["saran.ambang_di_atas"].value() == 110
    assert "bulanan" in form.granularitas.text() and "sudah disiapkan" in form.granularitas.text()
    assert form.pemetaan["BAIK"].currentData() == "SESUAI_EKSPEKTASI"
    path = screenshot_dir / "pengaturan-kantor.png"
    assert form.grab().save(str(path))
    assert QImage(str(path)).size() == form.size()
    # Everything fits: the form is at least as tall as its layout needs.
    assert form.height() >= form.sizeHint().height()

    form.tempat.setText("Kereng Bangkirai")
    form.ambang["saran.ambang_di_atas"].setValue(105)
    form.pemetaan["BAIK"].setCurrentIndex(form.pemetaan["BAIK"].findData("DI_ATAS_EKSPEKTASI"))
    form.berlaku.setCurrentIndex(form.berlaku.findData(0))  # all years
    assert set(form.changed_values()) == {"cetak.tempat", "saran.ambang_di_atas", "jpt.pemetaan"}
    form.ok.click()
    assert not form.isVisible() and errors == []
    assert [c.pengaturan for c in seen] == [True]  # one write, screens refresh
    values = in_force(gui_office, 2025)  # "all years" reaches back too
    assert values["cetak.tempat"] == "Kereng Bangkirai"
    assert values["saran.ambang_di_atas"] == "105"
    assert values["jpt.pemetaan"]["BAIK"] == "DI_ATAS_EKSPEKTASI"  # type: ignore[index]
    assert values["saran.ambang_sesuai"] == "90"  # unchanged fields are not written

    # Saving again without a change writes nothing.
    before = snapshot(gui_office.db)
    form = open_form(settings_action(qtbot, state))
    assert form.tempat.text() == "Kereng Bangkirai"
    form.ok.click()
    assert snapshot(gui_office.db) == before and len(seen) == 1


def test_a_refusal_keeps_the_form_as_typed(
    qtbot: QtBot, gui_office: ServiceContext, state: AppState, errors: list[BaseException]
) -> None:
    form = open_form(settings_action(qtbot, state))
    form.berlaku.setCurrentIndex(form.berlaku.findData(2026))
    form.tempat.setText("Pulang Pisau")
    form.ambang["saran.ambang_sesuai"].setValue(112.5)  # above Di Atas (110)
    before = snapshot(gui_office.db)
    form.ok.click()
    assert form.isVisible() and errors == []
    assert "Ambang saran tidak berurutan" in form.message.text()
    assert form.height() >= form.sizeHint().height()  # the message does not squeeze the fields
    assert form.tempat.text() == "Pulang Pisau"
    assert form.ambang["saran.ambang_sesuai"].value() == 112.5
    assert snapshot(gui_office.db) == before  # all or nothing: the place was not saved either
    form.ambang["saran.ambang_di_atas"].setValue(115)
    form.ok.click()
    assert not form.isVisible()
    assert in_force(gui_office)["saran.ambang_sesuai"] == "112.5"
    assert in_force(gui_office, 2025)["saran.ambang_sesuai"] == "90"  # from 2026 on only


def test_another_year_is_read_when_chosen(
    qtbot: QtBot, gui_office: ServiceContext, state: AppState
) -> None:
    from app.services.pengaturan import ubah_pengaturan

    ubah_pengaturan(gui_office, "cetak.tempat", "Palangka Raya", 2027)
    form = open_form(settings_action(qtbot, state))
    assert form.tempat.text() == "Sabangau"
    form.tahun.setValue(2027)
    assert form.tempat.text() == "Palangka Raya"
    assert form.notes["cetak.tempat"].text() == "berlaku mulai 2027"
    # 2027 is not prepared: the granularity is still shown read-only, from the same value.
    assert form.granularitas.text().startswith("bulanan (berlaku semua tahun)")


def test_a_non_admin_has_no_entry(
    qtbot: QtBot, gui_office: ServiceContext, state: AppState
) -> None:
    pengguna.buat_pengguna(
        gui_office, nama_pengguna="admin", nama_lengkap="A", peran="admin", sandi="sandi-admin-1"
    )
    pengguna.masuk(gui_office, "admin", "sandi-admin-1")
    pengguna.buat_pengguna(
        gui_office, nama_pengguna="ops", nama_lengkap="O", peran="operator", sandi="sandi-ops-01"
    )
    action = settings_action(qtbot, state)
    assert action.action.isVisible()
    pengguna.masuk(gui_office, "ops", "sandi-ops-01")
    action.refresh()
    assert not action.action.isVisible() and not action.action.isEnabled()


def test_language_is_saved_for_this_pc_and_used_by_the_next_gui_start(
    qtbot: QtBot,
    gui_office: ServiceContext,
    state: AppState,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = open_form(settings_action(qtbot, state))
    assert form.bahasa.currentData() == "id"
    form.bahasa.setCurrentIndex(form.bahasa.findData("en"))
    before = snapshot(gui_office.db)
    form.ok.click()
    assert not form.isVisible()
    assert preferensi.preferred_language() == "en"
    assert snapshot(gui_office.db) == before  # a PC preference, not office data
    assert language() == "id"  # takes effect at the next start

    from app import main as main_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    launched = main_module.launch(["--db", str(tmp_path / "baru.db")])
    try:
        assert language() == "en"
    finally:
        if launched.shell.wizard is not None:
            launched.shell.wizard.close()
        launched.runner.shutdown()
        launched.ctx.db.dispose()
    # --lang still wins over the preference.
    launched = main_module.launch(["--db", str(tmp_path / "baru.db"), "--lang", "id"])
    try:
        assert language() == "id"
    finally:
        if launched.shell.wizard is not None:
            launched.shell.wizard.close()
        launched.runner.shutdown()
        launched.ctx.db.dispose()
    set_language("en")
    # A damaged file falls back to Indonesian.
    preferensi.preference_path().write_text("[", encoding="utf-8")
    launched = main_module.launch(["--db", str(tmp_path / "baru.db")])
    try:
        assert language() == "id"
    finally:
        if launched.shell.wizard is not None:
            launched.shell.wizard.close()
        launched.runner.shutdown()
        launched.ctx.db.dispose()
