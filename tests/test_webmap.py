import json
import re

import pytest

from geomap.webmap import build_map, esc

EVIL = "<img src=x onerror=alert(1)> `${alert(2)}` \\u003c/script>"


def feature(kind, **extra):
    props = {
        "kind": kind, "doc": "evil<b>.txt", "count": 5000, "count_min": 5000, "count_max": 5000, "qualifier": None,
        "unit": "troops", "unit_text": "troops", "force": "RU", "status": None, "date": "2022-02-01",
        "place": "Belarus", "place_text": "Belarus", "place_id": "cc:BY", "place_type": "country", "role": "location",
        "mentions": 1, "quote": f"Russia sent 5,000 troops {EVIL} to Belarus.", "quote_start": 0, "start": 12,
        "end": 24, "confidence": 0.9,
    }
    props.update(extra)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [27.9, 53.7]}, "properties": props}


@pytest.fixture(scope="module")
def html(gazetteer):
    feats = [feature("deployment"), feature("deployment", force="US", count=8500),
             feature("deployment", force=None, count=None, count_min=1000, count_max=9999), feature("mention")]
    page = build_map(feats, gazetteer).get_root().render()
    # the layers' data sit in the page as JSON with <, > and & written as \u escapes;
    # read them as the browser will
    for code, char in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'")):
        page = page.replace(code, char)
    return page


def test_layers_named_per_force(html):
    for name in ("RU · troops (1)", "US · troops (1)", "unattributed · troops (1)",
                 "Place mentions (1 places)", "Countries (offline basemap)", "Regions reported (1)"):
        assert json.dumps(name) in html  # as the layer control's keys


def test_self_contained(html):
    # Leaflet and its plugins are inlined: no script or stylesheet is fetched
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+stylesheet", html)
    assert "L.markerClusterGroup" in html or "L.featureGroup" in html
    assert "L.Control.FullScreen" in html and "L.Control.MiniMap" in html


def test_feature_count_and_symbols(html):
    data = re.findall(r"geomap\.fill\([^,]+, (\{.*?\})\);\n", html)
    counts = [len(json.loads(d)["features"]) for d in data]
    assert sorted(counts) == [1, 1, 1, 1]  # three force layers and the mentions layer


def test_article_text_is_escaped(html):
    assert "<img src=x" not in html
    assert "${alert(2)}" not in html
    assert "evil<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_figure_highlighted_in_quote(html):
    assert "<mark>5,000 troops</mark>" in html


def test_ids_are_deterministic(gazetteer):
    a = build_map([feature("deployment")], gazetteer).get_root().render()
    b = build_map([feature("deployment")], gazetteer).get_root().render()
    assert a == b
    assert not re.search(r"[0-9a-f]{32}", a)


def test_esc_closes_js_template_escapes():
    assert esc("`$\\") == "&#96;&#36;&#92;"


def test_article_text_is_never_read_as_a_template(gazetteer, tmp_path):
    """Jinja syntax in an article stays text: no expression of it is evaluated at build time."""
    marker = tmp_path / "ran"
    quote = ("Russia sent 5,000 troops to Belarus {{ 7 * 191 }} {% for x in [1] %}LOOP{% endfor %} "
             f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}.")
    feats = [feature("deployment", quote=quote, doc="{{ 6 * 7 }}.txt"), feature("mention", quote=quote)]
    page = build_map(feats, gazetteer).get_root().render()
    assert "{{ 7 * 191 }}" in page and "1337" not in page
    assert "{% for x in [1] %}LOOP{% endfor %}" in page
    assert "{{ 6 * 7 }}.txt" in page
    assert not marker.exists()
