"""The document: what the map shows, read and validated once.

load          the Document: the telegram, its clauses, the bibliography, every clean layer, the notes
              and the timeline (a layer with a fault is left out, and named in `errors`)
validate      the same checks as a command (`python -m mapping validate`), and the hand-made tables'
telegram, clauses, bibliography, timeline    the parts the Document is made of
geojson_read, rfc7946, positions, names       the rules a file or a table must follow
basemap       the built base geography (geodata/), read for the renderer and the outputs
"""
