"""The command line: a thin layer over the library.

Every error it can meet becomes one line on stderr, naming the file or folder and the
reason, and a status of its own (:data:`EXIT`; the README's Use section lists them).
``GEOMAP_DEBUG=1`` shows the traceback of an internal error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .errors import CorpusError, EngineError, GeomapError, LexiconError, OutputBusyError, OutputError

COMMANDS = ("build", "geocode", "explain")
# exit statuses, after BSD's sysexits.h where one fits
EXIT = {
    "ok": 0,
    "not_found": 1,  # geocode: a name the gazetteer does not hold
    "skipped": 2,  # build --strict: a file was skipped
    "usage": 64,  # a bad option or value: --jobs -1, an unknown format
    "data": 65,  # geomap's own word lists are malformed
    "no_input": 66,  # a corpus path that does not exist
    "unavailable": 69,  # an engine that cannot run: dask missing, scheduler unreachable
    "internal": 70,  # a bug
    "cannot_create": 73,  # the output folder cannot be created or written to
    "io": 74,  # an output could not be written: disk full, file size limit (EFBIG)
    "busy": 75,  # another build is writing to the output folder (EX_TEMPFAIL: try again)
    "interrupted": 130,  # Ctrl-C; SIGTERM and SIGHUP end a build with 143 and 129 (geomap.builder)
}


class UsageError(GeomapError, ValueError):
    """A bad option or value on the command line."""


class _CannotCreate(OutputError):
    """The output folder cannot be created, or nothing can be written in it."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not the usage and then the error
        raise UsageError(message)


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, instead got {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (every core) or more processes, instead got {jobs}")
    return jobs


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    b.add_argument(
        "corpus",
        nargs="*",
        default=["corpus"],
        help="folders or files to read, '-' for standard input (default: corpus/)",
    )
    b.add_argument("-o", "--out", default="maps", help="output folder (default: maps/)")
    b.add_argument(
        "-f",
        "--format",
        default="geojson,html,strength",
        help=f"outputs to write, comma-separated: {', '.join(_formats())} (default: geojson,html,strength)",
    )
    b.add_argument(
        "--no-online-tiles",
        action="store_true",
        help="leave the OpenStreetMap base layer out of the map (it is never loaded unless chosen)",
    )
    b.add_argument("--strict", action="store_true", help="exit with status 2 when any file was skipped")
    b.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        help="worker processes (0 = every core); the output is the same as with one (default: 0)",
    )
    b.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes, or a Dask cluster (needs geomap[dask]) (default: local)",
    )
    b.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
        "(default: a local cluster of --jobs workers)",
    )
    b.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )
    b.add_argument(
        "--wait",
        action="store_true",
        help="when another build is writing to the output folder, wait for it (default: fail at once)",
    )
    r = b.add_argument_group(
        "reading exports (CSV, JSON, JSON Lines, feeds)",
        "Fields are found by their usual names unless named; a dotted name reaches into an object (source.name).",
    )
    for name, usual in (
        ("text", "text, body, content, description, summary"),
        ("date", "date, published, publishedAt, pubDate, seendate"),
        ("title", "title, headline"),
        ("url", "url, link"),
        ("source", "source, outlet, domain"),
        ("id", "none: the row or item number"),
    ):
        r.add_argument(
            f"--{name}-field", metavar="NAME", help=f"the field holding the article's {name} (default: {usual})"
        )
    r.add_argument(
        "--since", metavar="YYYY-MM-DD", help="keep articles dated on or after this day (undated ones are left out)"
    )
    r.add_argument(
        "--until", metavar="YYYY-MM-DD", help="keep articles dated on or before this day (undated ones are left out)"
    )
    r.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="in folders, read only files matching GLOB (the path below the folder, or the "
        "file name for a pattern without '/'); may be repeated",
    )
    r.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="in folders, leave out files matching GLOB; may be repeated",
    )
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
    _handler = _Stderr()
    _handler.setFormatter(_LineFormatter())
    logger.addHandler(_handler)
    logger.setLevel(logging.WARNING)


class _Stderr(logging.StreamHandler):
    """Writes to ``sys.stderr`` as it is when a record comes, not as it was when set up
    (a caller that swaps it, as pytest's capture does, would leave a closed stream)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


class _LineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        from .corpus import shown

        return f"geomap: {record.levelname.lower()}: {shown(record.getMessage())}"  # one line, no escape sequences


def main(argv=None) -> int:
    """Run the command line; returns the exit status (see :data:`EXIT`)."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # stdout closed early ("geomap build | head -1"): stop quietly, as other tools do
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 128 + 13
    finally:  # a caller in the same process (a test, a notebook) keeps its own logging
        if _handler is not None:
            logging.getLogger("geomap").removeHandler(_handler)


def _main(argv) -> int:
    from .corpus import shown

    def fail(status: str, message: str) -> int:
        print(f"geomap: error: {shown(message)}", file=sys.stderr)
        return EXIT[status]

    args = None
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT["ok"]
        _log_to_stderr()
        if args.command == "build":
            return _build(args)
        if args.command == "explain":
            return _explain(args)
        return _geocode(args)
    except KeyboardInterrupt:
        print("geomap: interrupted", file=sys.stderr)
        return EXIT["interrupted"]
    except UsageError as err:
        return fail("usage", str(err))
    except LexiconError as err:
        return fail("data", str(err))
    except CorpusError as err:
        return fail("no_input", str(err))
    except _CannotCreate as err:
        return fail("cannot_create", str(err))
    except OutputBusyError as err:
        return fail("busy", str(err))
    except OutputError as err:
        return fail("io", str(err))
    except BrokenPipeError:
        raise
    except (ConnectionError, TimeoutError) as err:  # a Dask scheduler that does not answer
        return fail("unavailable", f"{getattr(args, 'scheduler', None) or 'engine'}: cannot connect ({err})")
    except OSError as err:  # raised while an output was written, where the builder does not name it
        where = err.filename or getattr(args, "out", None) or "output"
        return fail("io", f"{where}: cannot write ({err.strerror or err})")
    except EngineError as err:
        return fail("unavailable", str(err))
    except GeomapError as err:
        return fail("internal", str(err))
    except MemoryError:
        return fail("internal", "out of memory")
    except Exception as err:  # a bug: still one line, the traceback on request
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        return fail("internal", f"internal error: {type(err).__name__}: {err} (GEOMAP_DEBUG=1 shows the traceback)")


def _build(args) -> int:
    from .corpus import shown
    from .dates import parse_date
    from .readers import Fields, Options

    for given in args.corpus:
        if given == "-":
            continue
        if not os.path.lexists(given):
            raise CorpusError(f"{given}: no such file or folder")
        if not os.path.exists(given):
            raise CorpusError(f"{given}: a link to nothing")
    bounds = {}
    for opt in ("since", "until"):
        value = getattr(args, opt)
        if value is not None:
            bounds[opt] = parse_date(value)
            if bounds[opt] is None:
                raise UsageError(f"--{opt} {value!r}: expected a date such as 2022-02-01")
    fields = Fields(
        text=args.text_field,
        date=args.date_field,
        title=args.title_field,
        url=args.url_field,
        id=args.id_field,
        source=args.source_field,
    )
    options = Options(fields=fields, include=tuple(args.include), exclude=tuple(args.exclude), **bounds)
    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    known = _formats()  # the writers' names (export.WRITERS), strength among them
    unknown = [f for f in formats if f not in known]
    if unknown or not formats:
        raise UsageError(f"argument -f/--format: expected some of {', '.join(known)}, instead got {args.format!r}")
    if args.scheduler and args.engine != "dask":
        raise UsageError("argument --scheduler: needs --engine dask")
    out = Path(args.out)
    _check_output_folder(out)
    from .builder import build

    summary = build(
        args.corpus,
        out,
        formats=formats,
        online_tiles=not args.no_online_tiles,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=args.progress,
        warn=True,
        wait=args.wait,
        options=options,
    )
    for line in summary.lines():
        print(shown(line))
    return EXIT["skipped"] if args.strict and summary.skipped else EXIT["ok"]


def _check_output_folder(out: Path) -> None:
    """Fail before any article is read when no output can be written to ``out``."""
    import tempfile

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _CannotCreate(f"{out}: cannot create the output folder ({err.strerror or err})") from err
    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as err:
        raise _CannotCreate(f"{out}: cannot write in the output folder ({err.strerror or err})") from err


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
            print(
                f"  {rank}. {p.name} [{p.kind}{', ' + where if where else ''}] "
                f"{p.lat:.4f}, {p.lon:.4f}  pop {p.population:,}  id {p.id}"
            )
    return status


if __name__ == "__main__":
    sys.exit(main())
