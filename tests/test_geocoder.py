import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from gazetteer import GazetteerGeocoder
from gazetteer.spatial import haversine_km


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


# land borders: one place per pair of countries whose outlines share a line, its point on that line
@pytest.mark.parametrize("a, b, pid", [
    ("UA", "RU", "bd:RU-UA"), ("RU", "UA", "bd:RU-UA"), ("TH", "KH", "bd:KH-TH"), ("PL", "BY", "bd:BY-PL"),
    ("FR", "DE", "bd:DE-FR"),
    ("FR", "GB", None),   # the Channel is no land border
    ("UA", "KZ", None),   # no common border at all
])
def test_border_between(gazetteer, a, b, pid):
    place = gazetteer.border(a, b)
    assert (place.id if place else None) == pid
    if place:
        assert place.kind == "border"
        assert gazetteer.lookup(place.name)[0].id == pid


def test_border_point_lies_between_the_two(gazetteer):
    # the point is on the shared line: the nearest town is in one of the two countries, near it
    for a, b in [("RU", "UA"), ("KH", "TH"), ("IL", "LB"), ("CO", "VE")]:
        place = gazetteer.border(a, b)
        town = gazetteer.nearest(place.lat, place.lon)
        assert town.country in (a, b)
        assert haversine_km(place.lat, place.lon, town.lat, town.lon) < 100


def test_border_point_near_a_place(gazetteer):
    # "the border near Preah Vihear": the point of the line nearest the province's point, 1,000 km
    # from the border's middle point at most 100 km from the province's
    vihear = gazetteer.lookup("Preah Vihear")[0]
    near = gazetteer.border("KH", "TH", near=(vihear.lat, vihear.lon))
    middle = gazetteer.border("KH", "TH")
    assert near.id == middle.id
    assert haversine_km(near.lat, near.lon, vihear.lat, vihear.lon) < 100
    assert haversine_km(middle.lat, middle.lon, vihear.lat, vihear.lon) > 200


def test_borders_of(gazetteer):
    assert gazetteer.borders_of("UA") == ["BY", "HU", "MD", "PL", "RO", "RU", "SK"]
    assert gazetteer.borders_of("IS") == []
