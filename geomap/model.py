"""The values that flow through the pipeline, each with its provenance.

corpus -> Document; places -> Mention; figures -> Figure; linking -> Deployment.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from gazetteer import Place


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its name (the file name), its text and its date (``YYYY-MM-DD`` or None).

    ``doc`` is a stable id: the file, plus ``#row``, ``#item`` or ``#id`` for an article of a
    CSV, JSON or feed file. ``title``, ``url`` and ``source`` (the outlet) where known;
    ``notes``: what reading it met and reports (a date the page gives that cannot be read).
    """

    doc: str
    text: str
    date: str | None = None
    path: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in an article: ``text[start:end]`` resolved to ``place``.

    ``role`` says how the sentence uses it: ``location`` (where something is), ``origin``
    (where it comes from), ``actor`` (a capital or seat of government standing for its
    government: "Moscow has sent"), ``subject`` (a place before its verb: "Poland has
    sent"), ``agent`` ("a buildup by Russia") or ``plain``.

    ``border`` is True when the text names the place as one side of a border where
    something is ("along its border with Thailand", "near the state border of Ukraine",
    "the border between Poland and Belarus", "Ukraine's eastern border"): what is there
    stands on the border between it and the other side (the other country the phrase
    names, else the sentence's subject), not inside it: ``Gazetteer.border(a, b, near=...)``.
    """

    start: int
    end: int
    surface: str
    place: Place
    role: str = "plain"
    confidence: float = 1.0
    candidates: int = 1
    border: bool = False


@dataclass(frozen=True, slots=True)
class Demonym:
    """A word of nationality ("Russian", "U.S.") at ``text[start:end]``."""

    start: int
    end: int
    surface: str
    country: str
    border: bool = False  # "the Ukrainian border": the country's border, as for ``Mention.border``


@dataclass(frozen=True, slots=True)
class Figure:
    """A count of forces: the number, the range the text allows, and the unit words.

    ``count`` is None for vague amounts ("thousands"); ``count_min``/``count_max`` are
    the range ("thousands" = 1000..9999). ``start``/``end`` cover number and unit words.
    """

    start: int
    end: int
    text: str
    count: float | None
    count_min: float | None
    count_max: float | None
    qualifier: str | None
    unit: str
    unit_text: str
    unit_start: int
    unit_end: int
    elliptic: bool = False  # a bare number that takes the unit of the figure before it ("and 1,000 to Romania")


@dataclass(frozen=True, slots=True)
class Deployment:
    """A figure tied to the place, force and date it belongs to, with its sentence."""

    doc: str
    figure: Figure
    place: Place
    place_text: str
    force: str | None
    force_text: str | None
    status: str | None
    date: str | None
    quote: str
    quote_start: int
    confidence: float
    origin: Place | None = None
    # where the place was read: "sentence" (the figure's own), "previous" (an earlier sentence)
    # or "headline"; and the ids of the rules that decided
    # figure, place and force (geomap.linking.RULES)
    place_from: str = "sentence"
    rules: tuple[str, ...] = ()
    precision: str | None = None  # site, city, district, province, country, region, border (geomap.precision)
    relation: str | None = None  # in, near, along the border of, toward: how the text puts the forces there
    # the date the sentence gives the figure ("in April", "last month"), as precise as the
    # text: YYYY-MM-DD (a day, or a week's Monday), YYYY-MM or YYYY; its grain (day, week,
    # month, year); the words. A relative date with no article date to resolve it against
    # keeps its words and no date. See geomap/eventdates.py.
    event_date: str | None = None
    event_grain: str | None = None
    event_date_text: str | None = None

    @property
    def start(self) -> int:
        return self.figure.start

    @property
    def end(self) -> int:
        return self.figure.end


def maker(cls):
    """A function that builds a frozen dataclass with slots from all its fields, given in order:
    the same record as ``cls(...)``, each slot set through its own descriptor, at less than half
    the cost of the generated ``__init__`` (one ``object.__setattr__`` a field). For the records
    built by the thousand in one article (mentions, figures, deployments)."""
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"maker: {cls.__name__} has a __post_init__ that building through the slots would skip")
    names = [f.name for f in fields(cls)]
    scope = {"new": object.__new__, "cls": cls} | {f"set_{n}": getattr(cls, n).__set__ for n in names}
    body = "".join(f"    set_{n}(record, {n})\n" for n in names)
    exec(f"def make({', '.join(names)}):\n    record = new(cls)\n{body}    return record\n", scope)
    make = scope["make"]
    make.__doc__ = f"A {cls.__name__} from all its fields, in order (see geomap.model.maker)."
    return make


new_mention = maker(Mention)
new_figure = maker(Figure)
new_deployment = maker(Deployment)
