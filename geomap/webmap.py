"""Draw deployments and mentions on a layered, self-contained Folium map.

Layers: one per force and unit kind (colour by force, shape by unit kind), place
mentions, regions shaded by how much is reported there, movements from origin to
destination, and a basemap of country and first-level outlines from the bundled
gazetteer. Leaflet and its plugins are inlined from copies shipped in the package, so
the file opens with no network. Every popup, tooltip, layer name and legend entry is
built here from escaped text: article text is untrusted.
"""
from __future__ import annotations

import html
import json
import math
from collections import Counter
from importlib import resources
from itertools import count as counter

import folium
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from gazetteer import Gazetteer

from .mapdata import UNKNOWN_FORCE, MapData

# Colour-blind-safe qualitative palette (Okabe-Ito), given to forces in order of size.
PALETTE = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#000000"]
UNCERTAIN = {"planned", "on_alert"}
UNIT_ORDER = ("troops", "units", "aircraft", "armor", "artillery", "ships", "air_defense", "missiles")
CLUSTER_ABOVE = 40  # a layer with more symbols than this clusters them
MAX_ZOOM = 18


def esc(value) -> str:
    """Text made safe for HTML and for the JavaScript template strings folium writes."""
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def js_json(data) -> str:
    """JSON safe to place inside a <script> element (no "</script>", no "<!--")."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace(
        "\u2028", "\\u2028").replace("\u2029", "\\u2029")


# -- popups -------------------------------------------------------------------------
def count_label(p: dict) -> str:
    if p.get("count") is None:
        lo, hi = p.get("count_min"), p.get("count_max")
        return f"{lo:,}–{hi:,} (vague)" if lo is not None and hi is not None else "unknown"
    label = f"{p['count']:,}"
    rng = ""
    if p.get("count_min") != p.get("count_max"):
        lo = "" if p.get("count_min") is None else f"{p['count_min']:,}"
        hi = "" if p.get("count_max") is None else f"{p['count_max']:,}"
        rng = f" (range {lo}–{hi})"
    return f"{p['qualifier']} {label}{rng}" if p.get("qualifier") else label + rng


def _highlight(quote: str, start: int, end: int, room: int = 400) -> str:
    """The quote with the figure marked, cut to about ``room`` characters around it."""
    if not 0 <= start <= end <= len(quote):
        return esc(quote[:room]) + ("…" if len(quote) > room else "")
    lo, hi = max(0, start - room // 2), min(len(quote), end + room // 2)
    head = ("…" if lo else "") + esc(quote[lo:start])
    tail = esc(quote[end:hi]) + ("…" if hi < len(quote) else "")
    return head + "<mark>" + esc(quote[start:end]) + "</mark>" + tail


def _table(rows) -> str:
    return "<table class='gm'>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>"


def deployment_popup(p: dict, room: int = 400) -> str:
    rows = [
        ("Figure", f"{esc(count_label(p))} {esc(p.get('unit_text'))} <small>({esc(p.get('unit'))})</small>"),
        ("Force", esc(p.get("force") or UNKNOWN_FORCE) + (f" <small>({esc(p['force_text'])})</small>" if p.get("force_text") else "")),
        ("Place", f"{esc(p.get('place'))} <small>({esc(p.get('place_type'))}, {esc(p.get('place_id'))})</small>"),
    ]
    if p.get("origin"):
        rows.append(("From", esc(p["origin"])))
    rows += [
        ("Status", esc(p.get("status") or "not stated")),
        ("Date", esc(p.get("date") or "undated")),
        ("Article", esc(p.get("doc"))),
        ("Confidence", esc(p.get("confidence"))),
    ]
    rel_s, rel_e = p["start"] - p["quote_start"], p["end"] - p["quote_start"]
    return _table(rows) + f"<blockquote>{_highlight(p['quote'], rel_s, rel_e, room)}</blockquote>"


def mention_popup(p: dict, articles: int, docs: list[str]) -> str:
    rows = [
        ("Place", f"{esc(p['place'])} <small>({esc(p['place_type'])}, {esc(p['place_id'])})</small>"),
        ("Articles", esc(articles)),
    ]
    rel_s, rel_e = p["start"] - p["quote_start"], p["end"] - p["quote_start"]
    listed = "".join(f"<li>{esc(d)}</li>" for d in docs[:8]) + ("<li>…</li>" if articles > 8 else "")
    return (_table(rows) + f"<ul class='gm'>{listed}</ul>"
            + f"<blockquote>{esc(p['doc'])}: {_highlight(p['quote'], rel_s, rel_e)}</blockquote>")


def radius(p: dict) -> float:
    """Symbol radius in pixels: the area grows with the count (vague figures at their lower bound)."""
    value = p.get("count") or p.get("count_min") or 1
    return round(min(40.0, 5.0 + 0.1 * math.sqrt(max(float(value), 1.0))), 1)


def light_shape(gazetteer: Gazetteer, pid: str) -> dict:
    """An outline simplified for drawing (about 4 km): keeps the page small."""
    return gazetteer.light_shapes[pid]


# -- layers ---------------------------------------------------------------------------
class Verbatim(MacroElement):
    """Renders its macros into the page as they come out.

    Branca's MacroElement.render compiles each rendered macro (a layer's whole GeoJSON)
    as a new Jinja template before writing it: slow for megabytes of data, and a "{{" in
    the data would be read as a template tag.
    """

    def render(self, **kwargs):
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = macros.get(part)
            if macro is not None:
                target.add_child(RawHTML(_jinja_trim(macro(self, kwargs))), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


def _jinja_trim(rendered: str) -> str:
    """What a Jinja template of ``rendered`` would print: the text less one final newline."""
    return rendered[:-1] if rendered.endswith("\n") else rendered


class GeoJsonLayer(folium.GeoJson, Verbatim):
    """folium.GeoJson, rendered verbatim (see :class:`Verbatim`)."""


class MarkerLayer(Layer, Verbatim):
    """A toggleable layer of unit symbols, clustered when dense, known to the time control."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {% if this.cluster %}L.markerClusterGroup({maxClusterRadius: 40, chunkedLoading: true}){% else %}L.featureGroup(){% endif %};
        geomap.fill({{ this.get_name() }}, {{ this.data }});
        {% endmacro %}"""
    )

    def __init__(self, features: list[dict], name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "MarkerLayer"
        self.cluster = len(features) > CLUSTER_ABOVE
        self.data = js_json({"type": "FeatureCollection", "features": features})


class MovementLayer(Layer, Verbatim):
    """Arrows from where forces come from to where they go."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        geomap.movements({{ this.get_name() }}, {{ this.data }});
        {% endmacro %}"""
    )

    def __init__(self, features: list[dict], name: str):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "MovementLayer"
        self.data = js_json({"type": "FeatureCollection", "features": features})


def force_colours(data: MapData) -> dict[str, str]:
    sizes: Counter = Counter()
    for (pid, force, *_), group in data.deployments.items():
        sizes[force] += group["n"]
    order = sorted(sizes, key=lambda k: (-sizes[k], k))
    return {force: PALETTE[i % len(PALETTE)] for i, force in enumerate(order)}


def _group_popup(group: dict, room: int = 400) -> str:
    feats = group["features"]
    head = "" if group["n"] == 1 else (
        f"<p class='gm'><b>{esc(group['n'])} reports</b> here; the largest {len(feats)} shown.</p>")
    return head + "<hr>".join(deployment_popup(f["properties"], room) for f in feats)


def deployment_layers(data: MapData, colours: dict[str, str]) -> list[Layer]:
    """One layer per force and unit kind ("RU · troops (3)"), largest force first."""
    layers_of: dict[tuple[str, str], list[dict]] = {}
    for key in sorted(data.drawn(), key=lambda k: tuple(str(x) for x in k)):
        group = data.deployments[key]
        p = group["features"][0]["properties"]
        force, unit = key[1], key[2]
        room = 400 if len(data.deployments) < data.detail else 200
        layers_of.setdefault((force, unit), []).append({"type": "Feature", "geometry": group["features"][0]["geometry"], "properties": {
            "popup": _group_popup({"features": group["features"][:data.examples], "n": group["n"]}, room),
            "tooltip": f"{esc(count_label(p))} {esc(p.get('unit_text'))} · {esc(p.get('place'))}"
                       + ("" if p.get("date") else " · undated") + ("" if group["n"] == 1 else f" · {group['n']} reports"),
            "date": p.get("date"), "shape": unit, "colour": colours[force], "radius": radius(p),
            "vague": p.get("count") is None, "uncertain": p.get("status") in UNCERTAIN,
        }})
    force_rank = {force: i for i, force in enumerate(colours)}
    layers = []
    for force, unit in sorted(layers_of, key=lambda g: (force_rank[g[0]], UNIT_ORDER.index(g[1]) if g[1] in UNIT_ORDER else 99)):
        drawn = layers_of[(force, unit)]
        n = sum(data.deployments[k]["n"] for k in data.deployments if k[1] == force and k[2] == unit)
        layers.append(MarkerLayer(drawn, f"{esc(force)} · {esc(unit.replace('_', ' '))} ({n})"))
    return layers


def mention_layer(data: MapData) -> Layer:
    """One symbol per place named, however many articles name it."""
    drawn = []
    for pid in sorted(data.mentions):
        m = data.mentions[pid]
        p = m["feature"]["properties"]
        n = m["articles"]
        drawn.append({"type": "Feature", "geometry": m["feature"]["geometry"], "properties": {
            "popup": mention_popup(p, n, m["docs"]), "tooltip": f"{esc(p['place'])} · {n} article{'s' if n != 1 else ''}",
            "date": m["date"], "shape": "mention", "colour": "#555555",
            "radius": round(min(14.0, 5 + 2 * math.log10(n + 1)), 1), "vague": False, "uncertain": False,
        }})
    return MarkerLayer(drawn, f"Place mentions ({len(drawn)} places)", show=False)


def movement_layer(data: MapData, colours: dict[str, str], gazetteer: Gazetteer, most: int = 500) -> Layer | None:
    """Arrows for the ``most`` origin-destination pairs with the most reports."""
    drawn = []
    top = sorted(data.movements, key=lambda k: (-data.movements[k]["n"], k))[:most]
    for key in sorted(top):
        origin_id, _pid, force = key
        group = data.movements[key]
        origin = gazetteer.by_id.get(origin_id)
        if origin is None:
            continue
        p = group["features"][0]["properties"]
        dest = group["features"][0]["geometry"]["coordinates"]
        drawn.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[origin.lon, origin.lat], dest]},
                      "properties": {"popup": _group_popup(group), "colour": colours.get(force, "#333333"),
                                     "tooltip": f"{esc(origin.name)} → {esc(p.get('place'))}: {esc(count_label(p))} {esc(p.get('unit_text'))}"}})
    return MovementLayer(drawn, f"Movements ({len(drawn)})") if drawn else None


def region_layer(data: MapData, gazetteer: Gazetteer) -> GeoJsonLayer | None:
    """Countries and regions the corpus names, shaded by how many deployments are reported there."""
    named = [pid for pid in data.named if pid in gazetteer.light_shapes]
    shaded_ids = sorted(sorted(named, key=lambda pid: (-data.reports[pid], pid))[:300])
    if not shaded_ids:
        return None
    top = max([data.reports[pid] for pid in shaded_ids] + [1])
    shaded = []
    for pid in shaded_ids:
        place = gazetteer.by_id[pid]
        n = data.reports[pid]
        opacity = round(0.06 + 0.3 * (math.log1p(n) / math.log1p(top)) if n else 0.03, 3)
        shaded.append({"type": "Feature", "geometry": light_shape(gazetteer, pid), "properties": {
            "name": esc(place.name), "reports": n, "opacity": opacity}})
    return GeoJsonLayer(
        {"type": "FeatureCollection", "features": shaded},
        name=f"Regions reported ({len(shaded)})",
        style_function=lambda f: {"color": "#7a0177", "weight": 0.8, "opacity": 0.5, "fillColor": "#c51b8a",
                                  "fillOpacity": f["properties"]["opacity"]},
        tooltip=folium.GeoJsonTooltip(fields=["name", "reports"], aliases=["Region", "Deployments reported"]),
        show=True,
    )


def basemap_layers(gazetteer: Gazetteer, countries_named: set[str]) -> list[GeoJsonLayer]:
    """Country outlines, and first-level outlines of the countries the corpus names: no network needed."""
    countries = [{"type": "Feature", "geometry": light_shape(gazetteer, pid), "properties": {}}
                 for pid in sorted(gazetteer.light_shapes) if pid.startswith("cc:")]
    base = GeoJsonLayer(
        {"type": "FeatureCollection", "features": countries},
        name="Countries (offline basemap)", overlay=False, control=True,
        style_function=lambda f: {"color": "#8a8a8a", "weight": 0.7, "fillColor": "#f2efe9", "fillOpacity": 1.0},
        smooth_factor=1.5,
    )
    admin = [{"type": "Feature", "geometry": light_shape(gazetteer, pid), "properties": {}}
             for pid in sorted(gazetteer.light_shapes)
             if pid.startswith("a1:") and gazetteer.by_id.get(pid) and gazetteer.by_id[pid].country in countries_named]
    lines = GeoJsonLayer(
        {"type": "FeatureCollection", "features": admin},
        name=f"First-level boundaries ({len(admin)})", overlay=True, control=True, show=True,
        style_function=lambda f: {"color": "#b0a89a", "weight": 0.5, "dashArray": "3 3", "fill": False},
        smooth_factor=1.5,
    )
    return [base, lines]


# -- controls -----------------------------------------------------------------------------
class Assets(MacroElement):
    """Leaflet, its plugins and geomap's own script and style, inlined into the page."""

    _template = Template("")

    VENDOR = [
        ("leaflet", ["leaflet.css"], ["leaflet.js"]),
        ("leaflet.markercluster", ["MarkerCluster.css", "MarkerCluster.Default.css"], ["leaflet.markercluster.js"]),
        ("leaflet.fullscreen", ["Control.FullScreen.css"], ["Control.FullScreen.umd.js"]),
        ("leaflet-minimap", ["Control.MiniMap.min.css"], ["Control.MiniMap.min.js"]),
    ]

    def render(self, **kwargs):
        static = resources.files("geomap") / "static"
        header = self.get_root().header
        parts = []
        for package, css, js in self.VENDOR:
            for name in css:
                parts.append(f"<style>/* {package} */\n{(static / 'vendor' / package / name).read_text(encoding='utf-8')}</style>")
            for name in js:
                parts.append(f"<script>/* {package} */\n{(static / 'vendor' / package / name).read_text(encoding='utf-8')}</script>")
        parts.append(f"<style>{(static / 'geomap.css').read_text(encoding='utf-8')}</style>")
        parts.append(f"<script>{(static / 'geomap.js').read_text(encoding='utf-8')}</script>")
        header.add_child(RawHTML("\n".join(parts)), name="geomap_assets", index=0)
        super().render(**kwargs)


class RawHTML(Element):
    """HTML put in the page as it is: no Jinja pass over 300 kB of JavaScript (slow, and
    a "{{" in a library would be read as a template tag)."""

    def __init__(self, html: str):
        super().__init__()
        self._name = "RawHTML"
        self.html = html

    def render(self, **kwargs) -> str:
        return self.html


class Controls(Verbatim):
    """Title, legend, fullscreen, mini-map, place search and the time control."""

    _template = Template(
        """{% macro html(this, kwargs) %}
        <div class="gm-box gm-title">{{ this.title }}<div class="gm-sub">{{ this.subtitle }}</div></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map) {
          geomap.map = map;
          map.addControl(new L.Control.FullScreen({position: "topleft"}));
          new L.Control.MiniMap(L.geoJSON({{ this.basemap.get_name() }}.toGeoJSON(), {style: {color: "#888", weight: 0.5, fillColor: "#eee", fillOpacity: 1}}),
                                {toggleDisplay: true, position: "bottomright", zoomLevelOffset: -5}).addTo(map);
          geomap.legend(map, {{ this.legend }});
          geomap.search(map, {{ this.places }});
          geomap.timeControl(map, {{ this.dates }});
        })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, title, subtitle, legend, places, dates, basemap):
        super().__init__()
        self._name = "Controls"
        self.title, self.subtitle = esc(title), esc(subtitle)
        self.legend = js_json(legend)
        self.places = js_json(places)
        self.dates = js_json(dates)
        self.basemap = basemap


def legend_entries(colours: dict[str, str]) -> dict:
    """What the legend lists; the page draws it with the same symbols as the map."""
    return {"forces": [[force, colour] for force, colour in colours.items()],
            "units": [[unit, unit.replace("_", " ")] for unit in UNIT_ORDER]}


# -- the map ------------------------------------------------------------------------------
def build_map(data, gazetteer: Gazetteer, title: str = "geomap: reported deployments",
              online_tiles: bool = True) -> folium.Map:
    """A self-contained Folium map of a :class:`MapData` (or of a list of features)."""
    if not isinstance(data, MapData):
        data = MapData.of(data)
    # markercluster needs the map's maxZoom; with no tile layer Leaflet has none ("Map has no maxZoom specified")
    fmap = folium.Map(location=[50, 30], zoom_start=4, tiles=None, control_scale=True, prefer_canvas=False,
                      minZoom=1, maxZoom=MAX_ZOOM)
    fmap.default_js, fmap.default_css = [], []  # inlined by Assets instead of fetched from a CDN
    Assets().add_to(fmap)
    top = {cc for cc, _ in sorted(data.deployed_countries.items(), key=lambda kv: (-kv[1], kv[0]))[:8]}
    base_layers = basemap_layers(gazetteer, top or set(sorted(data.countries)[:8]))
    for layer in base_layers:
        layer.add_to(fmap)
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False, show=False).add_to(fmap)
    regions = region_layer(data, gazetteer)
    if regions is not None:
        regions.add_to(fmap)
    colours = force_colours(data)
    for layer in deployment_layers(data, colours):
        layer.add_to(fmap)
    movements = movement_layer(data, colours, gazetteer)
    if movements is not None:
        movements.add_to(fmap)
    mention_layer(data).add_to(fmap)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    places = sorted(list(p) for p in data.places.values())
    left_off = data.not_drawn
    subtitle = f"{data.n_deployments} deployments · {len(data.mentions)} places · {data.docs} articles" + (
        f" · {left_off} reports in smaller groups not drawn (all are in the GeoJSON)" if left_off else "")
    Controls(title, subtitle,
             legend_entries(colours), places, sorted(data.dates), base_layers[0]).add_to(fmap)
    points = [g["features"][0]["geometry"]["coordinates"] for g in data.deployments.values()] or [
        m["feature"]["geometry"]["coordinates"] for m in data.mentions.values()]
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
