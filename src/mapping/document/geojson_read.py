"""Reading GeoJSON files that may be broken, without ever raising at the caller.

The app, the validator and the export all read files a person may have edited by hand.
Each read gives either the parsed collection or one plain sentence about what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def read_collection(path: Path) -> tuple[dict | None, str | None]:
    """Parse `path` as a GeoJSON FeatureCollection: (collection, None) or (None, fault)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, "the file is missing"
    except OSError as exc:
        return None, f"the file cannot be read ({exc.strerror or exc.__class__.__name__})"
    if not raw.strip():
        return None, "the file is empty"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "the file is not UTF-8 text (binary data?)"
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    except (ValueError, RecursionError) as exc:
        return None, f"not valid JSON: {exc}"
    if not isinstance(data, dict):
        return None, f"expected a GeoJSON FeatureCollection object, found a JSON {type(data).__name__}"
    if data.get("type") != "FeatureCollection":
        return None, f'expected "type": "FeatureCollection", found {str(data.get("type"))[:40]!r}'
    if not isinstance(data.get("features"), list):
        return None, '"features" is missing or not a list'
    return data, None
