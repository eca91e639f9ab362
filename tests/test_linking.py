import pytest

from geomap import extract

# sentence, (count, place id, force, unit); a comment names the mistake the row guards against
CASES = [
    ("Moscow has sent 5,000 military personnel to Belarus.", (5000, "cc:BY", "RU", "troops")),   # not at Moscow
    ("Russia has sent 5,000 troops to Belarus.", (5000, "cc:BY", "RU", "troops")),
    ("Russia will send up to 10 Su-35 fighter jets and a number of air defense units to Belarus.", (10, "cc:BY", "RU", "aircraft")),
    ("It is thought that Russia can deploy 100,000 Russian soldiers in Belarus.", (100000, "cc:BY", "RU", "troops")),
    ("In recent days, Poland has sent about 15,000 troops to strengthen border security, a situation Moscow "
     "is using to justify its bombers over Belarus.", (15000, "cc:PL", "PL", "troops")),             # not Belarus
    ("8,500 U.S. troops were put on heightened alert for a possible deployment to Eastern Europe.",
     (8500, "rg:eastern-europe", "US", "troops")),
    ("Russian President Vladimir Putin has mobilized more than 100,000 troops around Ukrainian borders.",
     (100000, "cc:UA", "RU", "troops")),                                                             # demonym + border
    ("Russia is mobilizing troops along the Ukrainian border and is expected to soon have a force of 175k troops.",
     (175000, "cc:UA", "RU", "troops")),
    ("The plans involve 2,000 Russian troops stationed near Pskov.", (2000, "gn:504341", "RU", "troops")),
    ("NATO deployed 300 troops to Estonia.", (300, "cc:EE", "NATO", "troops")),
    ("An unclassified U.S. intelligence report cited movements near Ukraine’s border in saying Russia was "
     "planning for an offensive with 175,000 troops.", (175000, "cc:UA", "RU", "troops")),             # not US
]

NONE = [
    "More than 14 thousand people lost their lives in the conflicts that lasted for about eight years in the region.",
    "The United States has provided more than $ 2.5 billion in military aid to Ukraine since 2014.",
    "Moscow has sent 5,000 troops.",   # no place but the actor: no dot rather than a wrong one
]


@pytest.mark.parametrize("sentence, expected", CASES)
def test_linked(pipeline, sentence, expected):
    found = [(d.figure.count, d.place.id, d.force, d.figure.unit) for d in extract(sentence)]
    assert expected in found, found


@pytest.mark.parametrize("sentence", NONE)
def test_no_deployment(pipeline, sentence):
    assert extract(sentence) == []


def test_repeated_claim_is_one_deployment(pipeline):
    text = "Moscow has sent 5,000 troops to Belarus. Russia has sent 5,000 troops to Belarus, the White House said."
    assert len(extract(text)) == 1


def test_shared_figure_yields_one_per_place(pipeline):
    found = {d.place.id for d in extract("NATO troops arrived: 1,000 soldiers were deployed to Romania and Bulgaria.")}
    assert found == {"cc:RO", "cc:BG"}


def test_provenance(pipeline):
    text = "date 2022-02-01 Russia has sent 5,000 troops to Belarus."
    (d,) = extract(text, date="2022-02-01")
    assert text[d.start:d.end] == "5,000 troops"
    assert d.quote in text and d.date == "2022-02-01" and 0 < d.confidence <= 1


@pytest.mark.parametrize("sentence, status", [
    ("The Pentagon ordered about 2,000 troops to prepare to deploy to Israel, as Israel massed forces on the border.",
     "on_alert"),    # the words closest to the figure, not the sentence's other clause
    ("Russia massed 100,000 troops near Ukraine, officials said.", "massing"),
])
def test_status_is_read_near_the_figure(pipeline, sentence, status):
    assert [d.status for d in extract(sentence)][:1] == [status]


# other conflicts, other phrasings: (sentence, expected (count, place id or name, force) rows)
MORE = [
    ("Azerbaijan has massed some 10,000 troops near the Lachin Corridor, Armenian officials said.",
     [(10000, "rg:lachin-corridor", "AZ")]),
    ("Russia keeps about 2,000 peacekeepers in Nagorno-Karabakh under the 2020 ceasefire deal.",
     [(2000, "rg:nagorno-karabakh", "RU")]),
    ("China sent 71 warplanes and nine ships toward Taiwan on Sunday.",                # shared destination
     [(71, "cc:TW", "CN"), (9, "cc:TW", "CN")]),
    ("North Korea fired two ballistic missiles into the Sea of Japan, Seoul said.", []),  # a strike, not a deployment
    ("The United States has about 28,500 troops stationed in South Korea.", [(28500, "cc:KR", "US")]),
    ("France will withdraw its 1,500 soldiers from Niger by the end of the year.",   # leaving: still there
     [(1500, "cc:NE", "FR")]),
    ("Some 1,000 Wagner fighters are deployed in Mali, according to Western diplomats.",
     [(1000, "cc:ML", "Wagner Group")]),
    ("Burkina Faso recruited 50,000 volunteers to fight jihadists in the north.", []),  # raised, not deployed
    ("Hezbollah has an estimated 40,000 to 50,000 fighters in southern Lebanon.", [(45000, "cc:LB", "Hezbollah")]),
    ("Venezuela deployed 5,600 soldiers to its border with Guyana.", [(5600, "cc:GY", "VE")]),
    ("Romania and Bulgaria each host 1,000 NATO soldiers.", [(1000, "cc:RO", "NATO"), (1000, "cc:BG", "NATO")]),
    ("India and China each deployed around 50,000 troops in Ladakh.",                # one per force
     [(50000, "a1:IN-LA", "IN"), (50000, "a1:IN-LA", "CN")]),
    ("The RSF has surrounded El Fasher with an estimated 10,000 fighters.", [(10000, "El Fasher", "RSF")]),
    ("Finland's wartime army counts about 280,000 soldiers.", [(280000, "cc:FI", "FI")]),
    # a date or a larger place right after the name does not make it part of a longer name
    ("Russia sent 5,000 troops to Belarus Monday.", [(5000, "cc:BY", "RU")]),          # not at Russia
    ("The U.S. will deploy 3,000 troops to Poland February 5.", [(3000, "cc:PL", "US")]),
    ("Russia sent 5,000 troops to Minsk Belarus.", [(5000, "Minsk", "RU")]),
    ("Nigeria moved 2,000 soldiers to Maiduguri Borno State.", [(2000, "Maiduguri", "NG")]),
    ("Russia pulled 10,000 troops back from the Ukrainian border.", [(10000, "cc:UA", "RU")]),  # not at Russia
    ("Russia, which has 130,000 troops near Ukraine, denies planning an invasion.", [(130000, "cc:UA", "RU")]),
    ("Russia sent 5,000 troops to Belarus, which borders Ukraine.", [(5000, "cc:BY", "RU")]),  # still the destination
    ("North Korea sent about 10,000 soldiers to Russia's Kursk region.", [(10000, "Kursk", "KP")]),  # not Russia at large
    ("Russia redeployed 2,000 troops from Syria to Ukraine.", [(2000, "cc:UA", "RU")]),
    # a bare number after a figure takes its unit and its own place
    ("The Pentagon will send 2,000 troops to Germany and 1,000 to Romania.", [(2000, "cc:DE", "US"), (1000, "cc:RO", "US")]),
    ("The US has about 80,000 troops in Europe, including 35,000 in Germany.", [(35000, "cc:DE", "US")]),
    ("About 200 U.S. troops will remain in Iraq, while some 500 will stay in eastern Syria.",   # a verb between
     [(200, "cc:IQ", "US"), (500, "cc:SY", "US")]),
    ("Belarus hosts 30,000 Russian troops for joint exercises.", [(30000, "cc:BY", "RU")]),   # the host is the place
    # a count after its unit: the place may stand before the count or after it
    ("Russian troops, estimated at 30,000, are now in Belarus.", [(30000, "cc:BY", "RU")]),
    ("Russian forces in Belarus numbered about 30,000.", [(30000, "cc:BY", "RU")]),
    ("Russia's forces in Syria total around 4,000.", [(4000, "cc:SY", "RU")]),
    ("The Pentagon has raised the number of American troops in Poland to 10,000.", [(10000, "cc:PL", "US")]),
    ("Rwanda has between 3,000 and 4,000 troops in eastern Congo, UN experts said.", [(3500, "cc:CD", "RW")]),
    ("India and China have each deployed 50,000 troops in Ladakh.",                 # "have each": one per force
     [(50000, "a1:IN-LA", "IN"), (50000, "a1:IN-LA", "CN")]),
    ("China has moved about 50,000 troops to positions opposite eastern Ladakh.",   # facing it: not at home
     [(50000, "a1:IN-LA", "CN")]),
    # a part of a figure, in the next sentence or after it; the figure keeps its own place
    ("3,000 more U.S. troops arrived in Poland. About 1,700 of them will be based in Rzeszow.",
     [(3000, "cc:PL", "US"), (1700, "Rzeszów", "US")]),
    ("Russia has 100,000 troops near Ukraine, and 30,000 of them are in Belarus.", [(100000, "cc:UA", "RU"), (30000, "cc:BY", "RU")]),
    ("Some 1,200 Bangladeshi peacekeepers are deployed in South Sudan.", [(1200, "cc:SS", "BD")]),  # any nationality
    ("Kenya deployed 400 police officers to Haiti in June.", [(400, "cc:HT", "KE")]),             # police missions too
    ("The United States has about 200 military trainers in Taiwan.", [(200, "cc:TW", "US")]),
    # headlines: a capitalised word after a place is no part of its name when it is a verb or "Ahead"
    ("Russia Sends 5,000 Troops To Belarus Ahead Of Drills", [(5000, "cc:BY", "RU")]),
    ("RUSSIA SENDS 5,000 TROOPS TO BELARUS", [(5000, "cc:BY", "RU")]),
    ("About 200 U.S. troops will remain at the al-Tanf garrison, a U.S. official said.",   # the article before a name
     [(200, "mb:al-tanf", "US")]),
    ("Russia flew 30 warplanes into Estonian airspace.", [(30, "cc:EE", "RU")]),                   # a nationality's airspace
    # "its territory": the land of the sentence's subject; never the "US" of "US troops"
    ("Belarus said 30,000 Russian troops would take part in drills on its territory.", [(30000, "cc:BY", "RU")]),
    ("Poland said 10,000 US troops are now stationed on its soil.", [(10000, "cc:PL", "US")]),
    # a formation names the force, before the figure or after it; so does a ship's prefix
    ("Israel massed troops. The USS Eisenhower, with about 6,000 sailors, will sail to Cyprus.", [(6000, "cc:CY", "US")]),
    ("The 82nd Airborne Division will send 1,700 paratroopers to Rzeszow.", [(1700, "Rzeszów", "US")]),
    ("Some 3,000 troops from the 3rd Infantry Division arrived in Germany.", [(3000, "cc:DE", "US")]),
    ("Units of the Southern Military District moved 10,000 troops to Crimea.", [(10000, "rg:crimea", "RU")]),
    ("About 5,000 troops from 11 NATO countries are taking part in exercises in Poland.", [(5000, "cc:PL", "NATO")]),
    # where someone spoke is no destination the gazetteer lacks: the state's own forces
    ("Ukraine's army has some 700,000 soldiers, President Zelensky said in Kyiv on Tuesday.", [(700000, "cc:UA", "UA")]),
]


@pytest.mark.parametrize("sentence, expected", MORE)
def test_more_conflicts(pipeline, sentence, expected):
    found = {(d.figure.count, d.place.id, d.force) for d in extract(sentence)} | {
        (d.figure.count, d.place.name, d.force) for d in extract(sentence)}
    for row in expected:
        assert row in found, (row, found)


@pytest.mark.parametrize("sentence", [
    "Jihadists killed 20 soldiers in an attack near Menaka, the army said.",        # casualties before the number
    "Iran-backed militias have attacked U.S. forces in Iraq and Syria more than 60 times.",  # times, not forces
    "Russia sent 5,000 troops to Zolotarivka.",   # a destination the gazetteer lacks: no dot, not one at Russia
    "The US is sending 3,000 troops to Ukraine's neighbours.",   # not Ukraine, and not the US either
    "The US is sending 3,000 troops, officials said.",          # sent where another sentence says: not home
    "Germany will send 350 more soldiers, the defence minister said.",
    "About 200 U.S. troops will remain there, a U.S. official said.",   # not at home: the state named after them speaks
    # a deployment its own clause denies or rules out
    "The Kremlin denied reports that it had sent 10,000 troops to Belarus.",
    "Germany ruled out sending 5,000 troops to Lithuania.",
    "There are no plans to deploy 2,000 US troops to Ukraine, Biden said.",
    "Russia hasn't sent 5,000 troops to Belarus.",
    "Russia has never sent 5,000 troops to Belarus.",
    "NATO said it would not deploy 40,000 troops to Ukraine.",
])
def test_more_not_deployments(pipeline, sentence):
    assert extract(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Russia has not only sent 5,000 troops to Belarus but also tanks.",
    "Moscow denies planning an invasion and says its 100,000 troops near Ukraine are on exercises.",
    "Russia, which denies any plan to invade, has sent 5,000 troops to Belarus.",
])
def test_a_denial_of_something_else_keeps_the_deployment(pipeline, sentence):
    assert len(extract(sentence)) == 1


def test_a_figure_does_not_share_the_place_of_a_part_of_it(pipeline):
    found = [(d.figure.count, d.place.name) for d in extract("Officials counted 200 tanks, 50 of these near Yelnya.")]
    assert found == [(50, "Yel’nya")]


def test_movement_records_origin(pipeline):
    (d,) = extract("Russian forces moved from Kursk to Belgorod with 40 tanks.")
    assert (d.place.name, d.origin.name, d.force) == ("Belgorod", "Kursk", "RU")


def test_unnamed_border_gives_no_dot(pipeline):
    # which border? placing it at Russia's centre would mislead: no dot
    assert extract("Russia has massed 100,000 troops near the border.") == []


def test_force_from_the_sentences_before(pipeline):
    # "They": the actor named just before ("a buildup by Russia" is who acts, not where)
    text = ("What we have seen is a continued military buildup by Russia. "
            "They are deploying thousands of combat troops to Belarus.")
    (d,) = extract(text)
    assert (d.place.id, d.force) == ("cc:BY", "RU") and d.confidence < 0.7


def test_a_subject_after_a_place_is_not_listed_with_it(pipeline):
    """"In Belarus, Russia has deployed": Russia acts; it is not a second place of the figure."""
    assert [(d.figure.count, d.place.id, d.force) for d in extract("In Belarus, Russia has deployed 30,000 troops.")] == [
        (30000, "cc:BY", "RU")]


def claims(sentence):
    return [(d.figure.count, d.place.name, d.force) for d in extract(sentence)]


def test_a_place_after_a_later_number_is_not_the_first_figures(pipeline):
    """127,000 are "near its borders" (no dot); Crimea belongs to the 21,000."""
    assert claims("Ukraine says Russia has 127,000 troops near its borders, including 21,000 air, sea and "
                  "ground forces in Crimea.") == [(21000, "Crimea", "RU")]


def test_a_source_after_a_comma_is_not_a_second_destination(pipeline):
    assert claims("North Korea has sent around 12,000 troops to Russia, South Korea's spy agency said.") == [
        (12000, "Russia", "KP")]


def test_a_number_before_a_date_takes_no_unit(pipeline):
    assert claims("Russia sent 5,000 troops to Belarus in 2021 and 30,000 in February.") == [(5000, "Belarus", "RU")]


def test_a_host_is_not_the_force(pipeline):
    """"Poland hosts 10,000 troops": whose troops the sentence does not say; not Poland's."""
    assert claims("Poland hosts 10,000 troops.") == [(10000, "Poland", None)]


@pytest.mark.parametrize("sentence, expected", [
    # where someone spoke is not where the troops are
    ("In Kyiv, officials said 90,000 Russian troops were gathered near the border.", []),
    ("NATO now has 40,000 troops under direct alliance command, Stoltenberg said in Brussels.", []),
    # a later count owns the place after it; the state's own forces stay at home
    ("Ukraine has about 250,000 troops, against 900,000 in Russia.", [(250000, "Ukraine", "UA")]),
    ("A convoy of 60 tanks was seen moving through Belgorod toward the Ukrainian border.", [(60, "Belgorod", None)]),
    ("Sweden sent 150 soldiers to the island of Gotland in the Baltic Sea.", [(150, "Gotland", "SE")]),
])
def test_the_place_is_where_the_forces_are(pipeline, sentence, expected):
    assert claims(sentence) == expected


def test_forces_based_somewhere_and_moving_go_where_they_move(pipeline):
    (d,) = extract("Another 1,000 U.S. troops based in Vilseck, Germany, are moving to Romania.")
    assert (d.place.id, d.origin.name, d.force) == ("cc:RO", "Vilseck", "US")


def test_a_bare_number_keeps_the_force_of_its_figure(pipeline):
    """Not Ukraine's, though "Ukraine's borders" is the nearest name before the 30,000."""
    assert claims("Russia has amassed an estimated 130,000 troops near Ukraine's borders, including about "
                  "30,000 in Belarus.") == [(130000, "Ukraine", "RU"), (30000, "Belarus", "RU")]


def test_where_arms_came_from_is_not_where_they_are(pipeline):
    """Only forces that leave a place ("withdraw ... from Niger") are still there."""
    assert "Washington" not in {d.place.name for d in extract("Kyiv has received 300 Javelin missiles from Washington.")}


def test_a_capital_that_opens_the_sentence_is_its_force(pipeline):
    """Not the force of an earlier sentence's figure."""
    text = ("India moved 30,000 soldiers to Ladakh. "
            "Pyongyang test-fired three ballistic missiles into the East Sea, Seoul's military said.")
    assert claims(text)[-1] == (3, "Sea of Japan", "KP")


def test_a_figure_in_apposition_shares_the_place(pipeline):
    assert claims("India moved two army divisions, about 30,000 soldiers, to Ladakh.") == [
        (2, "Ladakh", "IN"), (30000, "Ladakh", "IN")]


@pytest.mark.parametrize("sentence, expected", [
    ("Russia moved 40 tanks from near Moscow to Voronezh.", [(40, "Voronezh", "RU")]),          # "from near": an origin
    ("Thousands of troops from Chad and Niger were deployed to northeastern Nigeria.",         # Niger is listed, not acting
     [(None, "Nigeria", None)]),
    ("Russia has concentrated 87,000 troops in the Donetsk and Luhansk regions.",               # the regions, not the cities
     [(87000, "a1:UA-14", "RU"), (87000, "a1:UA-09", "RU")]),
    ("Russia has concentrated 87,000 soldiers in Voronezh, Bryansk and Smolensk regions.",     # a list of three
     [(87000, "a1:RU-VOR", "RU"), (87000, "a1:RU-BRY", "RU"), (87000, "a1:RU-SMO", "RU")]),
])
def test_lists_and_origins(pipeline, sentence, expected):
    assert [(d.figure.count, d.place.id if ":" in expected[i][1] else d.place.name, d.force)
            for i, d in enumerate(extract(sentence))] == expected
