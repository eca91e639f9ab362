"""`geomap build`: read a corpus, write the GeoJSON export, the map and a report.

Articles stream through: each one's features go straight to the output files and into
the map's aggregates, so memory stays flat however large the corpus.
"""
from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Skipped
from .engines import ArticleOutput, Dropped, run
from .errors import OutputError
from .export import CSV_FIELDS, csv_rows, write_atomic, write_gpkg
from .readers.report import InputReport

FORMATS = ("geojson", "html", "gpkg", "csv")
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

    def add(self, out: ArticleOutput) -> None:
        self.articles += 1
        self.inputs.add(out)
        self.deployments += len(out.deployments)
        self.mentions += len(out.mentions)
        self.places.update(f["properties"]["place_id"] for f in out.mentions)
        self.unresolved.update(out.unresolved)
        if len(self.unplaced) < UNPLACED_KEPT:  # the report stays small however large the corpus
            self.unplaced += out.unplaced[:UNPLACED_KEPT - len(self.unplaced)]
        self.unplaced_count += len(out.unplaced)

    def lines(self) -> list[str]:
        out = [
            f"articles read: {self.articles}",
            f"deployments: {self.deployments}",
            f"places: {len(self.places)} distinct in {self.mentions} article mentions",
            f"unresolved names: {len(self.unresolved)}"
            + (f" (most frequent: {', '.join(n for n, _ in self.unresolved.most_common(5))})" if self.unresolved else ""),
            f"files or rows skipped: {len(self.skipped)}",
        ] + self.inputs.lines()
        out += [f"  skipped {s.path}: {s.reason}" for s in self.skipped]
        out += [f"wrote {p}" for p in self.outputs]
        return out

    def report(self) -> dict:
        return {
            "articles": self.articles,
            "deployments": self.deployments,
            "mentions": self.mentions,
            "places": len(self.places),
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "unresolved": [{"name": n, "count": c} for n, c in sorted(self.unresolved.items(), key=lambda x: (-x[1], x[0]))],
            # figures of forces not drawn because the text gives no place that can be drawn
            "unplaced_count": self.unplaced_count,
            "unplaced": self.unplaced,
            **self.inputs.report(),
        }


class _Spool:
    """Features written one by one to a temporary file beside the output."""

    def __init__(self, out_dir: Path, name: str):
        fd, self.path = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=out_dir)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        self.fh.write(text)

    def close(self) -> None:
        self.fh.close()

    def discard(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        if os.path.exists(self.path):
            os.unlink(self.path)


def collect(paths, **engine) -> list[dict]:
    """GeoJSON features for every article under ``paths``, deployments before mentions (in memory)."""
    deployments, mentions = [], []
    for out in run(paths, **engine):
        if isinstance(out, ArticleOutput):
            deployments += out.deployments
            mentions += out.mentions
    return deployments + mentions


def build(paths, out_dir: Path, pipeline=None, formats=("geojson", "html"), online_tiles: bool = True,
          jobs: int = 1, engine: str = "local", scheduler: str | None = None, progress: bool | None = None,
          warn: bool = False, options=None) -> Summary:
    """Read ``paths`` and write the chosen outputs and report.json to ``out_dir``.

    ``formats``: ``geojson`` (deployments.geojson), ``html`` (deployments.html), ``gpkg``
    (deployments.gpkg), ``csv`` (deployments.csv). ``jobs``/``engine``/``scheduler``: see
    :func:`geomap.engines.run`. ``progress``: a progress bar on stderr (default: when
    stderr is a terminal). ``warn``: a one-line warning on stderr for each skipped file as
    it is met (the command line sets it). ``pipeline`` is accepted for compatibility and
    not needed. ``options``: fields, date range and file patterns
    (:class:`geomap.readers.Options`).
    """
    from .mapdata import MapData

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise OutputError(f"unknown output format {sorted(unknown)[0]!r}; expected some of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot create the output folder ({err.strerror or err})") from err
    summary = Summary()
    mapdata = MapData() if "html" in formats else None
    spools = {name: _Spool(out_dir, name) for name in ("deployments", "mentions")}
    if "csv" in formats:
        spools["csv"] = _Spool(out_dir, "csv")
    bar = _progress(progress, paths)
    loading = mapdata is None
    try:
        for out in run(paths, jobs=jobs, engine=engine, scheduler=scheduler, options=options):
            if not loading:
                # Folium takes about a second to import: let it load while the articles are
                # read. Started once the first article is back, so after any worker
                # processes were forked: a fork during an import could leave its lock held.
                threading.Thread(target=_prepare_map, daemon=True).start()
                loading = True
            bar.update(1)
            if isinstance(out, Skipped):
                summary.skipped.append(out)
                if warn:
                    print(f"geomap: warning: skipped {out.path}: {out.reason}", file=sys.stderr)
            elif warn and not isinstance(out, (ArticleOutput, Dropped)):  # a note: an unreadable date
                print(f"geomap: warning: {out.path}: {out.reason}", file=sys.stderr)
            if not isinstance(out, ArticleOutput):
                summary.inputs.note(out)
                continue
            summary.add(out)
            spools["deployments"].write(out.deployment_lines)
            spools["mentions"].write(out.mention_lines)
            for feats in (out.deployments, out.mentions):
                if "csv" in formats:
                    spools["csv"].write(csv_rows(feats))
                if mapdata is not None:
                    for f in feats:
                        mapdata.add(f)
        bar.close()
        for spool in spools.values():
            spool.close()
        written = _finish(out_dir, formats, spools, mapdata, online_tiles)
        report = out_dir / "report.json"
        write_atomic(report, json.dumps(summary.report(), ensure_ascii=False, indent=1) + "\n")
        summary.outputs = [str(p) for p in written] + [str(report)]
        return summary
    finally:
        for spool in spools.values():
            spool.discard()


def _prepare_map() -> None:
    """Load what every map needs, Folium and the country outlines, while the articles are read."""
    from gazetteer import Gazetteer

    importlib.import_module("geomap.webmap")
    shapes = Gazetteer.default().light_shapes
    for pid in shapes:
        if pid.startswith("cc:"):
            shapes[pid]  # parsed once, kept


def _finish(out_dir: Path, formats, spools, mapdata, online_tiles) -> list[Path]:
    written = []
    geojson = out_dir / "deployments.geojson"
    if "geojson" in formats or "gpkg" in formats:
        _join_geojson(geojson if "geojson" in formats else out_dir / ".deployments.gpkg-src.geojson",
                      spools["deployments"], spools["mentions"])
        if "geojson" in formats:
            written.append(geojson)
    if "html" in formats:
        from .webmap import build_map
        from gazetteer import Gazetteer

        written.append(out_dir / "deployments.html")
        page = build_map(mapdata, Gazetteer.default(), online_tiles=online_tiles).get_root().render()
        write_atomic(written[-1], page)
    if "gpkg" in formats:
        src = geojson if "geojson" in formats else out_dir / ".deployments.gpkg-src.geojson"
        with open(src, encoding="utf-8") as fh:
            features = json.load(fh)["features"]
        written.append(out_dir / "deployments.gpkg")
        write_gpkg(features, written[-1])
        if src != geojson:
            os.unlink(src)
    if "csv" in formats:
        written.append(out_dir / "deployments.csv")
        _join(written[-1], [",".join(CSV_FIELDS) + "\n"], [spools["csv"]], "")
    return written


def _join_geojson(path: Path, deployments: _Spool, mentions: _Spool) -> None:
    """The FeatureCollection, deployments then mentions, one feature a line; written atomically."""
    _join(path, ['{"type": "FeatureCollection", "features": [\n'], [deployments, mentions], "]}\n", sep=",\n")


def _join(path: Path, head: list[str], spools: list[_Spool], tail: str, sep: str = "") -> None:
    """``head``, the spools' lines (joined by ``sep`` in place of their line ends, if given), ``tail``."""
    from .export import _MODE

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.writelines(head)
            held = ""  # the separator after the last line read: written only if another line follows
            for spool in spools:
                with open(spool.path, encoding="utf-8", newline="\n") as fh:
                    while chunk := fh.read(1 << 20):
                        if sep:
                            chunk = held + chunk.replace("\n", sep)
                            chunk, held = chunk[:-len(sep)], chunk[-len(sep):]
                        out.write(chunk)
            out.write("\n" + tail if sep and held else tail)
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
    except OSError as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from err


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
