"""`geomap build`: read a corpus, write the chosen outputs and a report, as one set.

Articles stream through: each one's output goes straight to the writers (one per format,
see :data:`geomap.export.WRITERS`), so memory stays flat however large the corpus.

How a build's outputs stay one set
----------------------------------
Every writer writes into a staging folder inside the output folder
(``.geomap-build-XXXX/``); ``report.json`` is written there last. The staging folder is
then renamed ``.geomap-commit-<build id>/`` (one atomic rename: from here on the set is
complete and will be installed), and its files are renamed into the output folder in a
fixed order, the table's, with ``report.json`` last; then it is removed. Several POSIX
renames are not atomic as a set, so:

- Ctrl-C, SIGTERM and SIGHUP are held during those few renames and delivered after them;
  an exception or signal before them removes the staging folder and leaves the previous
  set whole.
- Only SIGKILL or a crash between two of those renames (microseconds) can leave files of
  two builds side by side. The next build into the folder finishes such a commit before
  anything else (its files are complete), and a reader can always tell: ``report.json``
  names the build id that the GeoJSON (``"geomap": {"build": ...}``) and the map
  (``<meta name="geomap-build">``) carry, and is renamed last.
- A staging folder of a dead build is removed at the next build's start.

A pointer (a ``current`` symbolic link to a generation folder) would close that window,
but the outputs would then be links, which a checkout on another system, a web view of
the repository or a copied file does not follow; ``maps/`` must open as plain files.

Two builds into one folder: the folder is locked (``flock`` on the folder itself, so no
lock file is left behind); a second build fails at once with a one-line message, or waits
with ``wait=True`` (``--wait``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .claims import Claims
from .corpus import Skipped
from .engines import ArticleOutput, Dropped, run
from .readers import Note
from .errors import GeomapError, OutputBusyError, OutputError
from .export import WRITERS, HTMLWriter, OutputOptions, StrengthWriter, Writer
from .readers import Options as ReadOptions
from .readers.report import InputReport

log = logging.getLogger(__name__)

FORMATS = tuple(WRITERS)
REPORT = "report.json"
STAGING, COMMIT = ".geomap-build-", ".geomap-commit-"
# temporaries of the builds before output sets (killed builds left them)
_OLD_TEMPORARIES = re.compile(
    r"\.(deployments|mentions|csv|report\.json|deployments\.\w+)\.\w+\.(part|tmp)"
    r"|\.deployments\.gpkg-src\.geojson|\.deployments\.tmp\.gpkg"
)
UNPLACED_KEPT = 10_000  # figures without a place listed in report.json (all are counted)


@dataclass
class Summary:
    """What a build read, found and wrote."""

    articles: int = 0
    deployments: int = 0
    mentions: int = 0
    places: set = field(default_factory=set)
    skipped: list[Skipped] = field(default_factory=list)
    unresolved: Counter = field(default_factory=Counter)
    outputs: list[str] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)
    unplaced_count: int = 0
    inputs: InputReport = field(default_factory=InputReport)  # per input file: read, skipped, deduplicated
    build: str = ""  # the build id every output carries

    def add(self, out: ArticleOutput) -> None:
        self.articles += 1
        self.inputs.add(out)
        self.deployments += len(out.deployments)
        self.mentions += len(out.mentions)
        self.places.update(f["properties"]["place_id"] for f in out.mentions)
        self.unresolved.update(out.unresolved)
        if len(self.unplaced) < UNPLACED_KEPT:  # the report stays small however large the corpus
            self.unplaced += out.unplaced[: UNPLACED_KEPT - len(self.unplaced)]
        self.unplaced_count += len(out.unplaced)

    def lines(self) -> list[str]:
        out = [
            f"articles read: {self.articles}",
            f"deployments: {self.deployments}",
            f"places: {len(self.places)} distinct in {self.mentions} article mentions",
            f"unresolved names: {len(self.unresolved)}"
            + (
                f" (most frequent: {', '.join(n for n, _ in self.unresolved.most_common(5))})"
                if self.unresolved
                else ""
            ),
            f"files or rows skipped: {len(self.skipped)}",
        ] + self.inputs.lines()
        out += [f"  skipped {s.path}: {s.reason}" for s in self.skipped]
        out += [f"wrote {p}" for p in self.outputs]
        if self.build:
            out.append(f"build {self.build}")
        return out

    def report(self) -> dict:
        return {
            "build": self.build,
            "outputs": [Path(p).name for p in self.outputs],
            "articles": self.articles,
            "deployments": self.deployments,
            "mentions": self.mentions,
            "places": len(self.places),
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "unresolved": [
                {"name": n, "count": c} for n, c in sorted(self.unresolved.items(), key=lambda x: (-x[1], x[0]))
            ],
            # figures of forces not drawn because the text gives no place that can be drawn
            "unplaced_count": self.unplaced_count,
            "unplaced": self.unplaced,
            **self.inputs.report(),
        }


def collect(paths, **engine) -> list[dict]:
    """GeoJSON features for every article under ``paths``, deployments before mentions (in memory)."""
    deployments, mentions = [], []
    claims = Claims()
    for out in run(paths, **engine):
        if isinstance(out, ArticleOutput):
            claims.label(out.deployments)
            deployments += out.deployments
            mentions += out.mentions
    return deployments + mentions


def build(
    paths,
    out_dir: Path,
    pipeline=None,
    formats=("geojson", "html", "strength"),
    online_tiles: bool = True,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    warn: bool = False,
    wait: bool = False,
    options=None,
) -> Summary:
    """Read ``paths`` and write the chosen outputs and report.json to ``out_dir``, as one set.

    ``formats``: names in :data:`geomap.export.WRITERS`: ``geojson`` (deployments.geojson),
    ``html`` (deployments.html), ``strength`` (strength.csv), ``gpkg`` (deployments.gpkg), ``csv`` (deployments.csv).
    ``pipeline``: the :class:`~geomap.pipeline.Pipeline` to read with, in every process
    (default: the shipped gazetteer and lexicon). ``jobs``/``engine``/``scheduler``: see
    :func:`geomap.engines.run`. ``progress``: a progress bar on stderr (default: when
    stderr is a terminal). ``warn``: log each skipped file as a warning (else at info
    level). ``wait``: wait for another build writing to ``out_dir`` instead of raising
    :class:`~geomap.errors.OutputBusyError`. ``options``: fields, date range and file
    patterns (:class:`geomap.readers.Options`).
    """
    from . import __version__

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise OutputError(f"unknown output format {sorted(unknown)[0]!r}; expected some of {', '.join(FORMATS)}")
    chosen = [name for name in FORMATS if name in formats]
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot create the output folder ({err.strerror or err})") from err
    output_options = OutputOptions(online_tiles=online_tiles, gazetteer=getattr(pipeline, "gazetteer", None))
    # the build id: a hash of the options, of every article's name and text and of what it gave
    # (never the clock: the same input must give the same bytes)
    digest = hashlib.sha256(
        json.dumps(
            {
                "geomap": __version__,
                "formats": chosen,
                "online_tiles": online_tiles,
                "reading": repr(options or ReadOptions()),
            },
            sort_keys=True,
        ).encode()
    )
    summary = Summary()
    with _terminate_as_exit(), lock(out_dir, wait=wait):
        recover(out_dir)
        try:
            stage = Path(tempfile.mkdtemp(prefix=STAGING, dir=out_dir))
        except OSError as err:
            raise OutputError(f"{out_dir}: cannot write ({err.strerror or err})") from err
        writers: list[Writer] = [WRITERS[name](output_options) for name in chosen]
        claims = Claims()  # claim ids, given in corpus order (geomap/claims.py)
        bar = _NoBar()
        try:
            for w in writers:
                _writing(out_dir, w, w.open, stage)
            _share_strength(writers)
            bar = _progress(progress, paths)
            for out in run(paths, jobs=jobs, engine=engine, scheduler=scheduler, options=options, pipeline=pipeline):
                bar.update(1)
                if not isinstance(out, ArticleOutput):
                    digest.update(
                        json.dumps([type(out).__name__, out.path, out.reason]).encode("utf-8", "surrogatepass")
                    )
                if isinstance(out, Skipped):
                    summary.skipped.append(out)
                    log.log(logging.WARNING if warn else logging.INFO, "skipped %s: %s", out.path, out.reason)
                elif not isinstance(out, (ArticleOutput, Dropped)):  # a note: an unreadable date
                    log.log(logging.WARNING if warn else logging.INFO, "%s: %s", out.path, out.reason)
                if not isinstance(out, ArticleOutput):
                    summary.inputs.note(out)
                    continue
                for reason in out.notes:  # read all the same, with a remark (a page's unreadable date)
                    log.log(logging.WARNING if warn else logging.INFO, "%s: %s", out.file, reason)
                    summary.inputs.note(Note(out.file, reason))
                    digest.update(json.dumps(["Note", out.file, reason]).encode("utf-8", "surrogatepass"))
                out.deployment_lines = claims.label(out.deployments, out.deployment_lines)
                digest.update(json.dumps([out.doc, out.digest]).encode("utf-8", "surrogatepass"))
                digest.update((out.deployment_lines + out.mention_lines).encode("utf-8", "surrogatepass"))
                summary.add(out)
                for w in writers:
                    _writing(out_dir, w, w.add, out)
            bar.close()
            summary.build = digest.hexdigest()[:16]
            for w in writers:
                _writing(out_dir, w, w.finish, summary.build)
            summary.outputs = [str(out_dir / w.filename) for w in writers] + [str(out_dir / REPORT)]
            text = json.dumps(summary.report(), ensure_ascii=False, indent=1) + "\n"
            _writing(out_dir, REPORT, (stage / REPORT).write_text, text, encoding="utf-8")
            _commit(out_dir, stage, [w.filename for w in writers] + [REPORT], summary.build)
            return summary
        finally:
            bar.close()  # closing twice is harmless
            for w in writers:
                w.discard()
            shutil.rmtree(stage, ignore_errors=True)  # gone already when the set was committed


def _share_strength(writers: list[Writer]) -> None:
    """The map's strength chart reads the table strength.csv is written from (written first,
    see export.WRITERS' order), rather than filling a second one."""
    by_name = {w.name: w for w in writers}
    html, strength = by_name.get("html"), by_name.get("strength")
    if isinstance(html, HTMLWriter) and isinstance(strength, StrengthWriter):
        html.share(strength)


def _writing(out_dir: Path, writer, call, *args, **kwargs):
    """``call(*args)``, an OSError becoming a one-line OutputError naming the output."""
    try:
        return call(*args, **kwargs)
    except OSError as err:
        if isinstance(err, GeomapError):
            raise
        name = writer if isinstance(writer, str) else writer.filename
        raise OutputError(f"{out_dir / name}: cannot write ({err.strerror or err})") from err


def _commit(out_dir: Path, stage: Path, names: list[str], build: str) -> None:
    """Install the staged files in ``out_dir``, in order, ``report.json`` last."""
    try:
        (stage / ".manifest").write_text(json.dumps(names) + "\n", encoding="utf-8")
        commit = out_dir / f"{COMMIT}{build}"
        shutil.rmtree(commit, ignore_errors=True)  # not there: recover() ran under the lock
        with _signals_held():
            os.rename(stage, commit)  # the set is complete: from here on it is installed
            _install(out_dir, commit)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot install the outputs ({err.strerror or err})") from err


def _install(out_dir: Path, commit: Path) -> None:
    names = json.loads((commit / ".manifest").read_text(encoding="utf-8"))
    for name in names:
        if (commit / name).exists():  # a resumed commit finds some already moved
            os.replace(commit / name, out_dir / name)
    shutil.rmtree(commit)


def recover(out_dir: Path) -> None:
    """Finish the commit a killed build left half done; remove what dead builds left.

    Called at the start of every build, under the folder's lock: any staging folder then
    belongs to a build that is no longer running.
    """
    out_dir = Path(out_dir)
    for entry in sorted(os.listdir(out_dir)):
        path = out_dir / entry
        if entry.startswith(COMMIT) and (path / ".manifest").exists():
            log.info("finishing the commit of build %s, interrupted", entry[len(COMMIT) :])
            _install(out_dir, path)
        elif entry.startswith((STAGING, COMMIT)):
            shutil.rmtree(path, ignore_errors=True)
        elif _OLD_TEMPORARIES.fullmatch(entry):
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGTERM and SIGHUP, when nothing else handles them, end the build as an exception would
    (exit status 128 + the signal's number), so that it cleans up; Python's default is to die."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum, _frame):
        raise SystemExit(128 + signum)

    before = {}
    try:
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) == signal.SIG_DFL:
                before[signum] = signal.signal(signum, leave)
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP for the duration (main thread only); deliver them after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    names = [s for s in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, s)]
    before = {}
    try:
        for name in names:
            signum = getattr(signal, name)
            before[signum] = signal.signal(signum, lambda n, _frame: held.append(n))
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        for signum in held:
            signal.raise_signal(signum)


_held_locks: set[int] = set()


def _close_in_child() -> None:
    # a forked worker must not keep the folder locked after the build (or a killed build)
    for fd in list(_held_locks):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held_locks.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


@contextlib.contextmanager
def lock(out_dir: Path, wait: bool = False) -> Iterator[None]:
    """Hold ``out_dir`` for one build: another build fails with OutputBusyError, or waits (``wait``)."""
    try:
        fd = os.open(out_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot open the output folder ({err.strerror or err})") from err
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise OutputBusyError(
                    f"{out_dir}: another geomap build is writing to this folder; wait for it to finish, or pass --wait"
                ) from None
            log.info("waiting for another build writing to %s", out_dir)
            fcntl.flock(fd, fcntl.LOCK_EX)
        _held_locks.add(fd)
        yield
    finally:
        _held_locks.discard(fd)
        os.close(fd)  # releases the lock


class _NoBar:
    def update(self, n):
        pass

    def close(self):
        pass


def _progress(progress: bool | None, paths):
    """A bar with articles done, rate and time left on a terminal; nothing otherwise."""
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return _NoBar()
    from tqdm import tqdm

    from .readers import MANY, STDIN, accepts, iter_files, kind

    names = [name for given in paths if str(given) != STDIN for _, name in iter_files([given], accept=accepts)]
    # a directory walk, cheap beside the reading; a file of many articles has no count known ahead
    total = None if any(kind(n)[0] in MANY for n in names) or STDIN in map(str, paths) else len(names)
    return tqdm(total=total, unit=" articles", desc="geomap build", file=sys.stderr, smoothing=0.1, dynamic_ncols=True)
