"""The data build's room: geodata/ from pinned registry packages, and the derived layers in layers/ from it.

`python -m mapping build` runs build.py; each other module makes one kind of file. Nothing here is imported
at package level, so the app and the tests that need one module (relief, window) load only that one.
"""
