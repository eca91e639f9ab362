"""The figure finder's shortcuts agree with its slow path. Input -> output tables: tests/cases/*.yaml (level figures)."""


def test_one_step_unit_reading_agrees_with_the_word_by_word_reading():
    """The compiled unit pattern is a shortcut: wherever it answers, the token loop answers the same."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geomap.figures import FigureFinder

    fast = FigureFinder()
    slow = FigureFinder()
    slow._unit_fast = re.compile(r"(?!)")  # never matches: every figure goes word by word
    lex = fast.lex
    words = st.sampled_from(sorted(lex.units) + sorted(lex.modifiers) + sorted(lex.not_units)
                            + ["Russian", "U.S.", "Su-35", "NATO", "the", "-", "…", "to", "Belarus", "Troops", "km"])
    seps = st.sampled_from([" ", "  ", "\n", "-", ", ", ". ", " and ", ", and ", " or "])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.tuples(words, seps), min_size=1, max_size=7), st.sampled_from(["5,000", "twelve", "thousands of"]))
    def agree(parts, number):
        text = f"Russia deployed {number} " + "".join(w + s for w, s in parts) + "near Kursk."
        assert [vars_of(f) for f in fast.find(text)] == [vars_of(f) for f in slow.find(text)]

    def vars_of(f):
        return (f.start, f.end, f.count, f.unit, f.unit_text)

    agree()
