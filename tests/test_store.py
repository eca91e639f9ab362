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
