"""`python -m mapping validate [PATH ...]`: check layer files and the hand-made tables; print one line a fault.

It reads, never writes, and never lets an exception reach the user: any input, however
broken, becomes a line of output and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..paths import BUILD_INPUTS, GEODATA, LAYERS, TELEGRAM, shown
from . import clauses
from .bibliography import Bibliography
from .load import check_file, load_sidecars
from .names import name_faults
from .positions import COLUMNS, FRONT_COLUMNS, front_faults, position_faults, read_rows


def table_faults(table: Path, bib: Bibliography) -> list[str]:
    """A hand-made table the build reads: place names (places.csv), dated positions (positions.csv, with the
    fronts.csv beside it) or the days each front is shown (fronts.csv, against the positions.csv beside it)."""
    if table.name == "places.csv":
        return name_faults(table)
    if table.name == "fronts.csv":
        if not table.with_name("positions.csv").exists():
            return [f"{shown(table)}: no positions.csv beside it, whose fronts it dates"]
        rows, header = read_rows(table.with_name("positions.csv"), COLUMNS)
        return header or front_faults(table, *read_rows(table, FRONT_COLUMNS), rows)
    collection = json.loads((GEODATA / "places.geojson").read_text(encoding="utf-8"))
    places = {f["properties"]["key"]: f for f in collection["features"]}
    return position_faults(table, places, set(bib.items))


def validate(paths: list[Path]) -> list[str]:
    """Layer files, and for a layers folder also its bibliography, teaching notes and timeline."""
    text = TELEGRAM.read_text(encoding="utf-8")
    spans = {c["id"]: c["text"] for c in clauses.index(text)}
    files: list[Path] = []
    faults: list[str] = []
    folders = [p for p in paths or [LAYERS] if p.is_dir()]
    home = next((f for f in folders if (f / "sources.json").exists()), LAYERS)
    bib = Bibliography.load(home / "sources.json")
    faults.extend(bib.faults)
    for p in paths or [LAYERS]:
        if p.is_dir():
            if (p / "notes.json").exists() and (p / "timeline.json").exists():
                faults.extend(load_sidecars(p, bib)[2])
                tables = [BUILD_INPUTS / "places.csv", p / "hand" / "positions.csv"]
                faults.extend(f for t in tables if t.exists() for f in table_faults(t, bib))
            files.extend(sorted(p.glob("*.geojson")))
        elif p.suffix == ".csv" and p.exists():
            faults.extend(table_faults(p, bib))
        elif p.exists():
            files.append(p)
        else:
            faults.append(f"{p}: file: does not exist")
    for path in files:
        try:
            _, found = check_file(path, text, spans, bib)
        except Exception as exc:  # the contract is a line of output, never a traceback
            found = [f"{path.name}: file: could not be checked ({exc.__class__.__name__}: {str(exc)[:120]})"]
        faults.extend(found)
    return faults


def main(paths: list[str]) -> int:
    faults = validate([Path(p) for p in paths])
    for line in faults:
        print(line)
    if faults:
        print(f"validate: {len(faults)} fault(s)", file=sys.stderr)
        return 1
    print("validate: all layers are clean")
    return 0
