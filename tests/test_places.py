import pytest

from geomap.places import PlaceFinder


@pytest.fixture(scope="module")
def finder(gazetteer):
    return PlaceFinder(gazetteer)


def places(finder, text):
    mentions, _ = finder.find(text)
    return [(m.surface, m.place.id) for m in mentions]


# sentence, the places it must name (surface -> place id); a comment names the mistake guarded
POSITIVE = [
    ("Troops moved from Rostov-on-Don to the Sea of Azov.", {"Rostov-on-Don": "gn:501175", "Sea of Azov": "rg:sea-of-azov"}),
    ("Russia annexed the Crimean Peninsula in 2014.", {"Russia": "cc:RU", "Crimean Peninsula": "rg:crimea"}),
    ("He grew up in Athens, Georgia, far from Tbilisi.", {"Athens": "gn:4180386", "Georgia": "a1:US-GA"}),
    ("Oil prices rose in Odessa, Texas.", {"Odessa": "gn:5527554", "Texas": "a1:US-TX"}),
    ("Fighting continued in Kharkiv and Kiev.", {"Kharkiv": "gn:706483", "Kiev": "gn:703448"}),
    ("Shelling hit Donetsk Oblast overnight.", {"Donetsk": "a1:UA-14"}),
    ("A convoy crossed into Belarus from Smolensk.", {"Belarus": "cc:BY", "Smolensk": "gn:491687"}),
    ("Youth unemployment is high in Cyprus, Greece Italy or Spain.", {"Greece": "cc:GR", "Italy": "cc:IT"}),  # a comma missed
    ("The delegation arrives in Lagos April 4.", {"Lagos": "gn:2332459"}),
    ("The Kharkiv missile strike killed five.", {"Kharkiv": "gn:706483"}),   # a strike on a place, not a weapon
    # a direction in lower case before a continent names its region
    ("Allies in eastern Europe and central Asia met.", {"eastern Europe": "rg:eastern-europe", "central Asia": "rg:central-asia"}),
    ("French troops left West Africa.", {"West Africa": "rg:west-africa"}),
    # "Congo" names two countries: the DRC unless the article's places say otherwise
    ("Rwanda has troops in eastern Congo.", {"eastern Congo": "rg:eastern-congo"}),  # the DRC's east (see PARTS)
    ("Instructors landed in Brazzaville and spread across Congo.", {"Congo": "cc:CG"}),
    ("Burundi sent troops to the Democratic Republic of Congo.", {"Democratic Republic of Congo": "cc:CD"}),
]

# names that are not places here
NEGATIVE = [
    "Vice President Kamala Harris spoke.",            # surname that is a county
    "He spoke in front of the Atlantic Council.",     # organisation
    "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER",  # newspaper title
    "The Moscow Times reported it.",                  # newspaper
    "The White House said so.",                       # seat of government, not Casablanca
    "Western officials noted it.",                    # an adjective that names a division somewhere
    "Russian troops and Ukrainian officials met.",    # demonyms alone
    "President Jordan Peterson said.",                # title + person
    "They fired Iskander missiles and Bayraktar drones.",  # weapons named like towns
    "The Iskander nuclear-capable missiles arrived.",  # ... with the weapon's adjectives between
    "They fielded Iskander short-range ballistic missiles.",
    "Two Kilo-class submarines sailed.",              # a ship class
    "The Shandong aircraft carrier sailed south.",    # a ship named after a province
    "Fighting reached Tell al-Ain.",                  # not "Ain" in France: a part of an Arabic name
]


@pytest.mark.parametrize("text, expected", POSITIVE)
def test_places_found(finder, text, expected):
    found = dict(places(finder, text))
    for surface, pid in expected.items():
        assert found.get(surface) == pid, found


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_places(finder, text):
    assert places(finder, text) == []


def test_georgia_by_its_neighbours(finder):
    # one article can name both: beside Fort Benning the state, beside Batumi the country
    us = dict(places(finder, "Soldiers from Fort Benning trained across Georgia this week."))
    ge = dict(places(finder, "Ships called at Batumi before sailing along the coast of Georgia."))
    assert us["Georgia"] == "a1:US-GA"
    assert ge["Georgia"] == "cc:GE"


def test_capital_as_actor(finder):
    mentions, _ = finder.find("Moscow has sent 5,000 troops to Belarus.")
    roles = {m.surface: m.role for m in mentions}
    assert roles == {"Moscow": "actor", "Belarus": "location"}


def test_offsets_point_at_the_name(finder):
    text = "Troops gathered near Gdańsk’s port and in Łódź."
    for m in finder.find(text)[0]:
        assert text[m.start:m.end] == m.surface


# regression rows from real news: each names the mistake it guards against
@pytest.mark.parametrize("text, absent", [
    ("The vote is due on March 12 and the results in June.", {"March", "June"}),   # months are not towns
    ("“We’d all be better off,” he said.", {"We’d"}),                             # a contraction is no name
    ("The Russian agency Tass said so.", {"Tass"}),                                # a news agency
    ("They were taken to the Hamilton County jail.", {"Hamilton"}),                # a county we do not hold
    ("Members of the Jewish community met.", {"Jewish"}),                          # an adjective alias
    ("The Niger Delta Development Commission met.", {"Niger"}),                   # a larger place inside a longer name
    ("The Paris Hilton show aired.", {"Paris"}),                                   # a town's name as a surname
])
def test_not_places_in_news(finder, text, absent):
    assert not {s for s, _ in places(finder, text)} & absent


def test_country_before_its_namesake_capital(finder):
    assert dict(places(finder, "Troops were sent to the border with Mexico."))["Mexico"] == "cc:MX"


def test_surname_that_is_a_town(finder):
    # "Austin said": the person; "Lloyd Austin" too; "Austin, Texas" the town
    found = places(finder, "Austin said so. Defense Secretary Lloyd Austin visited Austin, Texas.")
    assert [s for s, _ in found].count("Austin") == 1


@pytest.mark.parametrize("text, surface, pid", [
    ("in San Jose, Calif., on Monday", "Calif.", "a1:US-CA"),          # AP abbreviations, as written
    ("Portland, Ore., and Albany, N.Y.", "N.Y.", "a1:US-NY"),
    ("WASHINGTON (AP) — The Pentagon said.", "WASHINGTON", "gn:4140963"),  # a capital's dateline in capitals
    # acronyms that count only as written, with no lower-case name beside them
    ("Rwanda has 4,000 troops in the DRC.", "DRC", "cc:CD"),
    ("Jets landed in the UAE on Monday.", "UAE", "cc:AE"),
    ("The DPRK fired a missile.", "DPRK", "cc:KP"),
    ("Shelling in the LNR continued, Kyiv said.", "LNR", "rg:lpr"),  # in context: see test_acronyms_in_context
])
def test_news_conventions(finder, text, surface, pid):
    assert dict(places(finder, text)).get(surface) == pid


def test_everyday_words_at_sentence_start(finder):
    # "Nice" and "Reading" are towns, but not here
    assert places(finder, "Nice to meet you. Reading is fun.") == []


def readings(finder, text):
    """Every mention as (surface, place id, role, border side?), in text order."""
    return [(m.surface, m.place.id, m.role, m.border) for m in finder.find(text)[0]]


# acronyms of lines and zones resolve only where the article supports them: it names a
# country beside them or spells them out; never to a place that bears the letters as a word
ACRONYMS = [
    # "LAC" beside China and India is the Line of Actual Control, not the Lac region of Chad
    ("China and India keep troops along the LAC.",
     [("China", "cc:CN", "plain", False), ("India", "cc:IN", "plain", False),
      ("LAC", "rg:line-of-actual-control", "location", False)]),
    # with nothing to support it, nothing: no lake in Chad, no line in the Himalaya
    ("The LAC summit met in Lima.", [("Lima", "gn:3936456", "location", False)]),
    ("Reserves were sent along the LAC.", []),
    ("Pakistan shelled posts on the LoC.", [("Pakistan", "cc:PK", "subject", False), ("LoC", "rg:line-of-control", "location", False)]),
    ("The LoC collection opened.", []),
    ("Kim visited the DMZ.", []),
    ("South Korea reinforced the DMZ.", [("South Korea", "cc:KR", "subject", False), ("DMZ", "rg:korean-dmz", "location", False)]),
    # the acronym does not vouch for itself: "LNR" alone names no country for its own context
    ("Shelling in the LNR continued.", []),
    ("Shelling in the LNR continued, Kyiv said.", [("LNR", "rg:lpr", "location", False), ("Kyiv", "gn:703448", "actor", False)]),
]


@pytest.mark.parametrize("text, expected", ACRONYMS)
def test_acronyms_in_context(finder, text, expected):
    assert readings(finder, text) == expected


# a country named as one side of a border is marked so (Mention.border): what is there stands
# on the border between it and the other side, not in it
BORDERS = [
    ("Hanoi moved two regiments along its border with Laos.",
     [("Hanoi", "gn:1581130", "actor", False), ("Laos", "cc:LA", "location", True)]),
    ("Moscow kept 40 battalions near the state border of Kazakhstan.",
     [("Moscow", "gn:524901", "actor", False), ("Kazakhstan", "cc:KZ", "location", True)]),
    ("Militias guard the border area with Sudan.", [("Sudan", "cc:SD", "location", True)]),
    ("Patrols grew on the border between Peru and Ecuador.",
     [("Peru", "cc:PE", "location", True), ("Ecuador", "cc:EC", "plain", True)]),
    ("Armour gathered on Georgia's northern border.", [("Georgia", "cc:GE", "location", True)]),
    ("Armour gathered near the Georgia border.", [("Georgia", "cc:GE", "location", True)]),
    # a pair written with a hyphen: each country a side, no border name read as one place
    ("Tanks moved to the Bolivia-Chile border.", [("Bolivia", "cc:BO", "location", True), ("Chile", "cc:CL", "plain", True)]),
    # not sides: border guards are a force, a border town is in the country
    ("Georgia's border guards said so.", [("Georgia", "cc:GE", "plain", False)]),
    ("Troops moved into Laos last year.", [("Laos", "cc:LA", "location", False)]),
]


@pytest.mark.parametrize("text, expected", BORDERS)
def test_border_sides(finder, text, expected):
    assert readings(finder, text) == expected


@pytest.mark.parametrize("text, sides", [
    ("Armour gathered near the Georgian border.", {"Georgian": True}),
    ("Armour gathered near the Peruvian-Ecuadorian border.", {"Peruvian": True, "Ecuadorian": True}),
    ("Armour gathered near the Georgian BORDER.", {"Georgian": True}),  # the border word in capitals
    ("Georgian border guards said so.", {"Georgian": False}),
    ("Georgian troops gathered.", {"Georgian": False}),
])
def test_border_sides_by_demonym(finder, text, sides):
    assert {d.surface: d.border for d in finder.find(text)[1]} == sides


def test_line_named_with_its_part(finder):
    # "the LAC in Arunachal Pradesh": the point of the line nearest the place named, not its
    # label point in Ladakh 1,500 km west; without a part named, the label point
    near = finder.find("China and India traded blame over a scuffle at the Line of Actual Control (LAC) in Arunachal Pradesh.")[0]
    lac = [m.place for m in near if m.place.id == "rg:line-of-actual-control"]
    assert [(p.lat, p.lon) for p in lac] == [(28.933, 94.25)] * 2
    alone = [m.place for m in finder.find("China and India keep troops along the LAC.")[0] if m.surface == "LAC"]
    assert [(p.lat, p.lon) for p in alone] == [(34.2, 78.6)]


# how the words before a place say what it is to the sentence
ROLES = [
    # the outskirts or suburbs of a town are where forces are
    ("Ankara sent 200 commandos to the outskirts of Kirkuk.",
     [("Ankara", "gn:323786", "actor", False), ("Kirkuk", "gn:94787", "location", False)]),
    ("Militias regrouped in the suburbs of Tripoli.", [("Tripoli", "gn:2210247", "location", False)]),
    # "based out of" is where they are; "pulled out of" is not
    ("Two squadrons are based out of Incirlik Air Base.", [("Incirlik Air Base", "mb:incirlik", "location", False)]),
    ("The brigade pulled out of Kherson.", [("Kherson", "gn:706448", "plain", False)]),
    # a list of directions before one place: "north and central"
    ("Rangers will be sent to north and central Queensland for drills.", [("Queensland", "a1:AU-QLD", "location", False)]),
]


@pytest.mark.parametrize("text, expected", ROLES)
def test_roles(finder, text, expected):
    assert readings(finder, text) == expected


# a direction before a country names its part, when the gazetteer knows that part; a country
# whose name starts with a direction stays itself
PARTS = [
    ("Rockets fell across southern Lebanon.", [("southern Lebanon", "rg:southern-lebanon", "location", False)]),
    ("Reservists moved to south Lebanon.", [("south Lebanon", "rg:southern-lebanon", "location", False)]),
    ("Patrols resumed in northeast Syria.", [("northeast Syria", "rg:northeast-syria", "location", False)]),
    ("Brigades deployed in eastern Ukraine.", [("eastern Ukraine", "rg:eastern-ukraine", "location", False)]),
    ("Drones flew over northern Iraq.", [("northern Iraq", "rg:northern-iraq", "location", False)]),
    ("Envoys flew to North Korea.", [("North Korea", "cc:KP", "location", False)]),
    # no such part in the gazetteer: the country
    ("Envoys flew to western Peru.", [("Peru", "cc:PE", "location", False)]),
]


@pytest.mark.parametrize("text, expected", PARTS)
def test_part_of_a_country(finder, text, expected):
    assert readings(finder, text) == expected


# military directions and axes: the town they are named after, also by its adjective, as
# Ukrainian and Russian staff name them, when the sentence speaks of directions
DIRECTIONS = [
    ("Assaults grew in the Pokrovsk direction.", [("Pokrovsk", "gn:704422", "location", False)]),
    ("Assaults grew on the Kupiansk axis.", [("Kupiansk", "gn:703656", "location", False)]),
    # the adjective: the town, not the village Pokrovske, nor Engels (once Pokrovsk) in a Russian report
    ("About 9,000 more are expected on the Pokrovske direction, Kyiv said.",
     [("Pokrovske", "gn:704422", "location", False), ("Kyiv", "gn:703448", "actor", False)]),
    ("Moscow said it gained ground in the Pokrovsky direction.",
     [("Moscow", "gn:524901", "actor", False), ("Pokrovsky", "gn:704422", "location", False)]),
    ("Reserves moved to the Novopavlivske and Kurakhivske directions.",
     [("Novopavlivske", "gn:699373", "location", False), ("Kurakhivske", "gn:695357", "location", False)]),
    # a direction is where forces are, also without a preposition; not where they come from
    ("Kyiv expects about 7,000 more on Pokrovske, the third direction.",
     [("Kyiv", "gn:703448", "actor", False), ("Pokrovske", "gn:704422", "location", False)]),
    ("Units pulled back from the Pokrovsk direction.", [("Pokrovsk", "gn:704422", "origin", False)]),
    # no direction spoken of: Pokrovske is the village of that name
    ("Shells hit Pokrovske in Dnipropetrovsk Oblast.",
     [("Pokrovske", "gn:696720", "plain", False), ("Dnipropetrovsk", "a1:UA-12", "location", False)]),
]


@pytest.mark.parametrize("text, expected", DIRECTIONS)
def test_military_directions(finder, text, expected):
    assert readings(finder, text) == expected


# small words of everyday English that are also towns, in a list of places, and demonyms that
# name a division somewhere
LISTS_AND_ADJECTIVES = [
    # "Lyman" after "and" in a list of places is the town; "continued" after it is no speech verb then
    ("Fighting near Kupiansk and Lyman continued.",
     [("Kupiansk", "gn:703656", "location", False), ("Lyman", "gn:703071", "subject", False)]),
    # not after everyday words read as names
    ("He read Nice and Reading.", []),
    # "the Somali military" is the adjective, not the Somali Region of Ethiopia; the region stays a place
    ("The Somali military retook the port.", []),
    ("Floods hit the Somali region of Ethiopia.",
     [("Somali region", "a1:ET-SO", "plain", False), ("Ethiopia", "cc:ET", "plain", False)]),
]


@pytest.mark.parametrize("text, expected", LISTS_AND_ADJECTIVES)
def test_lists_and_adjectives(finder, text, expected):
    assert readings(finder, text) == expected


# headlines in title case or capitals keep their places, and a capitalised verb after a
# country still makes it the subject
HEADLINES = [
    ("Russia Masses 100,000 Troops Near Ukraine Border As Talks Stall",
     [("Russia", "cc:RU", "subject", False), ("Ukraine", "cc:UA", "location", True)]),
    ("RUSSIA MASSES TROOPS NEAR UKRAINE BORDER",
     [("RUSSIA", "cc:RU", "plain", False), ("UKRAINE", "cc:UA", "location", True)]),
    ("Poland Sends 10,000 Troops To Belarus Border",
     [("Poland", "cc:PL", "subject", False), ("Belarus", "cc:BY", "location", True)]),
    ("China Sends Warships Into Taiwan Strait After Drills",
     [("China", "cc:CN", "subject", False), ("Taiwan Strait", "rg:taiwan-strait", "location", False)]),
    ("Army Deploys Tanks In Kursk Region",
     [("Kursk Region", "a1:RU-KRS", "location", False)]),
    # the capitalised word after a place in a headline: a verb, an adverb, no part of its name
    ("Germany Will Station 4,000 Troops In Lithuania Permanently",
     [("Germany", "cc:DE", "subject", False), ("Lithuania", "cc:LT", "location", False)]),
    ("Belarus Hosts Russian Troops Near Polish Border", [("Belarus", "cc:BY", "plain", False)]),
    ("Egypt Deploys Troops Near Rafah Crossing",
     [("Egypt", "cc:EG", "subject", False), ("Rafah", "gn:350350", "location", False)]),
    # a demonym between the preposition and the place: "To Syrian Border Town Of Kilis"
    ("Turkey Sends Tanks To Syrian Border Town Of Kilis",
     [("Turkey", "cc:TR", "subject", False), ("Kilis", "gn:307864", "location", False)]),
    # capitalised common words invent no place: "To Send" is a verb, not Send in Surrey
    ("US To Send 3,000 More Troops To Poland",
     [("US", "cc:US", "plain", False), ("Poland", "cc:PL", "location", False)]),
    ("Troops Head To Mobile As Storm Nears", []),
    ("The Washington Post Reports On Moscow Times Story", []),
    ("Pentagon Puts 8,500 Troops On Alert Over Ukraine",
     [("Ukraine", "cc:UA", "location", False)]),
]


@pytest.mark.parametrize("text, expected", HEADLINES)
def test_headlines(finder, text, expected):
    assert readings(finder, text) == expected


# air and naval bases and training grounds are places of their own, not the town beside them
BASES = [
    ("Two F-35 squadrons flew into Al Dhafra Air Base.", [("Al Dhafra Air Base", "mb:al-dhafra", "location", False)]),
    # a longer name that holds a force's name ("RAF") is a place
    ("Bombers landed at RAF Fairford on Monday.", [("RAF Fairford", "mb:fairford", "location", False)]),
    ("Marines rotated through Robertson Barracks.", [("Robertson Barracks", "mb:robertson-barracks", "location", False)]),
    ("Two battalions trained at the Opuk training ground.", [("Opuk training ground", "mb:opuk", "location", False)]),
    ("Mercenaries gathered at al-Jufra airbase.", [("Jufra airbase", "mb:al-jufra", "location", False)]),
    ("Tankers refuelled at Pituffik Space Base in Greenland.",
     [("Pituffik Space Base", "mb:pituffik", "location", False), ("Greenland", "cc:GL", "location", False)]),
    # a flashpoint named by its temple, reefs of the Spratlys
    ("Tanks moved near Preah Vihear temple.", [("Preah Vihear temple", "st:preah-vihear-temple", "location", False)]),
    ("Militia boats swarmed Mischief Reef and Subi Reef.",
     [("Mischief Reef", "st:mischief-reef", "plain", False), ("Subi Reef", "st:subi-reef", "plain", False)]),
]


@pytest.mark.parametrize("text, expected", BASES)
def test_bases_and_sites(finder, text, expected):
    assert readings(finder, text) == expected


# a name of several places takes the one near the other places the article names
NEAR_THE_OTHERS = [
    # beside Kinmen and Xiamen, Jincheng is Kinmen's town, not the city of 480,000 in Shanxi
    ("Taiwan reinforced Kinmen as China drilled off Xiamen; shells once fell on Jincheng.",
     [("Taiwan", "cc:TW", "subject", False), ("Kinmen", "a1:TW-KIN", "location", False), ("China", "cc:CN", "plain", False),
      ("Xiamen", "gn:1790645", "location", False), ("Jincheng", "gn:1678008", "location", False)]),
    # being near a named place and in its province are one piece of evidence, not two: beside
    # Warsaw, "Minsk" stays the capital of Belarus, not Minsk Mazowiecki in Warsaw's province
    ("Warsaw protested as tanks rolled into Minsk.",
     [("Warsaw", "gn:756135", "plain", False), ("Minsk", "gn:625144", "location", False)]),
    # with nothing near, the larger one
    ("Coal output rose in Jincheng, China said.",
     [("Jincheng", "gn:1805741", "location", False), ("China", "cc:CN", "subject", False)]),
]


@pytest.mark.parametrize("text, expected", NEAR_THE_OTHERS)
def test_near_the_other_places(finder, text, expected):
    assert readings(finder, text) == expected


# conflict regions and sites that reporting names, beyond the extract's towns
@pytest.mark.parametrize("text, expected", [
    ("Shelling resumed in Eastern Ghouta.", [("Eastern Ghouta", "rg:eastern-ghouta", "location", False)]),
    ("Militias advanced in Ituri.", [("Ituri", "rg:ituri", "location", False)]),
    ("Troops entered Tal Afar.", [("Tal Afar", "st:tal-afar", "location", False)]),
    ("Marines landed on Pratas Island.", [("Pratas Island", "st:pratas", "location", False)]),
    ("The army deployed 3,000 soldiers to Catatumbo.", [("Catatumbo", "rg:catatumbo", "location", False)]),
])
def test_conflict_regions(finder, text, expected):
    assert readings(finder, text) == expected


# everyday words that are also small towns need more than a preposition
@pytest.mark.parametrize("text, expected", [
    # ", Mr." vouches for nothing; only a country or division after the comma does
    ("The Commissioner of Police, Mr. Adeyemi, spoke.", []),
    ("Officers from Police, Poland, joined the drill.",
     [("Police", "gn:3088461", "origin", False), ("Poland", "cc:PL", "plain", False)]),
    # a hamlet of a few hundred that is an everyday word: not after a preposition alone
    ("The film takes us through Rod's childhood.", []),
    ("Fans waited near Grand and State.", []),
])
def test_everyday_words_need_more(finder, text, expected):
    assert readings(finder, text) == expected


# names of people beside initials are not places
@pytest.mark.parametrize("text, expected", [
    ("The column is by Carey L. Biron.", []),                      # a surname after an initial
    ("They included Jos. A. Bank and others.", []),                # a first name before an initial
    ("Clashes in Jos, Nigeria.", [("Jos", "gn:2335953", "location", False), ("Nigeria", "cc:NG", "plain", False)]),
    # Anacoco Island: a disputed island on the Venezuela-Guyana border
    ("Venezuela put up a base on Anacoco Island on the border with Guyana.",
     [("Venezuela", "cc:VE", "subject", False), ("Anacoco Island", "rg:anacoco-island", "location", False),
      ("Guyana", "cc:GY", "location", True)]),
])
def test_initials_and_islands(finder, text, expected):
    assert readings(finder, text) == expected


# a surname after a particle, a two-letter postal code outside a dateline
@pytest.mark.parametrize("text, expected", [
    ("Seven on Musir (Mike de Kock) won.", []),
    ("The artist Mario de Santiago lives in London.", [("London", "gn:2643743", "location", False)]),
    ("Troops in Rio de Janeiro and Santiago de Compostela.",
     [("Rio de Janeiro", "gn:3451190", "location", False), ("Santiago de Compostela", "gn:3109642", "plain", False)]),
    ("Sale on GA passes ends at 11 p.m. CT today.", []),      # general admission, Central Time
    ("Gangs like MS-13 spread.", []),
    ("Protests in Austin, TX, grew.", [("Austin", "gn:4671654", "location", False), ("TX", "a1:US-TX", "plain", False)]),
    ("HORRY COUNTY, SC (WMBF) - Storms hit.", [("SC", "a1:US-SC", "plain", False)]),
])
def test_particles_and_postal_codes(finder, text, expected):
    assert readings(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sens. Tom Udall and Martin Heinrich spoke.", []),         # a title's abbreviation, not Sens in Burgundy
    ("Fighting neared Sens. Troops left.", [("Sens", "gn:2975050", "plain", False)]),
])
def test_title_abbreviations(finder, text, expected):
    assert readings(finder, text) == expected
