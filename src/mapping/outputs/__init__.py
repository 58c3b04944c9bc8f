"""What a class and a historian take away, each built from the one validated document and base map.

products     the outputs the CLI and the app's downloads share (same bytes)
export       the map as one offline HTML file
handout      the printable PDF, with handout_maps (its static maps)
site         the static site: the export, the handout and the open data
opendata/    Linked Places, GeoJSON, GeoPackage, CSL-JSON, with a README and a LICENSE
errors       OutputError: an output that must not be written (a missing glyph, a failed check)
"""
