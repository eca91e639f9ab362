"""Reading exports, feeds, saved pages and standard input (geomap/readers/, geomap/dates.py).

Every file is written here, small, with the rows a real export holds: ones without text,
malformed lines, unreadable dates, duplicates.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
import tracemalloc

import pytest

from geomap.corpus import Skipped
from geomap.dates import parse_date
from geomap.readers import DocTask, FileTask, Fields, Note, Options, iter_tasks, read_single, sniff
from geomap.readers.pages import read_page


def _summary(tasks):
    """Each task as a tuple: an article's id, date, title, url, source and text; a skip or note with its reason."""
    out = []
    for t in tasks:
        if isinstance(t, DocTask):
            d = t.document
            out.append(("doc", d.doc, d.date, d.title, d.url, d.source, d.text))
        elif isinstance(t, Skipped):
            out.append(("skipped", t.reason))
        elif isinstance(t, Note):
            out.append(("note", t.reason))
        else:
            out.append(("file", t.name))
    return out


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("value, expected", [
    ("2022-02-01", "2022-02-01"),
    ("Feb 1, 2022", "2022-02-01"),
    ("February 1st, 2022", "2022-02-01"),
    ("1 February 2022 14:05 UTC", "2022-02-01"),
    ("Tue, 01 Feb 2022 23:05:00 -0500", "2022-02-01"),  # RFC 822: the day written, not moved to UTC
    ("Tue, 01 Feb 2022 09:15:00 GMT", "2022-02-01"),
    ("2022-02-01T23:30:00-05:00", "2022-02-01"),
    ("2022-02-01T23:30:00Z", "2022-02-01"),
    ("2022-02-01T08:30:00.123+03:00", "2022-02-01"),
    ("20220201T120000Z", "2022-02-01"),                 # GDELT seendate
    ("20220201143000", "2022-02-01"),                   # GDELT, digits only: not an epoch in milliseconds
    (1643673600, "2022-02-01"),                         # epoch seconds
    ("1643673600", "2022-02-01"),
    (1643673600000, "2022-02-01"),                      # epoch milliseconds
    ("01.02.2022", "2022-02-01"),                       # day first, as written in Europe
    ("13/02/2022", "2022-02-13"),                       # only one reading
    ("Published: 14 Mar 2023", "2023-03-14"),
    # never guessed
    ("01/02/2022", None),                               # January or February?
    ("5 March", None),                                  # no year
    ("March 2022", None),                               # no day
    ("Monday", None),
    ("2022", None),
    ("soon", None),
    ("", None),
    (None, None),
    (True, None),
    (-5, None),
])
def test_dates_people_write(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("date 2022-02-01 Russia has sent 5,000 troops to Belarus.", "2022-02-01"),   # the seeds' header
    ("Headline\nDate: Tue, 01 Feb 2022 14:05:00 GMT\n\nText.", "2022-02-01"),     # was undated: RFC 822
    ("Headline\nPublished: 1 February 2022 14:05 UTC\n\nText.", "2022-02-01"),
    ("Headline\nDate: 2022-02-01T23:30:00-05:00\n\nText.", "2022-02-01"),
    ("March 3, 2023 - Russia moved 500 troops.", "2023-03-03"),                    # dateline
    ("Headline\nDate: 5 March\n\nText.", None),                                   # no year: not filled in
    ("Headline\nDate: 01/02/2022\n\nText.", None),                                # January or February?
])
def test_header_dates_use_the_same_reading(text, expected):
    from geomap.corpus import find_date

    assert find_date(text) == expected


# ---------------------------------------------------------------- CSV / TSV

CSV = (
    'title,text,date,url,source,extra\n'
    'Troops to Belarus,"Russia has sent 5,000 troops to Belarus, officials said.",2022-02-01,https://a.example/1,Agency A,x\n'
    'No body,,2022-02-02,https://a.example/2,Agency A,x\n'
    'Short row,text only\n'
    '\n'
    'Bad date,"Germany deployed 800 soldiers to Lithuania.",someday,https://a.example/4,Agency C,x\n'
    'Two lines,"First paragraph.\n\nSecond, with 300 tanks.",Feb 3 2022,,,x\n'
)


def test_csv_rows(tmp_path):
    (tmp_path / "news.csv").write_text(CSV, encoding="utf-8")
    assert _summary(iter_tasks([tmp_path / "news.csv"])) == [
        ("doc", "news.csv#1", "2022-02-01", "Troops to Belarus", "https://a.example/1", "Agency A",
         "Troops to Belarus\n\nRussia has sent 5,000 troops to Belarus, officials said."),
        ("skipped", "row 2: no text (expected text, body, content, description or summary)"),
        ("skipped", "row 3 (line 4): 2 fields, the header has 6"),
        ("note", "row 4: unreadable date 'someday', read as undated"),
        ("doc", "news.csv#4", None, "Bad date", "https://a.example/4", "Agency C",
         "Bad date\n\nGermany deployed 800 soldiers to Lithuania."),
        ("doc", "news.csv#5", "2022-02-03", "Two lines", None, None,
         "Two lines\n\nFirst paragraph.\n\nSecond, with 300 tanks."),
    ]


def test_tsv_and_named_fields_and_id_column(tmp_path):
    (tmp_path / "export.tsv").write_text(
        "ArticleID\tBody Text\tWhen\tHeadline\tLink\n"
        "a-17\tFrance deployed 500 troops to Romania.\t1643673600\tFrance to Romania\thttps://f.example/17\n"
        "a-18\tFewer than <5,000 troops & a <1% share stay.\t\tNot markup\tjavascript:alert(1)\n",  # no tag: text as written
        encoding="utf-8")
    fields = Fields(text="Body Text", date="When", id="ArticleID")
    assert _summary(iter_tasks([tmp_path / "export.tsv"], Options(fields=fields))) == [
        ("doc", "export.tsv#a-17", "2022-02-01", "France to Romania", "https://f.example/17", None,
         "France to Romania\n\nFrance deployed 500 troops to Romania."),
        ("doc", "export.tsv#a-18", None, "Not markup", None, None,  # a javascript: link is no URL
         "Not markup\n\nFewer than <5,000 troops & a <1% share stay."),
    ]


# ---------------------------------------------------------------- JSON Lines / JSON

JSONL_LINES = [
    {"headline": "Drills", "body": "China sent 70 aircraft near Taiwan.", "publishedAt": "2023-03-14T09:00:00Z",
     "link": "https://b.example/x", "source": {"id": None, "name": "Pacific Post"}},
    "{not json",
    "",
    ["not", "an", "object"],
    {"title": "Epoch", "content": ["Paragraph one.", "France deployed 500 troops to Romania."], "pubDate": 1643673600},
    {"title": "Nothing here", "summary": "   "},
]


def _jsonl(lines) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


JSONL_EXPECTED = [
    ("doc", "news.jsonl#1", "2023-03-14", "Drills", "https://b.example/x", "Pacific Post",
     "Drills\n\nChina sent 70 aircraft near Taiwan."),
    ("skipped", "line 2: malformed JSON (Expecting property name enclosed in double quotes)"),
    ("skipped", "line 4: not an object but list"),
    ("doc", "news.jsonl#5", "2022-02-01", "Epoch", None, None,
     "Epoch\n\nParagraph one.\n\nFrance deployed 500 troops to Romania."),
    ("skipped", "line 6: no text (expected text, body, content, description or summary)"),
]


def test_jsonl_lines_bad_lines_named(tmp_path):
    (tmp_path / "news.jsonl").write_text(_jsonl(JSONL_LINES), encoding="utf-8")
    assert _summary(iter_tasks([tmp_path / "news.jsonl"])) == JSONL_EXPECTED


def test_over_long_line_is_skipped_not_held(tmp_path, monkeypatch):
    import geomap.corpus

    monkeypatch.setattr(geomap.corpus, "MAX_BYTES", 100)
    (tmp_path / "news.jsonl").write_text(_jsonl([{"text": "x" * 500}, {"text": "Short."}]), encoding="utf-8")
    assert _summary(iter_tasks([tmp_path / "news.jsonl"])) == [
        ("skipped", "line 1: over 100 bytes, larger than the limit for one article"),
        ("doc", "news.jsonl#2", None, None, None, None, "Short."),
    ]


def test_gzip_is_read_for_every_kind(tmp_path):
    (tmp_path / "news.jsonl.gz").write_bytes(gzip.compress(_jsonl(JSONL_LINES).encode()))
    expected = [(t[0], t[1].replace("news.jsonl", "news.jsonl.gz"), *t[2:]) if t[0] == "doc" else t
                for t in JSONL_EXPECTED]
    assert _summary(iter_tasks([tmp_path / "news.jsonl.gz"])) == expected
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"date 2022-02-01 Russia has sent 5,000 troops to Belarus."))
    assert _summary(iter_tasks([tmp_path / "a.txt.gz"])) == [("file", "a.txt.gz")]
    doc = read_single(str(tmp_path / "a.txt.gz"), "a.txt.gz")
    assert (doc.doc, doc.date, doc.text) == ("a.txt.gz", "2022-02-01", "date 2022-02-01 Russia has sent 5,000 troops to Belarus.")
    (tmp_path / "broken.csv.gz").write_bytes(gzip.compress(CSV.encode())[:40])  # cut short
    assert _summary(iter_tasks([tmp_path / "broken.csv.gz"])) == [
        ("skipped", "unreadable (Compressed file ended before the end-of-stream marker was reached); "
                    "the rest of the file is not read"),
    ]


def test_json_array_and_object_holding_one(tmp_path):
    items = [{"title": "One", "text": "<p>Japan deployed <b>two destroyers</b> near Okinawa.</p><script>x=1</script>",
              "date": "Mar 14, 2023"},  # a scraper's markup: read as text
             {"title": "Two"}, 42]
    (tmp_path / "a.json").write_text(json.dumps(items, indent=2), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"status": "ok", "totalResults": 3, "articles": items}), encoding="utf-8")
    (tmp_path / "c.json").write_text('[{"text": "Fine."}, {"text": "cut', encoding="utf-8")
    (tmp_path / "d.json").write_text('{"status": "ok"}', encoding="utf-8")
    one = "One\n\nJapan deployed two destroyers near Okinawa."
    assert _summary(iter_tasks([tmp_path])) == [
        ("doc", "a.json#1", "2023-03-14", "One", None, None, one),
        ("skipped", "item 2: no text (expected text, body, content, description or summary)"),
        ("skipped", "item 3: not an object but int"),
        ("doc", "b.json#1", "2023-03-14", "One", None, None, one),
        ("skipped", "item 2: no text (expected text, body, content, description or summary)"),
        ("skipped", "item 3: not an object but int"),
        ("doc", "c.json#1", None, None, None, None, "Fine."),
        ("skipped", "item 2: malformed JSON (the file ends inside an item); the rest of the file is not read"),
        ("skipped", "no array of articles in the JSON object"),
    ]


# ---------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Feed Outlet</title><link>https://c.example/</link>
<item><title>Marines to the Philippines</title><link>https://c.example/1</link><guid>c-1</guid>
<pubDate>Tue, 14 Mar 2023 09:15:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The US sent 2,000 Marines to the Philippines.</p><p>More &amp; more.</p>]]></content:encoded></item>
<item><title>Only a title</title><link>https://c.example/2</link></item>
<item><title>Dated by dc</title><dc:date>2023-03-15T10:00:00+08:00</dc:date><source url="https://d.example/">Wire D</source>
<description>&lt;b&gt;South Korea&lt;/b&gt; moved 300 tanks.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:x</id>
<entry><title>Carrier in the Red Sea</title><id>urn:e1</id>
<link rel="self" href="https://e.example/api/1"/><link rel="alternate" href="https://e.example/1"/>
<published>2023-11-04T12:00:00Z</published><updated>2023-11-05T12:00:00Z</updated>
<summary>A summary.</summary>
<content type="html">&lt;p&gt;The US moved an aircraft carrier to the Red Sea.&lt;/p&gt;</content></entry>
<entry><title>Bad date</title><updated>yesterday</updated><summary>Text.</summary></entry>
</feed>
"""


def test_rss_and_atom_items(tmp_path):
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "broken.rss").write_text(RSS[:RSS.index("<item><title>Only")] + "<item><title>x</titel>", encoding="utf-8")
    (tmp_path / "other.xml").write_text("<catalog><book/></catalog>", encoding="utf-8")
    marines = ("Marines to the Philippines", "https://c.example/1", "Feed Outlet",
               "Marines to the Philippines\n\nThe US sent 2,000 Marines to the Philippines.\n\nMore & more.")
    assert _summary(iter_tasks([tmp_path])) == [
        ("doc", "broken.rss#1", "2023-03-14", *marines),  # what comes before the fault is read
        ("skipped", "line 8: malformed XML (mismatched tag: line 8, column 16); the rest of the feed is not read"),
        ("doc", "feed.atom#1", "2023-11-04", "Carrier in the Red Sea", "https://e.example/1", "Atom Outlet",
         "Carrier in the Red Sea\n\nThe US moved an aircraft carrier to the Red Sea."),
        ("note", "item 2: unreadable date 'yesterday', read as undated"),
        ("doc", "feed.atom#2", None, "Bad date", None, "Atom Outlet", "Bad date\n\nText."),
        ("doc", "feed.xml#1", "2023-03-14", *marines),
        ("skipped", "item 2: no text (expected text, body, content, description or summary)"),
        ("doc", "feed.xml#3", "2023-03-15", "Dated by dc", None, "Wire D", "Dated by dc\n\nSouth Korea moved 300 tanks."),
        ("skipped", "not an RSS or Atom feed (its root is <catalog>)"),
    ]
    ids = Options(fields=Fields(id="guid"))
    assert [t.document.doc for t in iter_tasks([tmp_path / "feed.xml"], ids) if isinstance(t, DocTask)] == [
        "feed.xml#c-1", "feed.xml#3"]  # an item without the id keeps its number

# ---------------------------------------------------------------- saved web pages

PAGE1 = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Troops arrive in Lithuania | The Baltic Ledger</title>
<meta property="og:title" content="Germany sends 800 soldiers to Lithuania">
<meta property="og:site_name" content="The Baltic Ledger">
<meta property="article:published_time" content="2023-06-12T08:30:00+03:00">
<link rel="canonical" href="https://ledger.example/world/germany-lithuania-800">
<script>window.dataLayer=[];</script>
<style>.nav{color:red}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. By continuing to browse Poland Weekly partners you accept 3,000 cookies.</p><button>Accept all</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/ukraine">Ukraine</a></li><li><a href="/russia">Russia</a></li><li><a href="/china">China</a></li></ul></nav></header>
<main>
<article>
<h1>Germany sends 800 soldiers to Lithuania</h1>
<p class="byline">By A. Writer · <time datetime="2023-06-12">12 June 2023</time></p>
<p>Germany has sent 800 soldiers to Lithuania to take part in a NATO exercise near Rukla, the defence ministry in Berlin said on Monday.</p>
<p>The troops will stay for three weeks and train alongside Lithuanian units, officials said, adding that more rotations were planned for the autumn.</p>
<p>Lithuania has asked its allies for a permanent brigade on its territory since the start of the war in Ukraine.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Russia moves 10,000 troops to Kaliningrad</a></li>
<li><a href="/b">France deploys 500 troops to Romania</a></li>
</ul></aside>
</main>
<footer><p>© 2023 The Baltic Ledger. Newsletter: sign up. Offices in Vilnius and Riga.</p></footer>
</body></html>
"""

PAGE2 = """<html><head>
<meta name="viewport" content="width=device-width">
<title>Navy deploys destroyers — Pacific Post</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Japan deploys two destroyers near Taiwan","datePublished":"Tue, 14 Mar 2023 09:15:00 GMT","publisher":{"@type":"Organization","name":"Pacific Post"},"mainEntityOfPage":"https://pacificpost.example/2023/03/destroyers"}</script>
</head><body>
<div class="topbar"><a href="/">Pacific Post</a> <a href="/login">Sign in</a> <a href="/subscribe">Subscribe</a></div>
<div class="menu"><a href="/asia">Asia</a> | <a href="/korea">Korea</a> | <a href="/taiwan">Taiwan</a> | <a href="/philippines">Philippines</a></div>
<div class="content">
<div class="story-body">
<h1>Japan deploys two destroyers near Taiwan</h1>
<p>TOKYO - Japan has deployed two destroyers to waters near Okinawa, the defence ministry said, as China held drills around Taiwan for a third day.</p>
<p>The ministry said the ships would watch the movements of the Chinese fleet and report to the joint staff in Tokyo.</p>
<p>China sent 70 aircraft into the zone around Taiwan on Monday, Taipei said.</p>
</div>
<div class="most-read"><h3>Most read</h3><ol><li>US sends 2,000 Marines to the Philippines</li><li>South Korea moves 300 tanks to Seoul</li></ol></div>
<div id="consent-dialog">This site uses cookies. Manage preferences.</div>
</div>
<div class="footer">About us · Contact · Careers in Manila</div>
</body></html>
"""

PAGE3 = """<html><head><title>Brief: Mali</title><meta name="date" content="2022-08-15"></head><body>
<div class="nav">Africa | Sahel | Mali | Niger | Burkina Faso</div>
<div class="post"><h2>France completes withdrawal from Mali</h2>
<p>The last 2,400 French soldiers left Mali on Monday, the army staff said.</p></div>
<div class="sidebar"><b>Trending:</b> Wagner sends 1,000 fighters to Libya</div>
</body></html>
"""

PAGE4 = """<!doctype html><html><head><meta charset="utf-8">
<meta property="og:title" content="What NATO is sending east">
<meta property="og:site_name" content="Defence Notes">
<meta property="og:url" content="https://notes.example/east">
</head><body>
<header><a href="/">Defence Notes</a><nav><a href="/europe">Europe</a><a href="/asia">Asia</a></nav></header>
<div class="cookie-notice">Cookies help us deliver 5,000 services to Poland readers. OK</div>
<main><article>
<h1>What NATO is sending east</h1>
<div class="meta">Published <time datetime="2022-03-02T10:00:00+01:00">2 March 2022</time></div>
<p>Allies have announced new deployments to the eastern flank since the invasion began.</p>
<ul>
<li>The United States is sending 7,000 troops to Germany.</li>
<li>Britain has doubled its force in Estonia to about 1,800 soldiers.</li>
<li>The Netherlands will send two F-35 jets to Bulgaria.</li>
</ul>
<p>Ministers meet in Brussels next week to discuss further steps.</p>
</article>
<section class="newsletter"><p>Sign up for our newsletter: 3 times a week from Brussels.</p></section>
<section class="more-from"><h3>More from Defence Notes</h3><p><a href="/x">Turkey sends 200 commandos to Syria</a></p></section>
</main>
<footer>Defence Notes, London. All rights reserved.</footer>
</body></html>
"""


PAGES = [
    # article:published_time, canonical link, og:site_name; a cookie banner, a menu, share buttons, related stories
    (PAGE1, ("Germany sends 800 soldiers to Lithuania", "2023-06-12",
             "https://ledger.example/world/germany-lithuania-800", "The Baltic Ledger"),
     "Germany sends 800 soldiers to Lithuania\n\nGermany has sent 800 soldiers to Lithuania to take part in a NATO "
     "exercise near Rukla, the defence ministry in Berlin said on Monday.\n\nThe troops will stay for three weeks "
     "and train alongside Lithuanian units, officials said, adding that more rotations were planned for the "
     "autumn.\n\nLithuania has asked its allies for a permanent brigade on its territory since the start of the "
     "war in Ukraine.",
     [(800, "Lithuania", "DE")]),
    # JSON-LD: headline, an RFC 822 datePublished, publisher, mainEntityOfPage; a most-read list
    (PAGE2, ("Japan deploys two destroyers near Taiwan", "2023-03-14", "https://pacificpost.example/2023/03/destroyers",
             "Pacific Post"),
     "Japan deploys two destroyers near Taiwan\n\nTOKYO - Japan has deployed two destroyers to waters near "
     "Okinawa, the defence ministry said, as China held drills around Taiwan for a third day.\n\nThe ministry said "
     "the ships would watch the movements of the Chinese fleet and report to the joint staff in Tokyo.\n\nChina "
     "sent 70 aircraft into the zone around Taiwan on Monday, Taipei said.",
     [(2, "Taiwan", "JP"), (2, "Okinawa", "JP"), (70, "Taiwan", "CN")]),
    # a one-paragraph brief (trafilatura's default wants 250 characters); a trending box
    (PAGE3, ("Brief: Mali", "2022-08-15", None, None),
     "France completes withdrawal from Mali\n\nThe last 2,400 French soldiers left Mali on Monday, the army staff said.",
     []),
    # <time datetime>, og:url; a list of figures inside the article; a newsletter box, a more-from list
    (PAGE4, ("What NATO is sending east", "2022-03-02", "https://notes.example/east", "Defence Notes"),
     "What NATO is sending east\n\nAllies have announced new deployments to the eastern flank since the invasion "
     "began.\n\n- The United States is sending 7,000 troops to Germany.\n\n- Britain has doubled its force in "
     "Estonia to about 1,800 soldiers.\n\n- The Netherlands will send two F-35 jets to Bulgaria.\n\nMinisters meet "
     "in Brussels next week to discuss further steps.",
     [(7000, "Germany", "US"), (1800, "Estonia", "GB"), (2, "Bulgaria", "NL")]),
]


@pytest.mark.parametrize("markup, meta, text, deployments", PAGES)
def test_saved_pages_keep_metadata_and_drop_boilerplate(markup, meta, text, deployments):
    # the figures in menus, cookie banners and related lists (10,000 in Kaliningrad, 2,000 Marines,
    # 1,000 fighters to Libya, 200 commandos to Syria...) were drawn when the whole page was read
    from geomap.pipeline import extract

    page = read_page(markup)
    assert (page.title, page.date, page.url, page.site) == meta
    assert page.text == text
    assert [(d.figure.count, d.place.name, d.force) for d in extract(page.text)] == deployments


def test_page_file_gives_a_document_with_metadata(tmp_path):
    (tmp_path / "p.html").write_text(PAGE1, encoding="utf-8")
    doc = read_single(str(tmp_path / "p.html"), "p.html")
    assert (doc.doc, doc.date, doc.title, doc.url, doc.source) == (
        "p.html", "2023-06-12", "Germany sends 800 soldiers to Lithuania",
        "https://ledger.example/world/germany-lithuania-800", "The Baltic Ledger")


def test_page_without_metadata_keeps_the_dateline_rule():
    page = read_page("<html><body><p>March 3, 2023 - Russia moved 500 troops to Belarus, officials said.</p></body></html>")
    assert (page.title, page.date, page.url, page.site) == (None, None, None, None)
    from geomap.corpus import document_from_bytes
    from pathlib import Path

    doc = document_from_bytes(b"<p>March 3, 2023 - Russia moved 500 troops to Belarus.</p>", Path("x.html"), "x.html", True)
    assert (doc.date, doc.text) == ("2023-03-03", "March 3, 2023 - Russia moved 500 troops to Belarus.")


# ---------------------------------------------------------------- standard input

@pytest.mark.parametrize("data, expected", [
    (_jsonl(JSONL_LINES[:2]).encode(), [JSONL_EXPECTED[0][:1] + ("stdin#1",) + JSONL_EXPECTED[0][2:], JSONL_EXPECTED[1]]),
    (gzip.compress(CSV.encode())[:], None),  # compressed CSV: the rows of test_csv_rows, named stdin
    (RSS.encode(), None),
    (b"date 2022-02-01 Russia has sent 5,000 troops to Belarus.",
     [("doc", "stdin", "2022-02-01", None, None, None, "date 2022-02-01 Russia has sent 5,000 troops to Belarus.")]),
    (b"", [("skipped", "empty")]),
])
def test_standard_input_is_told_by_its_first_bytes(monkeypatch, tmp_path, data, expected):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    got = _summary(iter_tasks(["-"]))
    if expected is None:  # the same as the file, named stdin
        name = "news.csv" if data[:2] == b"\x1f\x8b" else "feed.xml"
        (tmp_path / name).write_bytes(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
        expected = [(t[0], t[1].replace(name, "stdin"), *t[2:]) if t[0] == "doc" else t
                    for t in _summary(iter_tasks([tmp_path / name]))]
    assert got == expected


def test_sniffing_standard_input():
    assert [sniff(h) for h in (b'\xef\xbb\xbf{"a": 1}\n', b'{\n  "articles": []\n}', b"text\tdate\nx\t1\n",
                                b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<html><body>feed</body></html>",
                                b"Troops, tanks and ships.")] == [".jsonl", ".json", ".tsv", ".xml", ".html", ".txt"]


# ---------------------------------------------------------------- folders: --include / --exclude

def test_include_and_exclude_choose_files_in_folders(tmp_path):
    for rel in ("a.txt", "b.csv", "sub/c.txt", "sub/d.jsonl.gz", "sub/old/e.txt", "notes.docx"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"text\nOne article.\n" if rel.endswith(".csv") else
                                     gzip.compress(b'{"text": "One article."}') if rel.endswith(".gz") else b"x")

    def names(**kw):
        return [t.name if isinstance(t, FileTask) else t.document.doc.split("#")[0]
                for t in iter_tasks([tmp_path], Options(**kw))]

    assert names() == ["a.txt", "b.csv", "sub/c.txt", "sub/d.jsonl.gz", "sub/old/e.txt"]
    assert names(include=("*.txt",)) == ["a.txt", "sub/c.txt", "sub/old/e.txt"]
    assert names(include=("sub/*",), exclude=("sub/old/*", "*.gz")) == ["sub/c.txt"]
    assert names(exclude=("*.csv", "*.gz", "e.txt")) == ["a.txt", "sub/c.txt"]
    # a file named on the command line is read whatever the patterns say
    assert [t.name for t in iter_tasks([tmp_path / "a.txt"], Options(exclude=("*.txt",)))] == ["a.txt"]


# ---------------------------------------------------------------- memory

@pytest.mark.parametrize("kind", ["jsonl", "json", "xml", "csv"])
def test_large_files_stream(tmp_path, kind):
    """20,000 articles (about 3 MB) are read in the memory of a few: nothing holds the whole file."""
    body = "Russia has sent 5,000 troops to Belarus. " * 3
    n = 20000
    path = tmp_path / f"big.{kind}"
    with open(path, "w", encoding="utf-8") as fh:
        if kind == "jsonl":
            fh.writelines(json.dumps({"title": f"t{i}", "text": body}) + "\n" for i in range(n))
        elif kind == "json":
            fh.write('{"articles": [' + ",".join(json.dumps({"text": body}) for _ in range(n)) + "]}")
        elif kind == "csv":
            fh.write("title,text\n" + "".join(f't{i},"{body}"\n' for i in range(n)))
        else:
            fh.write("<rss><channel><title>F</title>" + "".join(f"<item><description>{body}</description></item>"
                                                                 for _ in range(n)) + "</channel></rss>")
    tracemalloc.start()
    count = sum(isinstance(t, DocTask) for t in iter_tasks([path]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == n
    assert peak < 1_000_000, f"{peak} bytes at the peak reading a {path.stat().st_size}-byte file"


# ---------------------------------------------------------------- a build: features, report, options

def _export_corpus(root):
    root.mkdir()
    (root / "news.csv").write_text(
        "title,text,date,url,source\n"
        'Troops to Belarus,"Russia has sent 5,000 troops to Belarus.",2022-02-01,https://a.example/1,Agency A\n'
        'No body,,2022-02-02,https://a.example/2,Agency A\n'
        'Again,"Another text, same link.",2022-02-03,https://A.example/1#top,Agency B\n'
        'Old,"Germany deployed 800 soldiers to Lithuania.",2021-05-01,https://a.example/4,Agency C\n'
        'Bad date,"France deployed 500 troops to Romania.",someday,https://a.example/5,Agency C\n', encoding="utf-8")
    (root / "wire.jsonl.gz").write_bytes(gzip.compress(_jsonl([
        {"title": "Troops to Belarus", "text": "RUSSIA has sent 5,000 troops   to Belarus.", "date": "2022-02-05"},
        "{broken",
        {"title": "Drills", "text": "China sent 70 aircraft near Taiwan.", "date": "2023-03-14T09:00:00Z",
         "url": "https://b.example/x", "outlet": "Pacific Post"},
    ]).encode()))
    (root / "page.html").write_text(PAGE1, encoding="utf-8")
    return root


def test_build_reads_exports_and_reports_per_file(tmp_path):
    from geomap.builder import build

    corpus = _export_corpus(tmp_path / "c")
    summary = build([corpus], tmp_path / "out", formats=("geojson", "csv"), options=Options(since="2022-01-01"))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["inputs"] == [
        {"file": str(corpus / "news.csv"), "articles": 1,
         "skipped": ["row 2: no text (expected text, body, content, description or summary)"],
         "notes": ["row 5: unreadable date 'someday', read as undated"],
         "deduplicated": 1, "duplicates": [{"doc": "news.csv#3", "same_as": "news.csv#1"}],  # the same URL
         "out_of_range": 2},  # 2021-05-01, and the undated row
        {"file": str(corpus / "wire.jsonl.gz"), "articles": 1,
         "skipped": ["line 2: malformed JSON (Expecting property name enclosed in double quotes)"],
         "deduplicated": 1, "duplicates": [{"doc": "wire.jsonl.gz#1", "same_as": "news.csv#1"}]},  # the same text
    ]
    assert (report["articles"], report["duplicates"], report["out_of_range"]) == (3, 2, 2) == (
        summary.articles, summary.inputs.duplicates, summary.inputs.out_of_range)
    features = json.loads((tmp_path / "out" / "deployments.geojson").read_text(encoding="utf-8"))["features"]
    got = [(p["kind"], p["doc"], p["title"], p["url"], p["source"], p["date"], p["place"]) for p in
           (f["properties"] for f in features)]
    assert [g for g in got if g[0] == "deployment"] == [
        ("deployment", "news.csv#1", "Troops to Belarus", "https://a.example/1", "Agency A", "2022-02-01", "Belarus"),
        ("deployment", "page.html", "Germany sends 800 soldiers to Lithuania",
         "https://ledger.example/world/germany-lithuania-800", "The Baltic Ledger", "2023-06-12", "Lithuania"),
        ("deployment", "wire.jsonl.gz#3", "Drills", "https://b.example/x", "Pacific Post", "2023-03-14", "Taiwan"),
    ]
    mentions = [g for g in got if g[0] == "mention"]
    assert {g[1:6] for g in mentions} == {
        ("news.csv#1", "Troops to Belarus", "https://a.example/1", "Agency A", "2022-02-01"),
        ("page.html", "Germany sends 800 soldiers to Lithuania",
         "https://ledger.example/world/germany-lithuania-800", "The Baltic Ledger", "2023-06-12"),
        ("wire.jsonl.gz#3", "Drills", "https://b.example/x", "Pacific Post", "2023-03-14"),
    }
    import csv as csvmod

    rows = list(csvmod.DictReader(io.StringIO((tmp_path / "out" / "deployments.csv").read_text(encoding="utf-8"))))
    assert [(r["doc"], r["title"], r["url"], r["source"]) for r in rows if r["kind"] == "deployment"] == [
        (g[1], g[2], g[3], g[4]) for g in got if g[0] == "deployment"]


def test_until_and_undated(tmp_path):
    from geomap.builder import build

    corpus = _export_corpus(tmp_path / "c")
    summary = build([corpus / "news.csv"], tmp_path / "out", formats=("geojson",),
                    options=Options(until="2022-01-31"))
    assert (summary.articles, summary.inputs.out_of_range, summary.inputs.duplicates) == (1, 3, 0)  # the 2021 row only


def test_parallel_build_of_exports_is_byte_identical(tmp_path):
    from geomap.builder import build

    corpus = _export_corpus(tmp_path / "c")
    (corpus / "more.jsonl").write_text(_jsonl([{"text": f"Poland moved {i} tanks to Rzeszow."} for i in range(1, 40)]),
                                       encoding="utf-8")
    build([corpus], tmp_path / "one", formats=("geojson", "csv"), jobs=1)
    from geomap import engines

    monkey = pytest.MonkeyPatch()
    monkey.setattr(engines.run, "__defaults__", (1, "local", None, 4, None))  # small batches: many in flight
    try:
        build([corpus], tmp_path / "two", formats=("geojson", "csv"), jobs=2)
    finally:
        monkey.undo()
    for name in ("deployments.geojson", "deployments.csv", "report.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_dask_build_of_exports_is_byte_identical(tmp_path):
    """The articles of an export are read by the client and sent to the workers with the options."""
    from distributed import LocalCluster

    from geomap.builder import build

    corpus = _export_corpus(tmp_path / "c")
    options = Options(since="2022-01-01", fields=Fields(source="outlet"))
    build([corpus], tmp_path / "one", formats=("geojson", "csv"), options=options)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        build([corpus], tmp_path / "dask", formats=("geojson", "csv"), engine="dask",
              scheduler=cluster.scheduler_address, options=options)
    for name in ("deployments.geojson", "deployments.csv", "report.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    assert '"source": "Pacific Post"' in (tmp_path / "dask" / "deployments.geojson").read_text(encoding="utf-8")


def test_cli_reads_standard_input_and_warns_one_line_per_bad_row(tmp_path):
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    data = _jsonl([{"title": "A", "text": "Russia has sent 5,000 troops to Belarus.", "date": "Feb 1, 2022",
                    "url": "https://a.example/1"}, "{bad", {"title": "B"}])
    result = subprocess.run([sys.executable, "-m", "geomap", "build", "-", "-o", str(tmp_path), "--format", "geojson",
                             "--since", "1 January 2022"], input=data, capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "geomap: warning: skipped -: line 2: malformed JSON (Expecting property name enclosed in double quotes)",
        "geomap: warning: skipped -: line 3: no text (expected text, body, content, description or summary)",
    ]
    props = [f["properties"] for f in json.loads((tmp_path / "deployments.geojson").read_text())["features"]]
    assert [(p["kind"], p["doc"], p["title"], p["url"], p["date"]) for p in props if p["kind"] == "deployment"] == [
        ("deployment", "stdin#1", "A", "https://a.example/1", "2022-02-01")]
    bad = subprocess.run([sys.executable, "-m", "geomap", "build", "-", "-o", str(tmp_path), "--since", "01/02/2022"],
                         input="", capture_output=True, text=True, cwd=root)
    assert bad.returncode == 64  # a bad option value: see the README's exit statuses
    assert bad.stderr == "geomap: error: --since '01/02/2022': expected a date such as 2022-02-01\n"


def test_a_page_date_that_cannot_be_read_is_reported_not_guessed(tmp_path):
    """A saved page whose only date is unreadable is undated, and report.json says why."""
    from geomap.builder import build

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "odd.html").write_text(
        '<html><head><meta property="article:published_time" content="the day before yesterday">'
        "<title>Troops</title></head><body><p>Poland deployed 700 soldiers to Lithuania.</p></body></html>",
        encoding="utf-8")
    (corpus / "fine.html").write_text(
        '<html><head><meta property="article:published_time" content="soon"><time datetime="2023-06-12">'
        "</time></head><body><p>Poland deployed 700 soldiers to Latvia.</p></body></html>", encoding="utf-8")
    build([corpus], tmp_path / "out", formats=("geojson",))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["inputs"] == [{"file": str(corpus / "odd.html"), "articles": 1,
                                 "notes": ["unreadable date 'the day before yesterday' in the page; "
                                           "read as undated unless its text gives one"]}]
    features = json.loads((tmp_path / "out" / "deployments.geojson").read_text(encoding="utf-8"))["features"]
    assert sorted((f["properties"]["doc"], f["properties"]["date"]) for f in features
                  if f["properties"]["kind"] == "deployment") == [("fine.html", "2023-06-12"), ("odd.html", None)]
