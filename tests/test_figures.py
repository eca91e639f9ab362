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



def test_range_look_ahead_changes_no_match():
    """The look-ahead before the number pattern's range alternative is a shortcut: without it the
    pattern reads the same numbers (span and groups), wherever it starts and wherever the text ends."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geomap.figures import FigureFinder

    finder = FigureFinder()
    fast = finder._number
    slow = re.compile(fast.pattern.replace(finder._range_ahead, ""), re.IGNORECASE)
    assert slow.pattern != fast.pattern
    marks = [",", "，", "٬", ".", "'", "’", " ", "\u00a0", "\u202f", "\u2009"]
    number = st.tuples(st.sampled_from(["5", "10", "1", "120", "1.5", "2"]),
                       st.lists(st.tuples(st.sampled_from(marks), st.sampled_from(["000", "50", "5", "00"])), max_size=2),
                       st.sampled_from(["", "k", " K", "m", " million", " mln", " thousand", " hundred", " lakh",
                                        " lakhs", " crore", " crores", " troops", "th", "%"]))
    join = st.sampled_from(["-", "–", " to ", " TO ", " or ", " - ", "  to  ", " and ", ", ", " ", "\n-", "to", "x"])

    def spelled(n):
        return n[0] + "".join(a + b for a, b in n[1]) + n[2]

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.tuples(number, join), min_size=1, max_size=4), st.integers(1, 30))
    def agree(parts, cut):
        text = "".join(spelled(n) + j for n, j in parts) + "troops"
        for at in range(len(text)):
            for end in (len(text), min(len(text), at + cut)):
                a, b = fast.match(text, at, end), slow.match(text, at, end)
                assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (text, at, end)

    agree()


def test_skipped_searches_change_no_figure():
    """The per-figure searches skipped where none of the words their rule needs stands (guards.Spots),
    the number starts found once per article and the unit phrase looked for after another only where
    one can start are shortcuts: a finder that searches every window, reads every window's number
    starts and looks for a unit phrase after each finds the same figures."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geomap.figures import FigureFinder

    fast = FigureFinder()
    slow = FigureFinder()
    slow._number_words = None  # the number starts of each window, read in it
    slow._unit_next_firsts = None  # the unit phrase after a unit phrase looked for after each
    for owner in (slow, slow.guards):  # no rule's search is skipped
        for name in [n for n in vars(owner) if n.endswith("_slot")]:
            setattr(owner, name, None)
    assert any(n.endswith("_slot") for n in vars(fast.guards))
    phrases = st.sampled_from([
        "Russia moved", "killed", "lost", "shot down", "fired", "launched a wave of", "the sale of", "will deliver",
        "ordered", "to the Red Sea", "plans to recruit", "have been trained", "can accommodate", "typically number",
        "its standing army of", "Russia's army numbers", "were killed", "a day", "for a year", "refugees",
        "losses near Kursk include", "casualties stood at", ", where", "and sent", "were sent", "deadly", "sold",
        "soldiers", "5,000", "300", "twelve", "thousands of", "troops", "missiles", "drones", "tanks", "jets",
        "people", "men", "Kursk", "ſ", "İ", "a", "the", "5,000 troops", "twelve tanks", "a dozen jets",
        "thousands of soldiers", "300 missiles", "40 drones", "2,000 men", "between 5 and 6 brigades",
        "numbering in the thousands", "1,700 of them", "estimated at 30,000", "30 tank battalions",
        "10 missile boats", "200 tank crews", "12 Tank Brigades", "anti-tank missiles"])
    seps = st.sampled_from([" ", " ", " ", ", ", ". ", "; ", "\n", "-", ""])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.tuples(phrases, seps), min_size=2, max_size=30))
    def agree(parts):
        text = "".join(w + s for w, s in parts)
        assert fast.find(text) == slow.find(text), text

    agree()


def test_a_window_that_cuts_a_word_is_searched():
    """A window whose edge cuts a run of letters is searched whatever words stand in the article:
    a pattern reads the piece as a word ("dead" of "deadly" where the 140 characters after a unit
    end), which the run of letters ("deadly") is not."""
    from geomap.figures import FigureFinder

    fast = FigureFinder()
    slow = FigureFinder()
    for owner in (slow, slow.guards):
        for name in [n for n in vars(owner) if n.endswith("_slot")]:
            setattr(owner, name, None)
    text = "Russia moved 500 troops " + "y" * 134 + " deadly gear."  # "dead" ends 140 characters after "troops"
    assert text[text.index("troops") + 6:][136:140] == "dead"
    assert fast.find(text) == slow.find(text)


def test_the_number_grammar_reads_the_lexicons_words():
    """Scales after digits, the words of a range and what joins a number written out are lexicon.toml
    [numbers] data: a lexicon with other words reads other numbers."""
    import copy
    import dataclasses

    from geomap.figures import FigureFinder
    from geomap.lexicon import load

    def read(finder, text):
        return [(f.text, f.count, f.count_min, f.count_max) for f in finder.find(text)]

    text = "Russia sent 3 myriad troops, then 5,000 till 7,000 soldiers and two hundred plus five tanks."
    assert read(FigureFinder(), text) == [("7,000 soldiers", 7000, 7000, 7000), ("five tanks", 5, 5, 5)]
    tables = copy.deepcopy(load().tables)
    numbers = tables["numbers"]
    numbers["after_digits"]["myriad"] = 10_000
    numbers["range_marks"].append("till")
    numbers["scale_join"].append("plus")
    custom = FigureFinder(dataclasses.replace(load(), tables=tables))
    assert read(custom, text) == [("3 myriad troops", 30000, 30000, 30000), ("5,000 till 7,000 soldiers", 6000, 5000, 7000),
                                  ("two hundred plus five tanks", 205, 205, 205)]


def test_the_words_inside_the_figure_patterns_are_the_rule_files():
    """The words the figure finder's own patterns hold ("dozens more clustered", "of them", "to be",
    "another") are lists of rules/figures.yaml: a rule book with other words reads other figures."""
    import copy
    import dataclasses

    from geomap import lexicon
    from geomap.figures import FigureFinder
    from geomap.rules import RuleBook

    files = copy.deepcopy(lexicon.read_rule_files())
    files["figures"]["lists"]["more_words"].append("extra")
    book = RuleBook.from_files(files, others=lexicon.read_toml())
    custom = FigureFinder(dataclasses.replace(lexicon.load(), rules=book))
    text = "China sent 11 vessels into the shoal while dozens extra clustered nearby."
    assert [(f.text, f.elliptic) for f in FigureFinder().find(text)] == [("11 vessels", False)]
    assert [(f.text, f.count_min, f.count_max, f.elliptic) for f in custom.find(text)] == [
        ("11 vessels", 11, 11, False), ("dozens", 24, 99, True)]
