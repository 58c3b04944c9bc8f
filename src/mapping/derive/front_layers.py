"""The front lines and the UN-held area at each date, as layers: features made from derive/fronts.py's lines."""

from __future__ import annotations

from datetime import date

from shapely.geometry import LineString, Polygon
from shapely.ops import unary_union

from . import fronts
from .geojson_io import feature
from .world import NE, QUOTES, SIMPLIFY_KM, World, feature_props, layer_meta, measures, to_deg, to_m

FRONT_STYLE = {"color": "#1a1a1a", "weight": 4}  # bold: a 1280x720 projector carries it
BUILT_FROM_POSITIONS = "built by python -m mapping build from layers/hand/positions.csv"


def date_label(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{d.day} {d.strftime('%b')} {d.year}"


def unique(citations: list[dict]) -> list[dict]:
    out: list[dict] = []
    for c in citations:
        if c not in out:
            out.append(c)
    return out


def where(world: World, p) -> str:
    """A position as the text names it: the place, or the stand-in offset from it ('6 km N of Kaesŏng')."""
    name = world.places[p.place]["properties"]["name_1950"]
    return f"{p.offset} of {name} (a stand-in)" if p.offset else name


def _front_run(world: World, day: str, n: int, documented: bool, run: list, when: dict, why: str) -> dict:
    label = date_label(day)
    names = [where(world, p) for p in run]
    plain = [world.places[p.place]["properties"]["name_1950"] for p in run]
    if documented:
        cert = "uncertain" if any(p.certainty == "uncertain" for p in run) else "less-certain"
        stops = "; ".join(f"{nm} ({p.unit})" if p.unit else nm for nm, p in zip(names, run, strict=True))
        summary = f"The UN front on {label}, through positions that sources put there that day: {stops}."
        interp = "Straight segments between cited positions: the front ran between them, its course between towns is not traced."
    else:
        cert = "uncertain"
        summary = (
            f"No source checked places the front between {names[0]} and {names[-1]} on {label}: this stretch only "
            "joins the documented ends, and may hide a gap in the line or ground held by neither side."
        )
        interp = "An undocumented stretch, drawn straight and marked uncertain so that the line runs coast to coast."
    g = LineString([p.xy for p in run])
    return feature(
        g,
        feature_props(
            f"front-{day}-{n}",
            "F2",
            f"UN front, {label}: {plain[0]} – {plain[-1]}" + ("" if documented else " (not documented)"),
            QUOTES["F2"],
            summary,
            " ".join(t for t in ("What happened, drawn beside what was ordered.", interp, why) if t),
            {
                "kind": "traced",
                "description": "Straight segments through the dated, cited positions of layers/hand/positions.csv.",
                "parameters": {"through": [p.place for p in run], "date": day},
            },
            cert,
            unique([p.citation for p in run]),
            when=when,
            role="front",
            measures=measures(g, world),
        ),
    )


def _closure_feature(
    world: World, day: str, n: int, g: LineString, end: fronts.Position, west: bool, when: dict
) -> dict:
    label = date_label(day)
    side = "west" if west else "east"
    name = world.places[end.place]["properties"]["name_1950"]
    return feature(
        g,
        feature_props(
            f"front-{day}-{n}",
            "F2",
            f"UN front, {label}: {name} – the {side} coast (no position)",
            QUOTES["F2"],
            f"No source checked places the front between {name} and the {side} coast on {label}. The line is closed due "
            f"{side} along the parallel of {name} to the sea, so that it runs coast to coast.",
            "What happened, drawn beside what was ordered. A closure, not a documented stretch: it has no position of its "
            "own, and is dotted and marked uncertain.",
            {
                "kind": "derived",
                "description": f"Due {side} from the {side}ernmost cited position to where that parallel meets the sea.",
                "parameters": {"closure": side, "from": end.place, "date": day},
            },
            "uncertain",
            [end.citation, NE],
            when=when,
            role="front",
            measures=measures(g, world),
        ),
    )


def _thrust_feature(world: World, day: str, run: list) -> dict:
    names = [world.places[p.place]["properties"]["name_1950"] for p in run]
    units = sorted({p.unit for p in run if p.unit})
    g = LineString([p.xy for p in run])
    end = max(p.date for p in run)
    return feature(
        g,
        feature_props(
            f"thrust-{day}",
            "F2",
            f"A thrust, not a front: {', '.join(units)} to {names[-1]}, {date_label(day)}",
            QUOTES["F2"],
            " ".join(p.evidence for p in run if p.evidence)[:600]
            or f"UN troops reached {names[-1]} on {date_label(day)}.",
            "What happened, drawn beside what was ordered. One formation's advance beyond the front, cut off within days: "
            "it shows how far UN troops reached, not ground they held.",
            {
                "kind": "traced",
                "description": "Straight segments through the dated, cited positions of layers/hand/positions.csv.",
                "parameters": {"through": [p.place for p in run], "date": day},
            },
            "uncertain" if any(p.certainty == "uncertain" for p in run) else "less-certain",
            unique([p.citation for p in run]),
            when={"start": day, "end": THRUST_ENDS.get(day, end)},
            role="thrust",
            measures=measures(g, world),
        ),
    )


# how long a thrust is shown: the ROK 7th Regiment was cut off on the Yalu within days (Time, 6 Nov 1950)
THRUST_ENDS = {"1950-10-26": "1950-10-28"}


def not_drawn(world: World, positions: list, day: str) -> list[str]:
    """The stretches of a date's front that are not drawn, named by their ends ('Unsan to Kilchu')."""
    names = {k: p["properties"]["name_1950"] for k, p in world.places.items()}
    return [
        f"{names[a.place]} to {names[b.place] if b else 'the east coast'}" for a, b in fronts.undrawn(positions, day)
    ]


def build_fronts(world: World, positions: list, front_rows: dict[str, dict]) -> list[tuple[dict, list[dict]]]:
    """The dated front lines and the UN-held area behind each, all from layers/hand/positions.csv; each is
    shown from its date until the day layers/hand/fronts.csv gives, never after its sources (and its note,
    why, goes with the line). A stretch marked `none` is not drawn; the area still ends at its join."""
    days = fronts.front_dates(positions)
    lines, areas = [], []
    for day in days:
        when = {"start": day, "end": front_rows[day]["until"]}
        why = front_rows[day]["note"].strip()
        vs = fronts.vertices(positions, day)
        parts: list = []
        west = fronts.closure(vs[0].xy, world.korea, west=True)
        if west is not None:
            parts.append(("closure-west", west, vs[0]))
        parts.extend(("run", run, kind) for kind, run in fronts.runs(positions, day) if kind != "none")
        east = fronts.closure(vs[-1].xy, world.korea, west=False)
        if east is not None and vs[-1].stretch != "none":
            parts.append(("closure-east", east, vs[-1]))
        for n, (kind, a, b) in enumerate(parts, start=1):
            if kind == "run":
                lines.append(_front_run(world, day, n, b == "documented", a, when, why))
            else:
                lines.append(_closure_feature(world, day, n, a, b, kind == "closure-west", when))
        thrust = [p for p in positions if p.role == "thrust" and p.date == day]
        if thrust:
            lines.append(_thrust_feature(world, day, fronts.vertices(positions, day, "thrust")))
        held = held_on(world, positions, day)
        gaps = not_drawn(world, positions, day)
        unknown = (
            f" From {'; from '.join(gaps)} no front is drawn: the sources put positions of both sides beyond a straight "
            "join, or none, so the area ends at a join behind the places the UN held, and the ground beyond it is "
            "not drawn, not given to either side."
            if gaps
            else ""
        )
        areas.append(
            feature(
                held,
                feature_props(
                    f"un-held-{day}",
                    "F2",
                    f"Held by UN forces, {date_label(day)}",
                    QUOTES["F2"],
                    f"Korea south of the UN front of {date_label(day)}: the ground UN forces had taken or held.{unknown}",
                    "Korea (1950) south of that date's front line, extended due west and due east to the sea. Behind the "
                    "front, bypassed North Korean units still held out in places: this is the area behind the line, "
                    "not ground cleared of the enemy.",
                    {
                        "kind": "derived",
                        "description": "Korea minus the area north of the front line of the same date.",
                        "parameters": {"front": f"front-{day}-*", "date": day, "not_drawn": gaps},
                    },
                    "uncertain",
                    front_citations(positions, day),
                    when=when,
                    role="un-held",  # tinted, not hatched: the ground behind the front, under the telegram's zones
                    measures=measures(held, world),
                ),
                decimals=5,
            )
        )
    return [
        (
            layer_meta(
                "ctx-front-lines",
                ["F2"],
                "What happened: the UN front, 11 Oct – 24 Nov",
                90,
                "context",
                "Dated front lines through cited positions, each shown only for the days its sources give; dotted "
                "where no source documents the stretch; a vertex offset from a town is a stand-in",
                FRONT_STYLE,
                BUILT_FROM_POSITIONS,
            ),
            lines,
        ),
        (
            layer_meta(
                "ctx-un-held",
                ["F2"],
                "What happened: the area held by UN forces",
                8,
                "context",
                "Grey tint: Korea behind the UN front on the chosen date; Korea north of the front, untinted, was not "
                "in UN hands",
                {"color": "#737373", "fillOpacity": 0.3},
                BUILT_FROM_POSITIONS,
            ),
            areas,
        ),
    ]


# islets under 5 km² are left out of the areas behind the fronts, as the derived regions leave out small
# patches: a Korea-sized area for every front date, within the browser's GeoJSON budget
MIN_PART_KM2 = 5


def held_on(world: World, positions: list, day: str) -> Polygon:
    """The UN-held area behind a date's front; on the telegram's day, 'the rear of the enemy'."""
    held = to_m(fronts.held_by_un(world.korea, fronts.line(positions, day))).simplify(SIMPLIFY_KM * 1000)
    return to_deg(unary_union([p for p in getattr(held, "geoms", [held]) if p.area >= MIN_PART_KM2 * 1e6]))


def front_citations(positions: list, day: str) -> list[dict]:
    """The sources of a date's front: what the UN-held area behind it rests on."""
    return unique([p.citation for p in fronts.vertices(positions, day)])
