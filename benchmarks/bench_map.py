"""The map's page size and how long a browser takes to show its symbols, by corpus size.

    python benchmarks/bench_map.py [200 3000 20000] [--runs 3]

Generates articles with ``corpus_gen.py`` (seeded: the same corpus every run), builds each
corpus with ``geomap build`` on two processes, and opens the map in headless Chromium
(Debian's chromium and chromium-driver, as the browser tests) with every outside host
unreachable: the time from asking for the page to the first unit symbol or cluster on
screen, median of ``--runs`` fresh loads.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus_gen import generate  # noqa: E402

FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,720", "--host-resolver-rules=MAP * ~NOTFOUND")
SHOWN = "return document.querySelectorAll('.gm-icon, .marker-cluster, path.gm-area').length"


def browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in FLAGS + (f"--user-data-dir={profile}",):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    opts.page_load_strategy = "none"  # measure from the request, not from the load event
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def time_to_symbols(driver, page: Path, timeout: float = 120.0) -> tuple[float, int, list[str]]:
    driver.get("about:blank")
    driver.get_log("browser")
    start = time.perf_counter()
    driver.get(page.as_uri())
    while time.perf_counter() - start < timeout:
        try:
            shown = driver.execute_script(SHOWN)
        except Exception:  # the page is still being parsed
            shown = 0
        if shown:
            return time.perf_counter() - start, shown, [e["message"] for e in driver.get_log("browser")
                                                       if e["level"] == "SEVERE"]
        time.sleep(0.02)
    raise RuntimeError(f"{page}: no symbol after {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 3000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    geomap = str(Path(sys.executable).with_name("geomap"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        driver = browser(root / "profile")
        try:
            print("| articles | deployments | page size | build (s) | time to symbols (s) | symbols shown |")
            print("| ---: | ---: | ---: | ---: | ---: | ---: |")
            for size in args.sizes:
                corpus, out = root / f"corpus{size}", root / f"out{size}"
                generate(corpus, size, seed=1)
                t = time.perf_counter()
                summary = subprocess.run([geomap, "build", str(corpus), "--out", str(out), "--jobs", "2",
                                          "--no-progress"], check=True, capture_output=True, text=True).stdout
                built = time.perf_counter() - t
                page = out / "deployments.html"
                times, shown, errors = [], 0, []
                for _ in range(args.runs):
                    seconds, shown, errors = time_to_symbols(driver, page)
                    times.append(seconds)
                if errors:
                    raise RuntimeError(f"{size} articles: console errors {errors}")
                deployments = next((line.split()[1] for line in summary.splitlines() if line.startswith("deployments:")), "?")
                print(f"| {size:,} | {deployments} | {page.stat().st_size / 1e6:.1f} MB | {built:.1f} | "
                      f"{statistics.median(times):.2f} | {shown:,} |", flush=True)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
