"""A teacher's lesson (#22): the file and its checks, the command line, the store (SQLite and PostgreSQL) under
the teacher's key, the export and the worksheet. The browser test is test_lesson_browser.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mapping.classroom.keys import NotAllowed, StoreError
from mapping.classroom.lesson import ALL_STEPS, Lesson, LessonError, loads, note_html, parse
from mapping.paths import LESSONS, ROOT

EXAMPLES = sorted(LESSONS.glob("*.lesson.json"))


def lesson_file(**over) -> dict:
    data = {
        "format": "telegram-map-lesson",
        "version": 1,
        "title": "Test lesson",
        "steps": [{"step": "C2", "minutes": 5, "note": "Read it aloud.", "questions": ["What does 'along' mean?"]}],
    }
    return data | over


def problems_of(data: dict) -> list[str]:
    with pytest.raises(LessonError) as caught:
        parse(data)
    return caught.value.problems


def test_the_two_example_lessons_are_valid_and_take_forty_minutes():
    titles = {loads(p.read_bytes()).title: loads(p.read_bytes()) for p in EXAMPLES}
    assert set(titles) == {"40 minutes: what the telegram asked", "Reading vague words: class readings of C2 and C3"}
    assert all(lesson.minutes == 40 for lesson in titles.values())
    vague = titles["Reading vague words: class readings of C2 and C3"]
    assert {"class-C2", "class-C3"} <= set(vague.names)
    # the class draws before the map's own reading of the same words is shown
    assert vague.names.index("class-C2") < vague.names.index("C2")
    assert vague.names.index("class-C3") < vague.names.index("C3")


@pytest.mark.parametrize(
    "fault, data, field, words",
    [
        ("unknown step", lesson_file(steps=[{"step": "C9"}]), "steps[0].step", "not a step of this map"),
        ("duplicate step", lesson_file(steps=[{"step": "C2"}, {"step": "C3"}, {"step": "C2"}]), "steps[2].step",
         "comes twice"),
        ("over-long note", lesson_file(steps=[{"step": "C4", "note": "x" * 601}]), "steps[0].note",
         "601 characters, more than the 600"),
        ("script in a note", lesson_file(steps=[{"step": "C4", "note": "Look <script>alert(1)</script>"}]),
         "steps[0].note", "no HTML, script"),
        ("wrong version", lesson_file(version=2), "version", "version 1, not 2"),
        ("four questions", lesson_file(steps=[{"step": "C4", "questions": ["a?", "b?", "c?", "d?"]}]),
         "steps[0].questions", "4 items, more than the 3"),
        ("markup in a question", lesson_file(steps=[{"step": "C4", "questions": ["<img src=x onerror=alert(1)>"]}]),
         "steps[0].questions[0]", "no HTML"),
        ("an entity in the title", lesson_file(title="Q &amp; A"), "title", "no HTML"),
        ("a minute too many", lesson_file(steps=[{"step": "C4", "minutes": 61}]), "steps[0].minutes", "61"),
        ("an unknown field", lesson_file(steps=[{"step": "C4", "onclick": "x"}]), "steps[0]", "unknown field"),
        ("not a lesson", {"type": "FeatureCollection"}, "format", "not a lesson file"),
    ],
)  # fmt: skip
def test_a_bad_lesson_is_refused_and_its_error_names_the_field(fault, data, field, words):
    problems = problems_of(data)
    assert any(p.startswith(field + ":") and words in p for p in problems), (fault, problems)


def test_every_fault_of_a_file_is_named_at_once():
    data = lesson_file(steps=[{"step": "C9"}, {"step": "C2", "note": "<b>x</b>"}, {"step": "C2", "note": "y" * 700}])
    problems = problems_of(data)
    assert [p.split(":")[0] for p in sorted(problems)] == [
        "steps[0].step", "steps[1].note", "steps[2].note", "steps[2].step"
    ]  # fmt: skip


def test_a_lesson_survives_its_own_file_and_steps_name_every_map_step_and_class_task():
    lesson = loads(EXAMPLES[0].read_bytes())
    assert loads(lesson.dumps()) == lesson
    assert set(ALL_STEPS) >= {"title", "C3P", "end", "class-C2", "class-F2"}


def test_notes_render_a_small_markdown_subset_and_escape_the_rest():
    assert note_html("**Read** it *slowly*") == "<p><strong>Read</strong> it <em>slowly</em></p>"
    assert note_html("- one\n- two") == "<ul><li>one</li><li>two</li></ul>"
    # what passes the checks is still escaped, never markup: quotes and a lone ampersand
    assert note_html('Stalin\'s "Filippov" & Zhou') == "<p>Stalin&#x27;s &quot;Filippov&quot; &amp; Zhou</p>"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mapping", *args], capture_output=True, text=True, cwd=ROOT)


def test_lesson_validate_passes_the_examples_and_names_each_fault(tmp_path):
    ok = run_cli("lesson", "validate", *map(str, EXAMPLES))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.count("a valid lesson") == 2
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(lesson_file(version=3)), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    out = run_cli("lesson", "validate", str(bad), str(broken))
    assert out.returncode == 1
    assert f"{bad}: version:" in out.stderr and f"{broken}: the file is not JSON" in out.stderr


def test_export_and_handout_refuse_a_bad_lesson_and_write_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(lesson_file(steps=[{"step": "C2"}, {"step": "C2"}])), encoding="utf-8")
    for command, out in (("export", tmp_path / "m.html"), ("handout", tmp_path / "h.pdf")):
        got = run_cli(command, str(out), "--lesson", str(bad))
        assert got.returncode == 2 and "steps[1].step" in got.stderr, got.stderr
        assert not out.exists()


# -- the store: under the teacher's key, on SQLite and PostgreSQL --------------------------------------------
def test_a_lesson_is_saved_read_by_its_id_and_changed_only_with_its_key(store):
    lesson = loads(EXAMPLES[0].read_bytes())
    lesson_id, key = store.lessons.save(lesson)
    assert store.lessons.get(lesson_id) == lesson and store.lessons.get(lesson_id).id == lesson_id
    assert store.lessons.get(lesson_id.lower()).id == lesson_id  # typed from a projector's address
    changed = Lesson("Changed", lesson.steps[:2])
    for wrong in ("", "nope", key[:-1], None):
        with pytest.raises(NotAllowed):
            store.lessons.save(changed, wrong, lesson_id)
    assert store.lessons.get(lesson_id).title == lesson.title  # nothing changed by a wrong key
    store.lessons.save(changed, key, lesson_id)  # four wrong keys: the right one works at once
    assert store.lessons.get(lesson_id) == changed
    assert [r["id"] for r in store.lessons.mine(key)] == [lesson_id]
    assert store.lessons.mine("someone else's key") == []


def test_wrong_keys_never_delay_the_right_one_and_a_delete_needs_the_key(store):
    lesson_id, key = store.lessons.save(loads(EXAMPLES[1].read_bytes()))
    for _ in range(50):  # in the same second: no wait, ever, for anyone
        with pytest.raises(NotAllowed, match="not this lesson's"):
            store.lessons.delete(lesson_id, "guess")
    assert store.lessons.get(lesson_id).title.startswith("Reading vague words")  # nothing deleted
    store.lessons.delete(lesson_id, key)  # the right key, at once
    with pytest.raises(StoreError, match="no saved lesson"):
        store.lessons.get(lesson_id)


def opened_at(store, lesson_id: str):
    from sqlalchemy import select

    from mapping.classroom.lessons import lessons

    with store.engine.connect() as db:
        return db.execute(select(lessons.c.opened).where(lessons.c.id == lesson_id)).scalar_one()


def test_a_lesson_unopened_for_a_year_is_deleted_and_an_open_keeps_it(store):
    from mapping.classroom.lessons import DAY, LESSON_KEPT_DAYS, lessons

    opened, _ = store.lessons.save(loads(EXAMPLES[0].read_bytes()))
    forgotten, key = store.lessons.save(loads(EXAMPLES[1].read_bytes()))
    start = store.clock_.now
    assert opened_at(store, opened) == start  # a save counts as an open
    store.clock_.now += 200 * DAY
    store.lessons.get(opened)  # a projector opens it
    assert opened_at(store, opened) == store.clock_.now
    store.clock_.now += 3600
    store.lessons.get(opened)  # again within the day: no write
    assert opened_at(store, opened) == store.clock_.now - 3600
    store.clock_.now = start + LESSON_KEPT_DAYS * DAY - 1
    assert store.lessons.purge_expired() == 0  # a second before its year, the forgotten one is kept
    store.clock_.now += 2
    with pytest.raises(StoreError, match="no saved lesson"):
        store.lessons.get(forgotten)  # past its year: gone at once, before any purge runs
    assert store.lessons.mine(key) == []  # nor listed
    with store.engine.connect() as db:  # though still in the database until the purge
        assert db.execute(lessons.select().where(lessons.c.id == forgotten)).first() is not None
    assert store.purge_expired() == 0  # no class went; the lesson did
    with store.engine.connect() as db:
        assert [r.id for r in db.execute(lessons.select())] == [opened]
    assert store.lessons.get(opened).title == "40 minutes: what the telegram asked"  # opened 200 days in


OLD_LESSONS = """CREATE TABLE lessons (
    id VARCHAR(8) PRIMARY KEY, title VARCHAR(120) NOT NULL, body TEXT NOT NULL,
    created FLOAT NOT NULL, updated FLOAT NOT NULL,
    secret_hash VARCHAR(64) NOT NULL, failures INTEGER NOT NULL, last_failure FLOAT NOT NULL)"""


def test_a_lessons_table_from_before_opened_still_loads_and_is_purged(store):
    """A database made before lessons kept `opened` (SQLite or PostgreSQL): the column is added, old rows
    count from their last save."""
    from sqlalchemy import inspect, text

    from mapping.classroom.keys import hash_secret
    from mapping.classroom.lessons import DAY, LESSON_KEPT_DAYS, lessons
    from mapping.classroom.store import Store

    lesson = loads(EXAMPLES[0].read_bytes())
    url, now = store.engine.url.render_as_string(hide_password=False), store.clock_.now
    with store.engine.begin() as db:
        db.execute(text("DROP TABLE lessons"))
        db.execute(text(OLD_LESSONS))
        for lesson_id, updated in (("AGED2345", now), ("AGED3456", now - (LESSON_KEPT_DAYS + 1) * DAY)):
            db.execute(
                text(
                    "INSERT INTO lessons (id, title, body, created, updated, secret_hash, failures, last_failure) "
                    "VALUES (:id, :title, :body, :t, :t, :h, 0, 0.0)"
                ),
                {"id": lesson_id, "title": lesson.title, "body": lesson.dumps(), "t": updated, "h": hash_secret("k")},
            )
    store.engine.dispose()
    assert "opened" not in {c["name"] for c in inspect(store.engine).get_columns("lessons")}
    again = Store(url, clock=store.clock_)
    assert "opened" in {c["name"] for c in inspect(again.engine).get_columns("lessons")}
    second = Store(url, clock=store.clock_)  # a second start finds the column there
    assert [r["id"] for r in second.lessons.mine("k")] == ["AGED2345"]  # the one saved over a year ago: not listed
    second.engine.dispose()
    assert opened_at(again, "AGED2345") is None
    assert again.lessons.get("AGED2345").title == lesson.title and opened_at(again, "AGED2345") == now
    with pytest.raises(StoreError, match="no saved lesson"):
        again.lessons.get("AGED3456")  # last saved over a year ago
    assert again.lessons.purge_expired() == 1
    new_id, _ = again.lessons.save(lesson, "k")
    with again.engine.connect() as db:
        assert {r.id for r in db.execute(lessons.select())} == {"AGED2345", new_id}
    again.engine.dispose()


def test_an_import_never_overwrites_and_a_damaged_row_is_refused(store):
    from sqlalchemy import update

    from mapping.classroom.lessons import lessons

    first, key = store.lessons.save(loads(EXAMPLES[0].read_bytes()))
    second, same = store.lessons.save(loads(EXAMPLES[0].read_bytes()), key)  # the same file, imported again
    assert second != first and same == key and len(store.lessons.mine(key)) == 2
    with store.engine.begin() as db:  # changed behind the app's back: script in a note
        body = json.loads(store.lessons.get(first).dumps())
        body["steps"][0]["note"] = "<script>alert(1)</script>"
        db.execute(update(lessons).where(lessons.c.id == first).values(body=json.dumps(body)))
    with pytest.raises(StoreError, match="damaged"):
        store.lessons.get(first)
    assert store.lessons.get(second).title == "40 minutes: what the telegram asked"


@pytest.mark.parametrize("lesson_id", ["", "ABC", "../../etc", "AAAAAAAA' OR 1=1 --", "A" * 400, None, 12345678])
def test_a_crafted_lesson_id_finds_nothing(store, lesson_id):
    store.lessons.save(loads(EXAMPLES[0].read_bytes()))
    with pytest.raises(StoreError, match="no saved lesson"):
        store.lessons.get(lesson_id)


# -- the outputs --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built():
    from mapping.outputs import products

    return products.load()


def test_the_export_carries_the_lessons_steps_notes_and_questions(built):
    from mapping.outputs import products

    lesson = loads(EXAMPLES[1].read_bytes())
    page = products.export_html(*built, lesson=lesson).decode("utf-8")
    assert page.count('class="tm-lesson-step"') == len(lesson.steps)
    for step in lesson.steps:
        assert f'data-step="{step.step}"' in page
        for q in step.questions:
            assert note_html(q)[3:-4] in page  # escaped as the page shows it
    assert "The map&#x27;s note: " in page or "The map\\'s note" in page or "The map's note" in page


def test_the_worksheet_is_one_page_for_the_student_with_the_fonts_of_the_handout(built, tmp_path):
    from mapping.outputs import products

    for path in EXAMPLES:
        lesson = loads(path.read_bytes())
        pdf = tmp_path / "w.pdf"
        pdf.write_bytes(products.worksheet_pdf(*built, lesson))
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
        pages = text.stdout.split("\f")
        asked = [q for s in lesson.steps for q in s.questions]
        first = " ".join(pages[0].split())
        assert all(" ".join(q.split())[:40] in first for q in asked), path.name  # every question on page 1
        assert "For the teacher" in pages[1] and "For the teacher" not in pages[0]
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
        assert fonts.stderr == "" and all(ln.split()[-5] == "yes" for ln in fonts.stdout.splitlines()[2:])
    assert Path(pdf).stat().st_size > 1000


def test_the_editor_is_told_when_the_students_page_overflows(built):
    """worksheet.room, which the editor reports, agrees with the pages the worksheet draws."""
    import dataclasses

    from mapping.outputs import worksheet

    doc = built[0]
    for path in EXAMPLES:
        lesson = loads(path.read_bytes())
        crowded = dataclasses.replace(
            lesson, steps=tuple(dataclasses.replace(s, questions=(s.questions * 3)[:3]) for s in lesson.steps)
        )
        for one, expected in ((lesson, (2, True)), (crowded, (1, False))):
            assert worksheet.room(doc, one) == expected, path.name
            assert len(worksheet.student_page(doc, one)) == (1 if expected[1] else 2)
