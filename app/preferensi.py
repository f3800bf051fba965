"""Per-machine preferences of whoever uses this PC: today only the interface language.

Office settings live in the database (they travel with backups and apply to every PC of the
office); which language one clerk reads the screens in belongs to this PC, so it is a small
JSON file, ``preferensi.json``, in the data folder. The file is read at every start, by the GUI
and by the command line, when no ``--lang`` is given. A damaged or unreadable file must never
keep the program from starting: it is ignored (Indonesian) and a warning goes to the log.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from app.errors import UserError, ValidationError
from app.i18n import _
from app.settings import data_dir

log = logging.getLogger("capaian.preferensi")

BERKAS = "preferensi.json"
BAHASA = ("id", "en")
BAHASA_BAWAAN = "id"


def preference_path() -> Path:
    """``preferensi.json`` in the data folder (``$CAPAIAN_DATA_DIR`` in tests)."""
    return data_dir() / BERKAS


def load_preferences() -> dict[str, Any]:
    """The stored preferences; ``{}`` when the file is missing, unreadable or damaged."""
    path = preference_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:  # ValueError: bad JSON or bad UTF-8
        log.warning("preference file %s ignored: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("preference file %s ignored: not a JSON object", path)
        return {}
    return data


def preferred_language() -> str:
    """The interface language chosen on this PC, Indonesian when none (or a bad one) is stored."""
    value = load_preferences().get("bahasa", BAHASA_BAWAAN)
    if value not in BAHASA:
        log.warning("preference bahasa=%r ignored; using %s", value, BAHASA_BAWAAN)
        return BAHASA_BAWAAN
    return str(value)


def save_language(bahasa: str) -> Path:
    """Store the interface language for the next start; other preferences are kept.

    Written to a temporary file in the same folder, then renamed over the old one, so a power
    cut leaves either the old or the new file, never half of one.
    """
    if bahasa not in BAHASA:
        raise ValidationError(
            _("Bahasa {bahasa!r} tidak dikenal; pilih id (Indonesia) atau en (English).").format(
                bahasa=bahasa
            ),
            field="bahasa",
        )
    data = load_preferences()
    data["bahasa"] = bahasa
    path = preference_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".preferensi-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, indent=2)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError(
            _("Preferensi tidak dapat disimpan ke {path}: {err}").format(path=path, err=exc)
        ) from exc
    return path
