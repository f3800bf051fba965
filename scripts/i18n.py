"""Keep the translation catalogues in step with the code.

    python scripts/i18n.py extract   # rewrite resources/locale/capaian.pot and merge it into
                                      # every resources/locale/<lang>/LC_MESSAGES/capaian.po
    python scripts/i18n.py check     # exit 1 if a catalogue misses or leaves untranslated a msgid

Message ids are the Indonesian strings passed to ``_()``, ``N_()`` and ``ngettext()`` in ``app/``;
they are found with the ``ast`` module, so no external gettext tools are needed.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.i18n import DOMAIN, LOCALE_DIR, _parse_po  # noqa: E402

MARKERS = {"_", "N_"}


def messages(root: Path = ROOT / "app") -> dict[str, list[str]]:
    """Map each msgid to its source locations, ordered by first location."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id not in MARKERS and node.func.id != "ngettext":
                continue
            strings = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
            count = 2 if node.func.id == "ngettext" else 1
            for text in strings[:count]:
                if isinstance(text, str) and text:
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.setdefault(text, []).append(where)
    return dict(sorted(found.items(), key=lambda item: _location_key(item[1][0])))


def _location_key(where: str) -> tuple[str, int]:
    path, _sep, line = where.rpartition(":")
    return path, int(line)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render(found: dict[str, list[str]], translated: dict[str, str]) -> str:
    """A .po (or .pot with empty translations) sorted by first location."""
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Language-Team: Capaian\\n"',
        "",
    ]
    for msgid, where in found.items():
        lines.append(f"#: {' '.join(where[:3])}")
        lines.append(f"msgid {_quote(msgid)}")
        lines.append(f"msgstr {_quote(translated.get(msgid, ''))}")
        lines.append("")
    return "\n".join(lines)


def catalogues() -> list[Path]:
    """Every language catalogue."""
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> None:
    """Rewrite the template and merge it into each catalogue, keeping existing translations."""
    found = messages()
    (LOCALE_DIR / f"{DOMAIN}.pot").write_text(render(found, {}), encoding="utf-8")
    for path in catalogues():
        old = {e["msgid"]: e.get("msgstr", "") for e in _parse_po(path.read_text("utf-8"))}
        path.write_text(render(found, old), encoding="utf-8")
    print(f"{len(found)} pesan; katalog: {', '.join(str(p) for p in catalogues())}")


def check() -> int:
    """Problems: msgids missing from a catalogue or left untranslated."""
    found = messages()
    problems = 0
    for path in catalogues():
        entries = {e["msgid"]: e.get("msgstr", "") for e in _parse_po(path.read_text("utf-8"))}
        for msgid, where in found.items():
            if not entries.get(msgid):
                problems += 1
                print(f"{path.parent.parent.name}: belum diterjemahkan ({where[0]}): {msgid!r}")
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "extract":
        extract()
    else:
        sys.exit(check())
