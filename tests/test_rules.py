"""The rule engine (geomap/rules.py) and every rule file of every language.

Each rule's examples are tests: those under ``fires`` must match and those under ``not`` must
not, as the rule's ``where`` says; the same examples are run through spaCy's own Matcher on a
blank pipeline, which the compiled patterns must agree with.
"""
from __future__ import annotations

from importlib import resources

import pytest

from geomap import lexicon
from geomap.errors import LexiconError
from geomap.rules import RuleBook
from geomap.text import lower_keeping_offsets

LANGS = sorted(p.name for p in (resources.files("geomap") / "lang").iterdir() if p.is_dir())
BOOKS = {lang: lexicon.rule_book(lang) for lang in LANGS}
EXAMPLES = [(lang, rule.id, kind, text) for lang, book in BOOKS.items() for rule in book
            for kind, texts in (("fires", rule.fires), ("not", rule.not_)) for text in texts]


def test_every_language_has_rules():
    assert LANGS == ["en"]
    assert len(BOOKS["en"].rules) >= 1


@pytest.mark.parametrize("lang,rule_id,kind,text", EXAMPLES, ids=[f"{r}:{k}:{t[:40]}" for _, r, k, t in EXAMPLES])
def test_example(lang, rule_id, kind, text):
    book = BOOKS[lang]
    assert book.applies(rule_id, text) is (kind == "fires"), book.rule(rule_id).does
    # on lower-cased text, as the stages run the rules in which case plays no part
    assert book.applies(rule_id, text, low=lower_keeping_offsets(text)) is (kind == "fires"), book.rule(rule_id).does


@pytest.fixture(scope="module")
def spacy_matcher():
    spacy = pytest.importorskip("spacy")
    from spacy.matcher import Matcher
    nlp = spacy.blank("en")

    def matches(rule, text):
        matcher = Matcher(nlp.vocab)
        matcher.add(rule.id, [list(p) for p in _spacy_patterns(nlp, rule)])
        doc = nlp(text)
        words = [t for t in doc if not t.is_space]
        last = words[-1].i + 1 if words else 0
        spans = [(s, e) for _, s, e in matcher(doc)]
        if rule.where == "before":
            return any(e == last for s, e in spans)
        if rule.where == "after":
            first = words[0].i if words else 0
            return any(s == first for s, e in spans)
        return bool(spans)
    return matches


def _spacy_patterns(nlp, rule):
    """The rule's patterns as spaCy takes them: list entries of several tokens ("an estimated")
    become alternatives of token sequences, cut by spaCy's own tokenizer."""
    out = [[]]
    for pattern in rule.patterns:
        alts = [[]]
        for tok in pattern:
            choices = _token_choices(nlp, tok)
            alts = [a + c for a in alts for c in choices]
        out.extend(alts)
    return [p for p in out if p]


def _token_choices(nlp, tok):
    for attr, value in tok.items():
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            single = [w for w in value["IN"] if len(nlp.make_doc(w)) == 1]
            multi = [w for w in value["IN"] if len(nlp.make_doc(w)) > 1]
            if not multi:
                break
            op = tok.get("OP")
            if op not in (None, "?"):
                pytest.skip(f"{attr} IN with several-token entries under OP {op}: not expressible for spaCy")
            choices = [[{**tok, attr: {"IN": single}}]] if single else []
            for w in multi:
                seq = [{attr: t.text.lower() if attr in ("LOWER", "NORM") else t.text} for t in nlp.make_doc(w)]
                choices.append(seq)
            if op == "?":
                choices = [[{k: v for k, v in c[0].items() if k != "OP"}] + c[1:] for c in choices] + [[]]
                choices = [[{**c[0], "OP": "?"}] if len(c) == 1 else c for c in choices]
            return choices
    return [[tok]]


@pytest.mark.parametrize("lang,rule_id,kind,text", EXAMPLES, ids=[f"{r}:{k}:{t[:40]}" for _, r, k, t in EXAMPLES])
def test_example_agrees_with_spacy(spacy_matcher, lang, rule_id, kind, text):
    assert spacy_matcher(BOOKS[lang].rule(rule_id), text) is (kind == "fires")


# -- the engine ---------------------------------------------------------------------------------

def _book(rule, lists=None, disabled=(), common=()):
    base = {"id": "t.r", "does": "a test rule", "fires": ["x"], "not": ["y"]}
    return RuleBook.from_data("t", {"lists": lists or {}, "rules": [{**base, **rule}]}, disabled=disabled, common=common)


@pytest.mark.parametrize("where,pattern,text,expected", [
    # a word list, case folded, whole tokens only
    ("anywhere", [{"LOWER": {"IN": ["fired", "launched"]}}], "Iran Launched drones", "Launched"),
    ("anywhere", [{"LOWER": {"IN": ["fired", "launched"]}}], "refired drones", None),
    ("anywhere", [{"LOWER": "fire"}], "firearms", None),
    # ORTH keeps case
    ("anywhere", [{"ORTH": "US"}], "us and the US", "US"),
    # optional tokens and several-word entries
    ("before", [{"LOWER": "fired"}, {"LOWER": {"IN": ["an estimated", "about"]}, "OP": "?"}], "fired an  estimated ", "fired an  estimated "),
    ("before", [{"LOWER": "fired"}, {"LOWER": {"IN": ["an estimated", "about"]}, "OP": "?"}], "fired at", None),
    # after: starts where the text starts
    ("after", [{"LOWER": "were"}, {"LOWER": "sent"}], "  were sent home", "  were sent"),
    ("after", [{"LOWER": "were"}, {"LOWER": "sent"}], "they were sent", None),
    # clitics join without a space; punctuation tokens; flags; any token; NOT_IN; REGEX
    ("anywhere", [{"IS_TITLE": True}, {"LOWER": "'s"}], "Russia's army", "Russia's"),
    ("anywhere", [{"LIKE_NUM": True}, {"ORTH": "-"}, {"LOWER": "strong"}], "a 5,000-strong force", "5,000-strong"),
    ("anywhere", [{"LOWER": "the"}, {}, {"LOWER": "army"}], "the Russian army", "the Russian army"),
    ("anywhere", [{"LOWER": "the"}, {"LOWER": {"NOT_IN": ["russian"]}}, {"LOWER": "army"}], "the Russian army", None),
    ("anywhere", [{"LOWER": {"REGEX": "^withdr[ae]w\\w*$"}}], "it withdrew", "withdrew"),
    ("anywhere", [{"LOWER": "of"}, {"IS_DIGIT": True, "OP": "{1,2}"}], "of 12 34", "of 12 34"),
    # a repeated first token takes spaces between its repetitions
    ("after", [{"LOWER": {"IN": ["have", "been"]}, "OP": "{1,3}"}, {"LOWER": "trained"}], " have been trained", " have been trained"),
    ("anywhere", [{"LOWER": "were", "OP": "+"}, {"LOWER": "sent"}], "they were  were sent", "were  were sent"),
    # a case-blind word is found at a word's start only, after a letter never
    ("anywhere", [{"LOWER": {"IN": ["army", "armies"]}}], "Armyman, paramilitary armies", "armies"),
])
def test_compiled_pattern(where, pattern, text, expected):
    book = _book({"where": where, "patterns": [pattern]})
    m = {"anywhere": lambda: book.search("t.r", text), "before": lambda: book.before("t.r", text, len(text)),
         "after": lambda: book.after("t.r", text, 0)}[where]()
    assert (m.group() if m else None) == expected


def test_references_to_lists_of_this_file_of_others_and_of_the_lexicon():
    files = {"a": {"lists": {"verbs": ["moved"]}, "rules": [
        {"id": "a.mine", "does": "d", "patterns": [[{"LOWER": {"IN": "@verbs"}}]], "fires": ["moved"], "not": ["x"]},
        {"id": "a.other", "does": "d", "patterns": [[{"LOWER": {"IN": "@b.nouns"}}]], "fires": ["tanks"], "not": ["x"]},
        {"id": "a.toml", "does": "d", "patterns": [[{"LOWER": {"IN": "@qualifiers"}}]], "fires": ["about"], "not": ["x"]}]},
        "b": {"lists": {"nouns": ["tanks"]}}}
    book = RuleBook.from_files(files, others={"qualifiers": {"about": "about", "up to": "max"}})
    assert [book.applies(r, t) for r, t in [("a.mine", "moved"), ("a.other", "tanks"), ("a.toml", "up  to")]] == [True] * 3
    assert book.words("b.nouns") == ("tanks",)


def test_rules_without_case_run_on_lower_cased_text():
    book = _book({"patterns": [[{"LOWER": {"IN": ["fired", "launched"]}}, {"IS_DIGIT": True}]]})
    text = "Iran LAUNCHED 30 drones"
    m = book.search("t.r", text, low=lower_keeping_offsets(text))
    assert m.span() == (5, 16) and m.string == "iran launched 30 drones"  # a match of the lower-cased text
    cased = _book({"patterns": [[{"ORTH": "US"}]]})
    assert cased.rule("t.r").folded is None and cased.search("t.r", "us US", low="us us").span() == (3, 5)
    with pytest.raises(ValueError, match="offsets kept"):
        book.search("t.r", text, low="short")


COMMON = lexicon.read_toml()["pre_checks"]["common_words"]


def test_needs_is_derived_from_the_rarest_required_token():
    book = _book({"patterns": [[{"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ["Fired", "launched at"]}}, {}],
                               [{"ORTH": "Shot"}]]})
    assert book.needs("t.r") == frozenset({"fired", "launched", "shot"})
    # of two required tokens, the one a text holds less often: "them", not "of" (the common words
    # rank "of" second); with no common words, the one with fewer words
    of_them = {"patterns": [[{"LOWER": "of"}, {"LOWER": {"IN": ["them", "those"]}}]]}
    assert _book(of_them, common=COMMON).needs("t.r") == {"them", "those"}
    assert _book(of_them).needs("t.r") == {"of"}
    assert not book.could_match("t.r", "they moved") and book.could_match("t.r", "they FIRED")
    assert _book({"patterns": [[{"IS_DIGIT": True}]]}).needs("t.r") is None


def test_needs_avoid_common_words():
    # "in the country": with the language's common words the pre-check is the noun, which few
    # windows hold; a choice that knows no frequencies takes the token of fewest words, "the"
    anaphor = {"patterns": [[{"LOWER": {"IN": ["in", "at", "into"]}}, {"LOWER": "the"},
                             {"LOWER": {"IN": ["country", "region", "area", "island"]}}]]}
    assert _book(anaphor).needs("t.r") == {"the"}
    assert _book(anaphor, common=COMMON).needs("t.r") == {"country", "region", "area", "island"}
    # a negation before forty verbs: the negation; a mark (",") counts as the commonest word
    book = BOOKS["en"]
    assert book.needs("linking.negated_verb") == {"not", "never", "no", "n't", "n’t"}
    assert book.needs("figures.where_clause") == {"when", "where"}
    # a token every pattern shares ("events in", "events between ... in") rather than each one's own
    assert book.needs("linking.event_place") == {w.split()[0] for w in lexicon.read_toml()["linking"]["event_nouns"]}
    # no rule of the shipped book needs "the" or "of" where a pattern has a rarer required token
    assert not {"the", "of"} & (book.needs("linking.anaphor") | book.needs("figures.of_them"))
    with pytest.raises(LexiconError, match="distinct"):
        _book(anaphor, common=["the", "The"])


def test_switched_off_rules_never_match(monkeypatch):
    assert _book({"patterns": [[{"LOWER": "x"}]]}, disabled={"t.r"}).search("t.r", "x") is None
    monkeypatch.setenv("GEOMAP_DISABLE_RULES", "t.r")
    book = _book({"patterns": [[{"LOWER": "x"}]], "where": "after"})
    assert book.after("t.r", "x", 0) is None and book.before("t.r", "x", 1) is None
    with pytest.raises(LexiconError, match="unknown rules t.nope"):
        _book({"patterns": [[{"LOWER": "x"}]]}, disabled={"t.nope"})


@pytest.mark.parametrize("rule,message", [
    ({"id": "other.r"}, "expected a rule id 't.<name>'"),
    ({"does": ""}, "expected 'does'"),
    ({"where": "inside"}, "expected 'where' one of"),
    ({"patterns": []}, "expected 'patterns'"),
    ({"fires": []}, "expected 'fires'"),
    ({"patterns": [[{"SHAPE": "dd"}]]}, "unsupported token attribute 'SHAPE'"),
    ({"patterns": [[{"LOWER": {"REGEX": "fire"}}]]}, "anchored"),
    ({"patterns": [[{"LOWER": {"IN": "@nowhere"}}]]}, "no word list @nowhere"),
    ({"patterns": [[{"LOWER": "x", "OP": "!"}]]}, "unsupported OP"),
    ({"extra": 1}, "unknown keys"),
])
def test_malformed_rules_name_the_file_and_rule(rule, message):
    base = {"id": "t.r", "does": "d", "patterns": [[{"LOWER": "x"}]], "fires": ["x"], "not": ["y"]}
    with pytest.raises(LexiconError, match=message) as err:
        RuleBook.from_data("t", {"rules": [{**base, **rule}]})
    assert str(err.value).startswith("rules/t.yaml")


def test_before_search_pre_check_agrees_with_the_search():
    # the pre-check of before_search (the words a match can end with) never turns away a window the
    # search would match: every rule blind to case, on each of its examples cut after each word
    book = BOOKS["en"]
    checked = 0
    for rule in book:
        if rule.folded is None:
            continue
        checked += 1
        plain, checked_search = book.regex(rule.id, "before", folded=True).search, book.before_search(rule.id, True)
        for example in (*rule.fires, *rule.not_):
            low = lower_keeping_offsets(example)
            for end in [i for i, c in enumerate(low) if c == " "] + [len(low)]:
                for pos in (0, max(0, end - 12)):
                    got, want = checked_search(low, pos, end), plain(low, pos, end)
                    assert (got and got.span()) == (want and want.span()), (rule.id, low[pos:end])
    assert checked > 20


def test_before_search_reads_the_last_words_of_its_patterns():
    from geomap.rules import _last_words
    # an optional last token lets the one before it end the match too; a REGEX token has no fixed words
    assert _last_words(((({"LOWER": "strike"}, {"LOWER": {"IN": ["with", "of"]}, "OP": "?"}),))) \
        == ("of", "strike", "with")
    assert _last_words((({"LOWER": {"IN": ["out of", "per"]}},),)) == ("of", "per")
    assert _last_words((({"LOWER": "from"}, {"LOWER": {"REGEX": "^[a-z]+$"}, "OP": "{0,2}"}),)) is None
    assert _last_words((({"LOWER": "a", "OP": "?"},),)) is None


def test_a_lexicons_own_words_of_text_reach_every_stage():
    """The abbreviations, month names and speech verbs of rules/text.yaml are read from the rule
    book of the Pipeline's lexicon, not bound to the shipped language when geomap is imported."""
    import copy
    import dataclasses

    from geomap.model import Document
    from geomap.pipeline import Pipeline

    text = ("Officers came with Xyz. Smith to Kursk. Russia sent 5,000 troops to Minsk Brumaire 3. "
            "Austin opined that 300 soldiers were at Fort Hood.")

    def read(lex):
        r = Pipeline(lexicon=lex).process(Document("t", text, "2022-06-01"))
        return len(r.sentences.spans), [m.surface for m in r.mentions], [(d.figure.text, d.place.name) for d in r.deployments]

    files = copy.deepcopy(lexicon.read_rule_files())
    for name, word in (("abbreviations", "xyz"), ("months", "brumaire"), ("speech_verbs", "opined")):
        files["text"]["lists"][name].append(word)
    book = RuleBook.from_files(files, others=lexicon.read_toml())
    # shipped: "Xyz." ends a sentence, "Minsk Brumaire" is a name (no place), Austin is a town
    assert read(lexicon.load()) == (4, ["Kursk", "Russia", "Austin", "Fort Hood"], [("300 soldiers", "Fort Hood")])
    # this lexicon's: an abbreviation, a month after Minsk, a person who speaks
    assert read(dataclasses.replace(lexicon.load(), rules=book)) == (
        3, ["Kursk", "Russia", "Minsk", "Fort Hood"], [("5,000 troops", "Minsk"), ("300 soldiers", "Fort Hood")])
