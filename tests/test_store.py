import pytest

from gazetteer import Gazetteer, GazetteerDataError

# name -> (expected gazetteer name or id, country)
TABLE = [
    ("Kiev", "Kyiv", "UA"), ("Kyiv", "Kyiv", "UA"), ("Kirovograd", "Kropyvnytskyi", "UA"),
    ("Kremenchug", "Kremenchuk", "UA"), ("Ternopol", "Ternopil", "UA"), ("Danzig", "Gdańsk", "PL"),
    ("Gdansk", "Gdańsk", "PL"), ("Uralsk", "Oral", "KZ"), ("Crimea", "Crimea", "UA"),
    ("Donbas", "Donbas", "UA"), ("Sea of Azov", "Sea of Azov", ""), ("Black Sea", "Black Sea", ""),
    ("Strait of Hormuz", "Strait of Hormuz", ""), ("Bab-el-Mandeb", "Bab-el-Mandeb", ""),
    ("Northern Cyprus", "Northern Cyprus", "CY"), ("Western Sahara", "Western Sahara", "EH"),
    ("Eastern Europe", "Eastern Europe", ""), ("Voronezh", "Voronezh", "RU"), ("Geneva", "Geneva", "CH"),
    ("Brest", "Brest", "BY"), ("Georgia", "Georgia", "GE"), ("Hmeimim", "Hmeimim Air Base", "SY"),
    ("Fort Benning", "Fort Benning", "US"), ("U.S.", "United States", "US"), ("Britain", "United Kingdom", "GB"),
]


@pytest.mark.parametrize("name, expected, country", TABLE)
def test_lookup_default(gazetteer, name, expected, country):
    best = gazetteer.lookup(name)[0]
    assert best.name == expected
    assert best.country == country


def test_voronezh_city_before_its_oblast(gazetteer):
    # a regional capital, not the oblast named after it
    assert gazetteer.lookup("Voronezh")[0].kind == "city"


def test_lowercase_us_is_not_a_country(gazetteer):
    assert all(p.kind != "country" for p in gazetteer.lookup("us"))


def test_unknown_name_is_empty(gazetteer):
    assert gazetteer.lookup("Qwertyuiopville") == []


def test_every_country_has_a_point_and_most_an_outline(gazetteer):
    countries = [p for p in gazetteer.places if p.kind == "country"]
    assert len(countries) > 230
    outlined = [p for p in countries if f"cc:{p.country}" in gazetteer.shapes]
    assert len(outlined) / len(countries) > 0.9


def test_curated_rows_are_in_the_built_data(gazetteer):
    # the shipped data must be rebuilt when the hand-kept tables change
    from gazetteer.store import load_tsv
    from importlib import resources

    sources = resources.files("gazetteer") / "sources"
    for row in load_tsv(sources / "regions.tsv"):
        assert f"rg:{row['id']}" in gazetteer.by_id, row["id"]
    for row in load_tsv(sources / "bases.tsv"):
        assert f"mb:{row['id']}" in gazetteer.by_id, row["id"]


def test_malformed_file_raises(tmp_path):
    import gzip

    (tmp_path / "places.tsv.gz").write_bytes(gzip.compress(b"id\tname\n1\tx\n"))
    with pytest.raises(GazetteerDataError, match="expected columns"):
        Gazetteer(tmp_path)


def test_missing_file_raises(tmp_path):
    with pytest.raises(GazetteerDataError, match="cannot read gazetteer file"):
        Gazetteer(tmp_path)


def _km(lat1, lon1, lat2, lon2):
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _names_table():
    from pathlib import Path

    from gazetteer.store import load_tsv

    return load_tsv(Path(__file__).parent / "data" / "gazetteer_names.tsv")


@pytest.mark.parametrize("row", _names_table(), ids=lambda r: r["name"])
def test_names_table(gazetteer, row):
    # old and new spellings, divisions, seas, disputed areas, small towns, ambiguous names
    best = gazetteer.lookup(row["name"])
    assert best, f"{row['name']} ({row['kind']}) not found"
    km = _km(float(row["lat"]), float(row["lon"]), best[0].lat, best[0].lon)
    assert km <= float(row["tol_km"]), f"{row['name']} ({row['kind']}): {best[0]} is {km:.0f} km off"


@pytest.mark.parametrize("name, kind", [("Donetsk Oblast", "admin1"), ("Gomel Region", "admin1"), ("Donetsk", "city")])
def test_division_word_asks_for_the_division(gazetteer, name, kind):
    assert gazetteer.lookup(name)[0].kind == kind


def test_sites_are_in_the_built_data(gazetteer):
    from importlib import resources

    from gazetteer.store import load_tsv

    for row in load_tsv(resources.files("gazetteer") / "sources" / "sites.tsv"):
        assert f"st:{row['id']}" in gazetteer.by_id, row["id"]
