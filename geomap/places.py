"""Find the places an article names and resolve each to one gazetteer entry.

The matcher tries the longest run of words that the gazetteer knows, starting at a
capitalised word, then rejects runs that are part of a longer proper name ("Atlantic
Council", "Kamala Harris"), persons with a title ("President Jordan"), and everyday words
that are also small towns ("March", "Mobile") unless a preposition or an "X, Country"
pattern vouches for them. Ambiguous names are resolved in the article's context: the
"X, Y" pattern first, then the countries and first-level divisions the article names
without ambiguity, then the gazetteer's prior. How the sentence uses each place (its role:
where forces are, where they come from, who acts) is read by ``clauses.PlaceRoles``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

from gazetteer import Gazetteer, Place, fold, key
from gazetteer.names import ARABIC_ARTICLES, ARABIC_COUNTRIES
from gazetteer.store import prior_scores

from .clauses import Clauses, PlaceRoles
from .errors import LexiconError
from .lexicon import Lexicon
from .lexicon import load as load_lexicon
from .model import Demonym, Mention, new_mention
from .patterns import alternation, whole_words
from .text import Sentences, date_words, possessive, speech_verbs

MAX_WORDS = 8
_TITLE_NAME = re.compile(r"\. [A-Z][a-z]+ [A-Z][a-z]")  # "Sens. Tom Udall"
_INITIAL_AFTER = re.compile(r"\.? [A-Z]\. [A-Z]")
_WORD = re.compile(r"[^\W_]+")
# where a word may start with a capital (Latin script); the finder checks the case of non-ASCII ones
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ][^\W_]*")
_NAME_GAP = re.compile(r"[ \-'’.]*")
_LOWER_LONG = re.compile(r"(?<![^\W_])[a-z][^\W_]{3}")
_CAPITALISED_AFTER = re.compile(r" ([A-Z][^\W_]*)")
_COMMA_NAME = re.compile(r",\s+[A-Z]")
_COMMA_GAP = re.compile(r",\s*")
# the Arabic article written before a hyphen ("al-Anbar", "Ras al-Ain")
_ARABIC_ARTICLE = re.compile(r"(?<![A-Za-z])(?:" + "|".join(ARABIC_ARTICLES) + r")-$", re.IGNORECASE)
# an acronym: a short word with two capitals or more ("LAC", "LoC", "DMZ")
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{2,5}\.?")


class PlaceFinder:
    """Finds and resolves place names and demonyms in articles, with one gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None):
        self.gaz = gazetteer or Gazetteer.default()
        self.lex = lexicon or load_lexicon()
        self._common = self.gaz.common_words
        # the word lists of rules/places.yaml
        words = self.lex.rules.words
        self._date_words = date_words(self.lex.rules)  # words of dates, never of places
        self._speech_verbs = speech_verbs(self.lex.rules)  # "Austin said": a person
        self._articles = self.lex.rules.word_set("text.articles")  # never a place's first word
        self._adverb_endings = tuple(words("text.adverb_endings"))  # "Permanently": no part of a name
        self._direction_town_forms = words("places.direction_town_forms")
        # the word after a name, past its possessive ending: "Russia's troops", in a headline "Russia Sends"
        self._next_word = re.compile("(?:" + possessive(self.lex.rules) + r")?\s+([a-z]+)")
        self._next_title_word = re.compile("(?:" + possessive(self.lex.rules) + r")?\s+([A-Z][a-z]+)\b")
        self._headline_verb_endings = tuple(words("places.headline_verb_endings"))
        self._contractions = frozenset(f for c in words("places.contractions") for f in (c, c.upper()))
        self._name_particles = frozenset(words("places.name_particles"))
        self._division_words = frozenset(words("places.division_words"))
        self._feature_tails = frozenset(words("places.feature_tails"))
        self._headline_after = frozenset(words("places.headline_after"))
        self._free_before = frozenset(words("places.free_before"))
        self._free_after = frozenset(words("places.free_after"))
        self._direction_forms = dict(pair.split() for pair in words("places.direction_forms"))
        self._list_joiners = frozenset(words("places.list_joiners"))
        self._front_countries = words("places.front_countries")
        # its rules, compiled once for the hot loops (a switched-off rule's pattern never matches)
        rules = self.lex.rules
        self._rules = rules
        self._weapon_after = rules.regex("places.weapon_after")
        self._weapon_event = rules.regex("places.weapon_event")
        self._direction_before = rules.regex("places.direction_before")
        self._division_after = rules.regex("places.division_after")
        self._border_before = rules.regex("places.border_before")
        self._border_before_low = rules.regex("places.border_before", folded=True)  # for ASCII text, lower-cased
        self._border_after = rules.regex("places.border_after")
        self._border_staff = rules.regex("places.border_staff")
        self._direction_after = rules.regex("places.direction_after")
        # the words one of which every match of places.direction_noun holds (derived by the engine), looked for
        # in the folded text as plain substrings: a case-blind search over each article cost 50 µs
        needs = rules.needs("places.direction_noun")
        self._direction_needs = None if needs is None else tuple(needs)
        # the words one of which every match of the two border rules holds (derived by the engine): where
        # none stands, neither rule can match, and they are tried only near one
        border_needs = [rules.needs(rule_id) for rule_id in ("places.border_before", "places.border_after")]
        if None in border_needs:
            raise LexiconError(
                "rules/places.yaml: places.border_before and places.border_after must each hold a fixed word"
            )
        self._border_words = tuple(sorted({word for words in border_needs if words for word in words}))
        self._border_word = re.compile(alternation(self._border_words))
        # patterns over characters or of a shape token patterns cannot bound, built from the file's lists:
        # "Pokrovske", "Novopavlivske", "Kupianskyi": the adjective of a town, which a direction noun makes a direction
        self._direction_adjective = re.compile(
            r"\b([A-Z][a-z]{3,}?)(?:" + "|".join(map(re.escape, words("places.direction_adjective_endings"))) + r")\b"
        )
        # "the Donetsk and Luhansk regions", "Voronezh, Bryansk and Smolensk regions": the names before the last
        # are divisions too (up to four names of one or two words)
        self._divisions_after = re.compile(
            r"(?:(?:,|,?\s+(?:"
            + alternation(words("places.list_joiners"))
            + r"))\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?){1,4}\s+"
            r"(?i:" + alternation(words("places.division_plurals")) + r")\b"
        )
        # a line named with the part of it meant: "the LAC in Arunachal Pradesh", "the border near Preah Vihear"
        self._line_part = re.compile(
            r"\)?\s*(?:\([^()]{1,20}\)\s*)?,?\s*(?:"
            + "|".join(map(re.escape, words("places.line_preps")))
            + r")\s+(?:(?:"
            + alternation(words("text.articles"))
            + r")\s+)?(?:(?:"
            + "|".join(map(re.escape, words("places.direction_stems")))
            + r")\w*\s+)?$"
        )
        # what depends on a name alone, remembered across articles (each bounded)
        self._starts: dict[str, bool] = {}  # can a name start with this word?
        self._steps: dict[str, tuple] = {}  # words read -> (name, candidates, longer?, longer after a space?)
        self._steps_dot: dict[str, tuple] = {}  # the same for words a dot follows ("U.S", "St")
        self._priors: dict[int, tuple[tuple[Place, ...], list[tuple]]] = {}
        self._verdicts: dict[tuple[str, str], str] = {}
        self._facts: dict[int, tuple] = {}  # candidates -> (candidates, named without ambiguity?, one country?)
        self._shapes: dict[str, tuple] = {}  # a name -> (an acronym?, the name a feature tail leaves, lower-cased)
        self._near: dict[str, frozenset] = {}  # an acronym's place -> the countries within 300 km
        self._demonym_firsts = frozenset(_WORD.match(d).group() for d in self.lex.demonyms if _WORD.match(d))
        self._roles = PlaceRoles(self.lex)  # how a sentence uses each place it names
        # names of seats of government, alliances and groups are not places ("White House"); leaders' are
        self._leaders = frozenset(n.replace("’", "'") for n, (_, kind) in self.lex.forces.items() if kind == "leader")

    # -- finding ---------------------------------------------------------------------
    def find(
        self,
        text: str,
        sentences: Sentences | None = None,
        forces: list[tuple[int, int, str]] | None = None,
        clauses: Clauses | None = None,
    ) -> tuple[list[Mention], list[Demonym]]:
        """Resolved place mentions and demonyms of ``text``, in text order.

        Only capitalised words are visited (one regular-expression scan finds them);
        what depends on a name alone (can a name start with this word, its key, its
        candidates) is remembered across articles. ``forces``: the force names of the text
        as (start, end, name), if the caller has scanned for them (the pipeline scans once
        for the linker and this finder); none of them but a leader's is a place. ``clauses``:
        the article as the linker reads it too (``geomap.clauses``): its lower case is the folded
        text of ASCII text, lower-cased once for both.
        """
        sentences = sentences or Sentences(text, self.lex.rules)
        if text.isascii():
            folded = clauses.lowered if clauses is not None else text.lower()
        else:
            folded = _fold_text(text)
        raw = []  # (start, end, surface, candidates)
        demonyms = []
        starts = self._starts
        resume = 0
        ascii_text = text.isascii()  # then the word the pattern read is the folded word
        for m in _CAPITAL.finditer(text):
            s = m.start()
            if s < resume or (s and folded[s - 1].isalnum()):
                continue  # inside a name already read, or inside a word ("iPhone")
            if ascii_text:
                e = m.end()
            elif text[s].isupper():
                e = _WORD.match(folded, s).end()
            else:
                continue
            word = text[s:e]
            can_start = starts.get(word)
            if can_start is None:
                # a folded name ("kyiv") or a spelling that counts only as written ("DRC", "UAE")
                low = folded[s:e]
                can_start = low not in self._articles and (self.gaz.has_prefix(low) or self.gaz.has_prefix("=" + word))
                if len(starts) > 200_000:
                    starts.clear()
                starts[word] = can_start
            found = self._longest(text, folded, s, e) if can_start else None
            if found:
                raw.append(found)
                resume = found[1]
                continue
            if word in self._demonym_firsts:
                dem = self._demonym_at(text, folded, s, e)
                if dem:
                    demonyms.append(dem)
        # demonyms that are also place names ("U.S."): keep both readings, the linker chooses
        for s, e, surface, cands in raw:
            cc = self.lex.demonyms.get(surface) or self.lex.demonyms.get(surface.rstrip("."))
            if cc:
                demonyms.append(Demonym(s, e, surface, cc))
        demonyms.sort(key=lambda d: d.start)
        # where a border noun stands (folded text keeps the offsets): the border patterns are tried only near one
        borders = (
            [m.start() for m in self._border_word.finditer(folded)]
            if any(w in folded for w in self._border_words)
            else []
        )  # plain substrings first: a scan costs more
        if borders:
            demonyms = [
                Demonym(d.start, d.end, d.surface, d.country, True)
                if _near(borders, d.end, d.end + 40)
                and self._border_after_at(text, d.end)
                and text[d.end : d.end + 1] not in "'’"
                else d
                for d in demonyms
            ]
        if raw:
            if forces is None:
                forces = [(m.start(), m.end(), m.group()) for m in whole_words(self.lex.force_pattern, text)]
            blocked = [(a, b) for a, b, name in forces if name.replace("’", "'") not in self._leaders]
            if blocked:
                # a longer name that holds a force's ("RAF Fairford") stays
                raw = [r for r in raw if not _overlaps(blocked, r[0], r[1])]
        directions: set[int] = set()  # where a town is named as a military direction by its adjective
        if self._direction_needs is None or any(w in folded for w in self._direction_needs):
            raw = self._directions(text, sentences, raw, directions, folded if ascii_text else None)
        ctx = _Context(text, folded, sentences, raw, self._free_after)
        ctx.directions = directions
        ctx.borders = borders
        # the names in text order, each with its sentence: one walk through the sentences, not a search for each
        kept = []
        spans, sent_starts = sentences.spans, sentences.starts
        idx, last = 0, len(sent_starts) - 1
        whole = (0, len(text))
        for r in raw:
            while idx < last and sent_starts[idx + 1] <= r[0]:
                idx += 1
            k = self._plausible(ctx, r, idx, spans[idx] if spans else whole)
            if k is not None:
                kept.append(k)
        mentions = self._resolve(ctx, kept)
        return mentions, demonyms

    def _directions(self, text, sentences, raw, directions: set, low: str | None = None) -> list:
        """Military directions named by their adjective, as Ukrainian and Russian staff do:
        "the Pokrovske direction" is the Pokrovsk direction, "Novopavlivske" Novopavlivka's,
        in a sentence that speaks of directions or axes; the town, not a village that bears
        the adjective as its name."""
        spans = {r[0]: r for r in raw}
        for m in self._direction_adjective.finditer(text):
            s, e = m.span()
            ss, se = sentences.span_of(s)
            if self._rules.search("places.direction_noun", text, ss, se, low=low) is None:
                continue
            stem = m.group(1)
            best = None
            for name in (_town_form(stem, form) for form in self._direction_town_forms):
                cands = self.gaz.candidate_tuple(key(name), name) if name else ()
                towns = tuple(
                    c for c in cands if c.kind == "city" and c.country in self._front_countries and c.population >= 1000
                )
                own = tuple(c for c in towns if key(c.name) == key(name))
                towns = own or towns
                # the front these staff reports speak of runs through Ukraine: its town before a namesake in Yakutia
                towns = tuple(c for c in towns if c.country == self._front_countries[0]) or towns
                if towns:
                    # a town that bears the form as its own name first (Pokrovsk, not Engels, once
                    # called so), then the largest: Kurakhove, not the village Kurakhivka
                    rank = (bool(own), towns[0].population)
                    if best is None or rank > best[0]:
                        best = (rank, towns)
            if best:
                spans[s] = (s, e, text[s:e], best[1])
                directions.add(s)
        return sorted(spans.values())

    def _longest(self, text, folded, s, e):
        """The longest gazetteer name starting at ``s``, read word by word: (s, end, surface, candidates)."""
        found = None
        end = e
        for n in range(1, MAX_WORDS + 1):
            if n > 1:
                nxt = _WORD.search(folded, end)
                if nxt is None:
                    break
                b = nxt.start()
                # one space, the usual gap, joins without more ado (see _joined)
                if (b != end + 1 or text[end] != " ") and not self._joined(text, end, b, nxt.end()):
                    break
                end = nxt.end()
            surface = text[s:end]
            dot = text[end : end + 1] == "."
            steps = self._steps_dot if dot else self._steps  # by the words read, and is a dot after them
            step = steps.get(surface)
            if step is None:
                step = self._step(folded[s:end], surface, dot)
                if len(steps) > 200_000:
                    steps.clear()
                steps[surface] = step
            name, cands, more, more_spaced = step
            if name is not None:
                found = (s, s + len(name), name, cands)
            if not more or (not more_spaced and text[end : end + 1] == " "):
                break  # after a space a longer name's key goes on with one: no key does
        return found

    def _step(self, folded: str, surface: str, dot: bool):
        """What the words ``surface`` give: (the name read or None, its candidates, may a longer name
        follow, may a longer name follow after a space)."""
        k = key(folded)
        name, cands = None, ()
        if dot and self.gaz.exact_spelling(surface + "."):
            name, cands = surface + ".", self.gaz.candidate_tuple(k, surface + ".")
        elif self.gaz.has_key(k) or self.gaz.exact_spelling(surface):
            cands = self.gaz.candidate_tuple(k, surface)
            if cands and cands[0].id.startswith("bd:"):
                # "the Syrian-Turkish border": the two countries, each marked as a side (see Mention.border)
                cands = ()
            if cands:
                name = surface
        more = self.gaz.has_prefix(k)
        return name, cands, more, more and self.gaz.has_prefix(k + " ")

    def _joined(self, text, a, b, c) -> bool:
        """May ``text[a:b]``, between two words, stand inside one name (the next word ends at ``c``)?"""
        if b - a > 2 or not _NAME_GAP.fullmatch(text, a, b):
            return False
        if text[a] in "'’" and b - a == 1 and text[b:c] in self._contractions:
            return False  # "We’d", "Kyiv’s": an English ending, not part of a name
        return True

    def _demonym_at(self, text, folded, s, e) -> Demonym | None:
        ends = [e]
        for _ in range(2):
            nxt = _WORD.search(folded, ends[-1])
            if nxt is None:
                break
            ends.append(nxt.end())
        for end in reversed(ends):
            surface = text[s:end]
            for cand in (surface + "." if text[end : end + 1] == "." else None, surface):
                if cand and cand in self.lex.demonyms:
                    return Demonym(s, s + len(cand), cand, self.lex.demonyms[cand])
        return None

    # -- filtering -------------------------------------------------------------------
    def _plausible(self, ctx: "_Context", r, sent: int, span: tuple[int, int]) -> tuple | None:
        """The candidate with what the later rules read again (sentence start, next word), or None.
        ``sent`` is the index of its sentence, ``span`` where that sentence starts and ends."""
        s, e, surface, cands = r
        text, folded = ctx.text, ctx.folded
        best = cands[0]
        verdict = self._verdicts.get((surface, best.id))
        if verdict is None:
            verdict = self._verdict(surface, best)
            if len(self._verdicts) > 200_000:
                self._verdicts.clear()
            self._verdicts[(surface, best.id)] = verdict
        if verdict == "no":
            return None
        sent_start, sent_end = span
        prev = _prev_word(folded, s)
        if prev:
            ps, pe = prev
            prev_word = text[ps:pe]
            prev_low = prev_word.lower()
            gap = text[pe:s]
            if (
                prev_word[0].isupper()
                and gap == " "
                and prev_low not in self._free_before
                and prev_low not in self._date_words
                and ps >= sent_start
                and not (best.is_area and pe in ctx.name_ends)
                and not ctx.title_case(sent)
            ):
                return None  # "Kamala Harris", "Atlantic Council" are not places; "Minsk Belarus" is
            if gap in (" ", ". ") and prev_low in self.lex.titles:
                return None
            if gap == ". " and pe - ps == 1 and prev_word.isupper() and text[ps - 1 : ps] != ".":
                return None  # "Carey L. Biron": a surname after an initial (not "the U.S. Virgin Islands")
            if gap == " " and prev_low in self._name_particles and ps >= sent_start:
                before = _prev_word(folded, ps)
                if before and text[before[0]].isupper() and before[1] + 1 == ps and before[1] not in ctx.name_ends:
                    return None  # "Mike de Kock", "Mario de Santiago": a surname, not Kock or Santiago
        if _INITIAL_AFTER.match(text, e, e + 6):
            return None  # "Jos. A. Bank": a first name before an initial
        if _TITLE_NAME.match(text, e, e + 40) and (
            surface.lower() in self.lex.titles or surface.lower()[:-1] in self.lex.titles
        ):
            return None  # "Sens. Tom Udall": a title, not Sens in Burgundy
        nxt = _WORD.search(folded, e)
        if nxt:  # in headlines too: "THE WASHINGTON EXAMINER"
            nxt_s, nxt_e = nxt.span()
            word = text[nxt_s:nxt_e]
            if text[e:nxt_s] == " " and word[0].isupper() and nxt_s < sent_end:
                low = word.lower()
                if (
                    low not in self._free_after
                    and not (word in self.lex.demonyms or low in self._free_before)
                    and low not in self._date_words
                    and not ctx.area_at(nxt_s)
                    and not (ctx.title_case(sent) and self._headline_word(low))
                ):
                    # "Washington Examiner", "Moscow Times"; not "Belarus Monday", "Minsk Belarus",
                    # nor, in a headline, "Russia Sends 5,000 Troops To Belarus Ahead Of Drills"
                    return None
        after = self._next_word.match(text, e, e + 30)
        nxt_word = after.group(1) if after else ""
        if (
            nxt_word
            and best.kind != "country"
            and surface in self.lex.demonyms
            and nxt_word not in self._division_words
        ):
            return None  # "the Somali military": the adjective, not the Somali Region of Ethiopia
        if not nxt_word:
            # a headline: "Russia Masses Troops" reads as "Russia masses troops" (the word first:
            # it is missing more often than the sentence test is cheap)
            after = self._next_title_word.match(text, e, e + 30)
            if after is not None and ctx.title_case(sent):
                nxt_word = after.group(1).lower()
        if best.kind == "city" and "capital" not in best.flags:
            if (
                nxt_word in self._speech_verbs
                and not text[e : e + 2].startswith(("'", "’"))
                and not self._after_prep(ctx, s)
            ):
                return None  # "Austin said": a person, not the town; but "fighting near Lyman continued"
        if (
            best.kind == "admin1"
            and len(surface) == 2
            and surface.isupper()
            and not (text[s - 2 : s] == ", " and text[s - 3 : s - 2].isalpha() and _capitalised_before(text, s - 2))
        ):
            return None  # "GA passes", "7 a.m. CT", "MS-13": a postal code only after a name ("HORRY COUNTY, SC")
        if verdict == "vouch" and not self._vouched(
            ctx, s, e, ctx.title_case(sent) or (best.kind == "city" and best.population < 5000)
        ):
            # in a headline "To Send" is a verb, and "through Rod's story" names no hamlet of 562:
            # only ", Country" vouches there
            return None
        if (
            text[s - 1 : s] == "-"
            and _ARABIC_ARTICLE.search(text, max(0, s - 5), s)
            and best.country not in ARABIC_COUNTRIES
        ):
            return None  # "Ain" of "Ras al-Ain" is no department of France
        if (
            best.kind in ("city", "admin1", "base", "site")
            and (weapon := self._weapon_after.match(text, e, e + 60))
            and not self._weapon_event.match(text, weapon.end(), e + 60)
        ):
            return None  # "Iskander missiles", "Bayraktar drones", "Kilo-class submarines": a weapon's name
        return s, e, surface, cands, sent_start, nxt_word

    def _headline_word(self, low: str) -> bool:
        """Is ``low`` (a capitalised word after a place in a headline) an everyday word, no part of
        the place's name? A verb ("Sends", "Hosts"), an adverb ("Permanently"), a preposition."""
        return (
            low in self.lex.actor_verbs
            or low in self._speech_verbs
            or low in self._headline_after
            or low.endswith(self._adverb_endings)
            or (low.endswith(self._headline_verb_endings) and len(low) > 3 and not self.gaz.has_prefix(low))
        )

    def _verdict(self, surface: str, best: Place) -> str:
        """What a name alone says: "no" (never a place here), "vouch" (an everyday word) or "yes"."""
        if (
            surface.isupper()
            and len(surface) <= 4
            and not self.gaz.exact_spelling(surface)
            and best.kind not in ("country", "region", "sea", "disputed", "continent")
        ):
            return "no"  # "LAC" is no lake region of Chad, "KIEV" in a headline of capitals is read elsewhere
        k = key(surface)
        if len(k) < 3 and not self.gaz.exact_spelling(surface):
            return "no"
        if surface in self.lex.never_places:
            return "no"
        if k in self.lex.generic_places and best.kind not in ("country", "region", "sea", "continent", "disputed"):
            return "no"
        # a capital or a large city is named so often that its name is frequent: not a word
        if (
            best.kind == "city" and "capital" not in best.flags and best.population < 1_000_000
        ) or best.kind == "admin1":
            z = self._common.get(k)
            if z is not None:
                pop = best.population if best.kind == "city" else 1_000_000
                if z - (math.log10(pop + 1) - 2.0) > 1.0:
                    return "vouch"
        return "yes"

    def _place_ends(self, ctx, end) -> bool:
        """Does a name that is a place by itself (no everyday word) end at ``end``?"""
        start = ctx.name_starts.get(end)
        if start is None:
            return False
        cands = ctx.names[start][1]
        return self._verdicts.get((ctx.text[start:end], cands[0].id)) == "yes"

    def _after_prep(self, ctx, s) -> bool:
        """Is the name at ``s`` after "in", "near", "from", ... or after "and" in a list of places?"""
        prev = _prev_word(ctx.folded, s)
        if not prev:
            return False
        word = ctx.folded[prev[0] : prev[1]]
        return (
            word in self.lex.location_preps
            or word in self.lex.origin_preps
            or (word in self._list_joiners and ctx.text[prev[0] - 1] == " " and self._place_ends(ctx, prev[0] - 1))
        )

    def _vouched(self, ctx, s, e, headline=False) -> bool:
        """An everyday word counts as a place after "in"/"near"/... or before ", Country"."""
        prev = None if headline else _prev_word(ctx.folded, s)
        if prev and ctx.text[prev[0] : prev[1]].lower() in self.lex.location_preps | self.lex.origin_preps:
            return True
        # the last of a list of places: "near Kupiansk and Lyman"
        if (
            prev
            and ctx.text[prev[0] : prev[1]] in self._list_joiners
            and ctx.text[prev[0] - 1] == " "
            and self._place_ends(ctx, prev[0] - 1)
        ):
            return True
        if ctx.text[e - 1] == ".":
            e -= 1
        comma = _COMMA_NAME.match(ctx.text, e, e + 3)
        if not comma:
            return False
        # the name after the comma is a country or division: "Reading, Pennsylvania", not "Police, Mr. Adeoye"
        after = ctx.names.get(comma.end() - 1)
        return bool(after) and after[1][0].kind in ("country", "admin1", "region", "disputed")

    # -- resolving -------------------------------------------------------------------
    def _resolve(self, ctx, kept) -> list[Mention]:
        text = ctx.text
        # context: what the article names without ambiguity
        countries, admin1s = set(), set()
        anchors = _Anchors()  # the places named without ambiguity that have a point of their own
        for s, e, surface, cands, _, _ in kept:
            c = cands[0]
            if c.kind in ("region", "disputed", "sea", "base", "site", "border") and self._shape(surface)[0]:
                continue  # an acronym is read in the context of the others, and is none of it itself
            clear, one_country = self._facts_of(cands)
            if clear:
                if c.country:
                    countries.add(c.country)
                if c.admin1 and c.kind != "admin1":
                    admin1s.add(c.admin1)
                if c.kind not in ("country", "continent", "border"):
                    anchors.add(c)
            elif c.country and (c.kind != "city" or c.population >= 100_000) and one_country:
                countries.add(c.country)  # "Brazzaville", the city or its division: Congo either way
        chosen: dict[int, tuple[Place, float]] = {}
        # "Athens, Georgia": the pair that nests wins
        for a, b in zip(kept, kept[1:]):
            if text[a[1] : a[1] + 1] == "," and _COMMA_GAP.fullmatch(text, a[1], b[0]):
                pair = _nested_pair(a[3], b[3])
                if pair:
                    chosen[a[0]] = (pair[0], 0.95)
                    chosen.setdefault(b[0], (pair[1], 0.95))
        # "Scarborough Shoal ... five ships near Scarborough": the short name of a feature the
        # article names in full, not a town of that name elsewhere (but "Jordan River" leaves Jordan)
        features: dict = {}
        for _, _, surface, cands, _, _ in kept:
            head = self._shape(surface)[1]
            if head is not None:
                features.setdefault(head, cands[0])
        mentions = []
        borders = ctx.borders
        for s, e, surface, cands, sent_start, nxt in kept:
            acronym, _, low = self._shape(surface)
            feature = features.get(low) if features else None
            if (
                feature is not None
                and s not in chosen
                and cands[0].kind in ("city", "site")
                and feature is not cands[0]
            ):
                chosen[s] = (feature, 0.8)
            if acronym and (not surface.isupper() or self.gaz.exact_spelling(surface)):
                cands = self._acronym_candidates(ctx, surface, cands, countries)
                if not cands:
                    continue
            if s in chosen:
                place, conf = chosen[s]
            else:
                place, conf = self._choose(cands, countries, admin1s, anchors)
            if place is None:
                continue
            if place.kind in ("continent", "country") and text[s - 1 : s] == " ":
                # "troops in eastern Europe", "central Asia", "southern Lebanon": the region, not the
                # continent or the whole country; "North Korea" stays a country of its own
                d = self._direction_before.search(text, max(0, s - 14), s)
                if d:
                    region = self._part_of(d.group().rstrip(), surface, place)
                    if region:
                        s, surface, place = d.start(), text[d.start() : e], region
            if place.kind == "city":
                admin = next((c for c in cands if c.kind == "admin1"), None)
                if admin and (
                    self._division_after.match(text, e, e + 13) or self._divisions_after.match(text, e, e + 150)
                ):
                    place = admin
            border = (
                place.kind in ("country", "disputed")
                and bool(borders)
                and self._border_side(ctx, s, e, sent_start, borders)
            )
            role = self._roles.role(text, ctx.folded if ctx.ascii else None, s, e, place, sent_start, nxt)
            if (
                role != "origin"
                and place.kind == "city"
                and (s in ctx.directions or self._direction_after.match(text, e, e + 16))
            ):
                role = "location"  # "Pokrovske – about 7,000", "Zaporizhzhia [direction] will have": where forces fight
            mentions.append(new_mention(s, e, surface, place, role, conf, len(cands), border))  # Mention(...), quicker
        return self._line_parts(ctx, mentions)

    def _border_side(self, ctx, s, e, sent_start, borders) -> bool:
        """Does the text name the place at ``s:e`` as one side of a border? (``borders``: where border nouns start)"""
        text = ctx.text
        lo = max(sent_start, s - 70)
        if _near(borders, lo, s):
            # places.border_before reads no case: in ASCII text it runs on the lower-cased text, which is quicker
            if (
                ctx.ascii
                and self._border_before_low.search(ctx.folded, lo, s)
                or not ctx.ascii
                and self._border_before.search(text, lo, s)
            ):
                return True
        return _near(borders, e, e + 40) and self._border_after_at(text, e)

    def _border_after_at(self, text, e) -> bool:
        """Does a border noun follow the name that ends at ``e`` (places.border_after), other than
        its staff (places.border_staff)? Both read no further than 40 characters."""
        m = self._border_after.match(text, e, e + 40)
        return m is not None and not self._border_staff.match(text, m.end(), e + 40)

    def _line_parts(self, ctx, mentions) -> list[Mention]:
        """A border or line followed by the part of it meant ("the LAC in Arunachal Pradesh",
        "the Cambodia-Thailand border near Preah Vihear"): its point moves to the point of
        its line nearest that place."""
        text = ctx.text
        for i, m in enumerate(mentions):
            j = i + 1
            if m.place.kind != "border":
                continue
            while j < len(mentions) and text[m.end : mentions[j].start].strip() == "(":
                j += 1  # "the Line of Actual Control (LAC) in ...": the acronym in brackets
            if j == len(mentions):
                continue
            n = mentions[j]
            if (
                n.place.kind in ("country", "continent", "border")
                or n.start - m.end > 40
                or not self._line_part.fullmatch(text, m.end, n.start)
            ):
                continue
            moved = self.gaz.at_border(m.place, n.place.lat, n.place.lon)
            if moved is not m.place:
                mentions[i] = Mention(m.start, m.end, m.surface, moved, m.role, m.confidence, m.candidates, m.border)
        return mentions

    def _acronym_candidates(self, ctx, surface, cands, countries) -> tuple:
        """The readings of an acronym ("LAC", "LoC", "DMZ") the article supports.

        Only the places that bear it as written ("LAC" is no lake region called "Lac"); a
        line, region or base only when the article spells its name out or names a country
        that lies within a few hundred km of it: "the LAC" beside China and India is the
        Line of Actual Control, and in an article about Latin America nothing.
        """
        exact = self.gaz.exact_ids(surface)
        if exact:
            cands = tuple(c for c in cands if c.id in exact)
        kept = []
        for c in cands:
            if c.kind in ("region", "disputed", "sea", "base", "site", "border") and key(c.name) != key(surface):
                near = self._near.get(c.id)
                if near is None:
                    near = self._near[c.id] = frozenset(
                        {p.country for p in self.gaz.within(c.lat, c.lon, 300.0, ("city",))} | {c.country} - {""}
                    )
                if not (near & countries or key(c.name) in ctx.folded):
                    continue
            kept.append(c)
        return tuple(kept)

    def _part_of(self, direction: str, surface: str, place: Place) -> Place | None:
        """The region or division "southern Lebanon" names inside ``place``, or None."""
        words = [direction] + ([self._direction_forms[direction]] if direction in self._direction_forms else [])
        for word in words:
            for c in self.gaz.candidates(key(f"{word} {surface}"), ""):
                if c.kind in ("region", "admin1") and (place.kind == "continent" or c.country == place.country):
                    return c
        return None

    def _facts_of(self, cands) -> tuple[bool, bool]:
        """(is the first of ``cands`` named without ambiguity, do all lie in one country?),
        remembered by the candidate tuple, as priors are."""
        held = self._facts.get(id(cands))
        if held is None or held[0] is not cands:
            if len(self._facts) > 50_000:
                self._facts.clear()
            clear = len(cands) == 1 or cands[0].importance - cands[1].importance > 3
            held = self._facts[id(cands)] = (cands, clear, len({c.country for c in cands}) == 1)
        return held[1], held[2]

    def _shape(self, surface: str) -> tuple:
        """(is ``surface`` an acronym, the name before its feature tail or None, ``surface`` lower-cased),
        remembered by the name."""
        held = self._shapes.get(surface)
        if held is None:
            words = surface.split()
            head = None
            for n in (2, 1):
                if len(words) > n and " ".join(words[-n:]).lower() in self._feature_tails:
                    head = " ".join(words[:-n]).lower()
                    break
            if len(self._shapes) > 200_000:
                self._shapes.clear()
            held = self._shapes[surface] = (_ACRONYM.fullmatch(surface) is not None, head, surface.lower())
        return held

    def _choose(self, cands, countries, admin1s, anchors=()) -> tuple[Place | None, float]:
        if len(cands) == 1:
            best = cands[0]
            if best.kind == "city" and best.population < 15000 and best.country not in countries:
                return None, 0.0
            return best, 1.0  # a margin of 5.0: round(min(1.0, 0.6 + 0.08 * 5.0), 2)
        else:
            # by identity: the gazetteer's cached tuple; the entry holds it, so its id is not reused
            held = self._priors.get(id(cands))
            if held is None or held[0] is not cands:
                if len(self._priors) > 50_000:
                    self._priors.clear()
                priors = cands.priors if hasattr(cands, "priors") else prior_scores(cands)
                held = self._priors[id(cands)] = (
                    cands,
                    [
                        (
                            priors[c.id],
                            c.id,
                            c,
                            c.kind == "country",
                            c.country,
                            c.admin1 if c.kind in ("admin1", "city") else None,
                        )
                        for c in cands
                    ],
                )
            scored = []
            for prior, pid, c, is_country, country, admin1 in held[1]:
                score = prior
                if country in countries:
                    score += 3.0 if is_country else 0.8
                if admin1 is not None and admin1 in admin1s:
                    score += 3.0  # nearness below would count the same evidence twice
                elif anchors and c.kind == "city":
                    score += anchors.nearness(c)
                scored.append((-score, pid, c))  # best first: highest score, then the smaller id
            scored.sort()
            best, margin = scored[0][2], scored[1][0] - scored[0][0]
        if best.kind == "city" and best.population < 15000 and best.country not in countries:
            return None, 0.0  # a small town in a country the article does not name: too risky
        return best, round(min(1.0, 0.6 + 0.08 * margin), 2)


class _Context:
    """One article as the filters read it: its text, folded text and sentences."""

    __slots__ = (
        "text",
        "folded",
        "ascii",
        "sentences",
        "_title",
        "names",
        "name_ends",
        "name_starts",
        "directions",
        "borders",
        "free_after",
    )

    def __init__(self, text: str, folded: str, sentences: Sentences, raw=(), free_after: frozenset[str] = frozenset()):
        self.text, self.folded, self.sentences = text, folded, sentences
        self.free_after = free_after  # capitalised words after a name that stay part of it
        self.ascii = text.isascii()  # then ``folded`` is ``text.lower()``, offset for offset
        self._title: dict[int, bool] = {}
        # the gazetteer names read, by where they start and end (before any is judged)
        self.names = {r[0]: (r[1], r[3]) for r in raw}
        self.name_ends = {r[1]: r[3] for r in raw}
        self.name_starts = {r[1]: r[0] for r in raw}
        self.directions: set[int] = set()
        self.borders: list[int] = []  # where a border noun starts ("border", "frontier", "boundary")

    def area_at(self, offset: int) -> bool:
        """Does a name of a country, division or region start at ``offset``, and end a run of
        capitalised words? ("Minsk Belarus", not "Niger Delta Development Commission")"""
        end, cands = self.names.get(offset, (0, ()))
        if not cands or not cands[0].is_area:
            return False
        after = _CAPITALISED_AFTER.match(self.text, end)
        return after is None or after.group(1).lower() in self.free_after

    def title_case(self, idx: int) -> bool:
        """Is the sentence of index ``idx`` a headline, every longer word capitalised?"""
        found = self._title.get(idx)
        if found is None:
            spans = self.sentences.spans
            start, end = spans[idx] if spans else (0, len(self.text))
            found = self._title[idx] = _is_title_case(self.text, start, end)
        return found


def _town_form(stem: str, form: str) -> str:
    """A town's name from the stem of its adjective, as ``form`` says (places.direction_town_forms):
    "+ka" adds "ka"; "iv>ove" replaces an ending "iv" with "ove" ("" when the stem has no such ending).

    >>> _town_form("Pokrovs", "+k"), _town_form("Novopavliv", "iv>ove"), _town_form("Kupians", "iv>ove")
    ('Pokrovsk', 'Novopavlove', '')
    """
    if form.startswith("+"):
        return stem + form[1:]
    old, _, new = form.partition(">")
    return stem[: len(stem) - len(old)] + new if stem.endswith(old) else ""


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Does a span of ``spans`` (matches in text order, none inside another) overlap
    ``[s, e)`` other than inside it? ("RAF Fairford" holds "RAF" and stays.) By bisection:
    a loop over every span for every name was quadratic."""
    i = bisect_right(spans, (s, float("inf")))  # the spans that start at or before s
    if i and spans[i - 1][1] > s and not (spans[i - 1][0] >= s and spans[i - 1][1] < e):
        return True
    j = bisect_left(spans, (e,))  # the spans that start before e
    return j > i and spans[j - 1][1] >= e


_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _fold_text(text: str) -> str:
    """``fold(text)``, its ASCII runs lower-cased as str.lower does them (the fold of ASCII is its lower
    case): Python's translate leaves its quick path at the first other character, so one curly quote
    made the whole of an article slow (235 µs against 14 µs an article of real news).

    >>> _fold_text("Kyiv’s Gdańsk") == fold("Kyiv’s Gdańsk") == "kyiv's gdansk"
    True
    """
    return "".join(run.lower() if run[0] < "\x80" else fold(run) for run in _RUNS.findall(text))


def _near(offsets: list[int], lo: int, hi: int) -> bool:
    """Does one of ``offsets`` (sorted) lie in ``[lo, hi)``?"""
    i = bisect_left(offsets, lo)
    return i < len(offsets) and offsets[i] < hi


def _capitalised_before(text: str, end: int) -> bool:
    """Does the word that ends at ``end`` start with a capital?"""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-."):
        start -= 1
    return text[start : start + 1].isupper()


def _prev_word(folded: str, s: int) -> tuple[int, int] | None:
    """(start, end) of the word before offset ``s``, or None at the start of the text."""
    j = s - 1
    while j >= 0 and not folded[j].isalnum():
        j -= 1
    if j < 0:
        return None
    # a space close before: in text whose words no space parts ("Kyiv\u200bsaid") the search
    # must not run back to the start for every name
    lo = max(0, j - 64)
    space = folded.rfind(" ", lo, j)
    if (space >= 0 or lo == 0) and folded[space + 1 : j + 1].isalnum():  # the usual case: a space before the word
        return space + 1, j + 1
    k = j
    while k >= 0 and folded[k].isalnum():
        k -= 1
    return k + 1, j + 1


_FEW_ANCHORS = 32


class _Anchors:
    """The places an article names without ambiguity, by cells of 3 degrees: each town is
    compared with those near it, once (a list compared every mention with every other)."""

    __slots__ = ("cells", "ids", "memo", "all")

    def __init__(self):
        # each place as (id, lat, lon, latitude in radians, its cosine): what the distance needs, worked out once
        self.cells: dict[tuple[int, int], list[tuple]] = {}
        self.ids: set[str] = set()
        self.memo: dict[str, float] = {}
        self.all: list[tuple] = []  # the same places in one list: a few are read faster than their cells

    def add(self, c: Place) -> None:
        if c.id not in self.ids:
            self.ids.add(c.id)
            p = math.radians(c.lat)
            a = (c.id, c.lat, c.lon, p, math.cos(p))
            self.cells.setdefault((math.floor(c.lat / 3), math.floor(c.lon / 3) % 120), []).append(a)
            self.all.append(a)

    def __bool__(self) -> bool:
        return bool(self.ids)

    def nearness(self, c: Place) -> float:
        """What the article's other places say for ``c``: a town or division within 100 km of a
        place the article names without ambiguity gains 1.5, within 300 km 0.8 ("Jincheng" beside
        Kinmen and Xiamen is the island town, not the city of Shanxi)."""
        held = self.memo.get(c.id)
        if held is None:
            # the score is the same over any places that hold those of the cells around: with
            # a few, all of them (the cells around cost more to work out than a few comparisons)
            pool = self.all if len(self.all) <= _FEW_ANCHORS else self._around(c)
            held = self.memo[c.id] = _nearness(c, pool)
        return held

    def _around(self, c: Place):
        """The anchors in the cells within 3 degrees of latitude and 300 km of ``c``."""
        top = min(abs(c.lat) + 3.0, 90.0)
        span = 180.0 if top > 88.0 else 5.0 / math.cos(math.radians(top))  # 300 km in longitude, generously
        lons = (
            range(120)
            if span >= 180.0
            else {k % 120 for k in range(math.floor((c.lon - span) / 3), math.floor((c.lon + span) / 3) + 1)}
        )
        for i in range(math.floor((c.lat - 3.0) / 3), math.floor((c.lat + 3.0) / 3) + 1):
            for k in lons:
                yield from self.cells.get((i, k), ())


def _nearness(c: Place, anchors) -> float:
    """The score :meth:`_Anchors.nearness` gives ``c`` among ``anchors`` (see :meth:`_Anchors.add`)."""
    best = 0.0
    cid, lat, lon = c.id, c.lat, c.lon
    p2 = math.radians(lat)
    cos2 = math.cos(p2)
    sin, radians = math.sin, math.radians
    for aid, alat, alon, p1, cos1 in anchors:
        if aid == cid or abs(alat - lat) > 3.0:
            continue
        # haversine_km(alat, alon, lat, lon), its steps in its order, with the anchor's share worked out once
        h = sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * sin(radians(lon - alon) / 2) ** 2
        d = 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
        if d < 100:
            return 1.5
        if d < 300:
            best = 0.8
    return best


def _nested_pair(first: list[Place], second: list[Place]):
    best = None
    for a in first:
        for b in second:
            if a is b:
                continue
            inside = (b.kind == "country" and a.country == b.country and a.kind != "country") or (
                b.kind == "admin1" and a.admin1 == b.admin1 and a.kind in ("city", "base")
            )
            if inside:
                score = a.importance + b.importance + (1.0 if b.kind == "admin1" else 0.0)
                if best is None or score > best[0]:
                    best = (score, a, b)
    return (best[1], best[2]) if best else None


def _is_title_case(text, start, end) -> bool:
    """A headline ("Blinken Tells Russia To Back Off"): every longer word capitalised.

    A sentence full of names still has lower-case verbs ("Lloyd Austin visited Austin").
    """
    # three lower-case words of four letters or more: at most 22 of 25 capitalised, never 90 %
    lower = 0
    for _ in _LOWER_LONG.finditer(text, start, end):
        lower += 1
        if lower >= 3:
            return False
    words = [w for w in _WORD.findall(text, start, end) if w[0].isalpha() and len(w) > 3]
    if len(words) < 4 or len(words) > 25:
        return False
    return sum(1 for w in words if w[0].isupper()) / len(words) >= 0.9
