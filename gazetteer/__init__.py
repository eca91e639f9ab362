"""An offline gazetteer of the places that conflict reporting names.

Countries and their outlines, first-level divisions, populated places, regions, seas,
disputed territories and military bases, from GeoNames (CC BY 4.0), Natural Earth
(public domain) and hand-kept tables, with a geopy-compatible geocoder.
"""

from .errors import GazetteerDataError, GazetteerError
from .names import fold, key
from .store import Gazetteer, Place

__all__ = ["Gazetteer", "GazetteerDataError", "GazetteerError", "GazetteerGeocoder", "Place", "fold", "key"]


def __getattr__(name):
    # geopy is imported only by those who ask for the geocoder
    if name == "GazetteerGeocoder":
        from .geocoder import GazetteerGeocoder

        return GazetteerGeocoder
    raise AttributeError(name)
