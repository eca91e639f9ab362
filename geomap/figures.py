"""Find troop figures: a number, the range the text allows, and the unit it counts.

The words around a number that decide whether it counts forces are rules of
geomap/lang/en/rules/figures.yaml (the order they apply is written at its top); the clause guards
are rules/guards.yaml's (geomap.guards). What stays here as regular expressions reads characters
inside a token, which token patterns cannot: the number grammar ("5,000", "1,50,000", "10-12,000",
"several thousand"), the unit phrase after a number with its modifiers and possessives, model
designations ("Su-35", "M1A2", "Leopard 2"), sizes glued to a hyphen ("3,000-strong"), ordinals
and shares glued to the number ("20th", "40%"); their word lists come from the lexicon and the
rule file.

>>> [(f.count, f.unit, f.unit_text) for f in find_figures("Moscow has sent 5,000 military personnel to Belarus.")]
[(5000, 'troops', 'military personnel')]
>>> find_figures("The US gave $2.5 billion in military aid.")
[]
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import accumulate, islice

from .lexicon import Lexicon, number_words
from .lexicon import load as load_lexicon
from .guards import Guards, NeededWords, Spots
from .rules import token_matches
from .model import Figure, new_figure
from .patterns import alternation
from .text import YEAR, date_words, lower_keeping_offsets, possessive

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.]*[A-Za-z]\.?|[A-Za-z]|\d+(?:[.,]\d+)*|[-–—/&$€£%]|[^\sA-Za-z\d]")
_LOWER_WORDS = re.compile(r"[a-z]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
# thousands written with a space (no-break, narrow or thin), a dot or an apostrophe: "5 000", "5.000", "5'000"
_GROUP_MARKS = " \u00a0\u202f\u2009.'’"
_GROUPED = re.compile(rf"\d{{1,3}}(?:[{_GROUP_MARKS}]\d{{3}})+")
_SEPARATORS = re.compile(rf"[{_GROUP_MARKS}]")
_COMMA_MARKS = ",，٬"  # thousands: the comma, the full-width and the Arabic one
_COMMAS = re.compile(rf"[{_COMMA_MARKS}]")


# digits of every script ("５０００", "٥٠٠٠", "५०००") read as the ASCII digits they are
class _Digits(dict):
    """A ``str.translate`` table from each script's digits to ASCII, filled as characters are
    met (a table of every code point, built at import, cost each process 0.1 s)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        self[code] = out = str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c
        return out


_ASCII_DIGITS = _Digits()
MAX_COUNT = 10_000_000  # more is no force any article reports: a number beyond it is no figure
_NUMBER_AHEAD = re.compile(r"\d")
# a digit that can start a number: not after what the number pattern's look-behind rules out
# (a letter, a digit, ".", ",", a currency sign, "-"); the look-behind after the digit lets the
# matcher skip ahead to digits
_NUMBER_DIGIT = re.compile(r"\d(?<![\w.,$€£-]\d)")
_HEAD, _NUMBER_WORD, _NEEDED = 1, 2, 4  # what a word is to FigureFinder._words (bits)
# after a number, a mark that ends a clause or a bracket: no unit phrase starts there (one that
# is followed by "-" and a letter starts a compound the unit reader tries)
_CLOSERS = frozenset(")],;:.!?")
# the characters other than A-Z and a-z that a case-blind [A-Za-z] matches ("ſ" is "s", the Kelvin
# sign "k"); a text without them reads the same to a case-blind pattern and, lower-cased, to a plain one
_CASE_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_SPACES = re.compile(r"\s+")
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_CLAUSE_END = re.compile(r"\. |;|\n")
_BRACKET_COUNT = re.compile(r"\(\s*(?:[A-Za-z]+\s+){0,3}\d")
_DESIGNATION_NEXT = set("-/0123456789")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)\.?(?![\w-])")
_SENTENCE_END = re.compile(r"\. |\n")
_MODEL = re.compile(
    r"\s*(?:[A-Z][A-Za-z]*(?:/[A-Z][A-Za-z]*)?-\d+[A-Za-z\d]*|[A-Z]+\d+[A-Za-z\d]*)(?:s|'s)?(?=[\s,.;:)!?]|$)"
)  # Su-35, F-16, M1A2


# nothing but spaces to the text's end: a count that follows its unit ends there
_TEXT_END = re.compile(r"\s*$")
_DIGITS = re.compile(r"\d+")


def _after_article(low: str, at: int, articles: re.Pattern) -> int:
    """Where the words after the first article from ``at`` on start ("numbering in the |thousands")."""
    i = articles.search(low, at).end()
    while low[i].isspace():
        i += 1
    return i


def _is_year(raw: str) -> bool:
    """A number that is a year ("2022", "２０２２"), not a count."""
    return bool(YEAR.fullmatch(raw if raw.isascii() else raw.translate(_ASCII_DIGITS)))


_WORD_BEFORE = re.compile(r"([A-Za-z][\w.'’-]*)\s+$")


def _modifiers_start(text: str, at: int, lo: int, lex: Lexicon, stop: frozenset[str]) -> int:
    """Where the words that qualify a unit phrase at ``at`` begin ("Russian combat troops")."""
    start = at
    for _ in range(4):
        m = _WORD_BEFORE.search(text, lo, start)
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if (
            low in stop
            or low.endswith(("'s", "’s"))
            or not (low in lex.modifiers or word in lex.demonyms or word[0].isupper())
        ):
            break
        start = m.start(1)
    return start


# designations with a number apart or first: "18 Leopard 2 tanks", "20 Bayraktar TB2 drones", "40 2S19 howitzers"
_DESIGNATION = re.compile(
    r"\s*(?:[A-Z][a-z]+\s+)?(?:\d+[A-Z]+[A-Za-z\d]*|[A-Z]+\d+[A-Za-z\d]*|\d[A-Za-z\d]*)(?:s|'s)?(?=\s)"
)


# a clause about the place, after the figure's own: its victims are not the figure's


class FigureFinder:
    """Finds figures with one lexicon (compiled once)."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lex = lexicon or load_lexicon()
        self._date_words = date_words(lex.rules)  # "30,000 in February" is a date
        g = self._grammar = number_words(lex)
        word_numbers = sorted(set(lex.ones) | set(lex.tens) | set(lex.scales) - g.digits_only, key=len, reverse=True)
        wn = alternation(w for w in word_numbers if w not in g.one_of)
        vague = alternation(lex.vague).replace("\\ ", r"\s+")  # "several\nthousand": wire copy breaks lines
        # 5,000 · 5 000 and 5.000 (thousands written the European way) · 1.5 · 120
        # (and 1,50,000, as Indian reports group lakhs); thousands also with a full-width or
        # Arabic comma, a thin, narrow or no-break space, a dot or an apostrophe
        digits = (
            rf"\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?![\d,])|\d{{1,3}}(?:[{_COMMA_MARKS}]\d{{3}})+(?:\.\d+)?"
            rf"|\d{{1,3}}(?:[{_GROUP_MARKS}]\d{{3}})+(?![\d.,])|\d+(?:\.\d+)?"
        )
        scale_words = alternation(g.after_digits)
        spaced = alternation({w for k in g.suffix_spaced for w in (k, k.upper())})
        glued = alternation(g.suffix_glued)
        scale = rf"(?:\s?(?:{spaced})\b|(?:{glued})\b|\s(?:{scale_words})\b)?"  # 175k, 1.5m (attached: not metres)
        marks = "–|" + alternation(g.range_marks)
        # a range that starts with digits has, after them, their separators and spaces (all the
        # characters of ``digits`` but the digits, and of the spaces around a scale), at most a
        # scale word and spaces, then "–", "to", "or" or "-": where it has not ("5,000 troops"),
        # this look-ahead fails at once, where the range's pattern read every shorter number first
        self._range_ahead = range_ahead = (
            rf"(?:(?!\d)|(?=[\d.{_COMMA_MARKS}{_GROUP_MARKS}\s]*+(?:(?:{alternation([*g.suffix_spaced, *g.suffix_glued])}|{scale_words})\s*)?(?:{marks}|-)))"
        )
        # "two hundred and fifty": the joining word only right after a scale
        joined = "(?:" + "|".join(f"(?<={re.escape(w)})" for w in g.scale_join_after) + ")"
        one = (
            rf"(?:(?:{digits}){scale}(?![A-Za-z\d])|(?:(?:{alternation(g.one_of)})\s+(?:{alternation(g.one_of_scales)})"
            rf"|(?:{wn})(?:[\s-]+(?:{wn})|{joined}\s+(?:{alternation(g.scale_join)})\s+(?:{wn}))*)\b)"
        )
        self._number = re.compile(
            rf"(?<![\w.,$€£-])(?:(?:{alternation(g.range_open)})\s+(?P<lo>{one})\s+(?:{alternation(g.range_join)})\s+(?P<hi>{one})"
            rf"|{range_ahead}(?P<a>{one})(?:\s*(?:{marks})\s*|\s*-\s*(?=\d))(?P<b>{one})(?=[\s-])"  # not "forty-five"
            rf"|(?P<vague>{vague})\b"
            rf"|(?P<n>{one}))",
            re.IGNORECASE,
        )
        # the words a number can start with: "between", "a (dozen)", number words, vague amounts
        firsts = {*g.range_open, *g.one_of} | set(word_numbers) | {v.split()[0] for v in lex.vague}
        self._number_start = re.compile(r"\d+|(?<![A-Za-z])(?:" + alternation(firsts) + r")(?![A-Za-z])", re.IGNORECASE)
        # the same words lower-cased: where that pattern finds a word in an ASCII-cased text, the
        # lower-cased text has a run of letters that is one of them (_words finds the runs); None
        # when a word is not plain lower-case ASCII, which such a run cannot stand for
        lows = frozenset(w.lower() for w in firsts)
        self._number_words = lows if all(_LOWER_WORDS.fullmatch(w) for w in lows) else None
        self._units = sorted(lex.units, key=lambda p: -len(p.split()))
        # the last word of every unit phrase: a number with none of them close after it is no figure
        rules = lex.rules
        sizes = rules.words("figures.size_words")
        self._heads = frozenset(_LOWER_WORDS.findall(" ".join(p.split()[-1] for p in lex.units))) | set(sizes)
        self._size_only = frozenset(rules.words("figures.size_only"))  # "a 3,000-man force", never "man" alone
        ending = set(rules.words("figures.size_words_ending"))
        self._sized = tuple(f"-{w}" + ("" if w in ending else " ") for w in sizes)  # "-strong", "-man ", ...
        self._strong = re.compile(
            rf"-(?:{alternation(sizes)})\s+((?:[\w-]+\s+){{0,2}}?)([a-z]+(?:\s+(?:{alternation(rules.words('figures.size_noun_tails'))}))?)\b"
        )
        # glued to the number: an ordinal or a share; after it: at least it, or about it
        self._ordinal_or_share = re.compile(
            rf"(?:{alternation(rules.words('figures.ordinal_suffixes'))})\b|%|\s?(?:{alternation(rules.words('figures.share_units'))})\b",
            re.IGNORECASE,
        )
        at_least, about = rules.words("figures.suffix_at_least"), rules.words("figures.suffix_about")
        self._at_least = frozenset(("+", *at_least))
        self._suffix_qualifier = re.compile(
            rf"\+|-(?:{alternation(w for w in (*at_least, *about) if ' ' not in w)})\b|\s+(?:{alternation(about).replace(chr(92) + ' ', chr(92) + 's+')})\b",
            re.IGNORECASE,
        )
        self._fighters = frozenset(rules.words("figures.fighter_words"))
        self._max_unit_words = max(len(_TOKEN.findall(p)) for p in lex.units)
        self._unit_last = frozenset(_TOKEN.findall(p)[-1].lower() for p in lex.units)
        self.rules = rules = lex.rules

        def words(name: str, spaces: bool = True) -> str:
            """The list figures.<name> as an alternation (its spaces any run of spaces, or one as written)."""
            alt = alternation(rules.words("figures." + name))
            return alt.replace("\\ ", r"\s+") if spaces else alt

        self._not_modifiers = frozenset(rules.words("figures.not_modifiers"))
        self._governed_words = frozenset(rules.words("figures.governed_words"))
        self._months = frozenset(rules.words("text.months"))
        # the rules read for every number, their patterns kept (RuleBook.regex): the matches of
        # rules.before() and rules.after(), without the look-ups of each call; all but the last
        # are blind to case and run on the lower-cased text (see _lowered)
        before = {
            r: rules.before_search(r, folded=True)
            for r in (
                "figures.share_of",
                "figures.from_before",
                "figures.ratio_before",
                "figures.number_list_before",
                "figures.qualifier",
                "figures.duration_before",
            )
        }
        after = {
            r: rules.regex(r, "after", folded=True).match
            for r in (
                "figures.crew_after",
                "figures.not_after_unit",
                "figures.count_follows",
                "figures.rate_word",
                "figures.strong_after",
            )
        }
        after["figures.clause_goes_on"] = rules.regex("figures.clause_goes_on", "after").match  # "in", not "In"
        # the text find() reads and the same lower-cased (offsets kept), in one attribute: one
        # read gives both, so a finder shared between threads never pairs a text with another's
        self._low_pair: tuple[str | None, str, Spots | None] = (None, "", None)
        self._values: dict[str, float | None] = {}  # see _value
        (
            self._share_of,
            self._from_before,
            self._ratio_before,
            self._number_list_before,
            self._qualifier_before,
            self._duration_before,
        ) = before.values()
        (
            self._crew_after,
            self._not_after_unit,
            self._count_follows,
            self._rate_word,
            self._strong_after,
            self._goes_on,
        ) = after.values()
        # the words the rules read for every figure need, found with the unit words (see _words)
        self._needed = NeededWords(rules, (*Guards.GATED, "figures.victims", "figures.of_them", "figures.vague_after"))
        self._victims_slot, self._of_them_slot, self._vague_after_slot = (
            self._needed.slots.get(r) for r in ("figures.victims", "figures.of_them", "figures.vague_after")
        )
        self.guards = Guards(lex, self._needed)
        self._labels = frozenset(lex.label_nouns)
        self._sent_after = self.guards.sent_after
        # "4,000 members of the US Army's 101st Airborne Division": members of a force
        self._members_of = rules.regex("figures.members_of", "after").match
        # "three combat groups composed of thousands of men", "a force of 5,000 men": men of a formation
        self._formation_of = rules.before_search("figures.formation_of", folded=True)
        # a count of machines named by their designation: "12 F-35s", "6 F-22 Raptors"
        self._designation_kinds = tuple((kind, tuple(prefixes)) for kind, prefixes in lex.designations.items())
        self._unit_heads = self._heads
        self._designation_heads = frozenset(
            _LOWER_WORDS.match(p.lower()).group() for _, ps in self._designation_kinds for p in ps if p[0].isalpha()
        )
        self._heads = self._heads | self._designation_heads
        # what a run of letters of the lower-cased text is to find(), read in one pass: the last
        # word of a unit phrase, the first word of a number ("a" is both), a word a rule needs
        self._word_kinds = dict.fromkeys(self._heads, _HEAD)
        for listed, kind in ((self._number_words or (), _NUMBER_WORD), (self._needed.watch, _NEEDED)):
            for w in listed:
                self._word_kinds[w] = self._word_kinds.get(w, 0) | kind
        plural = alternation(rules.words("text.plural_letters"))  # "12 F-35s"
        possessive_s = possessive(rules, letters_needed=True)  # "Russia's", "People's Liberation Army"
        self._designation_unit = re.compile(
            rf"\s+(?P<d>(?:{alternation(p for _, ps in self._designation_kinds for p in ps)})[A-Za-z\d-]*?(?<=\d)[A-Za-z]?)"
            rf"(?:(?:{plural})(?![\w-])|\s+[A-Z][a-z]+(?:{plural})(?![\w-]))"
        )
        own_plurals = frozenset(rules.words("figures.own_plurals"))
        plural_endings = [(int(cut), end) for cut, end in (e.split(":") for e in rules.words("figures.plural_endings"))]
        self._articles = re.compile(r"(?<![^\W_])(?:" + alternation(rules.words("text.articles")) + r")(?![^\W_])")
        self._count_to_words = frozenset(rules.words("figures.count_to"))
        self._modifier_joins = frozenset(rules.words("figures.modifier_joins"))
        self._opening_modifiers = frozenset(rules.words("figures.opening_modifiers"))
        self._adverb_endings = tuple(rules.words("text.adverb_endings"))
        self._more_words = tuple(w.lower() for w in rules.words("figures.more_words"))
        # unit words in the singular whose plural is a unit word too: "brigade", "tank", "serviceman"
        self._singulars = frozenset(
            u
            for u in lex.units
            if " " not in u
            and u not in own_plurals
            and any(p in lex.units and p != u for p in ((u[:-cut] if cut else u) + end for cut, end in plural_endings))
        )
        never = set(rules.words("figures.one_formation_never"))
        singles = sorted(
            (
                p
                for p, kind in lex.units.items()
                if kind in ("units", "ships") and not p.endswith("s") and p not in never
            ),
            key=len,
            reverse=True,
        )
        mods = alternation(m for m in lex.modifiers if re.fullmatch(r"[a-z]+(?:-[a-z]+)?", m))
        single_alt = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in singles)
        self._one_formation = re.compile(
            rf"(?<![\w-])(?i:{alternation(lex.military_verbs)})\s+(?:(?i:{words('one_formation_before')})\s+)?"
            rf"(?P<n>(?i:{words('one_formation_counts')}))\s+"
            rf"(?:(?:[A-Za-z]+(?:-[A-Za-z]+)+|[A-Z][A-Za-z]*|{mods})\s+){{0,3}}?"
            rf"(?P<unit>(?i:{single_alt}))(?![\w-])"
            rf"(?!\s+(?i:{words('formation_staff')}))"
        )
        # the last words of those formations: a window of an ASCII text with none of them as a
        # whole word (all are heads) holds no match of that pattern; None: a word that test cannot see
        lasts = frozenset(p.split()[-1] for p in singles)
        self._single_lasts = lasts if all(_LOWER_WORDS.fullmatch(w) for w in lasts) else None
        # and the letters those last words start with, lower-cased: a head that starts otherwise ends no match
        self._single_initials = "".join(sorted({w[0].lower() for w in lasts}))
        # a unit phrase right after the number, or after up to four modifiers or capitalised words
        phrases = sorted((p for p in lex.units if p.split()[0] not in lex.not_units), key=len, reverse=True)
        unit_alt = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
        mods = alternation(m for m in lex.modifiers if re.fullmatch(r"[a-z]+(?:-[a-z]+)?", m))
        # modifiers may be coordinated: "air, sea and ground forces", "Russian and Belarusian troops"
        self._unit_fast = re.compile(
            rf"\s+((?:(?:[A-Za-z]+(?:-[A-Za-z]+)+|[A-Z][A-Za-z]*(?:{possessive_s})?|[A-Z]\.(?:[A-Z]\.)+|{mods})(?:,?\s+(?:{words('modifier_joins')})\s+|,\s+|\s+)){{0,5}}?)"
            rf"((?i:{unit_alt}))(?![A-Za-z]|\.[A-Za-z]|{possessive_s}\b)"
        )  # "People's Liberation Army": a name
        self._unit_first = frozenset(_TOKEN.findall(p)[0] for p in lex.units)
        self._unit_next = re.compile(rf"[ -]((?i:{unit_alt}))(?![A-Za-z]|\.[A-Za-z])")
        # the letters each of those phrases starts with, up to its first character that is no
        # letter ("anti" of "anti-tank missiles"): a text with no letter that a case-blind
        # pattern reads as another has such a run of letters where one of them starts
        self._unit_next_firsts = (
            frozenset(_LOWER_WORDS.match(p.split()[0].lower()).group() for p in phrases)
            if all(_LOWER_WORDS.match(p.lower()) for p in phrases)
            else None
        )
        self._compound_first = frozenset(m.split("-")[0] for m in lex.modifiers if "-" in m)  # "front" of "front-line"
        quals = sorted(lex.qualifiers, key=len, reverse=True)
        articles = alternation(rules.words("text.articles"))
        names = rf"(?:(?:{articles})\s+)?(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*))*"
        # a number that takes the unit of the figure before it: "2,000 troops to Germany and
        # 1,000 to Romania", "80,000 troops in Europe, including 35,000 in Germany"
        self._elliptic = re.compile(
            rf"(?:[,;]\s*(?:(?:{words('elliptic_after_comma')})\s+)?"
            rf"|\s+(?:{words('elliptic_links', spaces=False)})\s+)"
            rf"(?:(?:{words('elliptic_another')})\s+|(?:{alternation(quals)})\s+)?(?P<n>(?:{digits}){scale})(?:\s+(?:{words('more_words')}))?"
            rf"(?:\s+(?:{words('elliptic_from')})\s+{names}(?:(?:,\s*|,?\s+(?:{words('name_joins')})\s+){names}){{0,6}})?"  # "900 from the United States in Bulgaria"
            rf"(?:\s+(?:{words('elliptic_verbs')})"
            rf"|\s+(?:(?:{words('elliptic_to_be')})\s+)?(?:{words('to_be')})){{0,3}}"  # "500 will stay in", "500 are (expected) to be based in"
            rf"\s+(?:{words('elliptic_places')})\s+(?:(?:{articles})\s+)?"
            rf"(?:(?:{words('compass')})\s+)?(?P<name>[A-Z][\w'’-]*)",
            re.IGNORECASE,
        )
        # more of the same unit, then a verb: "11 vessels inside the shoal while dozens more clustered around it"
        self._more_after = re.compile(
            rf"(?:,\s*(?:(?:{words('more_after_comma')})\s+)?|\s+(?:{words('more_links')})\s+)(?P<n>{vague}|(?:{digits}){scale})\s+(?:{words('more_words')})"
            rf"\s+(?:(?:{words('more_auxiliaries')})\s+)?[a-z]+(?:{words('verb_endings')})\b",
            re.IGNORECASE,
        )
        # the strength a change reaches: "from 90,000 troops to 130,000"
        self._to_count = re.compile(
            rf"\s+(?:{words('count_to')})\s+(?:(?:{alternation(quals)})\s+)?(?P<n>(?:{digits}){scale})(?![\w,.]\d)",
            re.IGNORECASE,
        )
        # more of the figure before, sent later: "A further 200 would be deployed in the coming weeks"
        self._further = re.compile(
            rf"(?<![\w-])(?:{words('further')})\s+(?P<n>(?:{digits}){scale})\s+"
            rf"(?:(?:{words('further_fillers')})\s+){{0,4}}"
            rf"(?:{alternation([*lex.military_verbs, *rules.words('figures.arrival_verbs')])})\b",
            re.IGNORECASE,
        )
        # a part of the figure before: "About 1,700 of them will be based in Rzeszow"
        self._of_them = re.compile(
            rf"(?<![\w.,$€£-])(?P<n>(?:{digits}){scale})\s+(?:{words('of_words')})\s+(?:{words('of_them_words')})\b",
            re.IGNORECASE,
        )

        # a count after its unit: "Russian forces in Belarus numbered about 30,000", "the number of
        # US troops in Poland is 10,000", "increased its troops near Ukraine to 175,000"
        self._unit_any = re.compile(rf"(?<![A-Za-z])(?i:{unit_alt})(?![A-Za-z])")
        # the strength of a force named before it: "a force of 3,000 was sent", "a contingent of about 300"
        self._force_of = re.compile(
            rf"(?<![\w-])(?P<unit>(?i:{alternation(lex.force_of_nouns)}))\s+(?:{words('of_words')})\s+(?:(?i:{alternation(quals)})\s+)?"
            rf"(?P<n>(?:{digits}){scale})(?![\w,.]\d)"
        )
        # that pattern from its "of" on: its literal start lets the matcher skip ahead, where the
        # pattern above tries every position; an article with no match of it has none of the above
        self._force_of_gate = re.compile(rf"(?:{words('of_words')})\s+(?:(?i:{alternation(quals)})\s+)?(?:{digits})")
        # a count in brackets after its unit: "two divisions of troops (around 20,000)"
        self._bracketed = re.compile(
            rf"(?<![A-Za-z])(?P<unit>(?i:{unit_alt}))\s*\(\s*(?:(?i:{alternation(quals)})\s+)?"
            rf"(?P<n>(?:{digits}){scale})\s*\)"
        )
        # the last word of every unit phrase of that pattern: a bracket with none just before it has no count of its own
        self._bracketed_ends = tuple(sorted({p.split()[-1].lower() for p in phrases}, key=len, reverse=True))
        self._bracketed_reach = max(map(len, self._bracketed_ends))
        self._bracketed_ends_alpha = all(e[-1:].isascii() and e[-1:].isalpha() for e in self._bracketed_ends)
        self._count_intro, self._count_intro_number, self._count_to = (
            rules.before_search(r, folded=True)
            for r in ("figures.count_intro", "figures.count_intro_number", "figures.count_to")
        )
        self._estimate = rules.regex("figures.estimate", "after", folded=True).match
        self._victims, self._where_clause = (
            rules.regex(r, "anywhere", folded=True) for r in ("figures.victims", "figures.where_clause")
        )
        # the last words of "a further", "another": an article without any has no further count
        self._further_words = frozenset(w.split()[-1] for w in rules.words("figures.further"))
        # a currency sign (the lexicon's one-character words of money) or a letter glued before the
        # number: money or a model number ("$2.5 billion", "Su-35"); \Z: "$" would also match before a line break
        signs = "".join(sorted(re.escape(w) for w in lex.not_forces_before if len(w) == 1))
        self._money_or_model = re.compile(rf"(?:[{signs}]\s?|[A-Za-z]-?)\Z")
        self._count_last = frozenset(w.split()[-1] for w in (*lex.count_after, *lex.count_after_number, *quals))

    def find(self, text: str, lowered: str | None = None) -> list[Figure]:
        """Figures in ``text``, in text order; ``lowered``: its lower case as
        ``lower_keeping_offsets`` gives it, if the caller has it (the pipeline's ``Clauses``).

        Only the stretches before a unit word are searched for numbers: most of an
        article's numbers (dates, money, scores) have no unit word after them.
        """
        out = []
        seen_end = -1
        if lowered is None:
            lowered = lower_keeping_offsets(text)  # its offsets are the text's
        low = lowered
        heads, head_words, number_words, needed = self._words(lowered)
        # a text with a letter that a case-blind pattern reads as another ("ſ" is "s") is read
        # as it is: where a digit or a number word starts (else in the whole text at once), the
        # needed words of the rules (else known here)
        folds = _CASE_FOLDS.search(text) is not None
        spots = None if folds else Spots(low, needed)
        self._low_pair = (text, low, spots)
        self.guards.read(text, spots)
        digits = [m.start() for m in _NUMBER_DIGIT.finditer(text)]  # where a number of digits can start
        starts = None if self._number_words is None or folds else self._number_starts(digits, number_words)
        for lo, hi in self._windows(heads):
            # the number pattern is tried only where a digit or a number word starts
            pos = lo
            if starts is None:  # the number words are read in the text itself
                window = [m.start() for m in self._number_start.finditer(text, lo, hi)]
            else:
                window = starts[bisect_left(starts, lo) : bisect_left(starts, hi)]
            for at in window:
                if at < pos:
                    continue
                m = self._number.match(text, at, hi)
                if m is None:
                    continue
                pos = max(m.end(), at + 1)
                if at < seen_end:
                    continue
                end = m.end()
                if text[end : end + 1] in _CLOSERS and text[end + 1 : end + 2] != "-":
                    continue  # "(1254.0)", "in 2022.", "05:30": no unit word after (as _unit_after would find)
                fig = self._figure(text, m)
                if fig is not None:
                    out.append(fig)
                    seen_end = fig.end
        if out:
            out = self._with_elliptic(text, out)
            if self._may_match(text, self._of_them_slot, 0, len(text)) and self.rules.could_match(
                "figures.of_them", low, lowered=True
            ):
                out = self._parts(text, out)
            if any(w in low for w in self._further_words):
                out = self._more(text, out)
        after_unit = self._postposed(text, out, heads, digits)
        after_unit += self._single_formations(text, out, heads, head_words)
        if "(" in text:
            after_unit += self._in_brackets(text, out + after_unit)
        after_unit += self._strength_of(text, out + after_unit)
        out = sorted(out + after_unit, key=lambda f: (f.start, f.end)) if after_unit else out
        return [f for f in out if self.guards.why(text, f, low) is None]

    def _strength_of(self, text: str, figures: list[Figure]) -> list[Figure]:
        """The strength of a force named just before the number, with no unit after it:
        "a force of 3,000 was sent", "a garrison of about 1,500 in Tajikistan". The figure
        runs from the force's noun, its unit words, to the count."""
        out: list[Figure] = []
        if self._force_of_gate.search(text) is None:
            return out
        for m in self._force_of.finditer(text):
            at = m.start("n")
            if (
                any(f.start <= at < f.end for f in figures)
                or YEAR.fullmatch(m.group("n"))
                or not self._clause_goes_on(text, m.end("n"))
            ):
                continue  # "a force of 3,000 troops" is read the usual way
            n = self._number.fullmatch(m.group("n"))
            counts = self._counts(n) if n is not None else None
            if counts is None or counts[0] < 20:
                continue
            count, cmin, cmax, qualifier = self._qualified(text, at, *counts)
            fig = Figure(
                at,
                m.end("n"),
                m.group("n"),
                count,
                cmin,
                cmax,
                qualifier,
                "troops",
                m.group("unit"),
                m.start("unit"),
                m.end("unit"),
            )
            if (
                self.guards.why(text, fig, self._lowered(text)) is None
            ):  # read at the number: "raise an army of 100,000"
                start = m.start("unit")  # the words from the unit to the count, as for other counts after their unit
                out.append(replace(fig, start=start, text=text[start : fig.end]))
        return out

    def _in_brackets(self, text: str, figures: list[Figure]) -> list[Figure]:
        """Counts in brackets right after their unit word: "troops (around 20,000)"."""
        out = []
        ends, reach = self._bracketed_ends, self._bracketed_reach
        # in ASCII text, when every last word of a unit phrase ends with a letter, the test below
        # fails at once where no letter stands before the bracket (and its spaces): "(1.0)"
        letter_first = self._bracketed_ends_alpha and text.isascii()
        for b in _BRACKET_COUNT.finditer(text):
            # the pattern's bracket is this one, right after a unit phrase: when no unit phrase's last
            # word ends just before it (a cheap test), the search below cannot succeed
            j = b.start()
            while j and text[j - 1].isspace():
                j -= 1
            if letter_first and not text[j - 1 : j].isalpha():
                continue
            tail = text[max(0, j - reach) : j]
            if tail.isascii() and not tail.lower().endswith(ends):
                continue
            m = self._bracketed.search(text, max(0, b.start() - 40), b.end() + 40)
            while m is not None and m.start("n") < b.start():
                m = self._bracketed.search(text, m.end(), b.end() + 40)
            if m is None or not m.start() < b.start() < m.start("n") or m.end() > text.find(")", b.start()) + 1:
                continue
            n = self._number.fullmatch(m.group("n"))
            if n is None or YEAR.fullmatch(m.group("n")) or any(f.start <= m.start("n") < f.end for f in figures):
                continue
            counts = self._counts(n)
            unit_text = m.group("unit")
            if counts is None or counts[0] < 20 or unit_text.lower().split()[-1] in self.lex.people_nouns:
                continue  # "(5)" is a note; "people (5,000)" no force
            count, cmin, cmax, qualifier = self._qualified(text, m.start("n"), *counts)
            start = _modifiers_start(text, m.start("unit"), max(0, m.start() - 100), self.lex, self._not_modifiers)
            out.append(
                Figure(
                    start,
                    m.end("n"),
                    text[start : m.end("n")],
                    count,
                    cmin,
                    cmax,
                    qualifier,
                    self.lex.units[_SPACES.sub(" ", unit_text.lower())],
                    unit_text,
                    m.start("unit"),
                    m.end("unit"),
                )
            )
        return out

    def _single_formations(
        self, text: str, figures: list[Figure], heads: list[int], head_words: list[str]
    ) -> list[Figure]:
        """One formation or warship sent somewhere: "NATO will deploy an armoured brigade in
        Finland", "Kyiv sent another battalion to Bakhmut". Only after a military verb, and only
        formations and warships: "a soldier", "a ship" are too often no count of forces.
        ``head_words``: the unit word at each of ``heads``, lower-cased (_words)."""
        out = []
        seen = -1
        lasts = self._single_lasts if text.isascii() else None  # then (?i:) is lower-case equality
        if lasts is not None:
            # the heads that end a formation's phrase ("brigade", "destroyer"), by start and end
            # (in ASCII text a head's run of letters is the word, lower-cased)
            spans = [(h, h + len(w)) for h, w in zip(heads, head_words) if w in lasts]
            span_starts = [h for h, _ in spans]
        for head in heads:  # a formation word ends each match: search only just before those
            if head < seen or text[head : head + 1].lower() not in self._single_initials:
                continue
            if lasts is not None:
                # the first formation word that starts in the window must end in it too: no match otherwise
                k = bisect_left(span_starts, max(0, head - 80))
                if k == len(spans) or spans[k][1] > head + 30:
                    continue
            m = self._one_formation.search(text, max(0, head - 80), head + 30)
            if m is None or m.end() < head:
                continue
            seen = m.end()
            start = m.start("n")
            if any(f.start <= start < f.end for f in figures):
                continue
            unit_text = _SPACES.sub(" ", m.group("unit").lower())
            out.append(
                Figure(
                    start,
                    m.end(),
                    text[start : m.end()],
                    1,
                    1,
                    1,
                    None,
                    self.lex.units[unit_text],
                    m.group("unit"),
                    m.start("unit"),
                    m.end(),
                )
            )
        return out

    def _more(self, text: str, figures: list[Figure]) -> list[Figure]:
        """``figures`` and the bare numbers that add more of the figure before (within 600
        characters, across sentences): "100 servicemen flew in. A further 200 would be deployed"."""
        more = []
        for m in self._further.finditer(text):
            at = m.start("n")
            before = [f for f in figures if f.end <= at]
            if not before or at - before[-1].end > 600 or any(f.start <= at < f.end for f in figures):
                continue
            fig = self._figure(text, m, inherit=before[-1])
            if fig is not None:
                more.append(fig)
        return sorted(figures + more, key=lambda f: (f.start, f.end)) if more else figures

    def _parts(self, text: str, figures: list[Figure]) -> list[Figure]:
        """``figures`` and the numbers "of them" that count a part of the figure before
        (within 400 characters): they take its unit."""
        parts = []
        starts = [f.start for f in figures]  # in text order
        reach = list(accumulate((f.end for f in figures), max))  # the furthest end among the first i figures
        for words in self.rules.finditer("figures.of_them", text, low=self._lowered(text)):
            # the number that ends with these words, read within a window: tried at every
            # group of a number such as "5 000 000 ... 000", the pattern read to its end each time
            lo = max(0, words.start() - 60)
            m = next((m for m in self._of_them.finditer(text, lo, words.end()) if m.end() == words.end()), None)
            if m is None or (lo and m.start() - lo <= 4):
                continue  # none, or one the window cut (60 characters: longer than any count)
            at = m.start("n")
            i = bisect_right(starts, at)  # the figures that start at or before the number
            if not i or reach[i - 1] > at or at - figures[i - 1].end > 400:
                continue  # none before it, or the number is inside one
            fig = self._figure(text, m, inherit=figures[i - 1])
            if fig is not None:
                parts.append(fig)
        return sorted(figures + parts, key=lambda f: (f.start, f.end)) if parts else figures

    def _postposed(self, text: str, figures: list[Figure], heads: list[int], digits: list[int]) -> list[Figure]:
        """Counts that follow their unit in the same clause: "Russian forces, estimated at
        30,000, ...". Not a count with a unit of its own after it, nor one of victims.
        Only the numbers up to 150 characters after a unit word (at ``heads``) are read;
        ``digits``: where a number of digits can start (_NUMBER_DIGIT), in text order."""
        out = []
        numbers = []
        for lo, hi in self._reaches(heads):  # per run of close heads, not per head
            # a run of digits after a space (\s\d+ in the reach): not inside a number ("5,000"), nor
            # glued to a word (the intro pattern ends with a space); a reach starts at a unit word,
            # never inside a run. Such a run starts where a number can (a space before it).
            numbers.extend(
                at for at in digits[bisect_left(digits, lo + 1) : bisect_left(digits, hi)] if text[at - 1].isspace()
            )
        starts = []
        for at in numbers:
            lo = max(0, at - 64)  # longer than any count word: searched no further back
            space = text.rfind(" ", lo, at - 1)
            if (space >= 0 or lo == 0) and text[
                space + 1 : at
            ].rstrip().lower() in self._count_last:  # the word before may end a count word
                starts.append(at)
        low = self._lowered(text)
        if heads and self._may_match(text, self._vague_after_slot, 0, len(text)):  # "numbering in the thousands"
            starts += [
                _after_article(low, v.start(), self._articles)
                for v in self.rules.finditer("figures.vague_after", text, low=low)
            ]
        for at in starts:
            # the words that give the count, of either kind: the one that starts first, as one
            # pattern of both lists would find
            m = self._count_intro(low, max(0, at - 40), at)
            bare = self._count_intro_number(low, max(0, at - 40), at)
            if bare is not None and (m is None or bare.start() < m.start()):
                m, counting = bare, False  # "is", "are", "to": a count only after "the number of"
            elif m is not None:
                counting = True
            else:
                continue
            n = self._number.match(text, m.end())
            strong = n is not None and self._strong_after(self._lowered(text), n.end())
            if n is None or not (strong or self._clause_goes_on(text, n.end())) or _is_year(n.group()):
                continue  # "reached 30 km", "30,000 Russian troops" (read the usual way), "in 2022"
            n_start = n.start()
            if any(f.start <= n_start < f.end for f in figures):
                continue
            reach = max(0, m.start() - 102)  # only the last 100 characters are read
            clause = max(
                text.rfind(". ", reach, m.start()),
                text.rfind(";", reach, m.start()),
                text.rfind("\n", reach, m.start()),
            )
            lo = max(clause + 1, m.start() - 100)
            unit = None
            for unit in self._unit_any.finditer(text, lo, m.start()):
                pass  # the last unit phrase before the count
            if unit is None or _NUMBER_AHEAD.search(text, unit.end(), m.start()):
                continue
            unit_text = text[unit.start() : unit.end()]
            if unit_text.lower().split()[-1] in self.lex.people_nouns:
                continue  # "the number of people": not forces
            before = text[max(lo, unit.start() - 80) : unit.start()]
            counted = self.rules.before("figures.number_of", before, len(before))
            if (
                not counting
                and not counted
                and not strong
                and not (
                    _ASCII_WORD.match(low, m.start()).group() in self._count_to_words
                    and self._count_to(low[max(lo, unit.start() - 80) : unit.start()])
                )
            ):
                continue  # "troops are 5": a bare "is" or "to" gives a count only after "the number of"
            clause = self._lowered(text)[lo : n.end() + 40]
            if self.rules.search("figures.victims", clause, low=clause):
                continue  # "the number of soldiers killed rose to 5,000"
            counts = self._counts(n)
            if counts is None:
                continue
            count, cmin, cmax, qualifier = self._qualified(text, n_start, *counts)
            if qualifier is None and count is not None and cmin == cmax and counting and self._estimate(low, m.start()):
                qualifier, cmin, cmax = "estimated", round(count * 0.9), round(count * 1.1)  # an estimate
            start = _modifiers_start(text, unit.start(), lo, self.lex, self._not_modifiers)
            end = strong.end() if strong else n.end()
            out.append(
                Figure(
                    start,
                    end,
                    text[start:end],
                    count,
                    cmin,
                    cmax,
                    qualifier,
                    self.lex.units[_SPACES.sub(" ", unit_text.lower())],
                    unit_text,
                    unit.start(),
                    unit.end(),
                )
            )
        return out

    def _with_elliptic(self, text: str, figures: list[Figure]) -> list[Figure]:
        """``figures`` and, after each, the bare numbers of its clause that take its unit."""
        out = []
        low = self._lowered(text)
        for i, fig in enumerate(figures):
            out.append(fig)
            stop = figures[i + 1].start if i + 1 < len(figures) else len(text)
            clause = _SENTENCE_END.search(text, fig.end, min(stop, fig.end + 200))  # "; 1,800 to Texas" goes on
            stop = clause.start() if clause else min(stop, fig.end + 200)
            parent, pos = fig, fig.end
            while True:
                # the pattern counts with digits, the first digit ahead or none at all: without
                # one, the search (which tries every position) cannot succeed
                if _NUMBER_AHEAD.search(text, pos, stop) is None:
                    break
                m = self._elliptic.search(text, pos, stop)
                if (
                    m is None
                    or _NUMBER_AHEAD.search(text, pos, m.start("n"))
                    or m.group("name").lower() in self._date_words
                    or not m.group("name")[0].isupper()
                ):
                    break  # another number first ("30 km from Kyiv"), or a date ("30,000 in February")
                fig = self._figure(text, m, inherit=parent)
                if fig is None:
                    break
                out.append(fig)
                pos = fig.end
            # "11 vessels inside the shoal while dozens more clustered": only where "more" stands (the
            # pattern tries every position; its "more" is blind to case, as the lower-cased text is)
            m = (
                self._more_after.search(text, pos, stop)
                if any(low.find(w, pos, stop) >= 0 for w in self._more_words)
                else None
            )
            if m is not None and not _NUMBER_AHEAD.search(text, pos, m.start("n")):
                more = self._figure(text, m, inherit=parent)
                if more is not None:
                    out.append(more)
        return out

    @staticmethod
    def _number_starts(digits: list[int], number_words: list[int]) -> list[int]:
        """Where a digit or a number word starts in a text, in text order: where ``_number_start``
        matches, for a text with no letter that a case-blind pattern reads as another (_CASE_FOLDS);
        ``digits``: where its digits a number can start with stand (_NUMBER_DIGIT), ``number_words``:
        where its number words start (_words).

        The number words found with the runs of letters, and one search for digits, where a
        pattern tried each window: a run starts where no letter is before it and ends where none
        is after it, as ``_number_start``'s look-behind and look-ahead say. Within a window the
        starts are the pattern's but for digits where no number starts (after a digit, a letter,
        ".", ",", a currency sign or "-"), on which the number pattern fails: a window ends where a
        unit word starts (no letter before), and a digit run the window's start cuts is one."""
        return sorted(digits + number_words) if number_words else digits  # never the same start

    def _words(self, lowered: str) -> tuple[list[int], list[str], list[int], list[list[int]]]:
        """Where the last word of a unit phrase stands as a whole word in the lower-cased
        text ``lowered`` and which word it is, where a number's first word does (``_number_words``),
        and, per slot of ``_needed``, where the words its rule needs do (Spots.found), in text order."""
        kinds, designation_heads, unit_heads = self._word_kinds, self._designation_heads, self._unit_heads
        watch = self._needed.watch
        starts = []
        words = []
        numbers = []
        needed: list[list[int]] = [[] for _ in self._needed.slots]
        # each run of letters once: a head that stands as a whole word is such a run (where a
        # search for each head's letters visited every "a" and "s" of the text); the runs that
        # are none of those words are passed over in one comprehension
        for m in [m for m in _LOWER_WORDS.finditer(lowered) if m[0] in kinds]:
            head = m[0]
            kind = kinds[head]
            i = m.start()
            if kind != _HEAD:
                if kind & _NEEDED:
                    for slot in watch[head]:
                        needed[slot].append(i)
                if kind & _NUMBER_WORD:
                    numbers.append(i)
                if not kind & _HEAD:
                    continue
            if head in self._size_only and lowered[i - 1 : i] != "-":
                continue  # only in a size: "a 3,000-man force"
            if (
                head in designation_heads
                and head not in unit_heads
                and lowered[m.end() : m.end() + 1] not in _DESIGNATION_NEXT
            ):
                continue  # only before its number: "MQ-9", "M777"
            starts.append(i)
            words.append(head)
        return starts, words, numbers, needed

    @staticmethod
    def _reaches(starts: list[int]) -> list[tuple[int, int]]:
        """Merged spans of the 150 characters from each unit word at ``starts`` on."""
        spans: list[list[int]] = []
        for at in starts:
            if spans and at <= spans[-1][1]:
                spans[-1][1] = at + 150
            else:
                spans.append([at, at + 150])
        return [(lo, hi) for lo, hi in spans]

    @staticmethod
    def _windows(starts: list[int]) -> list[tuple[int, int]]:
        """Merged spans of up to 100 characters before each unit word at ``starts`` (through the word)."""
        spans: list[list[int]] = []
        for at in starts:
            lo, hi = max(0, at - 100), at
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = hi
            else:
                spans.append([lo, hi])
        return [(lo, hi) for lo, hi in spans]

    # -- one candidate ---------------------------------------------------------------
    def _figure(self, text: str, m: re.Match, inherit: Figure | None = None) -> Figure | None:
        """The figure of the number ``m`` reads, with the unit after it or, for a bare
        number, the unit of the figure it ``inherit``s."""
        if inherit is not None:
            start, end = m.span("n")
            kind, u_start, u_end = inherit.unit, end, end
        else:
            start, end = m.span()
            # every test below must pass; the ones that reject most numbers run first
            if self._ordinal_or_share.match(text, end, end + 9):
                return None  # ordinals name formations ("20th Guards Army"); shares are not forces
            # a figure in quotation marks: "'tens of thousands' of troops", "\u201cseveral thousand\u201d additional troops"
            quoted = text[end : end + 1] in _QUOTES and self._quote_open(text, start)
            suffix = self._suffix_qualifier.match(text, end) if not quoted and m.group("n") else None
            unit = self._unit_after(text, end + 1 if quoted else suffix.end() if suffix else end)
            if unit is None:
                return None  # most numbers have no unit after them: this test runs before the slower one below
            if self._date_or_label(text, start, end, m):
                return None  # "On 24 February troops crossed", "Route 66", "Resolution 1701"
            kind, u_start, u_end = unit
            # a unit phrase ending within 90 characters is itself the unit word close after
            if u_end - end > 90 and self._heads.isdisjoint(_LOWER_WORDS.findall(text[end : end + 90].lower())):
                return None  # no unit word close after: not a figure of forces
        if self._money_or_model.search(text, max(0, start - 3), start):
            return None  # money, or a model number ("Su-35", "M4")
        low = self._lowered(text)
        if self.guards.lost(text, start, u_end, low):
            return None  # "killed 20 soldiers", "lost 25,000 soldiers, 1,100 tanks": losses
        if self._share_of(low, max(0, start - 40), start):
            return None  # "half of the 100,000 troops are in Crimea": a share of the count, not the count
        counts = self._counts(m, inherit is not None)
        if counts is None:
            return None
        unit_text = inherit.unit_text if inherit is not None else text[u_start:u_end]
        if (
            inherit is None
            and counts[0] is not None
            and counts[0] > 1
            and self._names_a_formation(text, start, unit_text)
        ):
            return None  # "16 Air Assault Brigade", "81 and 114 Brigades": names, not counts
        if not self._forces_context(text, start, u_start, u_end, unit_text.lower(), inherit is not None):
            return None
        end, at = u_end, start
        if inherit is None and self._from_before(low, max(0, start - 30), start):
            # a change of strength: "from 100,000 to 130,000 troops", "from 90,000 troops to 130,000"
            to = self._to_count.match(text, u_end)
            if m.group("b") and any(w in text[m.end("a") : m.start("b")] for w in self._count_to_words):
                counts, at = self._counts(self._number.fullmatch(m.group("b"))), m.start("b")
            elif to is not None and self._clause_goes_on(text, to.end()):
                counts, at = self._counts(self._number.fullmatch(to.group("n"))), to.start("n")
                end = to.end()
            if counts is None:
                return None
        count, cmin, cmax, qualifier = self._qualified(text, at, *counts)
        if inherit is None and suffix and qualifier is None and count is not None:  # "10,000+ troops", "100 or so"
            qualifier = suffix.group().strip(" -").lower()
            cmin, cmax = (count, None) if qualifier in self._at_least else (round(count * 0.9), round(count * 1.1))
        return new_figure(
            start,
            end,
            text[start:end],
            count,
            cmin,
            cmax,
            qualifier,
            kind,
            unit_text,
            u_start,
            u_end,
            inherit is not None,
        )  # Figure(...), quicker

    def _unit_may_follow(self, text: str, pos: int) -> bool:
        """False when no unit phrase of ``_unit_next`` can start right after ``text[pos]``: the run
        of letters there (as far as that pattern reads) starts none, for the text find() reads
        with no letter a case-blind pattern reads as another."""
        seen, low, spots = self._low_pair
        if text is not seen or spots is None or self._unit_next_firsts is None:
            return True
        run = _LOWER_WORDS.match(low, pos + 1, pos + 60)
        return run is not None and run.group() in self._unit_next_firsts

    def _may_match(self, text: str, slot: int | None, lo: int, hi: int) -> bool:
        """False when the rule of ``slot`` of ``_needed`` cannot match in ``text[lo:hi]`` (none of
        its needed words stands there), for the text find() reads (Spots.maybe); else True."""
        seen, _, spots = self._low_pair
        return text is not seen or spots is None or spots.maybe(slot, lo, hi)

    def _lowered(self, text: str) -> str:
        """``text`` lower-cased, offsets kept: the one find() made for it, or a new one."""
        seen, low, _ = self._low_pair
        return low if text is seen else lower_keeping_offsets(text)

    def _clause_goes_on(self, text: str, pos: int) -> bool:
        """True when the clause ends or goes on at ``pos``, after a count that follows its unit."""
        return self._goes_on(text, pos) is not None or _TEXT_END.match(text, pos) is not None

    def _list_join(self, between: str) -> bool:
        """True when ``between`` only joins two counts of one list: spaces, a comma, "and"."""
        if not between.strip():
            return True
        m = self.rules.after("figures.list_join", between, 0)
        return m is not None and not between[m.end() :].strip()

    def _reinforcing(self, text: str, start: int, u_start: int, sent_start: int) -> bool:
        """True for people added on a front: "Zaporizhzhia [direction] will have about 15,000
        additional people", "50,000 more men on the Kupiansk axis"."""
        if not self.rules.search("figures.added", text, start, u_start):
            return False
        end = text.find(". ", u_start)
        return any(
            not (text[m.start() - 1 : m.start()] == "-" or text[m.end() : m.end() + 1] == "-")  # "front-line"
            for m in self.rules.finditer("figures.front", text, sent_start, end if end >= 0 else len(text))
        )

    def _governed(self, window: str) -> bool:
        """True when a military verb in ``window`` governs the number that ends it: "will
        rapidly deploy 130,000 people", "mobilised another 300,000"; not "deployed to protect
        20,000 people"."""
        last = None
        for last in self.rules.finditer("guards.military_verb", window):
            pass
        if last is None:
            return False
        words = _LOWER_WORDS.findall(window, last.end())
        return len(words) <= 4 and all(w in self._governed_words or w.endswith(self._adverb_endings) for w in words)

    def _date_or_label(self, text: str, start: int, end: int, m: re.Match) -> bool:
        """True when the number is a day of a date ("24 February", "February 24"), a time
        ("0600", "05:30"), the number of a label ("Route 66", "Resolution 1701", "Type 055") or of
        a model ("Leopard 2 tanks"), not a count."""
        n = m.group("n")
        if n is not None and (n[:1] == "0" and n[1:2].isdigit() or start and text[start - 1] == ":"):
            return True  # "At 0600 troops moved", "at 05:30": a time
        if self._ratio_before(self._lowered(text), max(0, start - 30), start):
            return True  # "9 out of 10 troops", "1 in 5 soldiers", "per 1,000 troops": a ratio
        after = _WORD_AFTER.match(text, end)
        if after is not None and after.group(1).lower() in self._months and (after.group(1)[0].isupper()):
            return True
        if text[max(0, start - 20) : start].islower():
            return False  # no capital letter before it: no month or label ("Route 66") starts there
        before = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if before is None or not before.group(1)[0].isupper():
            return False
        word = before.group(1).lower().rstrip(".")
        if word in self._months:
            return m.group("n") is not None and m.group("n").isdigit() and int(m.group("n")) <= 31
        return word in self._labels and m.group("n") is not None and m.group("n")[0].isdigit()

    @staticmethod
    def _quote_open(text: str, start: int) -> bool:
        """True when a quotation opens just before the number at ``start`` (or its qualifier)."""
        q = max(text.rfind(c, max(0, start - 25), start) for c in _QUOTES)
        return q >= 0 and (q == 0 or not text[q - 1].isalnum()) and not any(c in _QUOTES for c in text[q + 1 : start])

    def _names_a_formation(self, text: str, start: int, unit_text: str) -> bool:
        """True when a number before ``unit_text`` names a formation rather than counts it: a
        singular unit word after more than one ("3 Commando Brigade", "114 Brigade"), or
        capitalised formation words after a list of numbers ("the 81 and 114 Brigades")."""
        low = unit_text.lower()
        if low in self._singulars:
            return True
        return (
            unit_text[:1].isupper()
            and self.lex.units.get(low) == "units"
            and self._number_list_before(self._lowered(text), max(0, start - 20), start) is not None
        )

    def _counts(self, m: re.Match, bare: bool = False) -> tuple[float | None, float, float] | None:
        """(count, low, high) of the number ``m`` reads, or None (a year, no value);
        ``bare``: only its group "n" (a number with no unit of its own)."""
        if bare:
            vague = self.lex.vague.get(_SPACES.sub(" ", m.group("n").lower()))
            if vague is not None:
                return (vague[0] if vague[0] == vague[1] else None), vague[0], vague[1]
            count = self._value(m.group("n"))
            if count is None or _is_year(m.group("n")):
                return None
            return count, count, count
        if m.group("vague"):
            lo, hi = self.lex.vague[_SPACES.sub(" ", m.group("vague").lower())]
            return (lo if lo == hi else None), lo, hi  # "half a million" is exact
        if m.group("lo") or m.group("a"):
            a = self._value(m.group("lo") or m.group("a"))
            b = self._value(m.group("hi") or m.group("b"))
            if a is None or b is None:
                return None
            if a < 1000 <= b:  # "10-12,000 troops", "1-2 million": the first shares the scale of the second
                a = next((a * k for k in (1000, 10**6) if a * k <= b < a * k * 10), a)
            if b < a and b < 1000 <= a and m.group("b") and "," not in m.group("b"):
                b = b * 1000 if a / 1000 < b else b  # "6,000 to 8" is not a range; leave as read
            if b < a or b > MAX_COUNT:
                return None
            return (a + b) / 2, a, b
        count = self._value(m.group("n"))
        if count is None or _is_year(m.group("n")):
            return None  # a year
        return count, count, count

    def _qualified(self, text: str, start: int, count, cmin, cmax):
        """(count, low, high, qualifier) with the qualifier before ``start`` ("about", "up to")."""
        qualifier = None
        if count is not None and cmin == cmax:
            window = self._lowered(text)[max(0, start - 25) : start]
            q = self._qualifier_before(window)
            if q:
                qualifier = _SPACES.sub(" ", q.group().strip().lower())
                bound = self.lex.qualifiers[qualifier]
                if bound == "about":
                    cmin, cmax = round(count * 0.9), round(count * 1.1)
                elif bound == "max":
                    cmin = 1
                elif bound == "min":
                    cmax = None
        if count is not None and count == int(count):
            count = int(count)
        return count, cmin, cmax, qualifier

    def _value(self, raw: str) -> float | None:
        """The number ``raw`` reads, or None: none, or more than :data:`MAX_COUNT`; remembered
        across articles (the same few spellings, "5,000", "thousands", come back again and again)."""
        values = self._values
        try:
            return values[raw]
        except KeyError:
            pass
        if len(values) > 100_000:
            values.clear()
        value = values[raw] = self._read_value(raw)
        return value

    def _read_value(self, raw: str) -> float | None:
        """What :meth:`_value` returns, read afresh."""
        if raw.isdigit() and raw.isascii() and raw[0] != "0":
            return float(raw) if float(raw) <= MAX_COUNT else None
        if not raw.isascii():
            raw = raw.translate(_ASCII_DIGITS)
        raw = raw.strip()
        if raw[:1] == "0" and raw[1:2] != ".":
            return None  # no count: "0", or the tail of a longer number ("000 000" of "5 000 000 ...")
        mult = 1
        low = raw.lower()
        g = self._grammar
        for word, scale in g.after_digits.items():
            if low.endswith(word) and low[: -len(word)].strip()[:1].isdigit():
                mult, raw = scale, raw[: -len(word)].strip()
                break
        else:
            for word, scale in g.suffix_spaced.items():  # "175k", "175 k"
                if low.endswith(word) and low[: -len(word)].strip()[:1].isdigit():
                    mult, raw = scale, raw[: -len(word)].strip()
                    break
            else:
                for word, scale in g.suffix_glued.items():  # "1.5m"
                    if low.endswith(word) and low[: -len(word)][-1:].isdigit():
                        mult, raw = scale, raw[: -len(word)]
                        break
        if raw[:1].isdigit():
            if _GROUPED.fullmatch(raw):
                raw = _SEPARATORS.sub("", raw)  # "5.000" and "5 000" are five thousand
            try:
                value = float(_COMMAS.sub("", raw)) * mult
            except ValueError:
                return None
            return value if value <= MAX_COUNT else None  # (a number of 400 digits reads as infinity)
        return self._words_value(raw.lower())

    def _words_value(self, words: str) -> float | None:
        total = current = 0
        seen = False
        for w in re.split(r"[\s-]+", words):
            if w in self._grammar.scale_join:
                continue
            if w in self.lex.ones:
                current += self.lex.ones[w]
            elif w in self.lex.tens:
                current += self.lex.tens[w]
            elif w in self.lex.scales:
                scale = self.lex.scales[w]
                if scale == 100 or scale == 12:
                    current = max(current, 1) * scale
                else:
                    total += max(current, 1) * scale
                    current = 0
            else:
                return None
            if current > MAX_COUNT or total > MAX_COUNT:
                return None  # "hundred hundred hundred ...": no force, and too large for a float
            seen = True
        return float(total + current) if seen else None

    def _unit_after(self, text: str, pos: int):
        """The unit phrase after a number: (kind, start, end), skipping modifiers."""
        model = _MODEL.match(text, pos, pos + 120)
        if model is None and (text[pos + 1 : pos + 2].isdigit() or text[pos + 1 : pos + 2].isupper()):
            model = _DESIGNATION.match(text, pos, pos + 60)
        unit = self._unit_phrase_after(text, model.end() if model else pos)
        if unit is None and model is not None:
            named = self._designation_unit.match(text, pos, pos + 60)
            if named is not None:  # "12 F-35s", "6 F-22 Raptors", "18 M777s": the designation names the unit
                d = named.group("d")  # the longest prefix decides: "M109" is artillery, "M1" armour
                kind = max(((len(p), k) for k, ps in self._designation_kinds for p in ps if d.startswith(p)))[1]
                return kind, named.start("d"), named.end()
        for _ in range(2):  # "30 tank battalions", "10 missile boats": the unit word names what is counted
            if unit is None or not text.startswith((" ", "-"), unit[2]):
                break
            nxt = self._unit_next.match(text, unit[2], unit[2] + 60) if self._unit_may_follow(text, unit[2]) else None
            if nxt is not None:
                phrase = _SPACES.sub(" ", nxt.group(1).lower())
                unit = self.lex.units[phrase], nxt.start(1), nxt.end(1)
            elif (crew := self._crew_after(self._lowered(text), unit[2], unit[2] + 20)) is not None:
                unit = "troops", unit[1], crew.end()  # "200 tank crews", "20 drone operators"
            else:
                break
        if unit is not None and self._not_after_unit(self._lowered(text), unit[2]):
            return None  # "1 million artillery shells", "20 drone factories": not forces
        if model and unit and unit[0] == "troops" and text[unit[1] : unit[2]].lower() in self._fighters:
            return ("aircraft",) + unit[1:]  # "40 J-20 fighters": the designation names a machine
        return unit

    def _unit_phrase_after(self, text: str, pos: int):
        if text.startswith(self._sized, pos):
            strong = self._strong.match(text, pos, pos + 120)
            if strong and strong.group(2).lower() in self.lex.strong_nouns:
                return "troops", pos + 1, strong.end()
        # the common cases in one step: "5,000 troops", "5,000 Russian combat troops"
        fast = self._unit_fast.match(text, pos, pos + 160)
        if fast and self.lex.not_units.isdisjoint(fast.group(1).lower().replace(",", " ").replace("-", " ").split()):
            phrase = fast.group(2).lower()
            return self.lex.units.get(phrase) or self.lex.units[_SPACES.sub(" ", phrase)], fast.start(2), fast.end(2)
        first = _TOKEN.search(text, pos, pos + 120)
        if first is None:
            return None
        word = first.group()
        low = word.lower().rstrip(".")
        if not (
            word[0].isupper()
            or low in self.lex.modifiers
            or low in self._unit_first
            or word in self.lex.demonyms
            or low in self._compound_first
            or text.startswith("-", first.end())
            and text[first.end() + 1 : first.end() + 2].isalpha()
            or word in ("…", "...", "-", "–")
        ):
            return None  # "88 km", "in March": no unit, no modifier
        rest = text[pos : pos + 160]  # as far as the one-step pattern reads
        # four modifiers (three tokens for "active-duty", two more for ", and") and the longest unit
        # phrase, read as far as the loop below looks (most readings end at the first or second)
        found = islice(_TOKEN.finditer(rest), 5 * 8 + self._max_unit_words)
        tokens: list[tuple[str, int, int]] = []
        lowered: list[str] = []

        def read(k: int) -> int:
            """How many tokens there are, up to ``k`` (all of them, if fewer): read as needed."""
            for m in islice(found, max(0, k - len(tokens))):
                tokens.append((m.group(), pos + m.start(), pos + m.end()))
                lowered.append(tokens[-1][0].lower())
            return len(tokens)

        ahead = max(self._max_unit_words, 3)  # the tokens from i on that one turn of the loop reads
        skipped = 0
        i = 0
        joined = ""  # the separators read since the last modifier: "air, sea and ground forces"
        while i < read(i + ahead) and skipped <= 5:
            word, s, e = tokens[i]
            low = lowered[i]
            if skipped and (word == "," and not joined or low in self._modifier_joins and joined in ("", ",")):
                joined += word
                i += 1
                continue
            joined = ""
            if low in self.lex.not_units:
                return None
            for n in range(min(self._max_unit_words, len(tokens) - i), 0, -1):
                if lowered[i + n - 1].rstrip(".") not in self._unit_last:
                    continue  # no unit phrase ends with this token
                phrase = " ".join(lowered[i : i + n])
                end = tokens[i + n - 1][2]
                phrase_h = text[s:end].lower()
                if text.startswith(("'s", "’s"), end) and not text[end + 2 : end + 3].isalpha():
                    continue  # a possessive: "People's Liberation Army aircraft"
                for cand in (phrase_h, phrase):
                    if cand.endswith(".") and cand.rstrip(".") in self.lex.units:
                        return self.lex.units[cand.rstrip(".")], s, end - 1  # "troops." ends a sentence
                    if cand in self.lex.units:
                        return self.lex.units[cand], s, end
            j = i  # any compound of letters is one modifier: "combat-ready", "Turkish-supported", "tilt-rotor"
            while (
                j + 2 < read(j + 3)
                and tokens[j + 1][0] == "-"
                and tokens[j + 1][1] == tokens[j][2]
                and tokens[j + 2][1] == tokens[j + 1][2]
                and tokens[j][0].isalpha()
                and tokens[j + 2][0].isalpha()
            ):
                j += 2
            if j > i:
                if any(lowered[k] in self.lex.not_units for k in range(i, j + 1, 2)):
                    return None
                skipped += 1
                i = j + 1
                continue
            if (
                i + 2 < len(tokens)
                and tokens[i + 1][0] == "-"
                and tokens[i + 1][1] == e
                and tokens[i + 2][1] == e + 1
                and f"{low}-{lowered[i + 2]}" in self.lex.modifiers
            ):
                skipped += 1  # "active-duty", "Russian-backed", "long-range": one modifier
                i += 3
                continue
            if word in ("…", "...", "-", "–"):
                i += 1
                continue
            if (
                word in ("'", "’")
                and i
                and tokens[i - 1][2] == s
                and tokens[i - 1][0][0].isupper()
                and i + 1 < len(tokens)
                and tokens[i + 1][0] == "s"
                and tokens[i + 1][1] == e
            ):
                i += 2  # a possessive of a name: "Russia's elite paratroopers", "People's Liberation Army"
                continue
            if (
                low in self.lex.modifiers
                or low.rstrip(".") in self.lex.modifiers
                or (word[0].isupper() and i > 0 or word[0].isupper() and low in self._opening_modifiers)
                or word in self.lex.demonyms
            ):
                skipped += 1
                i += 1
                continue
            if word[0].isupper():
                skipped += 1
                i += 1
                continue
            return None
        return None

    def _forces_context(
        self, text: str, start: int, u_start: int, u_end: int, unit_text: str, inherited: bool = False
    ) -> bool:
        after = text[u_end : u_end + 140].lower()
        clause_end = _CLAUSE_END.search(after)
        if clause_end:
            after = after[: clause_end.start()]
        rules = self.rules
        relative = next(iter(token_matches(self._where_clause, after)), None)
        if relative:  # "1,000 troops to Cabo Delgado, where the insurgency has left thousands dead"
            after = after[: relative.start()]
        if not self._may_match(text, self._victims_slot, u_end, u_end + len(after)):
            victims = None  # none of the victims' words
        else:  # "will remain there for a year": a duration, not a rate ("500 troops a day")
            victims = next(
                (
                    v
                    for v in token_matches(self._victims, after)
                    if not (self._rate_word(v.group()) and self._duration_before(after, 0, v.start()))
                ),
                None,
            )
        if victims and self._count_follows(after, victims.end()):
            victims = None  # "... after clashes killed 20 soldiers": those victims are counted apart
        if victims and not rules.search("guards.military_verb", after, 0, victims.start()):
            number = _NUMBER_AHEAD.search(after, 0, victims.start())
            # "24 fighters, and 25 militiamen have been killed" is one list of victims;
            # "5,000 troops to the area where 12 people were killed" is not
            if number is None or self._list_join(after[: number.start()]):
                return False  # casualties, refugees, prisoners
        head = unit_text.split()[-1]
        if head in self.lex.people_nouns and " " not in unit_text and not inherited:  # not "service members"
            reach = max(0, start - 92)  # only the last 90 characters are read
            sent_start = max(text.rfind(". ", reach, start), text.rfind("\n", reach, start), 0)
            window = text[max(sent_start, start - 90) : start].lower()
            if not (
                self._governed(window)
                or self._sent_after(text, u_end, self._lowered(text))
                or self._members_of(text, u_end)
                or self._formation_of(self._lowered(text), max(0, start - 80), start)
                or self._reinforcing(text, start, u_start, sent_start)
            ):
                return False  # "5,000 people attended": no military verb before or after, no force named
        return True


_default: FigureFinder | None = None


def find_figures(text: str) -> list[Figure]:
    """Troop figures in ``text``, with the shipped lexicon."""
    global _default
    if _default is None:
        _default = FigureFinder()
    return _default.find(text)
