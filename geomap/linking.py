"""Tie each figure to the place its forces are at or going to, to its force and its status.

Every decision has a stable rule id (``RULES`` below, one line each); a deployment lists the
ids that decided its figure, place and force (``Deployment.rules``), ``geomap explain``
prints them, and a figure that is not drawn says why (``Decision``; ``report.json``'s
``unplaced``). The words and phrases these decisions read are the rules of
``geomap/lang/<lang>/rules/linking.yaml`` (``linking.<name>``: a denial, a verb of leaving, a
phrase of speech, "the country", ...), applied through ``Lexicon.rules``; this module keeps
only how their matches combine: which window each is asked about, in which order, and what a
match decides. The figure's own records flow between the steps as typed values (``_Force``,
``_Candidate``, ``_PlaceChoice``, ``_Anaphor``), each sentence as ``geomap.clauses`` reads it
(``Clause``: its words, speech, denials, hosting, statuses, what the sentence says as a whole
and how it reads each place, worked out once for all its figures). The decisions, in order,
within the figure's sentence:

* place: the first place after the figure that a location word introduces ("to Belarus",
  "along the Ukrainian border", "to the outskirts of Mosul") before another actor, figure or
  count intervenes (figures joined by "and" or accompanying it, "backed by 20 tanks", share
  it), skipping where someone spoke ("said in Brussels"), where an event happens ("due to
  events in Ukraine") and, for forces "based in" one place and moving, the base; a
  destination without a name right after the figure ("deployed at our borders") ends the
  search; else where forces that will leave come from ("will withdraw 1,500 soldiers from
  Niger"), while forces that have left are not drawn; else the nearest such place before
  the figure that no word of speech separates from it; else the host ("Belarus hosts 30,000
  Russian troops"); else the countries that "each host" it; else the subject's land; else,
  when the force is a state that the sentence names, that state, only where the text says
  they are at home ("border security") or names no other state and no destination. "The
  country", "the region", "the shoal" stand for the last place of that kind named before
  (``place_from`` ``previous``); a sentence that sends forces and names no place takes the
  previous sentence's destination of the same forces, or the headline's; a mission's
  country ("KFOR"). A country named as one side of a border gives the border between it
  and the other side. One figure for a list of places is drawn once, at the first, when
  they lie close together, else not at all. A capital standing for its government
  ("Moscow has sent") is never the place.
* force: a nationality or force name inside the figure ("8,500 U.S. troops") or right
  after it ("troops of China's army"); else the nearest actor before it (a subject country
  or a country or capital that opens the sentence, a capital used as actor, a seat of
  government, a leader, an alliance, mission or group, a nationality that is not of a
  report or an official; never a host, nor who leads an alliance); else one named after it
  ("under AMISOM"); for a bare number, the force of its figure; else the actor of the two
  sentences before; else the force of the article's previous figure within four sentences.
  "India and China each deployed" gives one deployment per force.
* no deployment where the figure's own clause denies or rules it out ("denied that it had
  sent 10,000 troops", "would not deploy 40,000 troops").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from operator import attrgetter

from gazetteer import Gazetteer, Place
from gazetteer.spatial import haversine_km

from .clauses import DENIAL_RULES, Clause, ClauseReader, Clauses, Needs, words_of
from .lexicon import Lexicon
from .lexicon import load as load_lexicon
from .model import Demonym, Deployment, Document, Figure, Mention, maker, new_deployment
from .patterns import alternation, whole_words
from .text import YEAR, Sentences, date_words, possessive, quote_span


_REFERS_TO = "linking.refers_to_"  # the lists of nouns that refer back to a place of a kind


# place.list: a figure for a list of places is drawn once, at the first, when they lie this close
_LIST_SPREAD_KM = 800
_ANAPHOR_SENTENCES = 5  # how far back a place is referred to
# the figure's own verb phrase: at most three words, no comma ("troops deployed at our borders")
_NEAR_FIGURE = re.compile(r"(?:\s+[\w’'-]+){0,3}\s+")
_NEXT_TWO = re.compile(r"[\s-]+([A-Za-z]+)(?:\s+([A-Za-z]+))?")
_TAIL = re.compile(r"[\s-]+([a-z]+(?: [a-z]+)?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")
# a dateline after a place at the start of a line: "NEW DELHI:", "WASHINGTON (AP) —", "KIGALI -", "FORT DRUM, N.Y. --"
_DATELINE = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([A-Za-z]+\)\s*)?(?::|\.\s|\s?[-–—]{1,2}\s)")
_ADDRESS_GAP = re.compile(r",\s*")  # "Fort Hood, Texas": the place's state or country after a comma
# a count of something after the figure ("250,000 troops, against 900,000 in Russia"): what
# follows it is that count's, not the figure's; years are not counts
_COUNT = re.compile(r"(?<![\w.,$€£-])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?![\w,]|\.\d)")


def _gap(book, rule_id: str, optional: bool = False) -> re.Pattern:
    """A rule's compiled pattern with the spaces around it, to fill the whole gap between two
    things (``fullmatch``) or read a gap from where it starts (``match``); ``optional``: an empty gap too."""
    return re.compile(r"\s*(?:" + book.regex(rule_id, "anywhere").pattern + (r")?\s*" if optional else r")\s*"))


# drop.denied: a negation or a word of denial (rules linking.negated_verb, linking.denial) rules
# out a figure in its own clause, within so many characters before it; a clause ends at these
# marks or at a word of linking.clause_break
_DENIAL_REACH = dict(zip(DENIAL_RULES, (40, 60)))
_CLAUSE_MARK = re.compile(r"[,.;:]")
# between a figure and the force it belongs to, named after it: "troops of the 82nd Airborne"
_EARLIER_REACH = 2000  # how far back the two sentences before a figure are read for its force


# Every decision the linker takes has a stable id; a deployment's ``rules`` lists those that
# decided its figure, place and force, and ``geomap explain`` prints them with these lines.
RULES = {
    "figure.number": "a number and its unit words ('5,000 troops')",
    "figure.vague": "a vague amount ('thousands of troops'): no count, a range",
    "figure.elliptic": "a bare number that takes the unit of the figure before it ('and 1,000 to Romania')",
    "figure.count_after": "a count after its unit ('Russian forces ... numbered about 30,000')",
    "place.after": "the first place a location word introduces after the figure ('to Belarus')",
    "place.after.inside": "a place named right after the country's possessive ('to Russia's Kursk region')",
    "place.based_moving": "forces based in one place and moving: where they go ('based in Vilseck, are moving to Romania')",
    "place.leaving": "forces leaving a place named with 'from' are still there ('withdraw 1,500 soldiers from Niger')",
    "place.before": "the nearest place a location word introduces before the figure ('In Belarus, Russia has 30,000 troops')",
    "place.host": "the subject of a verb of hosting ('Belarus hosts 30,000 Russian troops')",
    "place.each_host": "one deployment per country that each hosts the figure ('Romania and Bulgaria each host')",
    "place.has": "a town, region or front that has the figure ('the Zaporizhzhia direction will have 15,000 people', 'Pokrovsk – 7,000')",
    "place.its_land": "the subject's land ('... would drill on its territory')",
    "place.home": "a state's forces at that state, only where the text says they are at home ('border security')",
    "place.anaphor": "'the country', 'the region', 'the area' referring back to the last place of that kind",
    "place.previous": "no place in the sentence: the destination of the previous sentence's deployment",
    "place.headline": "no place in the sentence: the destination the headline names",
    "place.mission": "no place in the sentence: the country of the mission it names ('KFOR consists of 4,500 troops': Kosovo)",
    "place.border": "a country named as one side of a border: the border between it and the other side "
    "('along its border with Thailand', 'the Ukrainian border' for Russian troops)",
    "place.border_before": "'to the border' after figures drawn at one border of the article: that border ('2,000 Guard troops were "
    "deployed to the border' after the US-Mexico border)",
    "place.list": "a list of places within 800 km: the first, once (a figure is never copied to every place of a list)",
    "force.inside": "a nationality or force name inside the figure ('8,500 U.S. troops')",
    "force.of": "a force named right after the figure ('troops of the 82nd Airborne', 'serving under AMISOM')",
    "force.actor": "the nearest actor before the figure (a subject country, a capital, an alliance, a nationality)",
    "force.agent": "the agent of the figure's own passive verb ('130,000 troops have been deployed by Moscow')",
    "force.after": "no actor before the figure: a force named after it ('serving in Somalia under AMISOM', 'contributed by NATO allies')",
    "force.elliptic": "a bare number belongs to the forces of its figure ('including 30,000 in Belarus')",
    "force.previous_sentences": "the actor of the two sentences before",
    "force.previous_figure": "the force of the article's previous figure, within four sentences",
    "force.each": "one deployment per state of 'India and China each deployed'",
    "force.none": "the text does not say whose forces",
    "drop.denied": "no deployment: the figure's clause denies or rules it out",
    "drop.no_place": "no deployment: no place the forces are at or go to",
    "drop.vague_place": "no deployment: the text names the destination only vaguely ('to the front', 'at our borders')",
    "drop.home": "no deployment: the only place is the forces' own state, and the text does not say they are there",
    "drop.left": "no deployment: the figure's verb says the forces have left ('has flown out the two jets')",
    "drop.list": "no deployment: one figure for a list of places far apart",
}


# the reasons a figure of forces is listed as unplaced in report.json (not denials or departures)
UNPLACED = ("drop.no_place", "drop.vague_place", "drop.home", "drop.list")


@dataclass(frozen=True, slots=True)
class Decision:
    """How one figure was linked, or why it was not: what ``geomap explain`` prints."""

    figure: Figure
    rules: tuple[str, ...]
    places: tuple[Place, ...] = ()
    place_text: str | None = None
    place_from: str | None = None
    force: str | None = None
    force_text: str | None = None
    status: str | None = None
    why: str | None = None  # for a figure not drawn: what the text said instead

    @property
    def drawn(self) -> bool:
        return bool(self.places)


@dataclass(frozen=True, slots=True)
class _Actor:
    start: int
    end: int
    surface: str
    force: str
    area: str | None = None  # the country of a mission or a group (forces.tsv)
    kind: str = ""


def _by_offset(a: _Actor) -> tuple[int, str, str]:
    return a.start, a.force, a.surface


_start = attrgetter("start")


# -- the records the linker passes between its steps ---------------------------------


@dataclass(frozen=True, slots=True)
class _Force:
    """Whose forces a figure counts: the force (a country code or a force of forces.tsv), the
    words that name it, how sure the reading is, and the rule that read it (``RULES``)."""

    force: str | None
    text: str | None
    conf: float
    rule: str | None


_NO_FORCE = _Force(None, None, 1.0, "force.none")


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A place near a figure, as a location word introduces it (``kind`` "place"), as where
    forces come from ("origin"), or an actor that ends the search for the figure's place ("stop")."""

    kind: str
    start: int
    end: int
    place: Place
    surface: str


_candidate = maker(_Candidate)  # _Candidate(...), built through its slots: a few for every figure


@dataclass(frozen=True, slots=True)
class _PlaceChoice:
    """Where a figure's forces are, and the rule that decided it; no ``places`` and a ``drop.*``
    rule when the figure is not drawn, with ``why``: what the text said instead."""

    places: tuple[Place, ...]
    text: str | None  # the words that name the place
    origin: Place | None  # where the forces come from, when the text says
    conf: float
    rule: str
    why: str | None = None
    source: str = "sentence"  # where the place was named (``Deployment.place_from``)


def _dropped(rule: str, why: str | None = None) -> _PlaceChoice:
    return _PlaceChoice((), None, None, 0.0, rule, why)


@dataclass(frozen=True, slots=True)
class _Anaphor:
    """ "The country", "the region" in a figure's sentence: the phrase as a location mention of
    the place it refers back to, and where that place was named ("sentence", "previous", "headline")."""

    mention: Mention
    source: str


def _headline(text: str) -> tuple[int, int] | None:
    """The span of the article's headline: its first line (after a date line) and a subheading
    under it, when short and unpunctuated."""
    m = _HEADLINE.match(text)
    if m is None:
        return None
    end = None
    for i in (1, 2):
        line = m.group(i)
        if line is None or line.rstrip().endswith((".", ":", '"', "”", "?", "!")):
            break
        end = m.end(i)
    return (m.start(1), end) if end else None


_HEADLINE = re.compile(
    r"\s*(?:date\s+\d{4}-\d{2}-\d{2}\s*\n\s*)?([^\n]{10,200})\n(?:([^\n]{10,200})\n)?", re.IGNORECASE
)


def _figure_rule(fig: Figure) -> str:
    if fig.elliptic:
        return "figure.elliptic"
    if fig.unit_start < fig.start or (fig.unit_start == fig.start and fig.unit_end < fig.end):
        return "figure.count_after"
    return "figure.number" if fig.count is not None else "figure.vague"


class Linker:
    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None):
        self.gaz = gazetteer or Gazetteer.default()
        self.lex = lexicon or load_lexicon()
        # "People's" and "People’s" alike
        self._force_names = self.lex.force_pattern  # see whole_words
        self._force_by_key = {name.replace("’", "'"): value for name, value in self.lex.forces.items()}
        words = self.lex.linking
        self._not_destinations = frozenset(words["not_destinations"])
        self._not_force_after = frozenset(words["not_force_after"])
        self._group_areas = {
            self.lex.forces[name][0]: area
            for name, area in self.lex.force_areas.items()
            if self.lex.forces[name][1] == "group"
        }
        book = self.lex.rules
        # the pre-checks the engine derives from a rule, as words of a sentence (``clauses.words_of``)
        self._false_needs = Needs.of(book, "linking.false_claim")
        # place.anaphor: the nouns that refer back to a place (the rule's list, read against a
        # sentence's words before the pattern), the kinds of place each refers to, where it looks
        kinds: dict[str, set[str]] = {}
        for name, nouns in book.lists.items():
            if name.startswith(_REFERS_TO):
                for noun in nouns:
                    kinds.setdefault(noun, set()).add(name[len(_REFERS_TO) :])
        self._anaphor_kinds = {noun: frozenset(k) for noun, k in kinds.items()}
        self._named_before = frozenset(book.words("linking.named_before"))
        self._named_by = frozenset(book.words("linking.named_by"))
        self._border_words = frozenset(book.words("linking.border_words"))
        # asked for each figure or each place, where the pre-check (a location word) would always pass
        self._unnamed_border = book.at_token("linking.unnamed_border")
        # the words between two things (a figure and its force, two figures, two places of a list)
        (
            self._of_force,
            self._by_agent,
            self._inside_after,
            self._figures_joined,
            self._figures_accompany,
            self._list_gap,
            self._and_gap,
        ) = (
            _gap(book, f"linking.{name}")
            for name in (
                "of_force",
                "by_agent",
                "inside_after",
                "figures_joined",
                "figures_accompany",
                "list_gap",
                "and_gap",
            )
        )
        self._coordinated = _gap(book, "linking.coordinated", optional=True)
        self._based = _gap(book, "linking.based")
        # three patterns stay regular expressions (rules/linking.yaml says why), their words read from the rule file
        w = book.words
        # place.has: between a place that is no country and its figure ("Zaporizhzhia [direction] will have about")
        self._place_has = re.compile(
            r"\s*(?:\[[^\]]{0,20}\]\s*|(?:"
            + alternation(w("linking.has_nouns"))
            + r")\s+)?(?:[–—:-]|(?:(?:"
            + alternation(w("linking.has_modals"))
            + r")\s+)?(?:"
            + alternation(w("linking.has_verbs"))
            + r")\b)\s*(?:(?:"
            + alternation(w("linking.has_amounts"))
            + r")\s+)?"
        )
        # a place inside the phrase that says where forces come from, after the place or unit it names:
        # "500 Marines from Camp Pendleton in California", "troops from a heavy armoured division in Fort
        # Hood", "departed an airbase in the province of Denizli" (no verb of its own in between)
        self._origin_phrase = re.compile(
            r"\b(?:"
            + alternation(w("linking.origin_words"))
            + r")\s+(?:(?!(?:"
            + alternation(w("linking.origin_stops"))
            + r"|(?:"
            + alternation(w("linking.origin_stop_stems"))
            + r")\w*)\b)[\w.'’-]+,?\s+){0,7}?(?:"
            + alternation(w("linking.origin_places"))
            + r")\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$",
            re.IGNORECASE,
        )
        self._possessive = re.compile(possessive(book) + r"\s")  # "Russia's Kursk region"
        self._elided_count = re.compile(possessive(book) + r"\s+\d[\d,]*\b")  # "Lithuania's 1,632"
        self._auxiliary = book.at_token("linking.each_auxiliary")
        self._each_word, self._each_needs = book.at_token("linking.each"), Needs.of(book, "linking.each")
        self._each_words = frozenset(book.words("linking.each_words"))
        self._vague = book.at_token("linking.vague_destination")
        self._led = book.regex("linking.led")
        self._not_names = date_words(book) | book.word_set("linking.not_names")
        # drop.denied: each rule with its reach, its pattern and its pre-check
        # (a rule in which case plays no part reads the lower-cased words)
        self._denials = [
            (
                book.at_token(rule_id, book.rule(rule_id).folded is not None),
                book.rule(rule_id).folded is not None,
                _DENIAL_REACH[rule_id],
                Needs.of(book, rule_id),
            )
            for rule_id in DENIAL_RULES
        ]
        self._spoken_at = book.regex("linking.spoken_at")
        self._adversary = book.regex("linking.adversary")  # asked for each force named: the pattern itself
        self._left = book.regex("linking.left")
        self.clauses = ClauseReader(self.lex)
        self._elided = self.clauses.elided  # "Latvia's is the largest": the possessive of an elided noun

    def force_names(self, text: str) -> list[_Actor]:
        """Alliances, groups, seats of government and leaders named in ``text``."""
        areas, forces = self.lex.force_areas, self._force_by_key
        out = []
        for m in whole_words(self._force_names, text):
            name = m.group().replace("’", "'")
            force, kind = forces[name]
            out.append(_Actor(m.start(), m.end(), m.group(), force, areas.get(name), kind))
        return out

    def link(
        self,
        doc: Document,
        mentions: list[Mention],
        demonyms: list[Demonym],
        figures: list[Figure],
        sentences: Sentences,
        actors: list[_Actor] | None = None,
        decisions: list[Decision] | None = None,
        clauses: Clauses | None = None,
    ) -> list[Deployment]:
        """``actors``: the article's force names, if the caller has already scanned for them;
        ``decisions``: a list to append how each figure was linked, or why it was not;
        ``clauses``: the article's clauses (``ClauseReader.read``), if the caller reads them too."""
        text, book = doc.text, self.lex.rules
        clauses = clauses or self.clauses.read(text)
        actors_all = self.force_names(text) if actors is None else actors
        out: list[Deployment] = []
        seen: set = set()
        m_starts = [m.start for m in mentions]
        d_starts = [d.start for d in demonyms]
        a_starts = [a.start for a in actors_all]
        f_starts = [f.start for f in figures]
        previous: _Force | None = None  # the force read for the figure before,
        previous_start = -1  # and where that figure starts
        last_force: _Force | None = None  # the force of the last figure drawn,
        last_force_sentence = 0  # and the index of its sentence
        sent: Clause | None = None
        for fig in figures:
            # a sentence of many kilobytes (a scrape with no full stops) is read near the figure
            ss, se = quote_span(sentences.span_of(fig.start), fig.start, fig.end)
            if sent is None or sent.start != ss or sent.end != se:
                sent = clauses.at(ss, se)
            ms = mentions[bisect_left(m_starts, ss) : bisect_left(m_starts, se)]
            ds = demonyms[bisect_left(d_starts, ss) : bisect_left(d_starts, se)]
            acts = actors_all[bisect_left(a_starts, ss) : bisect_left(a_starts, se)]
            others = [f for f in figures[bisect_left(f_starts, ss) : bisect_left(f_starts, se)] if f is not fig]
            force = self._force(text, fig, ms, ds, acts, ss, sent.hosting)
            if fig.elliptic and previous is not None and previous.force is not None and ss <= previous_start:
                # "130,000 troops near Ukraine's borders, including 30,000 in Belarus": the same forces
                force = _Force(previous.force, previous.text, previous.conf, "force.elliptic")
            previous, previous_start = force, fig.start
            each = self._each(text, fig, ms, sent)
            sent_idx = sentences.index_of(fig.start)
            if force.force is None and sent_idx > 0:
                # "the Russians were increasing their presence ... They are deploying thousands
                # of combat troops": the actor of the two sentences before
                # (within a bounded reach: a sentence of many kilobytes is not read again for each figure)
                ps = max(sentences.spans[max(0, sent_idx - 2)][0], ss - _EARLIER_REACH)
                prev_ds = demonyms[bisect_left(d_starts, ps) : bisect_left(d_starts, ss)]
                # an armed force named there, or in the two sentences before them ("The South Korean
                # military plans ...", "Russian troops began to move"), not any actor ("a day after North
                # Korea launched a missile")
                far = max(sentences.spans[max(0, sent_idx - 4)][0], ss - 2 * _EARLIER_REACH)
                armed = [
                    d
                    for d in demonyms[bisect_left(d_starts, far) : bisect_left(d_starts, ss)]
                    if book.after("linking.armed", text, d.end) and not self._against(text, d.start)
                ]
                earlier = (
                    _Force(armed[-1].country, armed[-1].surface, 0.6, "force.previous_sentences")
                    if armed
                    else self._force(
                        text,
                        fig,
                        mentions[bisect_left(m_starts, ps) : bisect_left(m_starts, ss)],
                        prev_ds,
                        actors_all[bisect_left(a_starts, ps) : bisect_left(a_starts, ss)],
                    )
                )
                # (read or not, a force of this reach is less sure)
                force = _Force(
                    earlier.force,
                    earlier.text,
                    0.6,
                    "force.previous_sentences" if earlier.force is not None else force.rule,
                )
            if force.force is None and last_force is not None and sent_idx - last_force_sentence <= 4:
                force = _Force(last_force.force, last_force.text, 0.6, "force.previous_figure")
            fig_rule = _figure_rule(fig)
            lo = max(ss, fig.start - 80)
            before = text[lo : fig.start]
            false = (
                book.search("linking.false_claim", text, fig.end, se)
                if self._false_needs.may_match(sent.lowered, sent.words)
                else None
            )
            if false is not None and book.search("linking.claim", text, ss, fig.start):
                # "reports that hundreds of soldiers are to man a base there are simply not true"
                if decisions is not None:
                    decisions.append(
                        Decision(
                            fig,
                            (fig_rule, "drop.denied", force.rule),
                            force=force.force,
                            force_text=force.text,
                            why=false.group(),
                        )
                    )
                continue
            if any(sent.denials) and self._denied(sent, before, sent.lowered[lo - ss : fig.start - ss]):
                # "denied that it had sent 10,000 troops", "would not deploy 40,000 troops": no deployment
                if decisions is not None:
                    decisions.append(
                        Decision(
                            fig,
                            (fig_rule, "drop.denied", force.rule),
                            force=force.force,
                            force_text=force.text,
                            why=before.strip(),
                        )
                    )
                continue
            # "in the country", "the region": the place referred back to, read as if named here
            anaphors = self._anaphors(text, sent, mentions, m_starts, sentences, force.force, ds)
            place_ms = sorted(ms + [a.mention for a in anaphors], key=lambda m: m.start) if anaphors else ms
            choice = self._place(text, fig, place_ms, ds, acts, others, force.force, sent, clauses)
            gone = self._left.search(text, max(ss, fig.start - 40), fig.start)
            if gone is not None:
                # "France has flown out the two jets it had stationed in Chad": they are no longer there
                choice = replace(choice, places=(), rule="drop.left", why=gone.group().strip())
            for a in anaphors:
                if choice.places and choice.places[0] is a.mention.place and choice.text == a.mention.surface:
                    choice = replace(
                        choice, places=(a.mention.place,), conf=choice.conf * 0.8, rule="place.anaphor", source=a.source
                    )
            why = choice.why
            if len(choice.places) == 1 and choice.places[0].kind == "country":
                border = self._border(choice.places[0], choice.text, ms, ds, force.force, ss)
                if border is not None:
                    # "along its border with Thailand": the border between Thailand and the subject
                    choice = replace(choice, places=(border,), rule="place.border")
            elif (
                choice.rule == "drop.vague_place"
                and why
                and book.search("linking.border_word", why)
                and force.force
                and len(force.force) == 2
                and hasattr(self.gaz, "border")
            ):
                # "As tension with India grew, China massed 20,000 troops at the border": the border
                # between the forces' state and the one other state the sentence names
                sides = {m.place.country for m in ms if m.place.kind == "country" and m.place.country != force.force}
                sides |= {d.country for d in ds if d.country != force.force}
                other = sides.pop() if len(sides) == 1 else None
                # which part of a long border: a division, region or town of either side that the
                # sentence names ("a division ready in Xinjiang"); without one, no dot, unless the
                # two states are small neighbours
                near = next(
                    (
                        m.place
                        for m in ms
                        if m.place.kind in ("admin1", "region", "city", "site", "base")
                        and m.place.country in (force.force, other)
                        and m.role != "actor"
                    ),
                    None,
                )
                a, b = (self.gaz.country(force.force), self.gaz.country(other)) if other else (None, None)
                close = a is not None and b is not None and haversine_km(a.lat, a.lon, b.lat, b.lon) <= _LIST_SPREAD_KM
                # (two small neighbours' border is short: its middle will do, "Azerbaijani troops massed at the border")
                border = (
                    self.gaz.border(force.force, other, near=(near.lat, near.lon) if near else None)
                    if other and (near or close)
                    else None
                )
                if border is not None:
                    choice = replace(choice, places=(border,), text=why, conf=0.7, rule="place.border")
            if choice.rule == "drop.vague_place" and why and book.search("linking.border_word", why) and out:
                # "2,000 Guard troops were deployed to the border in April", after a figure drawn at the
                # US-Mexico border: the one border the article has drawn forces at, of the same forces
                drawn = {
                    d.place.id: d
                    for d in out
                    if d.place.kind == "border" and (force.force is None or d.force is None or d.force == force.force)
                }
                if len(drawn) == 1:
                    last = next(iter(drawn.values()))
                    choice = replace(
                        choice,
                        places=(last.place,),
                        text=why,
                        conf=0.55,
                        rule="place.border_before",
                        source="previous" if 0 < sent_idx - sentences.index_of(last.quote_start) <= 1 else "article",
                    )
            mission = (
                next((a for a in acts if a.area and a.kind == "mission"), None)
                if choice.rule == "drop.no_place"
                else None
            )
            if mission is not None and self.gaz.country(mission.area) is not None:
                # "KFOR currently consists of 4,500 troops": the country the mission serves in
                choice = replace(
                    choice,
                    places=(self.gaz.country(mission.area),),
                    text=mission.surface,
                    conf=0.7,
                    rule="place.mission",
                )
            elif (
                choice.rule == "drop.no_place"
                and not any(m.place.country != force.force and m.role != "actor" for m in ms)
                and not self._vague_destination(text, fig.unit_end, se)
                and not self._names_destination(text, sent)
            ):
                # "A further 200 would be deployed in the near future": where the previous
                # sentence's deployment of the same forces went, else where the headline sends them;
                # "This year the force will include 1,587 Marines": the force of the sentences before
                # the figure's own verb: "the U.S. will send about 3,900 troops", "200 would be deployed"
                # (its clause: from the last comma before the figure to the first after it, 50 and 40 characters at most)
                lo, hi = max(ss, fig.start - 50), min(se, fig.end + 40)
                lo = max(lo, text.rfind(",", lo, fig.start) + 1)
                comma = text.find(",", fig.end, hi)
                moving = clauses.within(sent, "linking.movement", lo, fig.start) or clauses.within(
                    sent, "linking.movement", fig.end, hi if comma < 0 else comma
                )
                back = book.search("linking.force_anaphor", text, ss, fig.start)
                got = (
                    self._previous_place(out, sentences, sent_idx, force.force, 2 if back else 1)
                    if moving or back
                    else None
                ) or (self._headline_place(text, mentions, force.force, ss) if moving else None)
                if got is not None:
                    choice = replace(
                        choice, places=got.places, text=got.text, conf=got.conf, rule=got.rule, source=got.source
                    )
            if len(choice.places) > 1:
                # "1,000 soldiers were deployed to Romania and Bulgaria": one figure, not one per place
                places = choice.places
                first = places[0]
                if fig.unit == "units" and fig.count == len(places):
                    # "four battlegroups will be based in Bulgaria, Romania, Hungary and Slovakia": one in each
                    choice = replace(choice, places=(), rule="drop.list", why=", ".join(p.name for p in places))
                elif all(haversine_km(first.lat, first.lon, p.lat, p.lon) <= _LIST_SPREAD_KM for p in places[1:]):
                    choice = replace(choice, places=(first,), conf=choice.conf * 0.8, rule="place.list")
                else:
                    choice = replace(choice, places=(), rule="drop.list", why=", ".join(p.name for p in places))
            forces = [force]
            if each and len(each) > 1:
                hosts = sent.hosting and self._hosts(text, each, fig)
                if not choice.places and hosts:
                    # "Romania and Bulgaria each host 1,000 soldiers": one deployment per host
                    choice = replace(
                        choice, places=tuple(m.place for m in each), text=None, conf=0.8, rule="place.each_host"
                    )
                elif force.text is None or any(force.text == m.surface for m in each):
                    # "India and China each deployed 50,000 troops": one deployment per force
                    force = _Force(force.force, force.text, 0.85, "force.each")
                    forces = [_Force(m.place.country, m.surface, 0.85, "force.each") for m in each]
            if not choice.places:
                if decisions is not None:
                    decisions.append(
                        Decision(
                            fig,
                            (fig_rule, choice.rule, force.rule),
                            force=force.force,
                            force_text=force.text,
                            why=choice.why,
                        )
                    )
                continue
            if force.force:
                last_force, last_force_sentence = force, sent_idx
            # the words around the figure, not a whole 3 MB "sentence"
            # the words closest to the figure first: "ordered 2,000 troops to prepare to deploy ..., as Israel massed forces"
            comma = text.find(",", fig.end, fig.end + 60)
            status = clauses.status(
                sent, max(ss, fig.start - 60), min(se, fig.end + 60 if comma < 0 else comma)
            ) or clauses.status(sent, max(ss, fig.start - 200), min(se, fig.end + 200))
            rules = (fig_rule, choice.rule, force.rule)
            if decisions is not None:
                decisions.append(
                    Decision(
                        fig, rules, choice.places, choice.text, choice.source, forces[0].force, forces[0].text, status
                    )
                )
            conf = round(min(choice.conf, 1.0) * force.conf, 2)
            for place in choice.places:
                for each_force in forces:
                    claim = (place.id, fig.unit, fig.count, fig.count_min, fig.count_max, each_force.force)
                    if claim in seen:
                        continue  # the same claim repeated in one article is one deployment
                    seen.add(claim)
                    # Deployment(...) through its slots; precision and the event date are the pipeline's
                    out.append(
                        new_deployment(
                            doc.doc,
                            fig,
                            place,
                            choice.text or place.name,
                            each_force.force,
                            each_force.text,
                            status,
                            doc.date,
                            text[ss:se],
                            ss,
                            conf,
                            choice.origin,
                            choice.source,
                            rules,
                            None,
                            None,
                            None,
                            None,
                            None,
                        )
                    )
        return out

    def _denied(self, sent: Clause, before: str, lowered: str) -> bool:
        """Does a negation or a word of denial in ``before``, the words before a figure in the
        clause ``sent`` (``lowered``: their lower case), rule the figure out in its own clause?
        ("would not deploy 40,000 troops", "denied that it had sent 10,000 troops")"""
        words = None
        for (pattern, folded, reach, needs), may in zip(self._denials, sent.denials):
            if not may:
                continue  # (the clause holds none of the rule's words)
            words = words or words_of(lowered)
            if not needs.may_match(lowered, words):
                continue
            for m in pattern.finditer(lowered if folded else before):
                if (
                    len(before) - m.end() <= reach
                    and not _CLAUSE_MARK.search(before, m.end())
                    and self.lex.rules.search("linking.clause_break", before, m.end(), low=lowered) is None
                ):
                    return True
        return False

    # -- force -----------------------------------------------------------------------
    def _force(self, text, fig, ms, ds, acts, ss=None, hosting=True) -> _Force:
        """``ss``: where the figure's sentence starts; a country or capital that opens it is its subject.
        ``hosting``: False when no verb of hosting stands in the sentence of ``ms`` (``Clause.hosting``)."""
        for d in ds:
            if fig.start <= d.start < fig.unit_end:
                return _Force(d.country, d.surface, 1.0, "force.inside")
        for m in ms:
            if fig.start <= m.start < fig.unit_end and m.place.kind == "country":
                return _Force(m.place.country, m.surface, 1.0, "force.inside")  # "1,500 United States Marines"
        for a in acts:
            if fig.start <= a.start < fig.unit_end:
                return _Force(a.force, a.surface, 1.0, "force.inside")  # "8,500 NATO troops"
            if self._of_force.fullmatch(text, fig.unit_end, a.start):
                return _Force(a.force, a.surface, 1.0, "force.of")  # "3,000 troops from the 3rd Infantry Division"
        for m in ms:
            if (
                m.start >= fig.unit_end
                and self._of_force.fullmatch(text, fig.unit_end, m.start)
                and self._possessive.match(text, m.end, m.end + 3)
                and m.place.kind == "country"
            ):
                return _Force(
                    m.place.country, m.surface, 1.0, "force.of"
                )  # "200 troops of China's People's Liberation Army"
        for m in ms:
            # "130,000 troops have been deployed by Moscow": the agent of the figure's own verb
            if (
                fig.unit_end <= m.start < fig.unit_end + 60
                and m.role == "agent"
                and self._by_agent.fullmatch(text, fig.unit_end, m.start)
                and (m.place.kind == "country" or "capital" in m.place.flags)
            ):
                return _Force(m.place.country, m.surface, 0.9, "force.agent")
        candidates: list[_Actor] = []  # the actors before the figure
        for m in ms:
            if m.end > fig.start:
                continue
            if self._led.match(text, m.end) or self._elided.match(text, m.end):
                continue
            if (
                m.role in ("actor", "subject", "agent")
                or self._possessive.match(text, m.end, m.end + 3)
                or m.start == ss
            ):
                if (m.place.kind == "country" or "capital" in m.place.flags) and not (
                    hosting and self._hosts_figure(text, m, fig, True)
                ):
                    candidates.append(_Actor(m.start, m.end, m.surface, m.place.country))
        for d in ds:
            if d.end > fig.start or self._led.match(text, d.end):
                continue  # "the US-led bloc": who leads a force, not the force
            if self._against(text, d.start):
                continue  # "its fighters who face the Israeli army"
            nxt = _NEXT_TWO.match(text, d.end, d.end + 40)
            words = [w.lower() for w in (nxt.groups() if nxt else ()) if w]
            if words and (
                words[0] in self.lex.not_force_nouns
                or words[0] in self.lex.border_nouns
                or (len(words) > 1 and words[1] in self.lex.not_force_nouns and words[0] not in self.lex.units)
            ):
                continue
            candidates.append(_Actor(d.start, d.end, d.surface, d.country))
        for a in acts:
            if a.end <= fig.start and not self._against(text, a.start):
                candidates.append(a)
        if candidates:
            # the nearest (of two at one offset, "Moscow" as a capital and as a seat of government, the same every time)
            best = max(candidates, key=_by_offset)
            return _Force(best.force, best.surface, 0.9, "force.actor")
        # none before it: "20,000 soldiers serving in Somalia under AMISOM", "4,500 troops contributed by NATO allies"
        after = [a for a in acts if a.start >= fig.unit_end] + [
            _Actor(m.start, m.end, m.surface, m.place.country)
            for m in ms
            if m.start >= fig.unit_end and m.place.kind == "country"
        ]
        for a in sorted(after, key=_by_offset):
            nxt = _NEXT_TWO.match(text, a.start + len(a.surface), a.start + len(a.surface) + 40)
            if nxt and nxt.group(1).lower() in self._not_force_after:
                continue  # "under a United Nations plan"
            if self.lex.rules.before("linking.force_after", text, a.start, max(fig.unit_end, a.start - 40)):
                return _Force(a.force, a.surface, 0.8, "force.after")
        return _NO_FORCE

    # -- place -----------------------------------------------------------------------
    def _place(self, text, fig, ms, ds, acts, others, force, sent: Clause, clauses: Clauses) -> _PlaceChoice:
        book, ss, se = self.lex.rules, sent.start, sent.end
        # (most sentences hold no word of speech: the rule's pre-check, on the sentence's words)
        speech = sent.speech
        # "71 warplanes and nine ships toward Taiwan": coordinated figures share what follows
        stop, end = se, fig.unit_end
        for other in sorted((o for o in others if o.start > fig.start), key=lambda o: o.start):
            gap = text[end : other.start]
            if not other.elliptic and (
                not gap.strip() or self._figures_joined.fullmatch(gap) or self._figures_accompany.fullmatch(gap)
            ):
                # (a bare number after it counts a part, or other forces: "200 tanks, 50 of these near Yelnya")
                end = other.unit_end
                continue
            stop = other.start
            break
        count = _COUNT.search(text, max(end, fig.end), stop)  # not its own count, when it follows the unit
        while count is not None and YEAR.fullmatch(count.group()):
            count = _COUNT.search(text, count.end(), stop)
        if count is not None:
            stop = count.start()
        origin: _Candidate | None = None
        # after the figure: "to Belarus", "along the Ukrainian border"
        after = self._located(text, ms, ds, fig.unit_end, stop, clauses, sent)
        vague_near = False
        for i, c in enumerate(after):
            start, end, place = c.start, c.end, c.place
            if c.kind == "stop":
                break
            if c.kind == "origin":
                origin = origin or c
                continue
            if self._elided_count.match(text, end):
                break  # "1,887 troops, ahead of Lithuania's 1,632": the next count's place
            if place.kind == "country" and self._elided.match(text, end) and text[end : end + 1] in ("'", "’"):
                break  # "Hungary's has 900 troops, whereas Poland's has 11,600": Poland's is the next count's
            if speech and self._spoken_at.search(text, max(fig.unit_end, start - 50), start):
                continue  # "Stoltenberg said in Brussels"
            if vague_near is False:  # looked for once, and only right after the figure
                hi = min(stop, fig.unit_end + 60)
                vague_near = self._unnamed_border.search(text, fig.unit_end, hi) or self._vague_destination(
                    text, fig.unit_end, hi
                )
                if vague_near is not None and not _NEAR_FIGURE.fullmatch(text, fig.unit_end, vague_near.start()):
                    vague_near = None
            vague = vague_near
            if (
                vague is not None
                and vague.end() <= start
                and (len(text[vague.end() : start]) > 25 or "," in text[vague.end() : start])
            ):
                # "20,000 troops deployed at our borders, ... a division ready in Xinjiang": the
                # figure's destination is the one without a name, not a later clause's place
                return _dropped("drop.vague_place", vague.group())
            if self._based.fullmatch(text, fig.unit_end, start):
                going = self._moving_to(text, after[i + 1 :])
                if going is not None:  # "troops based in Vilseck, Germany, are moving to Romania"
                    return _PlaceChoice(
                        self._group(text, ms, going.place, going.start, going.end),
                        going.surface,
                        place,
                        0.9,
                        "place.based_moving",
                    )
            inner = self._possessed(text, ms, end)
            if inner is None and place.kind == "country":
                # "along the Indian territory in Ladakh": the part of the country named right after
                # (the words a nationality's item read on to may end with it: "the Indian territory in")
                last = text.rfind(" ", 0, end)
                gap = self._inside_after.match(text, last if self._inside_after.fullmatch(text, last, end) else end)
                inner = next(
                    (
                        m
                        for m in ms
                        if gap
                        and m.start == gap.end()
                        and m.place.country == place.country
                        and m.place.kind not in ("country", "continent")
                    ),
                    None,
                )
            if inner is not None:  # "to Russia's Kursk region": the place inside the country
                return _PlaceChoice(
                    self._group(text, ms, inner.place, inner.start, inner.end),
                    inner.surface,
                    origin.place if origin else None,
                    0.95,
                    "place.after.inside",
                )
            return _PlaceChoice(
                self._group(text, ms, place, start, end),
                c.surface,
                origin.place if origin else None,
                0.95,
                "place.after",
            )
        if origin and clauses.search(sent, "linking.leaving"):
            # "withdraw its 1,500 soldiers from Niger": no destination, so they are still there
            # (but "received 300 missiles from Washington" says where they came from, not where they are)
            return _PlaceChoice((origin.place,), origin.surface, None, 0.8, "place.leaving")
        # before it, nearest first
        prev = max([o.start for o in others if o.start < fig.start] + [ss])
        items = self._located(text, ms, ds, prev, fig.start, clauses, sent)
        # "In Kyiv, officials said 90,000 troops ...": where they spoke, not where the troops are
        located = [
            c for c in items if c.kind == "place" and not book.search("linking.attribution", text, c.end, fig.start)
        ]
        if located:
            c = located[-1]
            # "moved from Kursk to Belgorod with 40 tanks": the origin read just before
            came = [x for x in items if x.kind == "origin" and x.end <= c.start]
            return _PlaceChoice(
                self._group(text, ms, c.place, c.start, c.end),
                c.surface,
                came[-1].place if came else None,
                0.85,
                "place.before",
            )
        # "Belarus hosts 30,000 Russian troops": the subject of a verb of hosting
        for m in reversed(ms) if sent.hosting else ():
            if (
                prev <= m.start
                and m.role in ("subject", "plain")
                and m.place.kind != "continent"
                and self._hosts_figure(text, m, fig)
            ):
                return _PlaceChoice((m.place,), m.surface, None, 0.85, "place.host")
        # "the Zaporizhzhia direction will have about 15,000 additional people", "Pokrovsk – about
        # 7,000": a town, region or front that has the figure, or a list of places and figures
        for m in reversed(ms):
            if (
                prev <= m.start
                and m.place.kind not in ("country", "continent")
                and m.role != "actor"
                and self._place_has.fullmatch(text, m.end, fig.start)
            ):
                return _PlaceChoice((m.place,), m.surface, None, 0.8, "place.has")
        # "Belarus said 30,000 Russian troops would drill on its territory": the subject's land
        if book.search("linking.its_land", text, fig.unit_end, stop):
            for m in reversed(ms):
                if (
                    m.end <= fig.start
                    and m.place.kind == "country"
                    and (m.role in ("subject", "actor") or m.start == ss)
                ):
                    return _PlaceChoice((m.place,), m.surface, None, 0.8, "place.its_land")
        # a state's forces at home: "Poland has sent about 15,000 troops to strengthen border security";
        # but "massed 100,000 troops near the border" names a place we cannot read: no dot
        # and "sent 5,000 troops to Zolotarivka" (a name the gazetteer lacks) or "to Ukraine's
        # neighbours" gives no dot either; nor does "the US is sending 3,000 troops" (to a place
        # another sentence names), unless the sentence speaks of its border
        near = text[max(ss, fig.start - 40) : fig.start]
        # (a verb of sending after the last mark of punctuation: in the figure's clause)
        sending = book.search("linking.sending", near, max(map(near.rfind, ",.;:")) + 1) and not clauses.search(
            sent, "linking.border_mention"
        )
        home = None
        if force and len(force) == 2:
            # the state before its forces: not "10,000 US troops", "a U.S. official said"
            home = next(
                (
                    m
                    for m in ms
                    if m.place.kind == "country"
                    and m.place.country == force
                    and m.end <= fig.start
                    and m.role not in ("location", "origin")
                ),
                None,
            )
        if home is None:
            vague = self._unnamed_border.search(text, fig.unit_end, stop)
            if vague is not None:
                return _dropped("drop.vague_place", vague.group())
            return _dropped("drop.no_place", text[fig.end : min(se, fig.end + 80)].strip() or None)
        if clauses.search(sent, "linking.at_home", alone=True):
            return _PlaceChoice((home.place,), home.surface, None, 0.7, "place.home")
        vague = self._unnamed_border.search(text, fig.unit_end, stop) or self._vague_destination(
            text, fig.unit_end, stop
        )
        if vague:
            return _dropped("drop.vague_place", vague.group())
        if sending or self._destination_named(text, fig.unit_end, stop):
            return _dropped("drop.no_place", text[fig.end : min(se, fig.end + 80)].strip() or None)
        # "Turkey deployed 150 soldiers to the outskirts of Mosul": a state's forces are at home
        # only where the text says so, not where it names another state or puts them abroad
        abroad = clauses.search(sent, "linking.abroad", alone=True)
        if abroad is None:
            # (not a later count's place: "250,000 troops, against 900,000 in Russia")
            abroad = next(
                (m for m in ms if m.place.country and m.place.country != force and m.start < stop), None
            ) or next((d for d in ds if d.country != force and d.start < stop), None)
        if abroad is not None:
            why = abroad.group() if isinstance(abroad, re.Match) else abroad.surface
            return _dropped("drop.home", why)
        return _PlaceChoice((home.place,), home.surface, None, 0.6, "place.home")

    def _moving_to(self, text, items: list[_Candidate]) -> _Candidate | None:
        """The first of ``items`` that a verb of movement sends forces to, before any actor."""
        for item in items:
            if item.kind == "stop":
                return None
            if item.kind == "place" and self.lex.rules.before(
                "linking.moving_to", text, item.start, max(0, item.start - 60)
            ):
                return item
        return None

    def _possessed(self, text, ms, end) -> Mention | None:
        """The place named right after "'s" at ``end``, if any ("Russia's Kursk region")."""
        gap = self._possessive.match(text, end, end + 3)
        if gap is None:
            return None
        return next((m for m in ms if m.start == gap.end()), None)

    def _names_destination(self, text: str, sent: Clause) -> bool:
        """Does a location word introduce a capitalised name anywhere in the clause ``sent``? Once a clause."""
        named = sent.cues.get("destination_named")
        if named is None:
            named = sent.cues["destination_named"] = self._destination_named(text, sent.start, sent.end)
        return named

    def _destination_named(self, text, lo, hi) -> bool:
        """Does a location word introduce a capitalised name in ``text[lo:hi]``?

        Asked only when no destination was read there: the name is one the gazetteer
        lacks, or not the place itself ("to Ukraine's neighbours").
        """
        book = self.lex.rules
        for m in book.finditer("linking.destination", text, lo, hi):
            name = m.group().split()[-1]  # the capitalised word
            if name.lower() not in self._not_names and not book.before(
                "linking.spoken_at", text, m.end() - len(name), max(lo, m.start() - 50)
            ):
                return True
        return False  # not where someone spoke: "said in Kyiv"

    def _border(self, place, surface, ms, ds, force, ss) -> Place | None:
        """The border ``place`` is named as one side of (``Mention.border``), with the other side:
        another country the phrase names, else the forces' state, else the sentence's subject."""
        if not hasattr(self.gaz, "border"):
            return None
        # (a nationality's item reads on to its noun: "Indian" for "the Indian border")
        side = next(
            (
                x
                for x in list(ms) + list(ds)
                if getattr(x, "border", False)
                and (x.surface == surface or (isinstance(x, Demonym) and surface.startswith(x.surface)))
                and getattr(x, "place", None) in (None, place)
            ),
            None,
        )
        if side is None:
            return None
        cc = place.country
        others = [
            m.place.country
            for m in ms
            if getattr(m, "border", False) and m.place.kind == "country" and m.place.country != cc
        ] + [d.country for d in ds if getattr(d, "border", False) and d.country != cc]
        if force and len(force) == 2 and force != cc:
            others.append(force)
        elif force and self._group_areas.get(force, cc) != cc:
            others.append(self._group_areas[force])  # Hezbollah "defending the border area with Israel": Lebanon's
        others += [
            m.place.country for m in ms if m.role == "subject" and m.place.kind == "country" and m.place.country != cc
        ]
        near = next(
            (
                m.place
                for m in ms
                if m.start > side.end
                and m.role == "location"
                and m.place.kind in ("city", "site", "base", "admin1", "region")
                and m.start - side.end < 60
            ),
            None,
        )
        for other in others:
            border = self.gaz.border(cc, other, near=(near.lat, near.lon) if near else None)
            if border is not None:
                return border
        return None

    def _anaphors(self, text, sent: Clause, mentions, m_starts, sentences, force, demonyms_in=()) -> list[_Anaphor]:
        """ "the country", "the region", "the island" in the sentence ``sent``: each with the place it
        refers back to (the last place of its kind named before it, where forces were, first)
        as a location mention, and where that place was named (``sentence``, ``previous``, ``headline``)."""
        if not sent.anaphor_phrases:
            return []
        ss, book = sent.start, self.lex.rules
        countered = {d.country for d in demonyms_in if self._against(text, d.start)}
        out = []
        for a in sent.anaphor_phrases:
            # the phrase: its location word, then the determiner, the words between, the noun
            surface = a.group().split(None, 1)[1]
            noun = surface.split()[-1]
            between = surface.split()[1:-1]
            if book.after("linking.named_after", text, a.end()) or any(
                w.lower() in self._border_words for w in between
            ):
                continue  # "the border town of Kilis", "the city of Valencia": named right after; "the border region": a border
            if noun in self._named_by and any(
                w[0].isupper() and w.split("-")[0] not in self.lex.demonyms for w in between
            ):
                continue  # "the Gulf region", "the Donbas area": a name (but "the Pacific island" refers back)
            kinds = self._anaphor_kinds.get(noun)
            lo = sentences.spans[max(0, sentences.index_of(ss) - _ANAPHOR_SENTENCES)][0]
            found = None
            # a place the sentence itself names is called by its name, not "the island"
            hi = ss if noun in self._named_before else a.start()
            for located in (True, False):
                for m in reversed(mentions[bisect_left(m_starts, lo) : bisect_left(m_starts, hi)]):
                    if (
                        m.role in ("actor", "agent")
                        or (located and m.role != "location")
                        or _DATELINE.match(text, m.end)
                        and (m.start == 0 or text[m.start - 1] == "\n")
                    ):
                        continue  # (nor "NEW DELHI:" before the story: where it was filed)
                    if m.place.kind == "country" and m.place.country == force:
                        continue  # "Uganda sent troops to the country": another country than the forces'
                    if m.place.country in countered:
                        continue  # "to counter Chinese activities in the region": not a region of China
                    if (kinds is not None and m.place.kind in kinds) or noun in m.place.name.lower():
                        found = m
                        break
                if found:
                    break
            if found is None:
                continue
            start = a.end() - len(surface)
            where = (
                "sentence"
                if found.start >= ss
                else "headline"
                if self._is_headline(text, sentences, found.start)
                else "previous"
            )
            out.append(_Anaphor(Mention(start, a.end(), surface, found.place, "location", 0.7), where))
        return out

    @staticmethod
    def _is_headline(text, sentences, offset) -> bool:
        head = _headline(text)
        return head is not None and head[0] <= offset < head[1]

    @staticmethod
    def _previous_place(out, sentences, sent_idx, force, back=1) -> _PlaceChoice | None:
        """The place of the last deployment, when it was drawn in the ``back`` sentences before, of the same forces."""
        if not out:
            return None
        last = out[-1]
        # (or a figure before it in its own sentence that took its place from before too)
        lo = 0 if last.place_from != "sentence" else 1
        if not lo <= sent_idx - sentences.index_of(last.quote_start) <= back or (
            force is not None and last.force != force
        ):
            return None
        return _PlaceChoice((last.place,), last.place_text, None, 0.6, "place.previous", source="previous")

    def _headline_place(self, text, mentions, force, ss) -> _PlaceChoice | None:
        """The place the headline sends forces to ("... signs orders to send more troops to Afghanistan")."""
        head = _headline(text)
        if head is None or ss < head[1]:
            return None
        for m in mentions:
            if m.start >= head[1]:
                break
            if (
                m.start >= head[0]
                and m.role == "location"
                and not (m.place.kind == "country" and m.place.country == force)
            ):
                return _PlaceChoice((m.place,), m.surface, None, 0.6, "place.headline", source="headline")
        return None

    def _vague_destination(self, text, lo, hi) -> re.Match | None:
        """A destination in ``text[lo:hi]`` that names no place: "to the outskirts", "in the area"."""
        for m in self._vague.finditer(text, lo, hi):
            if m.group().split()[-1].lower() not in self._not_destinations:  # the word after the determiner
                return m
        return None

    def _located(self, text, ms, ds, lo, hi, clauses: Clauses, sent: Clause) -> list[_Candidate]:
        """Places a location word introduces in ``text[lo:hi]`` (inside the clause ``sent``), and
        where an actor stops the search."""
        book = self.lex.rules
        items: list[_Candidate] = []
        readings = sent.readings
        for m in ms:
            if lo <= m.start < hi:
                how = readings.get((m.start, m.role)) or clauses.reading(sent, m)
                if how == "event":
                    continue  # "due to events in Ukraine": where something happens
                if how == "location":
                    origin_of = self._origin_phrase.search(text, max(lo, m.start - 90), m.start)
                    if origin_of is not None and not self._origin_address(text, ms, m, origin_of.start(), hi):
                        origin_of = None  # "900 from the United States in Bulgaria": where they are
                    items.append(_candidate("origin" if origin_of else "place", m.start, m.end, m.place, m.surface))
                elif how == "part":
                    # "to the outskirts of Mosul", "along the state border of Ukraine": a part of the place;
                    # "Lithuania's 1,632": its count
                    items.append(_candidate("place", m.start, m.end, m.place, m.surface))
                elif how == "origin":
                    items.append(_candidate("origin", m.start, m.end, m.place, m.surface))
                elif how in ("actor", "subject"):
                    items.append(_candidate("stop", m.start, m.end, m.place, m.surface))
        for d in ds:
            if lo <= d.start < hi:
                tail = _TAIL.match(text, d.end, d.end + 30)
                before = text[max(lo, d.start - 25) : d.start].lower()
                noun = tail.group(1).lower() if tail else ""  # "Along Indian Border" in a headline too
                if tail and (noun in self.lex.border_nouns or noun.split()[0] in self.lex.border_nouns):
                    # "along the Ukrainian border": where they are; "back from the Ukrainian border": where from
                    kind = (
                        "place"
                        if book.before("linking.location_before", before, len(before))
                        else "origin"
                        if book.before("linking.origin_before", before, len(before))
                        else None
                    )
                    country = self.gaz.country(d.country) if kind else None
                    if country:
                        end = d.end + len(tail.group(0))
                        items.append(_candidate(kind, d.start, end, country, text[d.start : end]))
        items.sort(key=_start)
        for i in range(1, len(items)):
            c, before = items[i], items[i - 1]
            if (
                c.kind == "stop"
                and before.kind in ("place", "origin")
                and self._and_gap.fullmatch(text, before.end, c.start)
            ):
                # "troops from Chad and Niger were deployed": listed with the place before, not an actor
                items[i] = _candidate(before.kind, c.start, c.end, c.place, c.surface)
            elif (
                c.kind in ("stop", "place")
                and before.kind == "origin"
                and _ADDRESS_GAP.fullmatch(text, before.end, c.start)
            ):
                # "2,000 troops from Fort Hood, Texas have begun deploying": the origin's state, not an actor
                items[i] = _candidate("origin", c.start, c.end, c.place, c.surface)
        return items

    def _origin_address(self, text, ms, m, lo, hi) -> bool:
        """Is ``m``, a place inside a phrase of origin that starts at ``lo``, part of where the
        forces come from? Yes after a verb of leaving ("departed an airbase in Konya"), when it
        holds the place that "from" names ("from Camp Pendleton in California"), or when a
        destination follows ("from a division in Fort Hood have begun deploying to Kuwait");
        not in "900 from the United States in Bulgaria"."""
        if not self.lex.rules.after("linking.from_origin", text, lo, lo + 4) or self.lex.rules.search(
            "linking.destination_ahead", text, m.end, hi
        ):
            return True
        named = [x for x in ms if lo <= x.start < m.start]
        return (
            bool(named)
            and m.place.kind in ("admin1", "country")
            and named[-1].place.country == m.place.country
            and named[-1].place.kind not in ("admin1", "country")
        )

    def _each(self, text, fig, ms, sent: Clause) -> list[Mention]:
        """Coordinated countries before "each" and the figure: "India and China each deployed"."""
        if not self._each_needs.may_match(sent.lowered, sent.words):
            return []
        last = None
        for last in self._each_word.finditer(text, sent.start, fig.start):
            pass
        if last is None:
            return []
        at = last.start()  # (the last "each" before the figure)
        group = [m for m in ms if m.end <= at and m.place.kind == "country"]
        out = []
        for m in reversed(group):
            if not out:
                if (
                    self._coordinated.fullmatch(self._auxiliary.sub("", text[m.end : at]))
                    or not text[m.end : at].strip()
                ):
                    out.append(m)
                continue
            if self._coordinated.fullmatch(text[m.end : out[-1].start]):
                out.append(m)
            else:
                break
        return list(reversed(out))

    def _hosts_figure(self, text, m, fig, each=False) -> bool:
        """Is ``m`` the subject of a verb of hosting whose object is ``fig``? ("Belarus hosts 30,000 ...")

        ``each``: also when "each" stands between ("Romania and Bulgaria each host": the hosts are
        no force, and the caller gives one deployment per host)."""
        if m.end > fig.start or fig.start - m.end > 600:
            return False  # (six words do not fill 600 characters)
        between = text[m.end : fig.start].lower().split()
        return (
            len(between) <= 6
            and (each or self._each_words.isdisjoint(between))
            and not self.lex.host_verbs.isdisjoint(between)
        )

    def _hosts(self, text, each, fig) -> bool:
        between = text[each[-1].end : fig.start].lower().split()
        return any(w in self.lex.host_verbs for w in between)

    def _group(self, text, ms, place, start, end) -> tuple[Place, ...]:
        """ "Romania and Bulgaria each host 1,000 soldiers": every place of a coordinated list."""
        group = [place]
        for m in ms:
            if m.start >= end and self._list_gap.fullmatch(text[end : m.start]) and m.place.kind == place.kind:
                if m.role in ("actor", "subject", "agent"):
                    break  # "In Belarus, Russia has deployed": the next name acts, it is not listed
                if (
                    "," in text[end : m.start]
                    and self._possessive.match(text, m.end, m.end + 3)
                    and not self.lex.rules.search("linking.list_and", text, end, m.start)
                ):
                    break  # "to Russia, South Korea's spy agency said": a source, not a second place
                group.append(m.place)
                end = m.end
        return tuple(group)

    def _against(self, text, start) -> bool:
        """Is the force named at ``start`` the adversary ("who face the Israeli army")?"""
        return self._adversary.search(text, max(0, start - 30), start) is not None
