"""`geomap build`: read a corpus, write the GeoJSON export, the map and a report."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Skipped
from .errors import OutputError
from .export import (csv_text, deployment_feature, dumps, feature_collection, mention_features, write_atomic,
                     write_gpkg)
from .pipeline import Pipeline, Result
from .text import Sentences


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

    def lines(self) -> list[str]:
        out = [
            f"articles read: {self.articles}",
            f"deployments: {self.deployments}",
            f"places: {len(self.places)} distinct in {self.mentions} article mentions",
            f"unresolved names: {len(self.unresolved)}"
            + (f" (most frequent: {', '.join(n for n, _ in self.unresolved.most_common(5))})" if self.unresolved else ""),
            f"files skipped: {len(self.skipped)}",
        ]
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
        }


def collect(paths, pipeline: Pipeline | None = None, summary: Summary | None = None) -> list[dict]:
    """GeoJSON features for every article under ``paths``, deployments before mentions."""
    pipeline = pipeline or Pipeline()
    summary = summary if summary is not None else Summary()
    deployments, mentions = [], []
    for item in pipeline.run(paths):
        if isinstance(item, Skipped):
            summary.skipped.append(item)
            continue
        _add(item, deployments, mentions, summary)
    return deployments + mentions


def _add(result: Result, deployments: list, mentions: list, summary: Summary) -> None:
    doc = result.doc
    summary.articles += 1
    summary.deployments += len(result.deployments)
    deployments.extend(deployment_feature(d) for d in result.deployments)
    feats = mention_features(doc.doc, doc.date, doc.text, result.mentions, Sentences(doc.text))
    summary.mentions += len(feats)
    summary.places.update(f["properties"]["place_id"] for f in feats)
    mentions.extend(feats)
    summary.unresolved.update(result.unresolved)


FORMATS = ("geojson", "html", "gpkg", "csv")


def build(paths, out_dir: Path, pipeline: Pipeline | None = None, formats=("geojson", "html"),
          online_tiles: bool = True) -> Summary:
    """Read ``paths`` and write the chosen outputs and report.json to ``out_dir``.

    ``formats`` names what to write: ``geojson`` (deployments.geojson), ``html``
    (deployments.html), ``gpkg`` (deployments.gpkg), ``csv`` (deployments.csv).
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise OutputError(f"unknown output format {sorted(unknown)[0]!r}; expected some of {', '.join(FORMATS)}")
    pipeline = pipeline or Pipeline()
    summary = Summary()
    features = collect(paths, pipeline, summary)
    out_dir = Path(out_dir)
    written = []
    if "geojson" in formats:
        written.append(out_dir / "deployments.geojson")
        write_atomic(written[-1], dumps(feature_collection(features)))
    if "html" in formats:
        from .webmap import build_map

        written.append(out_dir / "deployments.html")
        write_atomic(written[-1], build_map(features, pipeline.gazetteer, online_tiles=online_tiles).get_root().render())
    if "gpkg" in formats:
        written.append(out_dir / "deployments.gpkg")
        write_gpkg(features, written[-1])
    if "csv" in formats:
        written.append(out_dir / "deployments.csv")
        write_atomic(written[-1], csv_text(features))
    report = out_dir / "report.json"
    write_atomic(report, json.dumps(summary.report(), ensure_ascii=False, indent=1) + "\n")
    summary.outputs = [str(p) for p in written] + [str(report)]
    return summary
