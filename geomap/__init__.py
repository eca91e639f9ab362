"""geomap: turn news reports of military build-ups into maps, offline.

>>> import geomap
>>> [(d.figure.count, d.place.name, d.force) for d in geomap.extract("Russia has sent 5,000 troops to Belarus.")]
[(5000, 'Belarus', 'RU')]
"""

from .errors import CorpusError, GeomapError, LexiconError, OutputError
from .model import Deployment, Document, Figure, Mention
from .pipeline import Pipeline, extract

__version__ = "0.1.0"  # the one version number: pyproject.toml reads it from here
__all__ = [
    "CorpusError",
    "Deployment",
    "Document",
    "Figure",
    "GeomapError",
    "LexiconError",
    "Mention",
    "OutputError",
    "Pipeline",
    "build",
    "extract",
    "features",
    "strength",
]


def features(paths, **engine) -> list[dict]:
    """GeoJSON features (deployments, then mentions) for every article under ``paths``.

    ``engine`` options (``jobs``, ``engine``, ``scheduler``) are those of ``geomap build``.
    """
    from .builder import collect

    return collect(paths, **engine)


def build(paths, **engine):
    """A GeoDataFrame (EPSG:4326) of the deployments and mentions under ``paths``.

    >>> gdf = geomap.build(["corpus"])          # doctest: +SKIP
    >>> gdf[gdf.kind == "deployment"][["count", "unit", "force", "place"]]   # doctest: +SKIP
    """
    import geopandas

    feats = features(paths, **engine)
    if not feats:
        return geopandas.GeoDataFrame({"kind": []}, geometry=[], crs="EPSG:4326")
    return geopandas.GeoDataFrame.from_features(feats, crs="EPSG:4326")


def strength(gdf, by: str = "month", historical: bool = False):
    """Strength over time: one row per period, force, unit kind and area, each claim counted once.

    ``gdf``: what :func:`build` returns (or a list of features). ``by``: ``day``, ``week``,
    ``month``, ``quarter`` or ``year``. See geomap/strength_table.py for the columns.
    """
    from .strength_table import strength as _strength

    return _strength(gdf, by=by, historical=historical)
