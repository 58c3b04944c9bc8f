"""The validated document: the telegram, its clause index and every layer that passed validation.

`validate` and the app share this code, so a file the validator rejects is exactly a file
the app leaves out (with a banner naming it and its fault).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import jsonschema

from ..cartography import EAST, NORTH, SOUTH, WEST
from . import clauses as clause_index
from .bibliography import Bibliography
from .geojson_read import read_collection
from .rfc7946 import geometry_faults
from .telegram import Telegram

SCHEMA_PATH = Path(__file__).parent / "schema" / "layer.schema.json"
MAX_FAULTS_PER_FILE = 20


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


@dataclass
class Layer:
    meta: dict
    features: list[dict]
    path: Path

    @property
    def id(self) -> str:
        return self.meta["id"]


@dataclass
class Document:
    telegram: Telegram
    clauses: list[dict]
    bibliography: Bibliography = field(default_factory=lambda: Bibliography({}))
    layers: list[Layer] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: dict = field(default_factory=dict)  # notes.json: each present step's teaching note, and the caveats
    timeline: list[dict] = field(default_factory=list)  # timeline.json's dates: what happened next

    def clause(self, cid: str) -> dict | None:
        return next((c for c in self.clauses if c["id"] == cid), None)

    def known_clause(self, cid: str) -> dict:
        """A clause that must be there (a task's, a step's): a KeyError names an id that is not."""
        found = self.clause(cid)
        if found is None:
            raise KeyError(f"no clause {cid!r} in the telegram")
        return found

    def passages(self) -> list[tuple[dict, str]]:
        """The text as shown: each clause, with the words before it that belong to no clause."""
        out, cursor = [], 0
        for c in self.clauses:
            gap = self.telegram.text[cursor : c["start"]].strip()
            cursor = c["end"]
            out.append((c, f"{gap} {c['text']}".strip() if gap else c["text"]))
        return out

    def layers_for(self, cid: str, kind: str | None = "directive") -> list[Layer]:
        return [ly for ly in self.layers if cid in ly.meta["clause"] and (kind is None or ly.meta["kind"] == kind)]


def _outside_window(geom: dict) -> bool:
    """True when any position is outside the map window: the usual sign of swapped lat/lon."""

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from walk(x)

    return any(not (WEST <= p[0] <= EAST and SOUTH <= p[1] <= NORTH) for p in walk(geom["coordinates"]))


def when_faults(when: object) -> list[str]:
    """A `when` must hold real ISO 8601 calendar dates, its start no later than its end."""
    if not isinstance(when, dict):
        return []
    days = {}
    for key in ("start", "end"):
        if key in when:
            try:
                days[key] = date.fromisoformat(str(when[key]))
            except ValueError:
                return [f"when.{key}: {str(when[key])[:20]!r} is not a real ISO 8601 date (YYYY-MM-DD)"]
    if "start" in days and "end" in days and days["start"] > days["end"]:
        return [f"when: start {when['start']} comes after end {when['end']}"]
    return []


def layer_faults(name: str, data: dict, text: str, spans: dict[str, str], bib: Bibliography) -> list[str]:
    """Every fault of one parsed layer file, as `FILE: feature ID: what is wrong` lines."""
    faults: list[str] = []
    for err in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))[:MAX_FAULTS_PER_FILE]:
        where = list(err.absolute_path)
        fid = "layer"
        if len(where) >= 2 and where[0] == "features" and isinstance(where[1], int):
            props = (
                (data["features"][where[1]] or {}).get("properties")
                if isinstance(data["features"][where[1]], dict)
                else None
            )
            fid = str((props or {}).get("id", f"#{where[1]}")) if isinstance(props, dict) else f"#{where[1]}"
        field_name = ".".join(str(w) for w in where[2:]) or ".".join(str(w) for w in where) or "file"
        faults.append(f"{name}: feature {fid}: schema: {field_name}: {err.message[:200]}")
    if faults:
        return faults
    for feat in data["features"]:
        props = feat["properties"]
        fid = props["id"]
        for fault in geometry_faults(feat["geometry"]):
            faults.append(f"{name}: feature {fid}: geometry: {fault}")
        if not any("geometry:" in f for f in faults) and _outside_window(feat["geometry"]):
            faults.append(
                f"{name}: feature {fid}: geometry: coordinates lie outside the map window "
                "(115-135 E, 33-50 N): are latitude and longitude swapped?"
            )
        for fault in when_faults(props.get("when")) + bib.citation_faults(props["citations"]):
            faults.append(f"{name}: feature {fid}: {fault}")
        for quote in as_list(props["quote"]):
            if quote not in text:
                faults.append(f"{name}: feature {fid}: quote is not verbatim from the telegram: {quote[:60]!r}")
            elif not any(quote in spans.get(c, "") for c in as_list(props["clause"])):
                faults.append(f"{name}: feature {fid}: quote is not in its clause {props['clause']}: {quote[:60]!r}")
    return faults


def check_file(path: Path, text: str, spans: dict[str, str], bib: Bibliography) -> tuple[dict | None, list[str]]:
    """Read and check one layer file: (data, []) if clean, else (None, its fault lines)."""
    label = f"layers/{path.name}" if path.parent.name == "layers" else str(path)
    data, fault = read_collection(path)
    if fault or data is None:  # data is None only with a fault
        return None, [f"{label}: file: {fault}"]
    faults = layer_faults(label, data, text, spans, bib)
    return (None, faults) if faults else (data, [])


def _read_sidecar(path: Path) -> tuple[dict | None, str | None]:
    try:
        return json.loads(path.read_text(encoding="utf-8")), None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"layers/{path.name}: file: cannot be read ({exc.__class__.__name__})"


def sidecar_faults(name: str, data: dict, bib: Bibliography) -> list[str]:
    """The teaching notes and the timeline cite like features do: `citations: [{id, locator}]`."""
    faults = []
    if name == "notes.json":
        entries = [(k, v) for k, v in data.items() if isinstance(v, dict)]
        entries += [(f"caveats[{i}]", v) for i, v in enumerate(data.get("caveats", [])) if isinstance(v, dict)]
    else:
        entries = [(str(d.get("date")), d) for d in data.get("dates", []) if isinstance(d, dict)]
    for key, entry in entries:
        cites = entry.get("citations")
        if not isinstance(cites, list) or not cites:
            faults.append(f"layers/{name}: entry {key}: no citations")
            continue
        if any(not isinstance(c, dict) or set(c) - {"id", "locator"} for c in cites):
            faults.append(f"layers/{name}: entry {key}: a citation is not {{id, locator}}")
        faults.extend(f"layers/{name}: entry {key}: {f}" for f in bib.citation_faults(cites))
        if name == "timeline.json":
            faults.extend(f"layers/{name}: entry {key}: {f}" for f in when_faults({"start": key}))
    return faults


def load_sidecars(layers_dir: Path, bib: Bibliography) -> tuple[dict, list[dict], list[str]]:
    """notes.json and timeline.json, checked: (notes, dates, faults). A file with a fault is left out whole."""
    found: dict[str, dict] = {}
    faults: list[str] = []
    for name in ("notes.json", "timeline.json"):
        data, fault = _read_sidecar(layers_dir / name)
        if fault or data is None:  # None without a fault: the file holds JSON null
            faults.append(fault or f"layers/{name}: file: not a JSON object")
            continue
        these = sidecar_faults(name, data, bib)
        faults.extend(these)
        if not these:
            found[name] = data
    return found.get("notes.json", {}), found.get("timeline.json", {}).get("dates", []), faults


def load_document(layers_dir: Path) -> Document:
    """Read the telegram, the clause index and every layer; leave out (and report) any layer with a fault."""
    tele = Telegram.load(layers_dir / "telegram-1950-10-11.txt", layers_dir / "provenance.json")
    spans_list = clause_index.load(layers_dir / "clauses.json")
    spans = {c["id"]: c["text"] for c in spans_list}
    bib = Bibliography.load(layers_dir / "sources.json")
    notes, dates, sidecar = load_sidecars(layers_dir, bib)
    doc = Document(tele, spans_list, bib, errors=list(bib.faults) + sidecar, notes=notes, timeline=dates)
    seen: dict[str, str] = {}
    for path in sorted(layers_dir.glob("*.geojson")):
        data, faults = check_file(path, tele.text, spans, bib)
        if data is not None:
            layer_id = data["layer"]["id"]
            dup = [f["properties"]["id"] for f in data["features"] if f["properties"]["id"] in seen]
            if layer_id in seen or dup:
                first = (dup or [layer_id])[0]
                faults = [f"layers/{path.name}: feature {first}: id already used in {seen.get(first)}"]
            else:
                seen[layer_id] = path.name
                seen.update({f["properties"]["id"]: path.name for f in data["features"]})
                doc.layers.append(Layer(data["layer"], data["features"], path))
        doc.errors.extend(faults)
    doc.layers.sort(key=lambda ly: (ly.meta["order"], ly.id))
    return doc
