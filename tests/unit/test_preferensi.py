"""This PC's interface language: a small JSON file that can never keep Capaian from starting."""

import json
import logging
from pathlib import Path

import pytest

from app import preferensi
from app.errors import ValidationError


def test_missing_file_means_indonesian(caplog: pytest.LogCaptureFixture) -> None:
    assert not preferensi.preference_path().exists()
    with caplog.at_level(logging.WARNING, logger="capaian"):
        assert preferensi.preferred_language() == "id"
    assert not caplog.records  # nothing to warn about on a fresh PC


def test_saved_language_is_read_back_and_other_preferences_are_kept() -> None:
    path = preferensi.preference_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"lain": 1}), encoding="utf-8")
    assert preferensi.save_language("en") == path
    assert preferensi.preferred_language() == "en"
    assert json.loads(path.read_text(encoding="utf-8")) == {"lain": 1, "bahasa": "en"}
    preferensi.save_language("id")
    assert preferensi.preferred_language() == "id"
    # Written through a temporary file that is renamed: none is left behind.
    assert sorted(p.name for p in path.parent.iterdir()) == ["preferensi.json"]


@pytest.mark.parametrize(
    "content",
    [b"{bahasa: en", b'"en"', b'{"bahasa": "jv"}', b"\xff\xfe\x00garbage", b""],
)
def test_a_damaged_file_falls_back_to_indonesian_with_a_warning(
    content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = preferensi.preference_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="capaian"):
        assert preferensi.preferred_language() == "id"
    assert any(r.levelno == logging.WARNING for r in caplog.records)
    # Saving over a damaged file repairs it.
    preferensi.save_language("en")
    assert preferensi.preferred_language() == "en"


def test_unknown_language_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(ValidationError) as caught:
        preferensi.save_language("jv")
    assert "pilih id (Indonesia) atau en (English)" in caught.value.message
    assert not preferensi.preference_path().exists()


def test_a_folder_where_the_file_should_be_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    preferensi.preference_path().mkdir(parents=True)
    assert preferensi.preferred_language() == "id"
