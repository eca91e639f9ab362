import json
import math
import re

import pytest

from geomap.webmap import (EXTRA_COLOURS, FORCE_COLOURS, build_map, count_label, country_shapes, esc, force_colours,
                           labels, provenance, radius, search_index, short_count)
from geomap.mapdata import MapData

EVIL = "<img src=x onerror=alert(1)> `${alert(2)}` \\u003c/script>"
GRODNO = [23.83, 53.68]


def feature(kind, coords=(27.9, 53.7), **extra):
    props = {
        "kind": kind, "doc": "evil<b>.txt", "count": 5000, "count_min": 5000, "count_max": 5000, "qualifier": None,
        "unit": "troops", "unit_text": "troops", "force": "RU", "status": None, "date": "2022-02-01",
        "place": "Belarus", "place_text": "Belarus", "place_id": "cc:BY", "place_type": "country", "country": "BY",
        "role": "location", "mentions": 1, "quote": f"Russia sent 5,000 troops {EVIL} to Belarus.", "quote_start": 0,
        "start": 12, "end": 24, "confidence": 0.9, "precision": "country", "relation": "in",
    }
    props.update(extra)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(coords)}, "properties": props}


def grodno(**extra):
    base = dict(place="Grodno", place_text="Grodno", place_id="gn:627904", place_type="city", precision="city",
                quote="Russia sent 5,000 troops to Grodno.", coords=GRODNO)
    base.update(extra)
    coords = base.pop("coords")
    return feature("deployment", coords, **base)


def render(feats, gazetteer) -> str:
    page = build_map(feats, gazetteer).get_root().render()
    # the layers' data sit in the page as JSON with <, > and & written as \u escapes; read them as the browser will
    for code, char in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'")):
        page = page.replace(code, char)
    return page


def layers(page: str, kind: str = "fill") -> list[tuple[dict, dict]]:
    """The data of every layer geomap.js draws: (FeatureCollection, meta)."""
    if kind == "fill":
        return [(json.loads(d), json.loads(m)) for d, m in re.findall(r"geomap\.fill\([^,]+, (\{.*?\}), (\{.*?\})\);\n", page)]
    return [(json.loads(d), {}) for d in re.findall(rf"geomap\.{kind}\([^,]+, (\{{.*?\}})\);\n", page)]


@pytest.fixture(scope="module")
def html(gazetteer):
    feats = [grodno(), grodno(force="US", count=8500, count_min=8500, count_max=8500),
             grodno(force=None, count=None, count_min=1000, count_max=9999), feature("deployment"), feature("mention")]
    return render(feats, gazetteer)


def test_force_layers_carry_their_force_and_unit(html):
    metas = [m for _, m in layers(html) if m.get("force")]
    assert [(m["force"], m["unit"], m["n"]) for m in metas] == [
        ("RU", "troops", 1), ("US", "troops", 1), ("unattributed", "troops", 1)]
    for name in ("Place mentions (1 places)", "Countries (offline basemap)", "Reports for a whole country or region (1)",
                 "Troops by area (1)"):
        assert json.dumps(name) in html  # as the layer control's keys


def test_self_contained(html):
    # Leaflet and its plugins are inlined: no script or stylesheet is fetched
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+stylesheet", html)
    assert "L.featureGroup" in html
    assert "L.Control.FullScreen" in html and "L.Control.MiniMap" in html
    assert '"maxZoom": 18' in html  # markercluster needs it


def test_article_text_is_escaped(html):
    assert "<img src=x" not in html
    assert "${alert(2)}" not in html
    assert "evil<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_figure_highlighted_in_quote(html):
    assert "<mark>5,000 troops</mark>" in html


def test_reports_at_one_place_share_a_symbol_listing_each_in_date_order(gazetteer):
    feats = [grodno(date="2022-02-10", count=3000, count_min=3000, count_max=3000, doc="b.txt", quote="Q-second 3,000."),
             grodno(date="2022-01-05", count=1000, count_min=1000, count_max=1000, doc="a.txt", quote="Q-first 1,000."),
             grodno(date=None, count=9000, count_min=9000, count_max=9000, doc="c.txt", quote="Q-undated 9,000.")]
    page = render(feats, gazetteer)
    (data, meta), = [(d, m) for d, m in layers(page) if m.get("force")]
    (symbol,) = data["features"]
    p = symbol["properties"]
    assert p["label"] == "9k" and p["date"] == "2022-01-05" and p["size"] == 9000
    popup = p["popup"]
    assert "3 reports" in popup
    assert popup.index("Q-first") < popup.index("Q-second") < popup.index("Q-undated")  # date order, undated last


def test_symbols_at_one_place_are_spread_in_pixels(html):
    offsets = [f["properties"]["offset"] for d, m in layers(html) if m.get("force") for f in d["features"]]
    assert len(offsets) == 3 and len({tuple(o) for o in offsets}) == 3
    # far enough apart that none covers another: the ring's chord exceeds the symbols' diameters
    assert min(math.dist(a, b) for i, a in enumerate(offsets) for b in offsets[i + 1:]) > 10


def test_a_country_level_report_is_an_area_not_a_point(html):
    points = [f for d, m in layers(html) if m.get("force") for f in d["features"]]
    assert all(f["geometry"]["coordinates"] == GRODNO for f in points)  # none at Belarus's centre
    (areas, _), = layers(html, "areas")
    (area,) = areas["features"]
    assert area["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert area["properties"]["summary"] == ["RU 5k troops (1)"]
    assert "5,000 troops" in area["properties"]["popup"]


def test_a_border_report_is_drawn_on_the_border_line(gazetteer):
    from shapely.geometry import Point, shape

    f = feature("deployment", (32.0, 49.0), place="Ukraine", place_id="cc:UA", country="UA", precision="border",
                relation="along the border of", force="RU", count=100000, count_min=100000, count_max=None)
    page = render([f], gazetteer)
    (symbol,) = [s for d, m in layers(page) if m.get("force") for s in d["features"]]
    lon, lat = symbol["geometry"]["coordinates"]
    shapes = country_shapes(gazetteer)
    ua, ru = shape(shapes["cc:UA"]), shape(shapes["cc:RU"])
    assert ua.boundary.distance(Point(lon, lat)) < 0.05 and ru.distance(Point(lon, lat)) < 0.2
    assert symbol["properties"]["approximate"] is True
    (lines, _), = layers(page, "borders")
    assert lines["features"][0]["geometry"]["type"] == "MultiLineString"


def test_crimea_is_drawn_as_part_of_ukraine(gazetteer):
    from shapely.geometry import Point, shape

    shapes = country_shapes(gazetteer)
    simferopol, sevastopol, rostov = Point(34.1, 44.95), Point(33.52, 44.6), Point(39.7, 47.23)
    assert shape(shapes["cc:UA"]).contains(simferopol) and shape(shapes["cc:UA"]).contains(sevastopol)
    assert not shape(shapes["cc:RU"]).buffer(0.02).contains(simferopol)
    assert shape(shapes["cc:RU"]).contains(rostov)


def test_colours_are_fixed_per_force_and_never_shared():
    assert force_colours(["US", "RU"]) == {"US": FORCE_COLOURS["US"], "RU": FORCE_COLOURS["RU"]}
    assert force_colours(["RU", "Wagner"])["Wagner"] == force_colours(["Wagner"])["Wagner"]  # stable across maps
    many = [f"group{i}" for i in range(40)] + ["RU", "UA", "US"]
    colours = force_colours(many)
    assert len(set(colours.values())) == len(many)
    assert set(colours[f] for f in many[:len(EXTRA_COLOURS)]) <= set(EXTRA_COLOURS) | {c for c in colours.values()}


@pytest.mark.parametrize("props,text", [
    ({"count": 100000, "count_min": 100000, "count_max": None, "qualifier": "more than"}, "more than 100,000 (100,000 or more)"),
    ({"count": None, "count_min": 1000, "count_max": 9999, "qualifier": None}, "1,000–9,999 (vague)"),
    ({"count": 15000, "count_min": 13500, "count_max": 16500, "qualifier": "about"}, "about 15,000 (13,500–16,500)"),
    ({"count": 10, "count_min": None, "count_max": 10, "qualifier": "up to"}, "up to 10 (at most 10)"),
    ({"count": 5000, "count_min": 5000, "count_max": 5000, "qualifier": None}, "5,000"),
])
def test_ranges_read_as_people_write_them(props, text):
    assert count_label(props) == text


def test_counts_label_symbols_and_area_follows_the_count():
    assert [short_count(n) for n in (175000, 8500, 1200000, 900, 246000)] == ["175k", "8.5k", "1.2M", "900", "246k"]
    assert abs(radius(40000, "troops") - 2 * radius(10000, "troops")) <= 0.1  # area proportional to the count
    assert radius(246000, "troops") > radius(175000, "troops") > radius(130000, "troops")  # no cap at these
    assert radius(100, "armor") == radius(10000, "troops")


def test_popup_gives_title_source_and_only_web_links():
    p = {"doc": "a.txt", "title": "Troops <b>move</b>", "source": "Wire", "url": "https://example.org/a?x=1&y=2"}
    assert provenance(p) == ('<a href="https://example.org/a?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">'
                             "Troops &lt;b&gt;move&lt;/b&gt;</a> <small>(Wire)</small>")
    assert provenance({"doc": "a<b>.txt", "url": "javascript:alert(1)"}) == "a&lt;b&gt;.txt"


def test_search_knows_the_gazetteer_and_other_spellings(gazetteer):
    index = search_index(MapData(), gazetteer)
    kyiv = [r for r in index if r[0] == "Kyiv"]
    assert kyiv and "kiev" in kyiv[0][4].split("|")
    assert any(r[0] == "Kropyvnytskyi" and any(a.startswith("kirovograd") for a in r[4].split("|")) for r in index)
    assert 5000 < len(index) < 20000  # bounded: larger places, not all 130,000
    assert len(json.dumps(index, ensure_ascii=False)) < 1_000_000


def test_labels_appear_with_zoom(gazetteer):
    rows = {(r[0], r[4]): r[3] for r in labels(gazetteer)}
    assert rows[("Ukraine", "country")] == 3 and rows[("Kyiv", "city")] == 5
    assert ("Grodno", "city") not in rows  # 370,000 people: no label


def test_troop_shading_is_off_by_default(gazetteer):
    fmap = build_map([grodno(), feature("deployment")], gazetteer)
    (layer,) = [c for c in fmap._children.values() if getattr(c, "layer_name", "").startswith("Troops by area")]
    assert layer.show is False


def test_ids_are_deterministic(gazetteer):
    a = build_map([feature("deployment"), grodno()], gazetteer).get_root().render()
    b = build_map([feature("deployment"), grodno()], gazetteer).get_root().render()
    assert a == b
    assert not re.search(r"[0-9a-f]{32}", a)


def test_esc_closes_js_template_escapes():
    assert esc("`$\\") == "&#96;&#36;&#92;"


def test_article_text_is_never_read_as_a_template(gazetteer, tmp_path):
    """Jinja syntax in an article stays text: no expression of it is evaluated at build time."""
    marker = tmp_path / "ran"
    quote = ("Russia sent 5,000 troops to Belarus {{ 'gmq' ~ 'zxw' }} {% for x in [1] %}LOOP{% endfor %} "
             f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}.")
    feats = [feature("deployment", quote=quote, doc="{{ 6 * 7 }}.txt"), feature("mention", quote=quote)]
    page = build_map(feats, gazetteer).get_root().render()
    assert "{{ \\u0026#x27;gmq\\u0026#x27; ~ \\u0026#x27;zxw\\u0026#x27; }}" in page and "gmqzxw" not in page
    assert "{% for x in [1] %}LOOP{% endfor %}" in page
    assert "{{ 6 * 7 }}.txt" in page
    assert not marker.exists()


def test_no_quote_starts_with_the_article_header():
    # the seeds open with "date 2022-02-01" on the first sentence's line: it is no part of the quote
    from pathlib import Path

    from geomap.pipeline import default_pipeline
    from geomap.model import Document
    from geomap.export import deployment_feature

    text = " date 2022-02-01 According to officials, Moscow has sent 5,000 troops to Grodno."
    (d,) = default_pipeline().process(Document("a.txt", text, "2022-02-01")).deployments
    p = deployment_feature(d)["properties"]
    assert p["quote"] == "According to officials, Moscow has sent 5,000 troops to Grodno."
    assert text[p["quote_start"]:p["quote_start"] + len(p["quote"])] == p["quote"]
    committed = json.loads((Path(__file__).parent.parent / "maps" / "deployments.geojson").read_text(encoding="utf-8"))
    assert not [f for f in committed["features"] if f["properties"]["quote"].lower().startswith("date ")]


def test_a_border_place_is_drawn_where_the_text_put_it_with_its_line(gazetteer):
    # the linker's border places (bd:RU-UA) carry a point on the line: the symbol stays there
    f = feature("deployment", (36.6169, 50.2064), place="Russia-Ukraine border", place_id="bd:RU-UA", country=None,
                place_type="border", precision="border", relation="along the border of", force="RU")
    page = render([f], gazetteer)
    (symbol,) = [s for d, m in layers(page) if m.get("force") for s in d["features"]]
    assert symbol["geometry"]["coordinates"] == [36.6169, 50.2064]
    (lines, _), = layers(page, "borders")
    assert len(lines["features"]) == 1


def test_unit_kinds_come_from_one_table():
    """geomap/units.toml defines the kinds: the lexicon's nouns, the map's order, labels, shapes and weights."""
    from geomap.lexicon import UNIT_KINDS, load, unit_kinds
    from geomap.webmap import UNIT_ORDER, radius, symbol_shapes

    assert UNIT_ORDER == UNIT_KINDS == tuple(unit_kinds())
    assert set(load().units.values()) == set(UNIT_KINDS)  # every kind has nouns, no noun a kind not defined
    assert symbol_shapes() == {**{k: r["shape"] for k, r in unit_kinds().items()}, "mention": '<circle cx="12" cy="12" r="6"/>'}
    assert radius(100, "armor") == radius(10_000, "troops")  # weight 100: a tank is drawn as 100 troops
