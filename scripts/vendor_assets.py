#!/usr/bin/env python3
"""Copy the map's JavaScript and CSS from pinned npm packages into geomap/static/.

    python scripts/vendor_assets.py          # needs npm; downloads into build/assets-src/

The written map inlines these files so it opens with no network. Images that the CSS
refers to are inlined as data: URIs. Each package's licence is copied beside its files.
"""
from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "geomap" / "static" / "vendor"

# package@version -> (files to copy from the package, licence file)
PACKAGES = {
    "leaflet@1.9.4": (["dist/leaflet.js", "dist/leaflet.css"], "LICENSE"),
    "leaflet.markercluster@1.5.3": (
        ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css", "dist/MarkerCluster.Default.css"], "MIT-LICENCE.txt"),
    "leaflet.fullscreen@5.3.3": (["dist/Control.FullScreen.umd.js", "dist/Control.FullScreen.css"], "LICENSE.md"),
    "leaflet-minimap@3.6.1": (["dist/Control.MiniMap.min.js", "dist/Control.MiniMap.min.css"], "LICENSE.txt"),
}
_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}


def fetch(spec: str, src: Path) -> Path:
    name, version = spec.rsplit("@", 1)
    out = src / f"{name}-{version}"
    if not out.exists():
        src.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", spec, "--pack-destination", str(src)], check=True, capture_output=True)
        with tarfile.open(src / f"{name}-{version}.tgz") as tf:
            tf.extractall(out, filter="data")
    return out / "package"


def inline_images(css: str, base: Path) -> str:
    def repl(m):
        path = base / m.group(2)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:{_MIME[path.suffix]};base64,{data})"

    return _URL.sub(repl, css)


def main() -> None:
    src = ROOT / "build" / "assets-src"
    if STATIC.exists():
        shutil.rmtree(STATIC)
    for spec, (files, licence) in PACKAGES.items():
        pkg = fetch(spec, src)
        dest = STATIC / spec.rsplit("@", 1)[0]
        dest.mkdir(parents=True)
        for rel in files:
            path = pkg / rel
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".css":
                text = inline_images(text, path.parent)
            (dest / path.name).write_text(text, encoding="utf-8")
        shutil.copy(pkg / licence, dest / "LICENSE")
        (dest / "VERSION").write_text(spec + "\n", encoding="utf-8")
    print(f"wrote {STATIC}")


if __name__ == "__main__":
    main()
