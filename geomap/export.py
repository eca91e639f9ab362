"""Deployments and mentions as GeoJSON features (RFC 7946: WGS 84, [lon, lat]).

Every feature carries its provenance: the article, the sentence (``quote``) and the
character offsets of the figure or name in the article.
"""

from __future__ import annotations

import json
import os
import struct
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import OutputError
from .model import Deployment, Mention
from .text import quote_span

if TYPE_CHECKING:
    from .engines import ArticleOutput


def _point(place) -> dict:
    return {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]}


def deployment_feature(d: Deployment, article=None) -> dict:
    """The GeoJSON feature of a deployment; ``article`` (its Document) gives title, url and source."""
    f = d.figure
    props = {
        "kind": "deployment",
        "doc": d.doc,
        **_article_props(article),
        "count": f.count,
        "count_min": f.count_min if f.count_min is None else int(f.count_min),
        "count_max": f.count_max if f.count_max is None else int(f.count_max),
        "qualifier": f.qualifier,
        "unit": f.unit,
        "unit_text": f.unit_text,
        "figure_text": f.text,
        "force": d.force,
        "force_text": d.force_text,
        "status": d.status,
        "date": d.date,
        "event_date": d.event_date,
        "event_grain": d.event_grain,
        "event_date_text": d.event_date_text,
        "claim": None,  # set by the build, which sees the articles in corpus order (geomap/claims.py)
        "place": d.place.name,
        "place_text": d.place_text,
        "place_id": d.place.id,
        "place_type": d.place.kind,
        "country": d.place.country or None,
        "origin": d.origin.name if d.origin else None,
        "origin_id": d.origin.id if d.origin else None,
        "quote": d.quote,
        "quote_start": d.quote_start,
        "start": f.start,
        "end": f.end,
        "confidence": d.confidence,
        "precision": d.precision,
        "relation": d.relation,
        "place_from": d.place_from,
        "rules": list(d.rules),
    }
    return {"type": "Feature", "geometry": _point(d.place), "properties": props}


def _article_props(article) -> dict:
    return {
        "title": getattr(article, "title", None),
        "url": getattr(article, "url", None),
        "source": getattr(article, "source", None),
    }


def mention_features(
    doc: str, date: str | None, text: str, mentions: list[Mention], sentences, article=None
) -> list[dict]:
    """One feature per distinct place an article names, at its first mention."""
    by_place: dict[str, list[Mention]] = {}
    for m in mentions:
        by_place.setdefault(m.place.id, []).append(m)
    out = []
    for pid, ms in by_place.items():
        first = ms[0]
        roles = sorted({m.role for m in ms})
        s, e = quote_span(sentences.span_of(first.start), first.start, first.end)  # bounded as a deployment's
        props = {
            "kind": "mention",
            "doc": doc,
            **_article_props(article),
            "date": date,
            "place": first.place.name,
            "place_text": first.surface,
            "place_id": pid,
            "place_type": first.place.kind,
            "country": first.place.country or None,
            "mentions": len(ms),
            "role": "actor" if roles == ["actor"] else ("location" if "location" in roles else roles[0]),
            "quote": text[s:e],
            "quote_start": s,
            "start": first.start,
            "end": first.end,
            "confidence": max(m.confidence for m in ms),
        }
        out.append({"type": "Feature", "geometry": _point(first.place), "properties": props})
    return out


def dumps(obj: dict, indent: int | None = 1) -> str:
    """GeoJSON text: UTF-8, no NaN (RFC 7946 allows none), stable key order, one trailing newline.

    With ``indent=None`` the text is one line (a feature of a streamed collection).
    """
    try:
        return json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=indent) + "\n"
    except ValueError as err:
        raise OutputError(f"a value GeoJSON cannot hold (NaN or infinity): {err}") from err


CSV_FIELDS = [
    "kind",
    "doc",
    "title",
    "url",
    "source",
    "date",
    "event_date",
    "event_grain",
    "event_date_text",
    "claim",
    "lon",
    "lat",
    "place",
    "place_id",
    "place_type",
    "country",
    "count",
    "count_min",
    "count_max",
    "qualifier",
    "unit",
    "unit_text",
    "force",
    "force_text",
    "status",
    "origin",
    "origin_id",
    "role",
    "mentions",
    "confidence",
    "start",
    "end",
    "place_text",
    "quote",
]


def csv_text(features: list[dict]) -> str:
    """One row per feature, coordinates in lon/lat columns, for spreadsheets."""
    return ",".join(CSV_FIELDS) + "\n" + csv_rows(features)


def csv_rows(features: list[dict]) -> str:
    """The CSV rows of ``features`` (no header)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        row = {k: _csv_cell(v) for k, v in f["properties"].items()}
        writer.writerow({**row, "lon": lon, "lat": lat})
    return buf.getvalue()


def _csv_cell(value):
    # a cell that starts like a formula is read as one by spreadsheets: keep it text
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# -- writers: one object per output format, registered in WRITERS ------------------------
@dataclass(frozen=True)
class OutputOptions:
    """What a build tells its writers besides the articles."""

    online_tiles: bool = True  # the map offers the OpenStreetMap layer
    gazetteer: Any = None  # the build's gazetteer (outlines for the map); None: the shipped one


class Writer:
    """One output format of a build, fed as the articles stream through.

    The builder makes one writer per chosen format, in the order of :data:`WRITERS`, and
    calls ``open`` once with the build's staging folder, ``add`` with every article's output
    in corpus order, then ``finish`` with the build id once every article was added, or
    ``discard`` if the build stops (the builder then removes the staging folder). A writer
    writes ``filename`` (and any scratch files) only inside that folder; the builder swaps
    the files of all writers into the output folder together.
    """

    name = ""  # the --format name
    filename = ""  # the file it writes

    def __init__(self, options: OutputOptions | None = None):
        self.options = options or OutputOptions()

    def open(self, folder: Path) -> None:
        self.folder = Path(folder)

    def add(self, out: ArticleOutput) -> None:
        raise NotImplementedError

    def finish(self, build: str) -> None:
        """Complete ``filename``; ``build`` is the build id the outputs carry."""

    def discard(self) -> None:
        """Release open files (the staging folder is removed by the builder)."""


class GeoJSONWriter(Writer):
    """deployments.geojson: deployments, then mentions, one feature a line.

    The features are spooled to two scratch files as they come and joined at the end, so
    memory stays flat; the collection names its build in a foreign member (RFC 7946, 6.1).
    """

    name, filename = "geojson", "deployments.geojson"

    def open(self, folder: Path) -> None:
        super().open(folder)
        self.spools = [
            open(self.folder / f".{kind}.lines", "w", encoding="utf-8", newline="\n")
            for kind in ("deployments", "mentions")
        ]

    def add(self, out: ArticleOutput) -> None:
        self.spools[0].write(out.deployment_lines)
        self.spools[1].write(out.mention_lines)

    def finish(self, build: str) -> None:
        head = json.dumps({"type": "FeatureCollection", "geomap": {"build": build}})[:-1]
        with open(self.folder / self.filename, "w", encoding="utf-8", newline="\n") as out:
            out.write(head + ', "features": [\n')
            held = ""  # ",\n" after the last feature read: written only if another follows
            for spool in self.spools:
                spool.close()
                with open(spool.name, encoding="utf-8", newline="\n") as fh:
                    while chunk := fh.read(1 << 20):
                        chunk = held + chunk.replace("\n", ",\n")
                        chunk, held = chunk[:-2], chunk[-2:]
                        out.write(chunk)
                os.unlink(spool.name)
            out.write("\n]}\n" if held else "]}\n")

    def discard(self) -> None:
        for spool in getattr(self, "spools", ()):
            spool.close()


class CSVWriter(Writer):
    """deployments.csv: one row per feature, article by article, with lon/lat columns."""

    name, filename = "csv", "deployments.csv"

    def open(self, folder: Path) -> None:
        super().open(folder)
        self.fh = open(self.folder / self.filename, "w", encoding="utf-8", newline="\n")
        self.fh.write(",".join(CSV_FIELDS) + "\n")

    def add(self, out: ArticleOutput) -> None:
        self.fh.write(csv_rows(out.deployments))
        self.fh.write(csv_rows(out.mentions))

    def finish(self, build: str) -> None:
        self.fh.close()

    def discard(self) -> None:
        if hasattr(self, "fh"):
            self.fh.close()


class HTMLWriter(Writer):
    """deployments.html: the map, drawn at the end from bounded aggregates (geomap.mapdata)."""

    name, filename = "html", "deployments.html"

    def open(self, folder: Path) -> None:
        from .mapdata import MapData

        super().open(folder)
        self.data = MapData(gazetteer=self.options.gazetteer)
        self.loading: threading.Thread | None = None

    def share(self, strength: "StrengthWriter") -> None:
        """Read the strength chart from the table strength.csv is written from: one table per build."""
        self.data.time.share(strength.table.table)
        strength.each = self.data.time.collect

    def add(self, out: ArticleOutput) -> None:
        if self.loading is None:
            # Folium takes about a second to import: let it load while the articles are
            # read. Started once the first article is back, so after any worker processes
            # were forked: a fork during an import could leave its lock held.
            self.loading = threading.Thread(target=_prepare_map, args=(self.options.gazetteer,), daemon=True)
            self.loading.start()
        for feats in (out.deployments, out.mentions):
            for f in feats:
                self.data.add(f)

    def finish(self, build: str) -> None:
        if self.loading is not None:
            self.loading.join()  # importing the same modules from two threads at once can fail
        from branca.element import Element

        from gazetteer import Gazetteer

        from .webmap import build_map

        fmap = build_map(
            self.data, self.options.gazetteer or Gazetteer.default(), online_tiles=self.options.online_tiles
        )
        root: Any = fmap.get_root()  # a branca Figure, which has a header
        root.header.add_child(Element(f'<meta name="geomap-build" content="{build}">'), name="geomap_build")
        with open(self.folder / self.filename, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(root.render())


def _prepare_map(gazetteer=None) -> None:
    """Load what every map needs, Folium and the country outlines, while the articles are read."""
    import importlib

    from gazetteer import Gazetteer

    importlib.import_module("geomap.webmap")
    shapes = (gazetteer or Gazetteer.default()).light_shapes
    for pid in shapes:
        if pid.startswith("cc:"):
            shapes[pid]  # parsed once, kept


DATE_FIELDS = ("date", "event_date")  # DATE columns in the GeoPackage


def _first_day(value) -> str:
    """``2022-02-10``, ``2022-02`` or ``2022`` as the first day of the period; NaT for none."""
    if not isinstance(value, str) or not value[:4].isdigit():
        return "NaT"
    return value + {4: "-01-01", 7: "-01"}.get(len(value), "")


class StrengthWriter(Writer):
    """strength.csv: strength over time, each claim counted once (geomap/strength_table.py)."""

    name, filename = "strength", "strength.csv"

    def open(self, folder: Path) -> None:
        from .strength_table import StrengthCSV

        super().open(folder)
        self.table = StrengthCSV(self.folder / self.filename)
        self.each: Callable[[dict], None] | None = None  # sees each row written (HTMLWriter.share)

    def add(self, out: ArticleOutput) -> None:
        for f in out.deployments:
            self.table.add(f)

    def finish(self, build: str) -> None:
        self.table.finish(self.each)


# GeoPackage columns that hold numbers; every other property is text (lists and objects as JSON)
_GPKG_INTEGER = ("count", "count_min", "count_max", "start", "end", "quote_start", "mentions")
_GPKG_REAL = ("confidence",)


class GeoPackageWriter(Writer):
    """deployments.gpkg: a ``deployments`` and a ``mentions`` layer, written in batches as it streams.

    At most ``batch`` features per layer are held in memory. A property first met in a later
    batch becomes a new column (the layer's table is altered between batches).
    """

    name, filename = "gpkg", "deployments.gpkg"
    batch = 5000  # GDAL opens the file for every batch: fewer, larger batches are faster

    def open(self, folder: Path) -> None:
        super().open(folder)
        self.path = self.folder / self.filename
        self.pending: dict[str, list[dict]] = {"deployments": [], "mentions": []}
        self.columns: dict[str, list[str]] = {}  # the columns of each layer written so far

    def add(self, out: ArticleOutput) -> None:
        for layer, feats in (("deployments", out.deployments), ("mentions", out.mentions)):
            self.pending[layer] += feats
            if len(self.pending[layer]) >= self.batch:
                self._flush(layer)

    def finish(self, build: str) -> None:
        for layer in self.pending:
            self._flush(layer)

    def _flush(self, layer: str) -> None:
        import numpy as np
        from pyogrio import get_gdal_config_option, set_gdal_config_options
        from pyogrio.raw import write

        feats, self.pending[layer] = self.pending[layer], []
        if not feats and layer in self.columns:
            return
        names = list(dict.fromkeys(k for f in feats for k in f["properties"])) or ["kind"]
        known = self.columns.setdefault(layer, [])
        if known:
            self._add_columns(layer, [n for n in names if n not in known])
        known += [n for n in names if n not in known]
        geometry = np.empty(len(feats), dtype=object)
        geometry[:] = [struct.pack("<BIdd", 1, 1, *f["geometry"]["coordinates"]) for f in feats]
        data: list = []
        masks: list = []
        for name in names:
            values = [f["properties"].get(name) for f in feats]
            missing = np.array([v is None for v in values], dtype=bool)
            if name in DATE_FIELDS:  # DATE columns, for QGIS's temporal controller (a month: its first day)
                data.append(np.array([_first_day(v) for v in values], dtype="datetime64[D]"))
                masks.append(None)
            elif name in _GPKG_INTEGER or name in _GPKG_REAL:
                kind = np.int64 if name in _GPKG_INTEGER else np.float64
                data.append(np.array([0 if v is None else v for v in values], dtype=kind))
                masks.append(missing if missing.any() else None)
            else:
                column = np.empty(len(values), dtype=object)
                column[:] = [
                    v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values
                ]
                data.append(column)
                masks.append(None)
        # the file is staged and installed only once complete: SQLite need not wait for the disk
        before = get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS")
        set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": "OFF"})
        try:
            write(
                str(self.path),
                geometry,
                data,
                names,
                field_mask=masks,
                layer=layer,
                driver="GPKG",
                geometry_type="Point",
                crs="EPSG:4326",
                append=self.path.exists(),
            )
        except (OSError, RuntimeError, ValueError) as err:  # pyogrio's errors derive from these
            raise OSError(f"GeoPackage layer {layer}: {err}") from err  # the builder names the file
        finally:
            set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": before})

    def _add_columns(self, layer: str, names: list[str]) -> None:
        import sqlite3

        if not names:
            return
        con = sqlite3.connect(self.path)
        try:
            for name in names:
                kind = (
                    "INTEGER"
                    if name in _GPKG_INTEGER
                    else "REAL"
                    if name in _GPKG_REAL
                    else "DATE"
                    if name in DATE_FIELDS
                    else "TEXT"
                )
                con.execute(f'ALTER TABLE "{layer}" ADD COLUMN "{name.replace(chr(34), chr(34) * 2)}" {kind}')
            con.commit()
        finally:
            con.close()


# Every output format, by its --format name. The order is the order in which a build's
# files are swapped into the output folder (report.json always last). A new format is a
# Writer subclass and one more entry here.
WRITERS: dict[str, type[Writer]] = {
    w.name: w for w in (GeoJSONWriter, GeoPackageWriter, CSVWriter, StrengthWriter, HTMLWriter)
}
