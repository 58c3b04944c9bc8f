"""The derived directive layers, built from geodata/ and the hand-edited sources in layers/hand/: one module
per family of layers (world, borderlands, mountains, front_layers, rear), written out here."""

from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import shape

from ..document import clauses
from . import fronts
from .borderlands import build_c1, build_c2, build_f2
from .front_layers import build_fronts
from .geojson_io import dumps_collection, feature
from .mountains import build_c3, build_mao_plan
from .rear import build_c3_partisan, build_c4_reception, build_c5
from .world import World, measures


def with_measures(features: list[dict], world: World) -> list[dict]:
    out = []
    for f in features:
        props = {k: v for k, v in f["properties"].items() if k != "measures"}
        props["measures"] = measures(shape(f["geometry"]), world)
        out.append(feature(shape(f["geometry"]), props))
    return out


def build_layers(geodata: Path, layers_src: Path, out: Path, telegram_text: str) -> list[str]:
    """Write clauses.json and every layer file into `out`; return their names."""
    world = World(geodata)
    clauses.write(telegram_text, out / "clauses.json")
    hand_docs = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((layers_src / "hand").glob("*.geojson"))
    }
    positions_csv = layers_src / "hand" / "positions.csv"
    positions = fronts.read_positions(positions_csv, world.places)
    front_rows = fronts.read_fronts(layers_src / "hand" / "fronts.csv", positions_csv)
    written = ["clauses.json"]
    c2_meta, c2_feats = build_c2(world)
    for meta, feats in (
        build_f2(world),
        build_c1(world),
        (c2_meta, c2_feats),
        build_c3(world, c2_feats),
        build_mao_plan(world),
        build_c3_partisan(world, positions),
        build_c4_reception(world),
        build_c5(world, positions),
        *build_fronts(world, positions, front_rows),
    ):
        name = f"{meta['id']}.geojson"
        (out / name).write_text(dumps_collection(feats, {"layer": meta}), encoding="utf-8")
        written.append(name)
    for stem, doc in hand_docs.items():
        meta = dict(doc["layer"])
        name = f"{stem}.geojson"
        (out / name).write_text(
            dumps_collection(with_measures(doc["features"], world), {"layer": meta}), encoding="utf-8"
        )
        written.append(name)
    return written
