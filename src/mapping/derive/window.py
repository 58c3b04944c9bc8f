"""The map's window and the few fixed numbers every build step shares."""

from shapely.geometry import box

WEST, SOUTH, EAST, NORTH = 115.0, 33.0, 135.0, 50.0
WINDOW = box(WEST, SOUTH, EAST, NORTH)
PARALLEL = 38.0  # the 1945 dividing line; the 1953 armistice line is never used for 1950

# The outer box: coarse land only, so that no view the map allows ever shows an edge of the world.
# The map never lets its view leave this box (maxBounds, and a min zoom that grows with the map's
# size: web/map_extras.js). 120 x 65 degrees is larger than a 2560 x 1440 px view at zoom 5
# (112.5 degrees wide; 1440 px tall is 1.10 radians of Mercator y, the box 1.65), so such a screen keeps zoom 5.
OUTER_WEST, OUTER_SOUTH, OUTER_EAST, OUTER_NORTH = 60.0, 5.0, 180.0, 70.0
OUTER = box(OUTER_WEST, OUTER_SOUTH, OUTER_EAST, OUTER_NORTH)
