"""The one-file export is valid HTML5, by the Nu Html Checker (vnu.jar, the W3C's validator).

vnu.jar comes from npm's vnu-jar, pinned in package-lock.json; it runs on Debian's Java.
`./dev test` installs both.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TITLE = "The telegram of 11 October 1950: an interactive map"


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html5") / "map.html"
    r = subprocess.run(
        [sys.executable, "-m", "mapping", "export", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr
    return out


def vnu_messages(path: Path) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail(f"java or {VNU.relative_to(ROOT)} is missing: ./dev test installs both")
    r = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.stdout.strip(), f"vnu.jar printed nothing (exit {r.returncode}): {r.stderr}"
    return json.loads(r.stdout)["messages"]


def show(messages: list[dict]) -> str:
    return "\n".join(
        f"{m['type']}{'/' + m['subType'] if 'subType' in m else ''} line {m.get('lastLine', '?')}: {m['message']}"
        + (f"\n    {m['extract'].strip()[:160]!r}" if m.get("extract") else "")
        for m in messages
    )


def test_the_export_has_no_html5_errors(export):
    messages = vnu_messages(export)
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert not errors, f"{len(errors)} error(s) from the Nu Html Checker:\n{show(messages)}"


def test_the_export_has_a_title_a_language_and_nothing_after_the_body(export):
    html = export.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n'), html[:80]
    assert f"<title>{TITLE}</title>" in html
    assert html[html.rindex("</body>") + len("</body>") :].split() == ["</html>"]


def test_the_export_with_a_lesson_has_no_html5_errors_nor_warnings(tmp_path):
    """A teacher's lesson in the export (#22): its steps, notes (the Markdown subset) and questions, by the
    same checker; warnings count as faults here."""
    lesson = ROOT / "lessons" / "reading-vague-words.lesson.json"
    out = tmp_path / "lesson.html"
    r = subprocess.run(
        [sys.executable, "-m", "mapping", "export", str(out), "--lesson", str(lesson)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0 and r.stderr == "", r.stderr
    messages = vnu_messages(out)
    faults = [m for m in messages if m["type"] in ("error", "non-document-error") or m.get("subType") == "warning"]
    assert not faults, f"{len(faults)} fault(s) from the Nu Html Checker:\n{show(messages)}"
