"""The records that flow between the stages (geomap/model.py)."""
from __future__ import annotations

import dataclasses
import pickle

import pytest

from gazetteer import Gazetteer
from geomap.model import Figure, Mention, maker, new_figure, new_mention


def test_records_built_through_their_slots_equal_the_dataclasses_own():
    place = Gazetteer.default().lookup("Belarus")[0]
    args = [(Mention, new_mention, (0, 7, "Belarus", place, 0.9, "location")),
            (Figure, new_figure, tuple(f.default if f.default is not dataclasses.MISSING else i
                                       for i, f in enumerate(dataclasses.fields(Figure))))]
    for cls, make, values in args:
        values = values + tuple(f.default for f in dataclasses.fields(cls)[len(values):])
        made, built = make(*values), cls(*values)
        assert made == built and hash(made) == hash(built) and pickle.loads(pickle.dumps(made)) == built
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.start = 1


def test_maker_refuses_a_record_that_checks_itself():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        n: int

        def __post_init__(self):
            assert self.n >= 0

    with pytest.raises(TypeError, match="__post_init__"):
        maker(Checked)
