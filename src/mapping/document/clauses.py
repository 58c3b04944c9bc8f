"""The clause index: where each part of the telegram starts and ends in the verbatim text.

Spans are found by their opening and closing words, never retyped, so every clause's
text is an exact slice of the telegram. Built into layers/clauses.json; the app, the
export and the handout all read that one file.
"""

from __future__ import annotations

import json
from pathlib import Path

# id, label, kind, first words, last words (both inside the span)
SPANS = [
    ("H", "Header", "header", "Priority", "Pass immediately to Cde. Mao Zedong."),
    ("F0", "Findings: introduction", "intro", '"Your representatives arrived today', "from the exchange of opinions:"),
    ("F1", "Finding 1", "finding", "1. The Chinese forces designated", "supply and train these troops."),
    ("F2", "Finding 2", "finding", "2. If direct aid is not given", "Korea will be occupied by the Americans."),
    ("F3", "Finding 3", "finding", "3. Accordingly, substantial aid", "when it will no longer be needed."),
    ("C0", "Conclusions: introduction", "intro", "In view of the above", "come to the following conclusions:"),
    ("C1", "Conclusion 1", "conclusion", "1. In spite of favorable", "in an unfavorable position;"),
    ("C2", "Conclusion 2", "conclusion", "2. If the troops have already crossed", "along the Chinese border;"),
    ("C3", "Conclusion 3", "conclusion", "3. Consider it advisable", "in the rear of the enemy;"),
    (
        "C4",
        "Conclusion 4",
        "conclusion",
        "4. Withdraw the best of the mobilized",
        "divisions are to be formed from them;",
    ),
    ("C5", "Conclusion 5", "conclusion", "5. Pyongyang and other important", "are to be immediately evacuated."),
    ("S", "Supply", "supply", "As regards the tanks", "We await your decision."),
    ("SIG", "Signature and date", "signature", "Signed: Filippov", "[...]"),
]
IDS = [s[0] for s in SPANS]
MAPPED = ["F2", "C1", "C2", "C3", "C4", "C5", "S"]  # the clauses with map layers, in text order


def index(text: str) -> list[dict]:
    """Locate every span; raise ValueError naming the clause if its words are not found once, in order."""
    out, cursor = [], 0
    for cid, label, kind, first, last in SPANS:
        start = text.find(first, cursor)
        if start < 0 or text.count(first) != 1:
            raise ValueError(f"clause {cid}: its opening words {first!r} are not found exactly once")
        end = text.find(last, start)
        if end < 0:
            raise ValueError(f"clause {cid}: its closing words {last!r} are not found after its start")
        end += len(last)
        out.append({"id": cid, "label": label, "kind": kind, "start": start, "end": end, "text": text[start:end]})
        cursor = end
    return out


def write(text: str, path: Path) -> None:
    doc = {
        "about": "Character spans (Python str offsets, end exclusive) of each clause in telegram-1950-10-11.txt.",
        "mapped": MAPPED,
        "clauses": index(text),
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["clauses"]
