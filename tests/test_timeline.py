"""The map over time: a claim drawn once, the as-of view, the histogram, the strength chart (headless Chromium)."""
import time

import pytest

from geomap.timeline import note, span_head
from geomap.webmap import esc


def open_map(browser, path):
    browser.get(path.resolve().as_uri())
    deadline = time.time() + 20
    while time.time() < deadline:
        if browser.execute_script("return document.querySelectorAll('.leaflet-control-layers-overlays label').length"):
            break
        time.sleep(0.2)
    time.sleep(0.3)


ARTICLES = {
    "a.txt": "Date: 2022-01-10\n\nRussia has sent 5,000 troops to Belarus.",
    "b.txt": "Date: 2022-01-20\n\nAbout 5,000 Russian troops are now in Belarus, officials said.",
    "c.txt": "Date: 2022-03-15\n\nPoland has sent 2,000 troops to Lithuania.",
    "d.txt": "Date: 2022-03-01\n\nRussia moved 3,000 troops from Rostov to Crimea.",
    "e.txt": "Date: 2022-03-01\n\nIn 2014, Russia had 20,000 troops in Crimea.",
}


@pytest.fixture(scope="module")
def timeline_map(tmp_path_factory, pipeline):
    from geomap.builder import build

    root = tmp_path_factory.mktemp("timeline")
    (root / "corpus").mkdir()
    for name, text in ARTICLES.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    build([root / "corpus"], root / "out", pipeline)
    return root / "out" / "deployments.html"


# what the map shows of the deployments: symbols and whole-area reports (the corpus's places are
# countries and a region, drawn as areas), background figures and movements apart
ICONS = ("return geomap.layers.filter(function (l) { return !l.movements && !l.meta.mentions && !l.meta.background; })"
         ".reduce(function (n, l) { return n + l.group.getLayers().length; }, 0)")


def set_control(browser, **values):
    """Set the time control's selects and slider (value, or 'max') as a person would."""
    for cls, value in values.items():
        if cls == "slider":
            browser.execute_script(
                "var i = document.querySelector('.gm-time input[type=range]');"
                "i.value = arguments[0] === 'max' ? i.max : arguments[0]; i.dispatchEvent(new Event('input'));", value)
        else:
            browser.execute_script(
                "var s = document.querySelector('.gm-' + arguments[0]); s.value = arguments[1];"
                "s.dispatchEvent(new Event('change'));", cls, value)


def test_a_claim_is_drawn_once_with_its_articles(browser, timeline_map):
    open_map(browser, timeline_map)
    # a and b are one claim; the background figure of 2014 is in a hidden layer of its own
    assert browser.execute_script(ICONS) == 3
    overlays = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label')).map(l => l.textContent.trim())")
    assert "Background figures · troops (1)" in overlays
    background = ("return geomap.layers.filter(function (l) { return l.meta.background; })"
                  ".map(function (l) { return [l.entries.length, geomap.map.hasLayer(l.group)]; })")
    assert browser.execute_script(background) == [[1, False]]  # off by default
    popups = browser.execute_script(
        "var out = []; geomap.layers.forEach(function (l) { l.entries.forEach(function (e) {"
        " var p = e[0].getPopup && e[0].getPopup(); if (p) out.push(p.getContent()); }); }); return out;")
    claim = [p for p in popups if "a.txt" in p and "b.txt" in p and "claim" in p]
    assert len(claim) == 1
    assert "reported by 2 articles · 2022-01-10 to 2022-01-20 · figures 5,000" in claim[0]


def test_as_of_view_filters_every_layer(browser, timeline_map):
    open_map(browser, timeline_map)
    movements = "return geomap.layers.filter(function (l) { return l.movements; })[0].group.getLayers().length"
    belarus = ("var o = null; geomap.regionLayer.eachLayer(function (l) {"
               " if (l.feature.properties.name === 'Belarus') o = l.options.fillOpacity; }); return o;")
    assert browser.execute_script(movements) == 2  # the line and its arrowhead
    set_control(browser, step="day", mode="asof", window="week", slider="max")  # as of 2022-03-15, a week
    label = browser.execute_script("return document.querySelector('.gm-time div').textContent")
    assert label == "Reports from 2022-03-09 to 2022-03-15"
    assert browser.execute_script(ICONS) == 1  # Poland's only
    assert browser.execute_script(movements) == 0  # the arrow of 2022-03-01 is outside the week
    assert browser.execute_script(belarus) == 0  # no report in Belarus in March: unshaded
    set_control(browser, window="month")  # 2022-02-14 to 2022-03-15: the arrow is back
    assert browser.execute_script(ICONS) == 2 and browser.execute_script(movements) == 2
    set_control(browser, mode="cumulative")  # everything up to 2022-03-15
    assert browser.execute_script(ICONS) == 3 and browser.execute_script(belarus) > 0
    # the claim of 2022-01-10..20 as of 2022-01-31 (by month): outside the week before, within the month
    set_control(browser, step="month", mode="asof", window="week", slider=0)
    assert browser.execute_script("return document.querySelector('.gm-time div').textContent") == \
        "Reports from 2022-01-25 to 2022-01-31"
    assert browser.execute_script(ICONS) == 0
    set_control(browser, window="month")
    assert browser.execute_script(ICONS) == 1


def test_histogram_and_steps(browser, timeline_map):
    open_map(browser, timeline_map)
    # 65 days of reports: the slider steps by day at first
    assert browser.execute_script("return document.querySelector('.gm-step').value") == "day"
    set_control(browser, step="day", mode="cumulative")
    bars = browser.execute_script(
        "return Array.from(document.querySelectorAll('.gm-hist rect')).map(r => r.querySelector('title').textContent)")
    # reports per day; the background figure is not counted
    assert bars == ["2022-01-10: 1 report", "2022-01-20: 1 report", "2022-03-01: 1 report", "2022-03-15: 1 report"]
    assert browser.execute_script("return document.querySelector('.gm-time input[type=range]').max") == "65"
    set_control(browser, step="week")
    assert browser.execute_script("return document.querySelector('.gm-time input[type=range]').max") == "10"
    set_control(browser, step="month")
    bars = browser.execute_script(
        "return Array.from(document.querySelectorAll('.gm-hist rect')).map(r => r.querySelector('title').textContent)")
    assert bars == ["2022-01-31: 2 reports", "2022-03-15: 2 reports"]
    browser.execute_script("document.querySelector('.gm-time-opts button').click()")  # one step back from all dates
    assert browser.execute_script("return document.querySelector('.gm-time div').textContent") == "Reports up to 2022-03-15"


def test_strength_chart(browser, timeline_map):
    open_map(browser, timeline_map)
    browser.execute_script("document.querySelector('.gm-strength button').click()")
    set_control(browser, **{"chart-area": "cc:BY"})
    lines = browser.execute_script("return document.querySelectorAll('.gm-strength polyline').length")
    dots = browser.execute_script(
        "return Array.from(document.querySelectorAll('.gm-strength circle')).map(c => c.querySelector('title').textContent)")
    assert lines == 1 and dots == ["RU 2022-01: 5,000"]  # one claim, reported twice: counted once
    # Russia's line on screen: January (Belarus) and March (Crimea), no report in February: two pieces
    set_control(browser, **{"chart-area": ""})
    runs = browser.execute_script(
        "return Array.from(document.querySelectorAll('.gm-strength polyline')).map(l => l.getAttribute('points').split(' ').length)")
    assert sorted(runs) == [1, 1, 1]  # RU January, RU March, PL March

    # the area on screen: every force
    legend = browser.execute_script("return document.querySelector('.gm-strength-legend').textContent")
    assert legend.split() == ["PL", "RU"]


def test_a_long_corpus_steps_by_week_or_month(browser, tmp_path, pipeline):
    from geomap.builder import build

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Date: 2020-01-10\n\nRussia has sent 5,000 troops to Belarus.")
    (tmp_path / "c" / "b.txt").write_text("Date: 2022-06-20\n\nPoland has sent 2,000 troops to Lithuania.")
    build([tmp_path / "c"], tmp_path / "out", pipeline)
    open_map(browser, tmp_path / "out" / "deployments.html")
    assert browser.execute_script("return document.querySelector('.gm-step').value") == "week"
    assert browser.execute_script("return document.querySelector('.gm-time input[type=range]').max") == "129"


def test_the_chart_counts_a_country_or_its_parts(browser, tmp_path, pipeline):
    from geomap.builder import build

    (tmp_path / "c").mkdir()
    texts = {"a.txt": "Date: 2022-01-10\n\nRussia has sent 5,000 troops to Belarus.",
             "b.txt": "Date: 2022-01-12\n\nRussia has deployed 1,000 troops to Gomel.",
             "c.txt": "Date: 2022-02-12\n\nRussia has deployed 1,000 troops to Gomel.",
             "d.txt": "Date: 2022-02-14\n\nRussia has deployed 2,000 troops to Brest."}
    for name, text in texts.items():
        (tmp_path / "c" / name).write_text(text)
    build([tmp_path / "c"], tmp_path / "out", pipeline)
    open_map(browser, tmp_path / "out" / "deployments.html")
    browser.execute_script("document.querySelector('.gm-strength button').click()")
    dots = browser.execute_script(
        "return Array.from(document.querySelectorAll('.gm-strength circle')).map(c => c.querySelector('title').textContent)")
    # January: Belarus's 5,000 holds Gomel's 1,000 (not 6,000); February: Gomel and Brest add up
    assert dots == ["RU 2022-01: 5,000", "RU 2022-02: 3,000"]


def test_span_head_escapes_article_names():
    group = {}
    for doc in ("<img src=x onerror=1>.txt", "b.txt"):
        note(group, {"kind": "deployment", "doc": doc, "date": "2022-01-10", "place_id": "cc:BY", "force": "RU",
                     "unit": "troops", "count": 5000, "count_min": 5000, "count_max": 5000, "start": 0, "claim": "c1"})
    head = span_head(group["claims"]["c1"], esc)
    assert "<img" not in head and "&lt;img src=x onerror=1&gt;.txt" in head
    assert "reported by 2 articles · 2022-01-10 · figures 5,000" in head


def test_a_symbol_keeps_the_spans_of_its_first_claims_and_counts_the_rest():
    group = {}
    for i in range(4):
        note(group, {"doc": f"{i}.txt", "date": f"2022-01-1{i}", "count": 1000 * (i + 1), "start": 0, "claim": f"c{i}"}, keep=2)
    note(group, {"doc": "4.txt", "date": "2022-02-01", "count": 1500, "start": 0, "claim": "c0"}, keep=2)
    assert sorted(group["claims"]) == ["c0", "c1"] and group["other_claims"] == 2
    assert group["claims"]["c0"] == {"docs": ["0.txt", "4.txt"], "articles": 2, "reports": 2, "first": "2022-01-10",
                                     "last": "2022-02-01", "lo": 1000, "hi": 1500, "_doc": "4.txt"}


def test_a_symbol_lists_its_reports_by_claim(tmp_path, pipeline):
    # two articles repeat one figure (one claim), a third gives another: one symbol, two claims
    import json

    from geomap.builder import build
    from geomap.mapdata import MapData
    from geomap.webmap import group_popup

    (tmp_path / "c").mkdir()
    texts = {"a.txt": "Date: 2022-01-10\n\nRussia has deployed 1,000 troops to Gomel.",
             "b.txt": "Date: 2022-01-14\n\nAbout 1,000 Russian troops are in Gomel, officials said.",
             "c.txt": "Date: 2022-03-02\n\nRussia has deployed 9,000 troops to Gomel."}
    for name, text in texts.items():
        (tmp_path / "c" / name).write_text(text, encoding="utf-8")
    build([tmp_path / "c"], tmp_path / "out", pipeline, formats=("geojson",))
    features = json.loads((tmp_path / "out" / "deployments.geojson").read_text(encoding="utf-8"))["features"]
    data = MapData.of(features)
    (group,) = data.deployments.values()
    assert (group["first"], group["last"]) == ("2022-01-10", "2022-03-02")
    popup = group_popup(group, 20)
    assert "3 reports of 2 claims" in popup
    heads = [part.split("</p>")[0] for part in popup.split("<div class='gm-claim'>")[1:]]
    # the claim of one report needs no heading: its report, listed after the first claim's, says it all
    assert heads == ["<p class='gm'><b>One claim</b>, reported by 2 articles · 2022-01-10 to 2022-01-14 · figures 1,000"]
    assert popup.count("<li>a.txt</li>") == popup.count("<li>b.txt</li>") == 1 and "<li>c.txt</li>" not in popup
    assert popup.index("b.txt") < popup.index("<b>2022-03-02</b> · 9,000 troops")


def test_as_of_a_date_between_two_reports_of_a_symbol_shows_nothing(browser, tmp_path, pipeline):
    from geomap.builder import build

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Date: 2022-01-10\n\nRussia has deployed 1,000 troops to Gomel.")
    (tmp_path / "c" / "b.txt").write_text("Date: 2022-03-15\n\nRussia has deployed 9,000 troops to Gomel.")
    build([tmp_path / "c"], tmp_path / "out", pipeline)
    open_map(browser, tmp_path / "out" / "deployments.html")
    assert browser.execute_script(ICONS) == 1  # one symbol for both reports
    set_control(browser, step="day", mode="asof", window="week", slider=36)  # 2022-02-15: within its first and last day
    assert browser.execute_script("return document.querySelector('.gm-time div').textContent") == \
        "Reports from 2022-02-09 to 2022-02-15"
    assert browser.execute_script(ICONS) == 0  # but no report in that week
    set_control(browser, slider=0)
    assert browser.execute_script(ICONS) == 1
    set_control(browser, slider="max")
    assert browser.execute_script(ICONS) == 1
