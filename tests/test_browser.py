"""The map as a person sees it: headless Chromium with every outside host unreachable.

Needs Debian's chromium and chromium-driver (scripts/test installs them). Without them
the tests are skipped on a developer's machine and fail under CI, where they must run.
"""
import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

if not (os.path.exists(CHROMEDRIVER) and os.path.exists(CHROMIUM)):
    if os.environ.get("CI"):
        raise RuntimeError("the browser tests need chromium and chromium-driver (scripts/test installs them)")
    pytest.skip("chromium or chromedriver not installed", allow_module_level=True)


def open_map(browser, path: Path):
    browser.get_log("performance")  # forget earlier pages' requests
    browser.get(path.resolve().as_uri())
    deadline = time.time() + 20
    while time.time() < deadline:
        if browser.execute_script("return document.querySelectorAll('.gm-legend').length"):
            break
        time.sleep(0.2)
    time.sleep(0.5)


def requested_urls(browser) -> list[str]:
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory, pipeline):
    from geomap.builder import build

    out = tmp_path_factory.mktemp("browser")
    build([ROOT / "corpus"], out, pipeline)
    return out


def test_map_runs_offline_with_layers_and_symbols(browser, seed_map, tmp_path):
    open_map(browser, seed_map / "deployments.html")
    assert browser.execute_script("return typeof L") == "object"  # Leaflet ran
    overlays = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label')).map(l => l.textContent.trim())")
    bases = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers-base label')).map(l => l.textContent.trim())")
    forces = browser.execute_script(
        "return Array.from(document.querySelectorAll('.gm-force > label')).map(l => l.textContent.trim())")
    assert "Countries (offline basemap)" in bases
    assert forces[0].startswith("RU (")
    assert any(o.startswith("Place mentions") for o in overlays)
    assert any(o.startswith("Reports for a whole country or region") for o in overlays)
    symbols = browser.execute_script(
        "var n = 0; geomap.layers.forEach(function (l) { if (l.meta.force) n += l.entries.length; }); return n")
    assert symbols >= 2
    assert browser.execute_script("return document.querySelectorAll('.gm-icon').length") == symbols
    assert browser.execute_script("return geomap.areaIndex.length") >= 3  # Belarus, Poland, Ukraine, Eastern Europe
    assert browser.execute_script("return document.querySelectorAll('.gm-count').length") == symbols
    labels = browser.execute_script("return Array.from(document.querySelectorAll('.gm-label')).map(l => l.textContent)")
    assert "Kyiv" in labels and "Ukraine" in labels
    assert browser.execute_script("return document.querySelectorAll('path.leaflet-interactive').length") > 100  # basemap
    for url in requested_urls(browser):
        # chrome:// is the browser's own resources (the clear icon of a search field), never the network
        assert url.startswith(("file:", "data:", "about:", "chrome:")), f"request left the machine: {url}"

    from PIL import Image

    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    shot.save(tmp_path / "map.png")
    colours = shot.resize((160, 108)).getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 50  # not a blank page


def test_every_symbol_can_be_clicked(browser, seed_map):
    # the element on top at each symbol's centre is that symbol: none is hidden under another
    open_map(browser, seed_map / "deployments.html")
    for zoom in (3, 5, 8, 12):
        browser.execute_script(f"geomap.map.setView([49, 36], {zoom}, {{animate: false}});")
        time.sleep(0.3)
        assert hidden_symbols(browser) == [], f"hidden at zoom {zoom}"


def hidden_symbols(browser) -> list[str]:
    """Symbols on screen whose centre shows another element (other than a panel)."""
    return browser.execute_script("""
        var out = [];
        document.querySelectorAll('.gm-icon').forEach(function (icon) {
            var r = icon.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return;
            var top = document.elementFromPoint(x, y);
            if (!top || !(icon === top || icon.contains(top)) && !top.closest('.leaflet-control')) out.push(icon.textContent);
        });
        return out;""")


def test_search_finds_other_spellings(browser, seed_map):
    open_map(browser, seed_map / "deployments.html")
    hits = browser.execute_script("""
        var s = document.querySelector('.gm-search input'); s.value = 'Kiev'; s.dispatchEvent(new Event('input'));
        return Array.from(document.querySelectorAll('.gm-hits li')).map(l => l.textContent);""")
    assert hits[0] == "Kyiv"
    browser.execute_script("var s = document.querySelector('.gm-search input'); s.dispatchEvent(new Event('change'));")
    time.sleep(0.5)
    assert browser.execute_script("return document.querySelector('.leaflet-popup-content').textContent") == "Kyiv"


def test_filters_and_force_switch(browser, tmp_path, pipeline):
    from geomap.builder import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Date: 2022-01-10\n\nRussia has sent 5,000 troops to Grodno.", encoding="utf-8")
    (corpus / "b.txt").write_text("Date: 2022-01-11\n\nRussia plans to deploy 200 troops to Brest.", encoding="utf-8")
    (corpus / "c.txt").write_text("Date: 2022-01-12\n\nPoland has sent 2,000 troops to Rzeszow.", encoding="utf-8")
    (corpus / "d.txt").write_text("Date: 2022-01-12\n\nRussia has sent 300 troops to Belarus.", encoding="utf-8")
    build([corpus], tmp_path / "out", pipeline)
    open_map(browser, tmp_path / "out" / "deployments.html")
    count = "return document.querySelectorAll('.gm-icon').length"
    assert browser.execute_script(count) == 3
    areas = "return document.querySelectorAll('path.gm-area').length"
    assert browser.execute_script(areas) == 1  # Belarus
    browser.execute_script("var s = document.querySelector('.gm-panel select'); s.value = '1000';"
                           "s.dispatchEvent(new Event('change'));")
    assert browser.execute_script(count) == 2  # the 200 left out
    assert browser.execute_script(areas) == 0  # and the area of 300
    browser.execute_script("var s = document.querySelector('.gm-panel select'); s.value = '0';"
                           "s.dispatchEvent(new Event('change'));")
    browser.execute_script("document.querySelectorAll('input[name=status]').forEach(function (c) {"
                           " if (c.parentNode.textContent.trim() === 'planned') c.click(); });")
    assert browser.execute_script(count) == 2  # the planned one left out
    browser.execute_script("document.querySelectorAll('input[name=status]').forEach(function (c) { if (!c.checked) c.click(); });")
    browser.execute_script("document.querySelector('.gm-force > label input').click();")  # the first force: RU
    assert browser.execute_script(count) == 1


@pytest.mark.parametrize("size", [(390, 844), (1280, 720)])
def test_panels_fit_the_screen_and_fold(browser, seed_map, size, tmp_path):
    width, height = size
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})
    try:
        open_map(browser, seed_map / "deployments.html")
        boxes = browser.execute_script("""
            return Array.from(document.querySelectorAll('.gm-box')).map(function (b) {
                var r = b.getBoundingClientRect(); return [b.className, r.left, r.top, r.right, r.bottom]; });""")
        for name, left, top, right, bottom in boxes:
            assert left >= 0 and top >= 0 and right <= width + 1 and bottom <= height + 1, (name, size)
        # no two panels overlap
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2], (a[0], b[0], size)
        folded = browser.execute_script("return document.querySelector('.gm-panel .gm-body').style.display === 'none'")
        assert folded == (width < 700)  # folded on a phone, open on a laptop
        browser.execute_script("document.querySelector('.gm-panel .gm-head').click();")
        assert browser.execute_script("return document.querySelector('.gm-panel .gm-body').style.display") == (
            "" if width < 700 else "none")
        browser.save_screenshot(str(tmp_path / f"map-{width}x{height}.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_time_control_filters_by_date(browser, tmp_path, pipeline):
    from geomap.builder import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Date: 2022-01-10\n\nRussia has sent 5,000 troops to Grodno.", encoding="utf-8")
    (corpus / "b.txt").write_text("Date: 2022-02-20\n\nPoland has sent 2,000 troops to Vilnius.", encoding="utf-8")
    (corpus / "c.txt").write_text("NATO deployed 300 troops to Tallinn.", encoding="utf-8")
    build([corpus], tmp_path / "out", pipeline)
    open_map(browser, tmp_path / "out" / "deployments.html")
    count = "return document.querySelectorAll('.gm-icon').length"
    assert browser.execute_script(count) == 3
    browser.execute_script("var i = document.querySelector('.gm-time input[type=range]'); i.value = 0;"
                           "i.dispatchEvent(new Event('input'));")
    assert browser.execute_script(count) == 2  # up to 2022-01-10: b is later; the undated one stays
    assert "2022-01-10" in browser.execute_script("return document.querySelector('.gm-time div').textContent")
    browser.execute_script("var b = document.querySelector('.gm-time input[type=checkbox]'); b.click();")
    assert browser.execute_script(count) == 1


def test_injected_markup_never_runs(browser, tmp_path, pipeline):
    from geomap.builder import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    payloads = [
        '<img src=x onerror="window.__pwned=1">',
        "<script>window.__pwned=2</script>",
        "`${window.__pwned=3}`",
        "</script><script>window.__pwned=4</script>",
        "\\u003cimg src=x onerror=window.__pwned=5\\u003e",
    ]
    for i, payload in enumerate(payloads):
        name = f"evil{i}<img src=x onerror=window.__pwned=6>.txt"
        (corpus / name).write_text(f"Russia has sent 5,000 troops {payload} to Belarus near Minsk. {payload}",
                                   encoding="utf-8")
    build([corpus], tmp_path / "out", pipeline)
    open_map(browser, tmp_path / "out" / "deployments.html")
    opened = browser.execute_script("""
        var n = 0;
        geomap.layers.forEach(function (l) { l.entries.forEach(function (e) {
            if (!geomap.map.hasLayer(l.group)) geomap.map.addLayer(l.group);
            e[0].openPopup(); e[0].openTooltip(); n += 1; }); });
        return n;""")
    assert opened >= 2
    # reports at one place share a symbol: every article is listed in one of the popups
    popups = browser.execute_script(
        "return geomap.layers.map(l => l.entries.map(e => e[0].getPopup() ? e[0].getPopup().getContent() : '').join()).join()")
    assert all(f"evil{i}" in popups for i in range(len(payloads)))
    browser.execute_script("var s = document.querySelector('.gm-search input'); s.value = 'Belarus';"
                           "s.dispatchEvent(new Event('change'));")
    time.sleep(0.5)
    assert browser.execute_script("return window.__pwned === undefined")
    popup = browser.execute_script("return document.querySelector('.leaflet-popup-content').innerHTML")
    assert "<img" not in popup


def test_hostile_fixture_corpus_runs_no_code(browser, tmp_path, pipeline):
    # tests/data/hostile: every popup and tooltip opened, the search used, nothing injected runs
    from geomap.builder import build

    build([ROOT / "tests" / "data" / "hostile"], tmp_path, pipeline)
    open_map(browser, tmp_path / "deployments.html")
    opened = browser.execute_script("""
        var n = 0;
        geomap.layers.forEach(function (l) {
            if (!geomap.map.hasLayer(l.group)) geomap.map.addLayer(l.group);  // the hidden mentions too
            l.entries.forEach(function (e) {
                e[0].openPopup(); e[0].openTooltip();
                if (e[0].isPopupOpen()) n += 1; }); });
        return n;""")
    assert opened >= 8  # popups really opened
    assert browser.execute_script("return window.__pwned === undefined")
    for url in requested_urls(browser):
        # chrome:// is the browser's own resources (the clear icon of a search field), never the network
        assert url.startswith(("file:", "data:", "about:", "chrome:")), f"request left the machine: {url}"


def console_errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


SYMBOLS = "return document.querySelectorAll('.gm-icon, .marker-cluster, path.gm-area').length"


def exercise(browser, path: Path) -> None:
    """Open a map, tick every overlay, zoom in and out: no console error, symbols all along."""
    browser.get_log("browser")  # forget earlier pages' messages
    open_map(browser, path)
    assert console_errors(browser) == []
    assert browser.execute_script(SYMBOLS) > 0, "no symbol drawn"
    boxes = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays input, .gm-layers input'))"
        ".filter(i => !i.checked).length")
    browser.execute_script(
        "document.querySelectorAll('.leaflet-control-layers-overlays input, .gm-layers input')"
        ".forEach(function (i) { if (!i.checked) i.click(); });")
    time.sleep(0.5)
    assert console_errors(browser) == [], f"after ticking {boxes} overlays"
    for zoom in (2, 6, 10, 4):
        browser.execute_script(f"geomap.map.setZoom({zoom}, {{animate: false}});")
        time.sleep(0.4)
        assert console_errors(browser) == [], f"at zoom {zoom}"
        assert browser.execute_script(SYMBOLS) > 0, f"no symbol at zoom {zoom}"


@pytest.fixture(scope="module")
def large_map(tmp_path_factory):
    """A corpus of generated articles large enough that every force layer clusters."""
    import sys

    from geomap.builder import build

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus_gen import generate

    root = tmp_path_factory.mktemp("large")
    generate(root / "corpus", 1500, seed=7)
    build([root / "corpus"], root / "out", jobs=2)
    return root / "out" / "deployments.html"


def test_large_map_opens_and_every_overlay_works(browser, large_map):
    html = large_map.read_text(encoding="utf-8")
    assert "L.markerClusterGroup" in html  # the case that broke: clustered layers
    exercise(browser, large_map)
    # a symbol inside a cluster is reached by clicking its way in: the cluster zooms or spreads out
    browser.execute_script("""
        window.__reached = null;
        var m = geomap.cluster.getLayers()[0];
        geomap.cluster.zoomToShowLayer(m, function () { m.openPopup(); window.__reached = m.isPopupOpen(); });""")
    deadline = time.time() + 10
    while browser.execute_script("return window.__reached") is None and time.time() < deadline:
        time.sleep(0.2)
    assert browser.execute_script("return window.__reached") is True
    assert "report" in browser.execute_script("return document.querySelector('.leaflet-popup-content').textContent")
    assert console_errors(browser) == []


GEOWEBNEWS = ROOT.parent / "shared" / "eval" / "geowebnews" / "articles"


@pytest.mark.skipif(not GEOWEBNEWS.is_dir(), reason="GeoWebNews articles not present")
def test_geowebnews_map_opens_and_every_overlay_works(browser, tmp_path):
    from geomap.builder import build

    build([GEOWEBNEWS], tmp_path, jobs=2)
    exercise(browser, tmp_path / "deployments.html")
