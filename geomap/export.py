"""Deployments and mentions as GeoJSON features (RFC 7946: WGS 84, [lon, lat]).

Every feature carries its provenance: the article, the sentence (``quote``) and the
character offsets of the figure or name in the article.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .errors import OutputError
from .model import Deployment, Mention
from .text import quote_span


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
        "place_from": d.place_from,
        "rules": list(d.rules),
    }
    return {"type": "Feature", "geometry": _point(d.place), "properties": props}


def _article_props(article) -> dict:
    return {"title": getattr(article, "title", None), "url": getattr(article, "url", None),
            "source": getattr(article, "source", None)}


def mention_features(doc: str, date: str | None, text: str, mentions: list[Mention], sentences,
                     article=None) -> list[dict]:
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()  # what open() would give a new file; mkstemp gives 0600


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half a file."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(data)
            os.chmod(tmp, _MODE)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from err


def dumps(obj: dict, indent: int | None = 1) -> str:
    """GeoJSON text: UTF-8, no NaN (RFC 7946 allows none), stable key order, one trailing newline.

    With ``indent=None`` the text is one line (a feature of a streamed collection).
    """
    try:
        return json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=indent) + "\n"
    except ValueError as err:
        raise OutputError(f"a value GeoJSON cannot hold (NaN or infinity): {err}") from err


CSV_FIELDS = [
    "kind", "doc", "title", "url", "source", "date", "lon", "lat", "place", "place_id", "place_type", "country", "count", "count_min",
    "count_max", "qualifier", "unit", "unit_text", "force", "force_text", "status", "origin", "origin_id",
    "role", "mentions", "confidence", "start", "end", "place_text", "quote",
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


def write_gpkg(features: list[dict], path: Path) -> None:
    """A GeoPackage with a ``deployments`` and a ``mentions`` layer, for QGIS (written atomically)."""
    import geopandas

    path = Path(path)
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    try:
        if tmp.exists():
            tmp.unlink()
        for kind in ("deployment", "mention"):
            chosen = [f for f in features if f["properties"]["kind"] == kind]
            if chosen:
                frame = geopandas.GeoDataFrame.from_features(chosen, crs="EPSG:4326")
            else:
                frame = geopandas.GeoDataFrame({"kind": []}, geometry=[], crs="EPSG:4326")
            frame.to_file(tmp, driver="GPKG", layer=f"{kind}s", mode="a" if tmp.exists() else "w")
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
    except Exception as err:
        if tmp.exists():
            tmp.unlink()
        raise OutputError(f"{path}: cannot write GeoPackage ({err})") from err
