"""The map's window and the few fixed numbers every build step shares."""

from shapely.geometry import box

WEST, SOUTH, EAST, NORTH = 115.0, 33.0, 135.0, 50.0
WINDOW = box(WEST, SOUTH, EAST, NORTH)
PARALLEL = 38.0  # the 1945 dividing line; the 1953 armistice line is never used for 1950
