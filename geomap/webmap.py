"""Draw deployments and mentions on a layered, self-contained Folium map.

Layers: one per force and unit kind (colour by force, shape by unit kind, area by count),
reports whose place is a whole country or region (drawn as that area, never as a point),
reports along a border (on the border line), place mentions, troops by area, movements,
and a basemap of country and first-level outlines with country and city labels from the
bundled gazetteer. Leaflet and its plugins are inlined from copies shipped in the package,
so the file opens with no network. Every popup, tooltip, layer name and legend entry is
built here from escaped text: article text is untrusted.
"""

from __future__ import annotations

import html
import json
import math
import zlib
from collections import defaultdict
from importlib import resources
from itertools import count as counter

import folium
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from gazetteer import Gazetteer

from .basemap import border_of, country_shapes, labels, light_shape, search_index
from .lexicon import UNIT_KINDS, unit_kinds
from .mapdata import UNKNOWN_FORCE, MapData
from .timeline import span_head

# A fixed colour for the forces news names most, the same in every map (README, "The map").
FORCE_COLOURS = {
    "RU": "#D62728",
    "UA": "#1F77B4",
    "BY": "#8C564B",
    "US": "#2CA02C",
    "NATO": "#17BECF",
    "PL": "#E377C2",
    "GB": "#9467BD",
    "DE": "#E7BA52",
    "FR": "#BCBD22",
    "CN": "#FF7F0E",
    "TR": "#393B79",
    "IR": "#637939",
    "IL": "#7B4173",
    UNKNOWN_FORCE: "#666666",
}
# Other forces take one of these by a hash of their name (the next free one when two collide).
EXTRA_COLOURS = [
    "#6B6ECF",
    "#B5CF6B",
    "#E7969C",
    "#CE6DBD",
    "#8CA252",
    "#BD9E39",
    "#AD494A",
    "#A55194",
    "#5254A3",
    "#3182BD",
    "#E6550D",
    "#31A354",
    "#756BB1",
    "#FD8D3C",
    "#74C476",
    "#9E9AC8",
    "#6BAED6",
    "#FDAE6B",
    "#843C39",
    "#000000",
]
UNCERTAIN = {"planned", "on_alert"}
MENTION_SHAPE = '<circle cx="12" cy="12" r="6"/>'  # a place named, in the mentions layer
UNIT_ORDER = UNIT_KINDS  # the legend's and the panel's order: geomap/units.toml
STATUS_ORDER = ("deployed", "massing", "mobilised", "on_alert", "planned", "withdrawing", "historical", "")
CLUSTER_ABOVE = 40  # a layer with more symbols than this clusters them
# Past this many symbols, the symbols of every force share one cluster (a place's symbols spiderfy
# on click); below it, symbols at one place are set around it in a ring.
SHARED_CLUSTER_ABOVE = 300
MAX_ZOOM = 18
# a tank, a jet or a battalion is drawn as large as this many troops (the legend's size key)
EQUIPMENT_WEIGHT = max(row["weight"] for kind, row in unit_kinds().items() if kind != "troops")
MIN_RADIUS, MAX_RADIUS, SCALE = 5.0, 45.0, 12.0  # radius = sqrt(troops) / SCALE pixels
DAYS_LISTED = 40  # a symbol with up to this many report days lists them, so the as-of view can test each
REPORTS_IN_PAGE = 6000  # reports listed in popups over the whole map: keeps a large map's page small


def esc(value) -> str:
    """Text made safe for HTML and for the JavaScript template strings folium writes."""
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def js_json(data) -> str:
    """JSON safe to place inside a <script> element (no "</script>", no "<!--")."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# -- figures as people write them ---------------------------------------------------
def _n(value) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def count_label(p: dict) -> str:
    """The figure with its range: "about 15,000 (13,500–16,500)", "more than 100,000 (100,000 or more)"."""
    lo, hi, n = p.get("count_min"), p.get("count_max"), p.get("count")
    if lo is not None and hi is not None:
        rng = _n(lo) if lo == hi else f"{_n(lo)}–{_n(hi)}"
    elif lo is not None:
        rng = f"{_n(lo)} or more"
    elif hi is not None:
        rng = f"at most {_n(hi)}"
    else:
        rng = ""
    if n is None:
        return f"{rng} (vague)" if rng else "unknown"
    label = f"{p['qualifier']} {_n(n)}" if p.get("qualifier") else _n(n)
    return label if rng in ("", _n(n)) else f"{label} ({rng})"


def short_count(value: float | None) -> str:
    """A symbol's label: "175k", "8.5k", "1.2M", "900"."""
    if not value:
        return "?"
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            v = value / size
            return (f"{v:.1f}".rstrip("0").rstrip(".") if v < 10 else f"{v:.0f}") + suffix
    return f"{value:.0f}"


def radius(size: float, unit: str) -> float:
    """Symbol radius in pixels: area proportional to the count, troops and equipment on one scale."""
    row = unit_kinds().get(unit)
    weight = row["weight"] if row else EQUIPMENT_WEIGHT
    return round(min(MAX_RADIUS, max(MIN_RADIUS, math.sqrt(max(size, 1) * weight) / SCALE)), 1)


# -- popups -------------------------------------------------------------------------
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


def provenance(p: dict) -> str:
    """The article's title (else its file name), its source and a link when the URL is http(s)."""
    title = esc(p.get("title") or p.get("doc"))
    url = p.get("url") or ""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        title = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    source = f" <small>({esc(p['source'])})</small>" if p.get("source") else ""
    return title + source


def _where(p: dict) -> str:
    how = esc(p.get("relation") or "in")
    return f"{how} {esc(p.get('place'))} <small>({esc(p.get('precision') or p.get('place_type'))})</small>"


def deployment_popup(p: dict, room: int = 400) -> str:
    rows = [
        ("Figure", f"{esc(count_label(p))} {esc(p.get('unit_text'))} <small>({esc(p.get('unit'))})</small>"),
        (
            "Force",
            esc(p.get("force") or UNKNOWN_FORCE)
            + (f" <small>({esc(p['force_text'])})</small>" if p.get("force_text") else ""),
        ),
        ("Place", _where(p) + f" <small>{esc(p.get('place_id'))}</small>"),
    ]
    if p.get("origin"):
        rows.append(("From", esc(p["origin"])))
    rows += [
        ("Status", esc((p.get("status") or "not stated").replace("_", " "))),
        ("Date", esc(p.get("date") or "undated")),
        ("Article", provenance(p)),
        ("Confidence", esc(p.get("confidence"))),
    ]
    rel_s, rel_e = p["start"] - p["quote_start"], p["end"] - p["quote_start"]
    return _table(rows) + f"<blockquote>{_highlight(p['quote'], rel_s, rel_e, room)}</blockquote>"


def report_item(p: dict, room: int) -> str:
    """One report of a symbol's list: date, figure, status, article, the sentence."""
    status = f" · {esc(p['status'].replace('_', ' '))}" if p.get("status") else ""
    origin = f" · from {esc(p['origin'])}" if p.get("origin") else ""
    rel_s, rel_e = p["start"] - p["quote_start"], p["end"] - p["quote_start"]
    return (
        f"<li><b>{esc(p.get('date') or 'undated')}</b> · {esc(count_label(p))} {esc(p.get('unit_text'))}{status}{origin}"
        f" · {_where(p)}<br><small>{provenance(p)} · confidence {esc(p.get('confidence'))}</small>"
        f"<blockquote>{_highlight(p['quote'], rel_s, rel_e, room)}</blockquote></li>"
    )


def _claim_of(p: dict) -> str:
    return p.get("claim") or f"{p['doc']}#{p.get('start', 0)}"  # as geomap.timeline.note names it


def group_popup(group: dict, shown: int, room: int = 400) -> str:
    """Every report of one symbol (or the ``shown`` largest), in date order; with several reports,
    grouped by claim, each claim once: the articles that reported it, its first and last dates
    and the spread of its figures, then its reports listed."""
    feats = sorted(
        group["features"][:shown],
        key=lambda f: (f["properties"].get("date") or "9999", f["properties"]["doc"], f["properties"]["start"]),
    )
    p = feats[0]["properties"]
    n = group["n"]
    head = (
        f"<p class='gm'><b>{esc(p.get('force') or UNKNOWN_FORCE)} · {esc((p.get('unit') or '').replace('_', ' '))}"
        f" {_where(p)}</b>: {n} report{'s' if n != 1 else ''}"
    )
    spans = group.get("claims") or {}
    if n > 1 and spans:
        k = len(spans) + group.get("other_claims", 0)
        head += f" of {k} claim{'s' if k != 1 else ''}"
    if len(feats) < n:
        head += f"; the {len(feats)} largest listed, all in the GeoJSON"
    head += "</p>"
    if n == 1 or not spans:
        return head + "<ol class='gm'>" + "".join(report_item(f["properties"], room) for f in feats) + "</ol>"
    by_claim: dict[str, list[dict]] = defaultdict(list)
    for f in feats:
        by_claim[_claim_of(f["properties"])].append(f)
    order = sorted(spans, key=lambda c: (spans[c]["first"] or "9999", c))
    parts = []
    for c in order:
        listed = by_claim.pop(c, [])
        if spans[c]["reports"] == 1 and listed:  # a claim of one report: the report says it all
            parts.append("<ol class='gm'>" + report_item(listed[0]["properties"], room) + "</ol>")
            continue
        parts.append(
            "<div class='gm-claim'>"
            + span_head(spans[c], esc)
            + (
                "<ol class='gm'>" + "".join(report_item(f["properties"], room) for f in listed) + "</ol>"
                if listed
                else ""
            )
            + "</div>"
        )
    rest = [f for c in sorted(by_claim) for f in by_claim[c]]  # reports of claims past those the symbol tells apart
    if rest:
        parts.append("<ol class='gm'>" + "".join(report_item(f["properties"], room) for f in rest) + "</ol>")
    return head + "".join(parts)


def mention_popup(p: dict, articles: int, docs: list[str]) -> str:
    rows = [
        ("Place", f"{esc(p['place'])} <small>({esc(p['place_type'])}, {esc(p['place_id'])})</small>"),
        ("Articles", esc(articles)),
    ]
    rel_s, rel_e = p["start"] - p["quote_start"], p["end"] - p["quote_start"]
    listed = "".join(f"<li>{esc(d)}</li>" for d in docs[:8]) + ("<li>…</li>" if articles > 8 else "")
    return (
        _table(rows)
        + f"<ul class='gm'>{listed}</ul>"
        + f"<blockquote>{provenance(p)}: {_highlight(p['quote'], rel_s, rel_e)}</blockquote>"
    )


# -- colours ----------------------------------------------------------------------------
def force_colours(forces) -> dict[str, str]:
    """A colour per force: fixed for the common ones, else derived from its name; never two alike."""
    colours, taken = {}, set()
    for force in forces:
        if force in FORCE_COLOURS:
            colours[force] = FORCE_COLOURS[force]
            taken.add(FORCE_COLOURS[force])
    for force in sorted(f for f in forces if f not in colours):
        start = zlib.crc32(force.encode("utf-8"))
        for i in range(len(EXTRA_COLOURS)):
            colour = EXTRA_COLOURS[(start + i) % len(EXTRA_COLOURS)]
            if colour not in taken:
                break
        else:  # more forces than colours: a hue of its own, stepped by the golden angle until free
            i = 0
            while True:
                colour = _hsl((start % 360 + 137.5 * i) % 360)
                if colour not in taken:
                    break
                i += 1
        colours[force] = colour
        taken.add(colour)
    return {force: colours[force] for force in forces}


def _hsl(hue: float) -> str:
    import colorsys

    r, g, b = colorsys.hls_to_rgb(hue / 360, 0.42, 0.65)
    return "#%02X%02X%02X" % (round(r * 255), round(g * 255), round(b * 255))


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
    """A toggleable layer of unit symbols, clustered when dense, known to the time control and filters.

    Force layers stay out of Leaflet's layer control (``control=False``): the page's forces
    panel lists them under their force, with a switch for the whole force.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {% if this.shared %}geomap.subgroup(){% elif this.cluster %}L.markerClusterGroup({maxClusterRadius: 40, chunkedLoading: true}){% else %}L.featureGroup(){% endif %};
        geomap.fill({{ this.get_name() }}, {{ this.data }}, {{ this.meta }});
        {% endmacro %}"""
    )

    def __init__(
        self,
        features: list[dict],
        name: str,
        meta: dict | None = None,
        show: bool = True,
        control: bool = True,
        shared: bool = False,
    ):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "MarkerLayer"
        self.cluster = len(features) > CLUSTER_ABOVE
        self.shared = shared  # one cluster for every force layer: symbols of all forces cluster together
        self.points = [f["geometry"]["coordinates"] for f in features]
        self.data = js_json({"type": "FeatureCollection", "features": features})
        self.meta = js_json(meta or {})


class ScriptLayer(Layer, Verbatim):
    """A layer that geomap.js draws from its data: ``geomap.<kind>(group, data)``."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        geomap.{{ this.kind }}({{ this.get_name() }}, {{ this.data }});
        {% endmacro %}"""
    )

    def __init__(self, kind: str, features: list[dict], name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "ScriptLayer"
        self.kind = kind
        self.data = js_json({"type": "FeatureCollection", "features": features})


def _largest(group: dict) -> dict:
    return max(
        group["features"],
        key=lambda f: (
            f["properties"].get("count") or f["properties"].get("count_min") or 0,
            -f["properties"]["start"],
        ),
    )["properties"]


def _days(dates: set[str]) -> list[str] | None:
    """A symbol's report days for the as-of view, while few (else its first and last day stand for them)."""
    return sorted(dates) if 1 < len(dates) <= DAYS_LISTED else None


def _symbol_props(group: dict, key: tuple, colour: str, shown: int, room: int) -> dict:
    _pid, force, unit, _mode, _background = key
    p = _largest(group)
    vague = p.get("count") is None
    label = short_count(group["size"]) + ("+" if vague and group["size"] else "")
    n = group["n"]
    statuses = sorted(group["status"])
    return {
        "popup": group_popup(group, shown, room),
        "tooltip": f"{esc(force)} · {esc(label)} {esc(unit.replace('_', ' '))} {_where(p)}"
        + ("" if group["first"] else " · undated")
        + ("" if n == 1 else f" · {n} reports"),
        "date": group["first"],
        "last": group["last"],
        "days": _days(group["dates"]),
        "shape": unit,
        "colour": colour,
        "radius": radius(group["size"], unit),
        "label": label,
        "vague": vague,
        "uncertain": all(s in UNCERTAIN for s in statuses),
        "status": statuses,
        "size": group["size"],
        "confidence": group["confidence"],
        "offset": [0, 0],
    }


def _spread(features: list[dict]) -> None:
    """Symbols at one point set around it, in pixels, so that none hides another at any zoom:
    a ring for a few, a sunflower spiral (largest nearest the place) for many."""
    at: dict[tuple, list[dict]] = defaultdict(list)
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        at[(round(lon, 3), round(lat, 3))].append(f)
    for group in at.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda f: -f["properties"]["radius"])
        widest = group[0]["properties"]["radius"]
        if len(group) <= 6:
            # the ring's circumference holds every symbol side by side
            reach = max(widest + 2, sum(2 * f["properties"]["radius"] + 2 for f in group) / (2 * math.pi))
            spots = [(reach, 2 * math.pi * i / len(group) - math.pi / 2) for i in range(len(group))]
        else:
            step = 1.9 * widest + 2
            spots = [(step * math.sqrt(i + 0.5), i * 2.39996) for i in range(len(group))]
        for f, (reach, angle) in zip(group, spots):
            f["properties"]["offset"] = [round(reach * math.cos(angle)), round(reach * math.sin(angle))]


def deployment_layers(data: MapData, colours: dict[str, str], gazetteer: Gazetteer):
    """One layer per force and unit kind ("RU · troops (3)"), reports along borders, reports at an area.

    Returns (force layers, border lines, areas): the areas and border lines as GeoJSON features.
    """
    drawn = sorted(data.drawn(), key=lambda k: tuple(str(x) for x in k))
    shown = max(1, min(data.keep, REPORTS_IN_PAGE // max(1, len(drawn))))
    room = 400 if len(drawn) < 300 else 200
    symbols: dict[tuple[str, str], list[dict]] = defaultdict(list)
    background: dict[str, list[dict]] = defaultdict(list)  # historical figures, by unit kind: drawn apart
    background_n: dict[str, int] = defaultdict(int)
    reports: dict[tuple[str, str], int] = defaultdict(int)
    borders: list[dict] = []
    at_area: dict[str, list[tuple]] = defaultdict(list)
    for key in drawn:
        pid, force, unit, mode, historical = key
        group = data.deployments[key]
        p = _largest(group)
        coords = group["features"][0]["geometry"]["coordinates"]
        if historical:  # a symbol at the place, however it is drawn when current
            props = _symbol_props(group, key, colours[force], shown, room)
            props["approximate"] = mode != "point"
            background[unit].append(
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": coords}, "properties": props}
            )
            background_n[unit] += group["n"]
            continue
        if mode == "border":
            found = border_of(gazetteer, {**p, "_point": coords})
            if found is None:
                mode = "area"
            else:
                lines, coords = found
                borders.append(
                    {
                        "type": "Feature",
                        "geometry": {"type": "MultiLineString", "coordinates": lines},
                        "properties": {"colour": colours[force], "tooltip": f"{esc(force)} {_where(p)}"},
                    }
                )
        if mode == "area" and (pid.startswith("cc:") or pid in gazetteer.light_shapes):
            at_area[pid].append(key)
            continue
        props = _symbol_props(group, key, colours[force], shown, room)
        props["approximate"] = mode != "point"
        reports[(force, unit)] += group["n"]
        symbols[(force, unit)].append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": coords}, "properties": props}
        )
    shared = sum(len(feats) for feats in symbols.values()) > SHARED_CLUSTER_ABOVE
    if not shared:
        _spread([f for feats in symbols.values() for f in feats] + [f for feats in background.values() for f in feats])
    rank = {force: i for i, force in enumerate(colours)}
    layers = []
    for force, unit in sorted(
        symbols, key=lambda g: (rank[g[0]], UNIT_ORDER.index(g[1]) if g[1] in UNIT_ORDER else 99)
    ):
        n = reports[(force, unit)]
        meta = {"force": force, "unit": unit, "n": n, "colour": colours[force]}
        layers.append(
            MarkerLayer(
                symbols[(force, unit)],
                f"{esc(force)} · {esc(unit.replace('_', ' '))} ({n})",
                meta,
                control=False,
                shared=shared,
            )
        )
    for unit in sorted(background, key=lambda u: UNIT_ORDER.index(u) if u in UNIT_ORDER else 99):
        n = background_n[unit]
        layers.append(
            MarkerLayer(
                background[unit],
                f"Background figures · {esc(unit.replace('_', ' '))} ({n})",
                {"background": True, "unit": unit, "n": n},
                show=False,
            )
        )
    areas = []
    for pid in sorted(at_area):
        keys = sorted(at_area[pid], key=lambda k: (rank[k[1]], k[2]))
        place = gazetteer.by_id.get(pid)
        name = place.name if place else data.places.get(pid, (pid,))[0]
        lines, popups, total = [], [], 0
        for key in keys:
            group = data.deployments[key]
            total += group["n"]
            label = short_count(group["size"]) + ("+" if _largest(group).get("count") is None and group["size"] else "")
            lines.append(f"{key[1]} {label} {key[2].replace('_', ' ')} ({group['n']})")
            popups.append(group_popup(group, shown, room))
        lead = max(keys, key=lambda k: data.deployments[k]["n"])[1]
        first = min((data.deployments[k]["first"] for k in keys if data.deployments[k]["first"]), default=None)
        last = max((data.deployments[k]["last"] for k in keys if data.deployments[k]["last"]), default=None)
        lat, lon = (place.lat, place.lon) if place else data.places[pid][1:3]
        areas.append(
            {
                "type": "Feature",
                "geometry": light_shape(gazetteer, pid),
                "properties": {
                    # name and summary go into the page as text (textContent), never as HTML
                    "name": name,
                    "summary": lines,
                    "colour": colours[lead],
                    "reports": total,
                    "popup": "<hr>".join(popups),
                    "at": [lat, lon],
                    "date": first,
                    "last": last,
                    "days": _days(set().union(*(data.deployments[k]["dates"] for k in keys))),
                    "forces": sorted({k[1] for k in keys}, key=lambda f: rank[f]),
                    "region": not pid.startswith("cc:"),
                    # for the panel's filters: the area shows while one of its reports passes them
                    "size": max(data.deployments[k]["size"] for k in keys),
                    "confidence": max(data.deployments[k]["confidence"] for k in keys),
                    "status": sorted(set().union(*(data.deployments[k]["status"] for k in keys))),
                    "tooltip": f"<b>{esc(name)}</b> (whole area): " + esc("; ".join(lines)),
                },
            }
        )
    return layers, borders, areas


def mention_layer(data: MapData) -> Layer:
    """One symbol per place named, however many articles name it."""
    drawn = []
    for pid in sorted(data.mentions):
        m = data.mentions[pid]
        p = m["feature"]["properties"]
        n = m["articles"]
        drawn.append(
            {
                "type": "Feature",
                "geometry": m["feature"]["geometry"],
                "properties": {
                    "popup": mention_popup(p, n, m["docs"]),
                    "tooltip": f"{esc(p['place'])} · {n} article{'s' if n != 1 else ''}",
                    "date": m["date"],
                    "shape": "mention",
                    "colour": "#555555",
                    "label": "",
                    "radius": round(min(14.0, 5 + 2 * math.log10(n + 1)), 1),
                    "vague": False,
                    "uncertain": False,
                    "offset": [0, 0],
                },
            }
        )
    return MarkerLayer(drawn, f"Place mentions ({len(drawn)} places)", {"mentions": True}, show=False)


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
        drawn.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[origin.lon, origin.lat], dest]},
                "properties": {
                    "popup": group_popup(group, 1),
                    "colour": colours.get(force, "#333333"),
                    "date": group["first"],
                    "last": group["last"],
                    "days": _days(group["dates"]),
                    "tooltip": f"{esc(origin.name)} → {esc(p.get('place'))}: {esc(count_label(p))} {esc(p.get('unit_text'))}",
                },
            }
        )
    # many arrows hide the symbols: a large map offers them unticked
    return ScriptLayer("movements", drawn, f"Movements ({len(drawn)})", show=len(drawn) <= 60) if drawn else None


SHADED_KINDS = ("country", "admin1", "disputed")


def troops_layer(data: MapData, colours: dict[str, str], gazetteer: Gazetteer) -> GeoJsonLayer | None:
    """Countries and divisions shaded by the largest troop figure reported there, in the colour of the
    force with most troops; off by default (a figure is reported, not counted, so none are added up)."""
    by_place: dict[str, dict[str, int]] = defaultdict(dict)
    for (pid, force), troops in data.troops.items():
        place = gazetteer.by_id.get(pid)
        if (
            place is not None
            and place.kind in SHADED_KINDS
            and (pid.startswith("cc:") or pid in gazetteer.light_shapes)
        ):
            by_place[pid][force] = troops
    if not by_place:
        return None
    shaded = []
    for pid in sorted(by_place, key=lambda k: (-max(by_place[k].values()), k))[:300]:
        forces = sorted(by_place[pid].items(), key=lambda kv: (-kv[1], kv[0]))
        top = forces[0][1]
        shaded.append(
            {
                "type": "Feature",
                "geometry": light_shape(gazetteer, pid),
                "properties": {
                    "name": esc(gazetteer.by_id[pid].name),
                    "colour": colours.get(forces[0][0], "#666666"),
                    "troops": esc("; ".join(f"{force} {troops:,}" for force, troops in forces)),
                    "opacity": round(min(0.5, 0.08 * math.log10(max(top, 10))), 3),
                    "months": data.time.region_counts(pid),
                },
            }
        )  # reports per month: the shading follows the time control
    return GeoJsonLayer(
        {"type": "FeatureCollection", "features": sorted(shaded, key=lambda f: f["properties"]["name"])},
        name=f"Troops by area ({len(shaded)})",
        style_function=lambda f: {
            "color": f["properties"]["colour"],
            "weight": 0.8,
            "opacity": 0.6,
            "fillColor": f["properties"]["colour"],
            "fillOpacity": f["properties"]["opacity"],
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "troops"], aliases=["Area", "Largest troop figure per force"]),
        show=False,
    )


def basemap_layers(gazetteer: Gazetteer, countries_named: set[str]) -> list[GeoJsonLayer]:
    """Country outlines, and first-level outlines of the countries the corpus names: no network needed."""
    countries = [
        {"type": "Feature", "geometry": shape, "properties": {}} for pid, shape in country_shapes(gazetteer).items()
    ]
    base = GeoJsonLayer(
        {"type": "FeatureCollection", "features": countries},
        name="Countries (offline basemap)",
        overlay=False,
        control=True,
        style_function=lambda f: {"color": "#8a8a8a", "weight": 0.7, "fillColor": "#f2efe9", "fillOpacity": 1.0},
        smooth_factor=1.5,
    )
    admin = [
        {"type": "Feature", "geometry": light_shape(gazetteer, pid), "properties": {}}
        for pid in sorted(gazetteer.light_shapes)
        if pid.startswith("a1:") and gazetteer.by_id.get(pid) and gazetteer.by_id[pid].country in countries_named
    ]
    lines = GeoJsonLayer(
        {"type": "FeatureCollection", "features": admin},
        name=f"First-level boundaries ({len(admin)})",
        overlay=True,
        control=True,
        show=True,
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
        parts = ['<meta name="viewport" content="width=device-width, initial-scale=1">']
        for package, css, js in self.VENDOR:
            for name in css:
                parts.append(
                    f"<style>/* {package} */\n{(static / 'vendor' / package / name).read_text(encoding='utf-8')}</style>"
                )
            for name in js:
                parts.append(
                    f"<script>/* {package} */\n{(static / 'vendor' / package / name).read_text(encoding='utf-8')}</script>"
                )
        parts.append(f"<style>{(static / 'geomap.css').read_text(encoding='utf-8')}</style>")
        parts.append(f"<script>{(static / 'geomap.js').read_text(encoding='utf-8')}</script>")
        parts.append(f"<script>geomap.shapes = {js_json(symbol_shapes())};</script>")
        parts.append(f"<style>{(static / 'timeline.css').read_text(encoding='utf-8')}</style>")
        parts.append(f"<script>{(static / 'timeline.js').read_text(encoding='utf-8')}</script>")
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
    """Title, legend, forces and filters, places without a precise point, labels, search, time control."""

    _template = Template(
        """{% macro html(this, kwargs) %}
        <div class="gm-box gm-title">{{ this.title }}<div class="gm-sub">{{ this.subtitle }}</div></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map) {
          geomap.map = map;
          map.addControl(new L.Control.FullScreen({position: "topleft"}));
          new L.Control.MiniMap(L.geoJSON({{ this.basemap.get_name() }}.toGeoJSON(), {style: {color: "#888", weight: 0.5, fillColor: "#eee", fillOpacity: 1}}),
                                {toggleDisplay: true, minimized: window.innerWidth < 700, position: "bottomright", zoomLevelOffset: -5}).addTo(map);
          geomap.labels(map, {{ this.labels }});
          geomap.search(map, {{ this.places }});
          geomap.panel(map, {{ this.legend }});
          geomap.legend(map, {{ this.legend }});
          {% if this.shading %}geomap.regionLayer = {{ this.shading.get_name() }};{% endif %}
          geomap.timeControl(map, {{ this.dates }}, {{ this.timeline }});
        })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, title, subtitle, legend, places, dates, basemap, labels, timeline=None, shading=None):
        super().__init__()
        self.timeline = js_json(timeline or {})  # histogram and strength chart (geomap.timeline.TimeData.payload)
        self.shading = shading
        self._name = "Controls"
        self.title, self.subtitle = esc(title), esc(subtitle)
        self.legend = js_json(legend)
        self.places = js_json(places)
        self.dates = js_json(dates)
        self.labels = js_json(labels)
        self.basemap = basemap


def symbol_shapes() -> dict[str, str]:
    """Each unit kind's symbol (geomap/units.toml) and the place mentions' dot."""
    return {**{kind: row["shape"] for kind, row in unit_kinds().items()}, "mention": MENTION_SHAPE}


def legend_entries(colours: dict[str, str], data: MapData) -> dict:
    """What the legend and the panel list; the page draws them with the same symbols as the map."""
    statuses = set()
    units = set()
    for key in data.drawn():
        statuses |= data.deployments[key]["status"]
        if not key[4]:  # background figures: a layer of their own, not in the legend's unit kinds
            units.add(key[2])
    sizes = [[short_count(n), radius(n, "troops")] for n in (1_000, 10_000, 100_000)]
    return {
        "forces": [[force, colour] for force, colour in colours.items()],
        "units": [[unit, unit_kinds()[unit]["label"]] for unit in UNIT_ORDER if unit in units],
        "status": [[s, s.replace("_", " ") if s else "not stated"] for s in STATUS_ORDER if s in statuses],
        "sizes": sizes,
        "weight": EQUIPMENT_WEIGHT,
    }


# -- the map ------------------------------------------------------------------------------
def build_map(
    data, gazetteer: Gazetteer, title: str = "geomap: reported deployments", online_tiles: bool = True
) -> folium.Map:
    """A self-contained Folium map of a :class:`MapData` (or of a list of features)."""
    if not isinstance(data, MapData):
        data = MapData.of(data)
    # markercluster needs the map's maxZoom; with no tile layer Leaflet has none ("Map has no maxZoom specified")
    fmap = folium.Map(
        location=[50, 30],
        zoom_start=4,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        minZoom=1,
        maxZoom=MAX_ZOOM,
    )
    fmap.default_js, fmap.default_css = [], []  # inlined by Assets instead of fetched from a CDN
    Assets().add_to(fmap)
    top = {cc for cc, _ in sorted(data.deployed_countries.items(), key=lambda kv: (-kv[1], kv[0]))[:8]}
    base_layers = basemap_layers(gazetteer, top or set(sorted(data.countries)[:8]))
    for layer in base_layers:
        layer.add_to(fmap)
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False, show=False).add_to(fmap)
    forces: dict[str, int] = defaultdict(int)
    for key in data.drawn():
        forces[key[1]] += data.deployments[key]["n"]
    colours = force_colours(sorted(forces, key=lambda f: (-forces[f], f)))
    troops = troops_layer(data, colours, gazetteer)
    if troops is not None:
        troops.add_to(fmap)
    layers, borders, areas = deployment_layers(data, colours, gazetteer)
    if areas:
        ScriptLayer("areas", areas, f"Reports for a whole country or region ({len(areas)})").add_to(fmap)
    if borders:
        ScriptLayer("borders", borders, f"Reports along a border ({len(borders)})").add_to(fmap)
    for layer in layers:
        layer.add_to(fmap)
    movements = movement_layer(data, colours, gazetteer)
    if movements is not None:
        movements.add_to(fmap)
    mention_layer(data).add_to(fmap)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    left_off = data.not_drawn
    subtitle = f"{data.n_deployments} deployments · {len(data.mentions)} places · {data.docs} articles" + (
        f" · {left_off} reports in smaller groups not drawn (all are in the GeoJSON)" if left_off else ""
    )
    timeline = data.time.payload(lambda pid: data.places[pid][1:3] if pid in data.places else None)
    timeline["colours"] = colours
    Controls(
        title,
        subtitle,
        legend_entries(colours, data),
        search_index(data, gazetteer),
        sorted(set(data.dates) | set(data.time.days)),
        base_layers[0],
        labels(gazetteer),
        timeline,
        troops,
    ).add_to(fmap)
    # the view holds every symbol, and every area that is not continent-sized
    points = [xy for layer in layers for xy in layer.points]
    for area in areas:
        from shapely.geometry import shape

        x0, y0, x1, y1 = shape(area["geometry"]).bounds
        points += [[x0, y0], [x1, y1]] if x1 - x0 < 25 and y1 - y0 < 20 else [area["properties"]["at"][::-1]]
    points = points or [m["feature"]["geometry"]["coordinates"] for m in data.mentions.values()]
    if points:
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        fmap.fit_bounds([[min(lats) - 1, min(lons) - 1], [max(lats) + 1, max(lons) + 1]])
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
