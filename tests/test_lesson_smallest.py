"""The smallest and half-finished lessons a teacher makes on the way (#29): one step with no note and no question,
notes without questions, a step with only minutes, and every step of the map. Each is checked, stored, exported,
printed with the handout and as a worksheet, and its editor figures (worksheet.room) computed: nothing divides by
an empty list. The editor itself, in a browser, is test_lesson_browser.py."""

from __future__ import annotations

import subprocess

import pytest

from mapping.classroom.lesson import ALL_STEPS, Lesson, LessonStep, note_html, parse, teacher_html

SMALL = {
    "one step, no note, no question": [{"step": "C2"}],
    "one class step, nothing else": [{"step": "class-C3"}],
    "notes without questions": [
        {"step": "title", "minutes": 2, "note": "Read the title aloud."},
        {"step": "C3", "note": "Where are 'the mountains'?\n- north of P'yŏngyang\n- north of Wŏnsan"},
    ],
    "a question on the last step only": [{"step": "C1"}, {"step": "end", "questions": ["What did Mao decide?"]}],
    "every step of the map": [{"step": name, "minutes": 2} for name in ALL_STEPS],
}


def lesson_of(steps: list[dict]) -> Lesson:
    return parse({"format": "telegram-map-lesson", "version": 1, "title": "Half-written", "steps": steps})


@pytest.fixture(scope="module")
def built():
    from mapping.outputs import products

    return products.load()


@pytest.mark.parametrize("name", SMALL)
def test_a_small_lesson_is_stored_and_read_back(store, name):
    lesson = lesson_of(SMALL[name])
    lesson_id, key = store.lessons.save(lesson)
    assert store.lessons.get(lesson_id) == lesson and key


@pytest.mark.parametrize("name", SMALL)
def test_a_small_lesson_exports_and_prints(built, name, tmp_path):
    from mapping.outputs import products, worksheet

    doc, base = built
    lesson = lesson_of(SMALL[name])
    lines, one_page = worksheet.room(doc, lesson)  # what the editor shows on every redraw
    asked = sum(len(s.questions) for s in lesson.steps)
    assert one_page and (lines == 0) == (asked == 0)
    page = products.export_html(doc, base, lesson=lesson).decode("utf-8")
    assert page.count('class="tm-lesson-step"') == len(lesson.steps)
    pdf = tmp_path / "w.pdf"
    pdf.write_bytes(products.worksheet_pdf(doc, base, lesson))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "For the teacher" in text
    if not asked:
        assert "This lesson has no questions." in text
    handout = products.handout_pdf(doc, base, lesson)
    assert handout.startswith(b"%PDF") and len(handout) > len(pdf.read_bytes())


def test_a_step_with_nothing_of_the_teachers_projects_no_empty_box():
    assert teacher_html(LessonStep("C2", minutes=5)) == ""
    assert "Teacher&#x27;s note" in teacher_html(LessonStep("C2", note="Read it."))
    assert "Questions" in teacher_html(LessonStep("C2", questions=("Why?",)))


def test_a_list_after_a_line_of_text_is_a_list():
    assert note_html("Ask:\n- where?\n- why?\nThen vote.") == (
        "<p>Ask:</p><ul><li>where?</li><li>why?</li></ul><p>Then vote.</p>"
    )


def test_a_students_emoji_or_dollar_signs_never_stop_the_class_record(built):
    """The record prints what a student wrote: an emoji no font has as a box, `$...$` as text, not mathematics."""
    import subprocess
    import tempfile

    from mapping.classroom.agreement import agreement
    from mapping.outputs.class_record import record

    doc, base = built
    layer = next(ly for ly in doc.layers if ly.id == "c3-defence-zone")
    square = {"type": "MultiPolygon", "coordinates": [[[[126.2, 40.6], [127.4, 40.6], [127.4, 41.5], [126.2, 41.5],
                                                       [126.2, 40.6]]]]}  # fmt: skip
    said = ["Our family 👨‍👩‍👧 holds the hills", "Costs $\\q$ and $5, north of 평양 (平壤)"]
    readings = [{"geometry": square, "sentence": s, "submitted": 0.0, "revisions": 1} for s in said]
    task = {"id": "C3", "prompt": "Draw the mountains.", "code": "ABC234", "joined": 2, "opened": "2026-12-07"}
    pdf = record(doc, base, task, layer, agreement([r["geometry"] for r in readings]), readings)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as out:
        out.write(pdf)
        out.flush()
        text = subprocess.run(["pdftotext", out.name, "-"], capture_output=True, text=True, check=True).stdout
    assert "holds the hills" in text and "$\\q$" in text and "평양" in text
