"""The clause analysis (geomap/clauses.py): each sentence read once, for every figure and place in it.
What it decides is in the case tables (roles: level mentions; statuses and denials: level deployments);
these tests hold the reading itself: once per sentence, by position, with the Pipeline's lexicon."""
from geomap.clauses import ClauseReader
from geomap.lexicon import load
from geomap.model import Document
from geomap.pipeline import Pipeline

TEXT = "Officials deny planning an invasion, but 4,000 troops will deploy to Minsk. Belarus hosts 500 soldiers."


def test_a_sentence_is_read_once_and_the_article_lowered_once():
    clauses = ClauseReader(load()).read(TEXT)
    first = clauses.at(0, 75)
    assert clauses.at(0, 75) is first  # every figure of the sentence reads the same clause
    assert clauses.lowered == TEXT.lower() and clauses.lowered is clauses.lowered  # made once, kept
    assert first.lowered == clauses.lowered[0:75]
    assert (first.hosting, clauses.at(76, len(TEXT)).hosting) == (False, True)


def test_a_status_is_read_in_the_window_asked_and_a_denied_word_counts_for_nothing():
    clauses = ClauseReader(load()).read(TEXT)
    sent = clauses.at(0, 75)
    # "planning" is governed by "deny": not planned; "will deploy" is
    assert clauses.status(sent, 0, 35) is None
    assert clauses.status(sent, 0, 75) == "planned"
    assert clauses.status(sent, 37, 75) == "planned"


def test_the_pipeline_reads_places_and_figures_with_one_reading_of_each_sentence():
    result = Pipeline().process(Document("t", TEXT, "2022-01-10"))
    assert [(m.surface, m.role) for m in result.mentions] == [("Minsk", "location"), ("Belarus", "plain")]
    assert [(d.figure.count, d.place.name, d.status, d.rules[1]) for d in result.deployments] == [
        (4000, "Minsk", "planned", "place.after"), (500, "Belarus", None, "place.host")]


def test_a_cue_is_a_whole_word_of_the_clause_read_by_position():
    text = "Troops crossed the landscape and 300 more landed."
    clauses = ClauseReader(load()).read(text)
    sent = clauses.at(0, len(text))
    cut = text.index("landscape") + len("land")  # a window whose edge cuts "landscape" after "land"
    assert not clauses.within(sent, "linking.movement", 0, cut)
    assert clauses.within(sent, "linking.movement", 0, len(text))  # "landed"
    assert not clauses.within(sent, "linking.movement", 0, text.index("landed") + 3)
