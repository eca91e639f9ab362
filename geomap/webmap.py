"""Draw deployments and mentions on a layered Folium map.

One GeoJSON layer per force (so the layer control toggles sides), one for place
mentions, and a basemap of country outlines drawn from the bundled gazetteer. Every
popup and tooltip is built here from escaped text: article text is untrusted.
"""
from __future__ import annotations

import html
import math
from itertools import count as counter

import folium
from branca.element import Element, MacroElement
from folium.template import Template
from folium.utilities import JsCode

from gazetteer import Gazetteer

# Colour-blind-safe qualitative palette (Okabe-Ito), assigned to forces in order of size.
PALETTE = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
UNKNOWN_FORCE = "unattributed"


def esc(value) -> str:
    """Text made safe for HTML and for the JavaScript template strings folium writes."""
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def _count_label(p: dict) -> str:
    if p.get("count") is None:
        lo, hi = p.get("count_min"), p.get("count_max")
        return f"{lo:,}–{hi:,} (vague)" if lo is not None and hi is not None else "unknown"
    label = f"{p['count']:,}"
    if p.get("qualifier"):
        label = f"{p['qualifier']} {label}"
    return label


def _highlight(quote: str, start: int, end: int) -> str:
    if 0 <= start <= end <= len(quote):
        return esc(quote[:start]) + "<mark>" + esc(quote[start:end]) + "</mark>" + esc(quote[end:])
    return esc(quote)


def deployment_popup(p: dict) -> str:
    rel_s, rel_e = p["start"] - p["quote_start"], p["end"] - p["quote_start"]
    rows = [
        ("Figure", f"{esc(_count_label(p))} {esc(p.get('unit_text'))} <small>({esc(p.get('unit'))})</small>"),
        ("Force", esc(p.get("force") or UNKNOWN_FORCE)),
        ("Place", f"{esc(p.get('place'))} <small>({esc(p.get('place_type'))}, {esc(p.get('place_id'))})</small>"),
        ("Status", esc(p.get("status") or "not stated")),
        ("Date", esc(p.get("date") or "undated")),
        ("Article", esc(p.get("doc"))),
        ("Confidence", esc(p.get("confidence"))),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<table class='gm'>{table}</table><blockquote>{_highlight(p['quote'], rel_s, rel_e)}</blockquote>"


def mention_popup(p: dict) -> str:
    rel_s, rel_e = p["start"] - p["quote_start"], p["end"] - p["quote_start"]
    rows = [
        ("Place", f"{esc(p.get('place'))} <small>({esc(p.get('place_type'))}, {esc(p.get('place_id'))})</small>"),
        ("Named as", esc(p.get("place_text"))),
        ("Role", esc(p.get("role"))),
        ("Mentions", esc(p.get("mentions"))),
        ("Article", esc(p.get("doc"))),
        ("Date", esc(p.get("date") or "undated")),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<table class='gm'>{table}</table><blockquote>{_highlight(p['quote'], rel_s, rel_e)}</blockquote>"


def radius(p: dict) -> float:
    """Circle radius in pixels: area grows with the count (vague figures at their lower bound)."""
    value = p.get("count") or p.get("count_min") or 1
    return round(4 + 1.2 * math.sqrt(math.sqrt(max(float(value), 1.0))), 1)


_BIND = JsCode(
    "function(feature, layer) {"
    " layer.bindPopup(feature.properties.popup, {maxWidth: 380});"
    " layer.bindTooltip(feature.properties.tooltip); }"
)


def _layer(features, name, show=True):
    collection = {"type": "FeatureCollection", "features": features}
    return folium.GeoJson(
        collection,
        name=name,
        show=show,
        marker=folium.CircleMarker(),
        style_function=lambda f: f["properties"]["style"],
        on_each_feature=_BIND,
    )


def deployment_layers(features: list[dict]) -> list[folium.GeoJson]:
    """One toggleable layer per force, largest first, each with its colour."""
    by_force: dict[str, list[dict]] = {}
    for f in features:
        by_force.setdefault(f["properties"].get("force") or UNKNOWN_FORCE, []).append(f)
    order = sorted(by_force, key=lambda k: (-len(by_force[k]), k))
    layers = []
    for i, force in enumerate(order):
        colour = PALETTE[i % len(PALETTE)]
        drawn = []
        for f in by_force[force]:
            p = f["properties"]
            vague = p.get("count") is None
            style = {"radius": radius(p), "color": colour, "fillColor": colour, "weight": 2,
                     "fillOpacity": 0.15 if vague else 0.55, "dashArray": "4 3" if vague else None}
            tooltip = f"{esc(_count_label(p))} {esc(p.get('unit_text'))} · {esc(p.get('place'))}"
            drawn.append({"type": "Feature", "geometry": f["geometry"],
                          "properties": {"popup": deployment_popup(p), "tooltip": tooltip, "style": style}})
        layers.append(_layer(drawn, f"Deployments: {esc(force)} ({len(drawn)})"))
    return layers


def mention_layer(features: list[dict]) -> folium.GeoJson:
    drawn = []
    for f in features:
        p = f["properties"]
        style = {"radius": 3, "color": "#555555", "fillColor": "#999999", "weight": 1, "fillOpacity": 0.6}
        drawn.append({"type": "Feature", "geometry": f["geometry"],
                      "properties": {"popup": mention_popup(p), "tooltip": esc(p.get("place")), "style": style}})
    return _layer(drawn, f"Place mentions ({len(drawn)})", show=False)


def basemap_layer(gazetteer: Gazetteer) -> folium.GeoJson:
    """Country outlines shipped with the gazetteer: a basemap that needs no network."""
    features = [
        {"type": "Feature", "geometry": geom, "properties": {}}
        for pid, geom in sorted(gazetteer.shapes.items()) if pid.startswith("cc:")
    ]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Countries (offline basemap)",
        overlay=False,
        control=True,
        style_function=lambda f: {"color": "#8a8a8a", "weight": 0.6, "fillColor": "#f2efe9", "fillOpacity": 1.0},
        smooth_factor=1.5,
    )


class Title(MacroElement):
    """A fixed title box at the top of the map."""

    _template = Template(
        """{% macro html(this, kwargs) %}
        <div style="position: fixed; top: 10px; left: 50px; z-index: 1000; background: white;
                    padding: 6px 12px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
                    font: 600 15px/1.3 sans-serif;">{{ this.title }}
          <div style="font-weight: normal; font-size: 12px;">{{ this.subtitle }}</div></div>
        {% endmacro %}"""
    )

    def __init__(self, title: str, subtitle: str):
        super().__init__()
        self._name = "Title"
        self.title = esc(title)
        self.subtitle = esc(subtitle)


_CSS = Element(
    "<style>table.gm th{text-align:left;padding-right:8px;vertical-align:top}"
    "table.gm{font:12px sans-serif} blockquote{margin:6px 0 0;padding-left:6px;border-left:3px solid #ccc;"
    "font:12px/1.35 serif;max-height:160px;overflow:auto} mark{background:#ffe08a}</style>"
)


def build_map(features: list[dict], gazetteer: Gazetteer, title: str = "geomap: reported deployments") -> folium.Map:
    """A Folium map of deployment and mention features."""
    deployments = [f for f in features if f["properties"]["kind"] == "deployment"]
    mentions = [f for f in features if f["properties"]["kind"] == "mention"]
    fmap = folium.Map(location=[50, 30], zoom_start=4, tiles=None, control_scale=True)
    basemap_layer(gazetteer).add_to(fmap)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False, show=False).add_to(fmap)
    for layer in deployment_layers(deployments):
        layer.add_to(fmap)
    mention_layer(mentions).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    docs = len({f["properties"]["doc"] for f in features})
    Title(title, f"{len(deployments)} deployments, {len(mentions)} place mentions, {docs} articles").add_to(fmap)
    fmap.get_root().header.add_child(_CSS)
    points = [f["geometry"]["coordinates"] for f in deployments] or [f["geometry"]["coordinates"] for f in mentions]
    if points:
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        fmap.fit_bounds([[min(lats) - 2, min(lons) - 2], [max(lats) + 2, max(lons) + 2]])
    _stable_ids(fmap)
    return fmap


def _stable_ids(root) -> None:
    """Replace Folium's random element ids with sequential ones: same input, same HTML."""
    seq = counter()

    def walk(element):
        element._id = f"{next(seq):08d}"
        children = list(element._children.values())
        element._children.clear()
        for child in children:
            walk(child)
            element._children[child.get_name()] = child

    walk(root.get_root())
