"""Names the text places forces at that the gazetteer does not know: reported, never drawn."""
from __future__ import annotations

import pytest

from geomap.model import Document
from geomap.pipeline import default_pipeline


@pytest.mark.parametrize("text,expected", [
    ("Troops massed near Xylovka and at Port of Zandra.", ["Xylovka", "Port of Zandra"]),
    # a known place is no unresolved name; neither are month names, pronouns and titles
    ("Troops massed near Kharkiv in March, at President Smith's order.", []),
    ("Tanks were seen at The Zandra crossing.", []),
    # "of" and "on" join a name only as whole words: "offer" ends it
    ("The shops at Xylo offer food.", ["Xylo"]),
    # the location word is lower case: a sentence's first word is not one
    ("In Xylovka, troops gathered.", []),
])
def test_unresolved_names(text, expected):
    assert default_pipeline().process(Document("t", text, None)).unresolved == expected
