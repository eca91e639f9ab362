import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from gazetteer import GazetteerGeocoder


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return GazetteerGeocoder(gazetteer)


def test_geocode_returns_location(geocoder):
    loc = geocoder.geocode("Kiev")
    assert isinstance(loc, Location)
    assert loc.address == "Kyiv, Ukraine"
    assert abs(loc.latitude - 50.45) < 0.1 and abs(loc.longitude - 30.52) < 0.1
    assert loc.raw["id"].startswith("gn:")


def test_geocode_many_is_ranked(geocoder):
    locs = geocoder.geocode("Brest", exactly_one=False)
    assert len(locs) >= 2
    assert locs[0].raw["country"] == "BY"


def test_geocode_with_context(geocoder):
    assert geocoder.geocode("Athens, Georgia").raw["country"] == "US"
    assert geocoder.geocode("Odessa, Texas").raw["admin1"] == "US-TX"


def test_geocode_unknown_is_none(geocoder):
    assert geocoder.geocode("Qwertyuiopville") is None


@pytest.mark.parametrize("point, city", [((50.45, 30.52), "Kyiv"), ((51.67, 39.18), "Voronezh"), ("48.86, 2.35", "Paris")])
def test_reverse_names_the_city(geocoder, point, city):
    assert geocoder.reverse(point).raw["name"] == city


def test_rate_limiter_and_geopandas(geocoder):
    import geopandas

    assert RateLimiter(geocoder.geocode, min_delay_seconds=0)("Crimea").raw["id"] == "rg:crimea"
    frame = geopandas.tools.geocode(["Kyiv", "Donbas"], provider=GazetteerGeocoder)
    assert list(frame["address"]) == ["Kyiv, Ukraine", "Donbas, Ukraine"]
