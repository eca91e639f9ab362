"""Find the places an article names and resolve each to one gazetteer entry.

The matcher tries the longest run of words that the gazetteer knows, starting at a
capitalised word, then rejects runs that are part of a longer proper name ("Atlantic
Council", "Kamala Harris"), persons with a title ("President Jordan"), and everyday words
that are also small towns ("March", "Mobile") unless a preposition or an "X, Country"
pattern vouches for them. Ambiguous names are resolved in the article's context: the
"X, Y" pattern first, then the countries and first-level divisions the article names
without ambiguity, then the gazetteer's prior.
"""
from __future__ import annotations

import math
import re

from gazetteer import Gazetteer, Place, fold, key
from gazetteer.store import prior_scores

from .lexicon import Lexicon
from .lexicon import load as load_lexicon
from .model import Demonym, Mention
from .text import Sentences

MAX_WORDS = 8
_CONTRACTIONS = {"s", "d", "ll", "re", "ve", "t", "m", "S", "D", "LL", "RE", "VE", "T", "M"}
_BEFORE_WORDS = re.compile(r"[\w’'-]+|[,;:()“”\"]")
_NEXT_WORD = re.compile(r"(?:['’]s?)?\s+([a-z]+)")
_POSSESSIVE = re.compile(r"['’]s?\s")
_HYPHEN_NAME = re.compile(r"\s*-\s*[A-Z]")
_WORD = re.compile(r"[^\W_]+")
_JOIN = re.compile(r"[ \-'.]{1,2}|\.? ?")  # what may stand between the words of one name
# Capitalised words that may stand right before a place without making it part of a longer name.
_FREE_BEFORE = {
    "the", "in", "into", "from", "to", "near", "across", "for", "of", "at", "on", "by", "and", "or",
    "but", "with", "as", "while", "after", "before", "when", "if", "since", "over", "under", "outside",
    "inside", "along", "around", "against", "between", "during", "through", "toward", "towards", "via",
    "both", "all", "where", "because", "although", "though", "meanwhile", "today", "yesterday", "now",
    "then", "so", "also", "northern", "southern", "eastern", "western", "central", "north", "south",
    "east", "west", "northeastern", "northwestern", "southeastern", "southwestern", "occupied",
    "greater", "upper", "lower", "nearby", "neighboring", "neighbouring", "including", "like",
    "unlike", "within", "beyond", "about", "than", "whether", "until", "once", "even", "only", "not",
    "no", "yes", "here", "there", "this", "that", "these", "those", "an", "a", "is", "are", "was",
}
# Capitalised words that may follow a place and stay part of the place.
_FREE_AFTER = {
    "oblast", "region", "province", "governorate", "state", "city", "republic",
    "peninsula", "krai", "kray", "voblast", "raion", "rayon", "okrug", "prefecture", "territory",
    "island", "islands", "sea", "coast", "border", "front", "area", "valley", "basin", "highlands",
    "fleet", "flotilla", "direction", "axis", "sector", "frontier", "shore",
}
# Words after a town's name that make it a person's surname: "Austin said", "Lincoln told".
_SPEECH = {"said", "says", "told", "added", "noted", "stressed", "argued", "wrote", "tweeted", "insisted",
           "explained", "recalled", "acknowledged", "admitted", "replied", "asked", "continued", "concluded"}
_ADMIN_WORDS = {"oblast", "region", "province", "governorate", "state", "krai", "kray", "voblast", "okrug", "prefecture"}
_SKIP_BEFORE_PLACE = {
    "the", "a", "an", "its", "their", "his", "her", "our", "neighboring", "neighbouring", "northern",
    "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeastern",
    "northwestern", "southeastern", "southwestern", "occupied", "annexed", "disputed", "city", "town",
    "village", "capital", "port", "region", "province", "of", "russian-occupied", "nearby", "frontline",
    "front-line", "southern-most", "westernmost", "easternmost", "northernmost", "southernmost",
    "separatist-held", "rebel-held", "breakaway", "embattled", "besieged", "strategic", "key",
}


class PlaceFinder:
    """Finds and resolves place names and demonyms in articles, with one gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None):
        self.gaz = gazetteer or Gazetteer.default()
        self.lex = lexicon or load_lexicon()
        self._demonym_keys = {}
        for word, cc in self.lex.demonyms.items():
            self._demonym_keys.setdefault(word, cc)
        self._common = self.gaz.common_words
        self._title_cache: list = [None, {}]
        self._false_prep = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(f) for f in self.lex.false_preps)
                                      + r")(?: (?:the|a|an|its|their))?$")
        # names of seats of government, alliances and groups are not places ("White House")
        blocked = sorted((n for n, (_, kind) in self.lex.forces.items() if kind != "leader"), key=len, reverse=True)
        self._blocked = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in blocked) + r")(?![\w-])")

    # -- finding ---------------------------------------------------------------------
    def find(self, text: str, sentences: Sentences | None = None) -> tuple[list[Mention], list[Demonym]]:
        """Resolved place mentions and demonyms of ``text``, in text order."""
        sentences = sentences or Sentences(text)
        folded = fold(text)
        tokens = [m.span() for m in _WORD.finditer(folded)]
        raw = []        # (start, end, surface, candidates, token index, n tokens)
        demonyms = []
        i, n_tok = 0, len(tokens)
        while i < n_tok:
            s, e = tokens[i]
            first = text[s]
            if not first.isupper() or folded[s:e] == "the" or not self.gaz.has_prefix(folded[s:e]):
                if first.isupper():
                    dem = self._demonym_at(text, tokens, i)
                    if dem:
                        demonyms.append(dem)
                i += 1
                continue
            found = None
            # extend word by word while some name still starts with the words read
            for n in range(1, min(MAX_WORDS, n_tok - i) + 1):
                end = tokens[i + n - 1][1]
                if n > 1 and not self._joined(text, tokens, i + n - 2, 2):
                    break
                k = key(folded[s:end])
                surface = text[s:end]
                with_dot = surface + "." if text[end:end + 1] == "." else None
                if with_dot and self.gaz.exact_spelling(with_dot):
                    found = (s, end + 1, with_dot, self.gaz.candidates(k, with_dot), i, n)
                elif self.gaz.has_key(k) or self.gaz.exact_spelling(surface):
                    cands = self.gaz.candidates(k, surface)
                    if cands:
                        found = (s, end, surface, cands, i, n)
                if not self.gaz.has_prefix(k):
                    break
            if found:
                raw.append(found)
                i += found[5]
                continue
            dem = self._demonym_at(text, tokens, i)
            if dem:
                demonyms.append(dem)
            i += 1
        # demonyms that are also place names ("U.S."): keep both readings, the linker chooses
        for s, e, surface, cands, i, n in raw:
            cc = self.lex.demonyms.get(surface) or self.lex.demonyms.get(surface.rstrip("."))
            if cc:
                demonyms.append(Demonym(s, e, surface, cc))
        demonyms.sort(key=lambda d: d.start)
        blocked = [m.span() for m in self._blocked.finditer(text)]
        if blocked:
            raw = [r for r in raw if not any(a <= r[0] < b or r[0] <= a < r[1] for a, b in blocked)]
        kept = [r for r in raw if self._plausible(text, tokens, sentences, r)]
        mentions = self._resolve(text, kept, sentences)
        return mentions, demonyms

    def _joined(self, text, tokens, i, n) -> bool:
        for j in range(i, i + n - 1):
            gap = text[tokens[j][1]:tokens[j + 1][0]]
            if len(gap) > 2 or (gap and not all(c in " -'’." for c in gap)):
                return False
            if gap in ("'", "’") and text[tokens[j + 1][0]:tokens[j + 1][1]] in _CONTRACTIONS:
                return False  # "We’d", "Kyiv’s": an English ending, not part of a name
        return True

    def _demonym_at(self, text, tokens, i) -> Demonym | None:
        s, e = tokens[i]
        for n in (3, 2, 1):
            if i + n > len(tokens):
                continue
            end = tokens[i + n - 1][1]
            surface = text[s:end]
            for cand in (surface + "." if text[end:end + 1] == "." else None, surface):
                if cand and cand in self.lex.demonyms:
                    return Demonym(s, s + len(cand), cand, self.lex.demonyms[cand])
        return None

    # -- filtering -------------------------------------------------------------------
    def _plausible(self, text, tokens, sentences, r) -> bool:
        s, e, surface, cands, i, n = r
        best = cands[0]
        sent_start, sent_end = sentences.span_of(s)
        title_case = self._title_case(text, tokens, sentences, s)
        prev_word = _word_before(text, tokens, i)
        if prev_word and prev_word[0].isupper() and not title_case:
            gap = text[tokens[i - 1][1]:s]
            if gap == " " and prev_word.lower() not in _FREE_BEFORE and tokens[i - 1][0] >= sent_start:
                return False  # "Kamala Harris", "Atlantic Council" are not places
        if prev_word and prev_word.lower().rstrip(".") in self.lex.titles and text[tokens[i - 1][1]:s] in (" ", ". "):
            return False
        j = i + n
        if j < len(tokens):  # in headlines too: "THE WASHINGTON EXAMINER"
            nxt_s, nxt_e = tokens[j]
            gap = text[e:nxt_s]
            nxt = text[nxt_s:nxt_e]
            if gap == " " and nxt[0].isupper() and nxt.lower() not in _FREE_AFTER and nxt_s < sent_end:
                if not (nxt in self.lex.demonyms or nxt.lower() in _FREE_BEFORE):
                    return False  # "Washington Examiner", "Moscow Times"
        if surface.isupper() and len(surface) <= 4 and not self.gaz.exact_spelling(surface) and not best.is_area:
            return False
        k = key(surface)
        if len(k) < 3 and not self.gaz.exact_spelling(surface):
            return False
        if surface in self.lex.never_places:
            return False
        if best.kind == "city" and "capital" not in best.flags:
            nxt = _NEXT_WORD.match(text, e, e + 30)
            if nxt and nxt.group(1) in _SPEECH and not text[e:e + 2].startswith(("'", "’")):
                return False  # "Austin said": a person, not the town
        if k in self.lex.generic_places and best.kind not in ("country", "region", "sea", "continent", "disputed"):
            return False
        # a capital or a large city is named so often that its name is frequent: not a word
        if (best.kind == "city" and "capital" not in best.flags and best.population < 1_000_000) or best.kind == "admin1":
            z = self._common.get(k)
            if z is not None:
                pop = best.population if best.kind == "city" else 1_000_000
                if z - (math.log10(pop + 1) - 2.0) > 1.0:
                    return self._vouched(text, tokens, i, n)
        return True

    def _title_case(self, text, tokens, sentences, offset) -> bool:
        idx = sentences.index_of(offset)
        cache = self._title_cache
        if cache[0] is not text:
            cache[0], cache[1] = text, {}
        if idx not in cache[1]:
            start, end = sentences.span_of(offset)
            cache[1][idx] = _is_title_case(text, start, end)
        return cache[1][idx]

    def _vouched(self, text, tokens, i, n) -> bool:
        """An everyday word counts as a place after "in"/"near"/... or before ", Country"."""
        prev = _word_before(text, tokens, i)
        if prev and prev.lower() in self.lex.location_preps | self.lex.origin_preps:
            return True
        e = tokens[i + n - 1][1]
        return bool(re.match(r",\s+[A-Z]", text[e:e + 3]))

    # -- resolving -------------------------------------------------------------------
    def _resolve(self, text, kept, sentences) -> list[Mention]:
        # context: what the article names without ambiguity
        countries, admin1s = set(), set()
        for s, e, surface, cands, i, n in kept:
            if len(cands) == 1 or cands[0].importance - cands[1].importance > 3:
                c = cands[0]
                if c.country:
                    countries.add(c.country)
                if c.admin1 and c.kind != "admin1":
                    admin1s.add(c.admin1)
        chosen: dict[int, tuple[Place, float]] = {}
        # "Athens, Georgia": the pair that nests wins
        for a, b in zip(kept, kept[1:]):
            if re.fullmatch(r",\s*", text[a[1]:b[0]]):
                pair = _nested_pair(a[3], b[3])
                if pair:
                    chosen[a[0]] = (pair[0], 0.95)
                    chosen.setdefault(b[0], (pair[1], 0.95))
        mentions = []
        for s, e, surface, cands, i, n in kept:
            if s in chosen:
                place, conf = chosen[s]
            else:
                place, conf = self._choose(cands, countries, admin1s)
            if place is None:
                continue
            after = text[e:e + 12].lower()
            if place.kind == "city":
                admin = next((c for c in cands if c.kind == "admin1"), None)
                if admin and re.match(r"\s+(oblast|region|province|governorate|voblast|krai)\b", after):
                    place = admin
            mentions.append(Mention(s, e, surface, place, self._role(text, s, e, place, sentences), conf, len(cands)))
        return mentions

    def _choose(self, cands, countries, admin1s) -> tuple[Place | None, float]:
        scored = []
        priors = prior_scores(cands)
        for c in cands:
            score = priors[c.id]
            if c.kind == "country" and c.country in countries:
                score += 3.0
            elif c.kind != "country" and c.country in countries:
                score += 0.8
            if c.kind in ("admin1", "city") and c.admin1 in admin1s:
                score += 3.0
            scored.append((score, c))
        scored.sort(key=lambda sc: (-sc[0], sc[1].id))
        score, best = scored[0]
        if best.kind == "city" and best.population < 15000 and best.country not in countries:
            return None, 0.0  # a small town in a country the article does not name: too risky
        margin = score - scored[1][0] if len(scored) > 1 else 5.0
        return best, round(min(1.0, 0.6 + 0.08 * margin), 2)

    def _role(self, text, s, e, place, sentences) -> str:
        sent_start, _ = sentences.span_of(s)
        before = text[max(sent_start, s - 60):s]
        words_before = _BEFORE_WORDS.findall(before.lower())
        after = _NEXT_WORD.match(text, e, e + 30)
        nxt = after.group(1) if after else ""
        # "Moscow has sent", "Kiev demands": a capital standing for its government
        if "capital" in place.flags and nxt in self.lex.actor_verbs:
            return "actor"
        if "capital" in place.flags and _POSSESSIVE.match(text, e, e + 3):
            return "actor"
        if "capital" in place.flags and _HYPHEN_NAME.match(text, e, e + 3):
            return "plain"  # "the Moscow-Kiev tension"
        if self._false_prep.search(" ".join(words_before[-5:])):
            return "plain"  # "according to the U.S. report", "along with"
        skipped = 0
        for idx in range(len(words_before) - 1, -1, -1):
            w = words_before[idx]
            if w in self.lex.origin_preps:
                return "origin"
            if w == "by" and skipped == 0:
                return "agent"  # "a military buildup by Russia": who acts, not where
            if w in self.lex.object_verbs or (idx > 0 and f"{words_before[idx - 1]} {w}" in self.lex.object_verbs):
                return "location"  # "surrounded El Fasher"
            if w in self.lex.location_preps:
                return "location"
            if w in ("with", "between") and idx > 0 and words_before[idx - 1] in self.lex.border_nouns:
                return "location"
            if w in _SKIP_BEFORE_PLACE or w in self.lex.border_nouns or w in self.lex.demonyms or w.endswith("-held"):
                skipped += 1
                if skipped > 4:
                    break
                continue
            break
        if nxt in self.lex.actor_verbs:
            return "subject"
        return "plain"


def _nested_pair(first: list[Place], second: list[Place]):
    best = None
    for a in first:
        for b in second:
            if a is b:
                continue
            inside = (b.kind == "country" and a.country == b.country and a.kind != "country") or (
                b.kind == "admin1" and a.admin1 == b.admin1 and a.kind in ("city", "base"))
            if inside:
                score = a.importance + b.importance + (1.0 if b.kind == "admin1" else 0.0)
                if best is None or score > best[0]:
                    best = (score, a, b)
    return (best[1], best[2]) if best else None


def _word_before(text, tokens, i) -> str | None:
    if i == 0:
        return None
    s, e = tokens[i - 1]
    return text[s:e]


def _is_title_case(text, start, end) -> bool:
    """A headline ("Blinken Tells Russia To Back Off"): every longer word capitalised.

    A sentence full of names still has lower-case verbs ("Lloyd Austin visited Austin").
    """
    words = [w for w in _WORD.findall(text, start, end) if w[0].isalpha() and len(w) > 3]
    if len(words) < 4 or len(words) > 25:
        return False
    return sum(1 for w in words if w[0].isupper()) / len(words) >= 0.9
