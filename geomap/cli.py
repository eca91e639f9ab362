"""The command line: a thin layer over the library. Errors become one line and exit 1."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import GeomapError

COMMANDS = ("build", "geocode", "explain")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap",
        description="Map reported military deployments from news articles, offline.",
        epilog="Example: geomap build corpus/ --out maps/",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    b = sub.add_parser(
        "build",
        help="read articles and write the deployments map and GeoJSON",
        description="Read every article under CORPUS (.txt, .md, .html; .csv, .tsv, .jsonl, .json and "
                    "RSS/Atom .xml exports of many articles; any of them .gz) and write "
                    "deployments.geojson, deployments.html and report.json to the output folder.",
        epilog="Example: geomap build corpus/ --out maps/; "
               "geomap build news.jsonl.gz --text-field body --since 2022-01-01",
    )
    b.add_argument("corpus", nargs="*", default=["corpus"],
                   help="folders or files to read, '-' for standard input (default: corpus/)")
    b.add_argument("-o", "--out", default="maps", help="output folder (default: maps/)")
    b.add_argument("-f", "--format", default="geojson,html",
                   help=f"outputs to write, comma-separated: {', '.join(_formats())} (default: geojson,html)")
    b.add_argument("--no-online-tiles", action="store_true",
                   help="leave the OpenStreetMap base layer out of the map (it is never loaded unless chosen)")
    b.add_argument("--strict", action="store_true", help="exit with status 2 when any file was skipped")
    b.add_argument("-j", "--jobs", type=int, default=0,
                   help="worker processes (0 = every core); the output is the same as with one (default: 0)")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or a Dask cluster (needs geomap[dask]) (default: local)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
                        "(default: a local cluster of --jobs workers)")
    b.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when stderr is a terminal)")
    b.add_argument("--wait", action="store_true",
                   help="when another build is writing to the output folder, wait for it (default: fail at once)")
    r = b.add_argument_group("reading exports (CSV, JSON, JSON Lines, feeds)",
                             "Fields are found by their usual names unless named; a dotted name "
                             "reaches into an object (source.name).")
    for name, usual in (("text", "text, body, content, description, summary"), ("date", "date, published, "
                        "publishedAt, pubDate, seendate"), ("title", "title, headline"), ("url", "url, link"),
                        ("source", "source, outlet, domain"), ("id", "none: the row or item number")):
        r.add_argument(f"--{name}-field", metavar="NAME", help=f"the field holding the article's {name} "
                       f"(default: {usual})")
    r.add_argument("--since", metavar="YYYY-MM-DD", help="keep articles dated on or after this day (undated ones are left out)")
    r.add_argument("--until", metavar="YYYY-MM-DD", help="keep articles dated on or before this day (undated ones are left out)")
    r.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="in folders, read only files matching GLOB (the path below the folder, or the "
                        "file name for a pattern without '/'); may be repeated")
    r.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="in folders, leave out files matching GLOB; may be repeated")
    g = sub.add_parser(
        "geocode",
        help="look names up in the bundled gazetteer",
        description="Print the ranked gazetteer candidates for each NAME.",
        epilog='Example: geomap geocode Kiev "Sea of Azov" Georgia',
    )
    g.add_argument("names", nargs="+", metavar="NAME")
    g.add_argument("-n", "--limit", type=int, default=5, help="candidates to show per name (default: 5)")
    e = sub.add_parser(
        "explain",
        help="show how each figure of a text is tied to a place, force and status, and why",
        description="Print, for each troop figure of TEXT (or of the article FILE), the place, force and "
                    "status it was given, the rule that decided each, and why the other candidates lost.",
        epilog='Example: geomap explain "Russia has sent 5,000 troops to Belarus."',
    )
    e.add_argument("text", metavar="TEXT|FILE", help="the text itself, or an article file to read")
    return parser


def _formats() -> tuple[str, ...]:
    from .export import WRITERS

    return tuple(WRITERS)


_handler: logging.Handler | None = None


def _log_to_stderr() -> None:
    """The library's log records as one line each on stderr: 'geomap: warning: ...'."""
    global _handler
    logger = logging.getLogger("geomap")
    if _handler is not None:
        logger.removeHandler(_handler)
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(_LineFormatter())
    logger.addHandler(_handler)
    logger.setLevel(logging.WARNING)


class _LineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"geomap: {record.levelname.lower()}: {record.getMessage()}"


def main(argv=None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    _log_to_stderr()
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "explain":
            return _explain(args)
        return _geocode(args)
    except GeomapError as err:
        print(f"geomap: error: {err}", file=sys.stderr)
        return 1


def _build(args) -> int:
    from .builder import build

    from .dates import parse_date
    from .readers import Fields, Options

    for given in args.corpus:
        if given != "-" and not Path(given).exists():
            print(f"geomap: error: {given}: no such file or folder", file=sys.stderr)
            return 1
    bounds = {}
    for opt in ("since", "until"):
        value = getattr(args, opt)
        if value is not None:
            bounds[opt] = parse_date(value)
            if bounds[opt] is None:
                print(f"geomap: error: --{opt} {value!r}: expected a date such as 2022-02-01", file=sys.stderr)
                return 1
    fields = Fields(text=args.text_field, date=args.date_field, title=args.title_field, url=args.url_field,
                    id=args.id_field, source=args.source_field)
    options = Options(fields=fields, include=tuple(args.include), exclude=tuple(args.exclude), **bounds)
    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    summary = build(args.corpus, Path(args.out), formats=formats, online_tiles=not args.no_online_tiles,
                    jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, progress=args.progress, warn=True,
                    wait=args.wait, options=options)
    for line in summary.lines():
        print(line)
    return 2 if args.strict and summary.skipped else 0


def _explain(args) -> int:
    from .corpus import read_document
    from .explain import render
    from .pipeline import default_pipeline

    path = Path(args.text)
    if "\n" not in args.text and _is_file(path):
        doc = read_document(path, path.name)
    else:
        from .model import Document

        doc = Document("<text>", args.text)
    print(render(default_pipeline().process(doc)), end="")
    return 0


def _is_file(path: Path) -> bool:
    """Is ``path`` a file? False for text that is no possible file name (too long, NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _geocode(args) -> int:
    from gazetteer import Gazetteer

    gaz = Gazetteer.default()
    status = 0
    for name in args.names:
        places = gaz.lookup(name)
        if not places:
            print(f"{name}: not found")
            status = 1
            continue
        print(f"{name}:")
        for rank, p in enumerate(places[: args.limit], start=1):
            where = ", ".join(x for x in (p.admin1, p.country) if x)
            print(f"  {rank}. {p.name} [{p.kind}{', ' + where if where else ''}] "
                  f"{p.lat:.4f}, {p.lon:.4f}  pop {p.population:,}  id {p.id}")
    return status


if __name__ == "__main__":
    sys.exit(main())
