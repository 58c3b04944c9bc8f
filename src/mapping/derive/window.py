"""The map's window and outer box as shapes, for the build steps that clip to them (the numbers: cartography.py)."""

from shapely.geometry import box

from ..cartography import EAST, NORTH, OUTER_EAST, OUTER_NORTH, OUTER_SOUTH, OUTER_WEST, PARALLEL, SOUTH, WEST

__all__ = ["EAST", "NORTH", "OUTER", "OUTER_EAST", "OUTER_NORTH", "OUTER_SOUTH", "OUTER_WEST", "PARALLEL"]
__all__ += ["SOUTH", "WEST", "WINDOW"]

WINDOW = box(WEST, SOUTH, EAST, NORTH)
OUTER = box(OUTER_WEST, OUTER_SOUTH, OUTER_EAST, OUTER_NORTH)
