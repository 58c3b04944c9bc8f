"""Gather the map's own texts into content.pot and merge them into each language's content.po (#34).

    python -m mapping.devtools.i18n_content          # write content.pot, update ko, zh_Hans, zh_Hant
    python -m mapping.devtools.i18n_content --check  # exit 1 when a catalog is not up to date

What is gathered, each with a msgctxt naming its source, id and field:
  notes:<id>:heading|text        layers/notes.json (the caveats as notes:caveats-<n>:text); not the citations
  task:<id>:prompt|how           classroom/tasks.py (HOW is a format string: python-brace-format)
  layer:<id>:title|legend        each layer's title and legend
  feature:<id>:title|summary|interpretation   every feature of the layers, as load_document reads them
  clause:<id>:label              layers/clauses.json's labels (the clauses' words are the telegram's: not these)
  timeline:<date>:label|caption  layers/timeline.json
  provenance:<field>             layers/provenance.json: the project's words on the document (About)

Merging keeps a translation whose msgid is unchanged; one whose English changed stays, marked fuzzy with the
old English as `#| msgid` (content.translate shows English until it is reviewed); a new text whose English is
word for word another entry's takes that entry's translation; anything else is left empty to translate.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from ..classroom.tasks import HOW, TASKS
from ..document.load import load_document
from ..i18n.content import DOMAIN, FOLDERS, LOCALES, catalog_path
from ..paths import LAYERS

FEATURE_FIELDS = ("title", "summary", "interpretation")


@dataclass(frozen=True)
class Text:
    context: str
    english: str
    where: str  # the file it comes from, for the translator
    brace_format: bool = False


def _notes(layers: Path) -> list[Text]:
    notes = json.loads((layers / "notes.json").read_text(encoding="utf-8"))
    out = []
    for key, entry in notes.items():
        if isinstance(entry, dict):
            out += [Text(f"notes:{key}:{f}", entry[f], "layers/notes.json") for f in ("heading", "text") if f in entry]
    for n, entry in enumerate(notes.get("caveats", [])):
        out.append(Text(f"notes:caveats-{n}:text", entry["text"], "layers/notes.json"))
    return out


def _tasks() -> list[Text]:
    out = []
    for tid, task in TASKS.items():
        out.append(Text(f"task:{tid}:prompt", task.prompt, "src/mapping/classroom/tasks.py"))
        out.append(Text(f"task:{tid}:how", HOW[tid], "src/mapping/classroom/tasks.py", brace_format=True))
    return out


def _layers(layers: Path) -> list[Text]:
    doc = load_document(layers)
    if doc.errors:
        raise SystemExit("layers/ has faults; fix them first:\n" + "\n".join(doc.errors))
    out = []
    for layer in doc.layers:
        where = f"layers/{layer.path.name}"
        out += [Text(f"layer:{layer.id}:{f}", layer.meta[f], where) for f in ("title", "legend") if layer.meta.get(f)]
        for feat in layer.features:
            props = feat["properties"]
            out += [Text(f"feature:{props['id']}:{f}", props[f], where) for f in FEATURE_FIELDS if props.get(f)]
    return out


def _clauses(layers: Path) -> list[Text]:
    data = json.loads((layers / "clauses.json").read_text(encoding="utf-8"))
    return [Text(f"clause:{c['id']}:label", c["label"], "layers/clauses.json") for c in data["clauses"]]


def _timeline(layers: Path) -> list[Text]:
    data = json.loads((layers / "timeline.json").read_text(encoding="utf-8"))
    out = []
    for d in data["dates"]:
        out += [Text(f"timeline:{d['date']}:{f}", d[f], "layers/timeline.json") for f in ("label", "caption")]
    return out


PROVENANCE_FIELDS = ("description", "translation", "verbatim", "transcription")  # the project's own words on it


def _provenance(layers: Path) -> list[Text]:
    """What the About text says of the document (its title, archive and address are citations: not these)."""
    data = json.loads((layers / "provenance.json").read_text(encoding="utf-8"))
    out = [Text(f"provenance:{f}", data[f], "layers/provenance.json") for f in PROVENANCE_FIELDS if data.get(f)]
    if note := data.get("cable_numbers", {}).get("note"):
        out.append(Text("provenance:cable_numbers", note, "layers/provenance.json"))
    return out


def gather(layers: Path = LAYERS) -> list[Text]:
    """Every text of the map a reader sees and a catalog translates, in a stable order."""
    texts = _notes(layers) + _tasks() + _layers(layers) + _clauses(layers) + _timeline(layers) + _provenance(layers)
    seen: set[str] = set()
    for t in texts:
        if t.context in seen:
            raise SystemExit(f"two texts share the context {t.context!r}")
        seen.add(t.context)
    return texts


def template(texts: list[Text]) -> Catalog:
    pot = Catalog(domain=DOMAIN, project="telegram-map", fuzzy=False)
    for t in texts:
        flags = ["python-brace-format"] if t.brace_format else []
        where = [(t.where, None)]  # a file, no line: babel writes "#: layers/notes.json"
        pot.add(t.english, context=t.context, locations=where, flags=flags)  # type: ignore[arg-type]
    return pot


def _read(path: Path, lang: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as fh:
        return read_po(fh, locale=FOLDERS[lang], domain=DOMAIN)


def merge(pot: Catalog, old: Catalog | None, lang: str) -> Catalog:
    """The language's catalog for the current texts, keeping what `old` already translates."""
    new = Catalog(locale=FOLDERS[lang], domain=DOMAIN, project="telegram-map", fuzzy=False)
    before = {m.context: m for m in old if m.id} if old else {}
    by_english = {m.id: m.string for m in old if m.id and m.string and not m.fuzzy} if old else {}
    for m in pot:
        if not m.id:
            continue
        was = before.get(m.context)
        message = Message(m.id, "", locations=m.locations, flags=set(m.flags), context=m.context)
        if was is not None and was.id == m.id:
            message.string, message.flags = was.string, set(m.flags) | ({"fuzzy"} if was.fuzzy else set())
            message.user_comments = list(was.user_comments)
        elif was is not None and was.string:
            message.string = was.string
            message.flags = set(m.flags) | {"fuzzy"}
            message.previous_id = [was.id] if isinstance(was.id, str) else list(was.id)
        elif m.id in by_english:
            message.string = by_english[m.id]
        new[m.id] = message
    return new


def render(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, include_previous=True, ignore_obsolete=True)
    return out.getvalue()


def refresh(check: bool = False) -> list[str]:
    """Write (or, with check, compare) content.pot and the three content.po files; the paths out of date."""
    pot = template(gather())
    stale = []
    outputs = {LOCALES / f"{DOMAIN}.pot": render(pot)}
    for lang in FOLDERS:
        path = catalog_path(lang)
        outputs[path] = render(merge(pot, _read(path, lang), lang))
    for path, data in outputs.items():
        current = path.read_bytes() if path.exists() else b""
        if _body(current) != _body(data):
            stale.append(str(path))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    return stale


def _body(po: bytes) -> bytes:
    """A catalog without its header's dates (which change on every write)."""
    return b"\n".join(line for line in po.splitlines() if b"-Date:" not in line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a catalog is out of date")
    args = ap.parse_args(argv)
    stale = refresh(check=args.check)
    for path in stale:
        print(("out of date: " if args.check else "wrote ") + path)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
