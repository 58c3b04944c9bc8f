"""The class's agreement and a reading's measures, on shapes whose answers are known."""

from __future__ import annotations

from shapely.geometry import shape

from mapping.classroom.agreement import CELL, agreement, clusters
from mapping.classroom.measures import compare
from mapping.paths import GEODATA


def square(x: float, y: float, r: float) -> dict:
    ring = [[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r], [x - r, y - r]]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


def test_agreement_counts_each_place_and_outlines_where_half_agree():
    readings = [square(127.0, 41.0, 0.5), square(127.2, 41.0, 0.5), square(128.5, 40.0, 0.2)]
    a = agreement(readings)
    assert a["readings"] == 3
    counts = {f["properties"]["count"] for f in a["shading"]["features"]}
    assert counts == {1, 2}  # the first two overlap, the third stands alone
    majority = shape(a["majority"])  # at least 2 of 3: the overlap of the first two, about 0.8 x 1.0 degrees
    assert abs(majority.area - 0.8 * 1.0) < 4 * CELL
    assert majority.contains(shape({"type": "Point", "coordinates": [127.1, 41.0]}))
    assert not majority.intersects(shape(square(128.5, 40.0, 0.2)))
    assert agreement([])["majority"] is None


def test_marks_of_one_place_are_gathered_into_one_cluster():
    pyongyang, again, wonsan = [125.75, 39.03], [125.78, 39.05], [127.44, 39.15]
    c = clusters([
        {"type": "MultiPoint", "coordinates": [pyongyang, wonsan]},
        {"type": "MultiPoint", "coordinates": [again]},
    ])  # fmt: skip
    found = sorted((f["properties"]["readings"], f["properties"]["count"]) for f in c["features"])
    assert found == [(1, 1), (2, 2)]


def test_a_reading_inside_the_maps_core_band_is_measured_so():
    core = {"type": "Feature", "properties": {"method": {"parameters": {"min_elevation_m": 400}}},
            "geometry": square(127.0, 41.0, 0.5)}  # fmt: skip
    border = [
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[126, 42], [128, 42]]}}
    ]
    inside = compare(square(127.0, 41.0, 0.25), [core], [], border, GEODATA / "elevation.asc")
    assert inside["share_in_core"] == 1.0 and inside["yours_beyond_the_bands_km2"] == 0
    assert 2300 < inside["area_km2"] < 2500  # 0.5 x 0.5 degrees at 41 N: about 42 x 56 km
    assert 80 < inside["distance_to_border_km"] < 90  # 0.75 degrees of latitude
    assert 0 <= inside["share_above_height"] <= 1
    half = compare(square(127.5, 41.0, 0.5), [core], [], border, GEODATA / "elevation.asc")
    assert abs(half["share_in_core"] - 0.5) < 0.01 and "differs_most_at" in half
