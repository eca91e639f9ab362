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
     (100000, "bd:RU-UA", "RU", "troops")),                                                          # on the border                                                             # demonym + border
    ("Russia is mobilizing troops along the Ukrainian border and is expected to soon have a force of 175k troops.",
     (175000, "bd:RU-UA", "RU", "troops")),
    ("The plans involve 2,000 Russian troops stationed near Pskov.", (2000, "gn:504341", "RU", "troops")),
    ("NATO deployed 300 troops to Estonia.", (300, "cc:EE", "NATO", "troops")),
    ("An unclassified U.S. intelligence report cited movements near Ukraine’s border in saying Russia was "
     "planning for an offensive with 175,000 troops.", (175000, "bd:RU-UA", "RU", "troops")),             # not US
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


# -- one figure for a list of places is never copied to each of them ----------------------
@pytest.mark.parametrize("sentence, expected, not_drawn", [
    # nearby places: drawn once, at the first
    ("NATO troops arrived: 1,000 soldiers were deployed to Romania and Bulgaria.", [(1000, "Romania", "NATO")], []),
    # far apart: a total over several places, not drawn
    ("Of the alliance's battlegroups in Portugal, Norway, Greece and Estonia, the largest counts 1,500 troops.",
     [], [("1,500 troops", "drop.list")]),
    ("The United States keeps about 40,000 troops in Japan, Germany and Qatar.", [], [("40,000 troops", "drop.list")]),
    # "each": one per place, and the hosts are no force
    ("Romania and Bulgaria each host 1,000 soldiers.", [(1000, "Romania", None), (1000, "Bulgaria", None)], []),
    # a host country is the place, the alliance the force, once
    ("Lithuania hosts NATO's largest battlegroup, of 1,700 troops, and Poland hosts another.",
     [(1700, "Lithuania", "NATO")], []),
])
def test_a_figure_for_a_list_of_places(pipeline, sentence, expected, not_drawn):
    assert claims(sentence) == expected
    assert unplaced(sentence) == not_drawn


def test_provenance(pipeline):
    text = "date 2022-02-01 Russia has sent 5,000 troops to Belarus."
    (d,) = extract(text, date="2022-02-01")
    assert text[d.start:d.end] == "5,000 troops"
    assert d.quote in text and d.date == "2022-02-01" and 0 < d.confidence <= 1


@pytest.mark.parametrize("sentence, status", [
    ("The Pentagon ordered about 2,000 troops to prepare to deploy to Israel, as Israel massed forces on the border.",
     "on_alert"),    # the words closest to the figure, not the sentence's other clause
    ("Russia massed 100,000 troops near Ukraine, officials said.", "massing"),
    # one row per status rule (rules/linking.yaml, linking.status_*), in their order
    ("Serbia mobilised 3,000 troops in Raska.", "mobilised"),
    ("Russia will withdraw 1,500 soldiers from Syria.", "withdrawing"),  # before 'will ...': planned
    ("Britain plans to send 800 troops to Estonia.", "planned"),
    ("In 2014, Russia had 20,000 troops in Crimea.", "historical"),
    ("France has 900 troops stationed in Mali.", "deployed"),
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
    ("Hezbollah has an estimated 40,000 to 50,000 fighters in southern Lebanon.", [(45000, "rg:southern-lebanon", "Hezbollah")]),
    ("Venezuela deployed 5,600 soldiers to its border with Guyana.", [(5600, "bd:GY-VE", "VE")]),    # on the border
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
    ("Russia pulled 10,000 troops back from the Ukrainian border.", [(10000, "bd:RU-UA", "RU")]),  # not at Russia
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
    ("Rwanda has between 3,000 and 4,000 troops in eastern Congo, UN experts said.", [(3500, "rg:eastern-congo", "RW")]),
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
    """127,000 are "near its borders" (Ukraine's: on the border); Crimea belongs to the 21,000."""
    assert claims("Ukraine says Russia has 127,000 troops near its borders, including 21,000 air, sea and "
                  "ground forces in Crimea.") == [(127000, "Russia-Ukraine border", "RU"), (21000, "Crimea", "RU")]


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
                  "30,000 in Belarus.") == [(130000, "Russia-Ukraine border", "RU"), (30000, "Belarus", "RU")]


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
    # the regions, not the cities; one figure for a list of nearby places is drawn once, at the first
    ("Russia has concentrated 87,000 troops in the Donetsk and Luhansk regions.", [(87000, "a1:UA-14", "RU")]),
    ("Russia has concentrated 87,000 soldiers in Voronezh, Bryansk and Smolensk regions.", [(87000, "a1:RU-VOR", "RU")]),
    # a place inside the phrase of origin, with a destination ahead: where they come from (linking.destination_ahead)
    ("About 2,000 soldiers from a heavy armoured division in Fort Hood have begun deploying to Kuwait.",
     [(2000, "Kuwait", None)]),
])
def test_lists_and_origins(pipeline, sentence, expected):
    assert [(d.figure.count, d.place.id if ":" in expected[i][1] else d.place.name, d.force)
            for i, d in enumerate(extract(sentence))] == expected


# -- rules and explain ------------------------------------------------------------------
def test_every_deployment_names_its_rules(pipeline):
    from geomap.linking import RULES

    (d,) = extract("Russia has sent 5,000 troops to Belarus.")
    assert d.rules == ("figure.number", "place.after", "force.actor") and d.place_from == "sentence"
    assert all(r in RULES for r in d.rules)


def test_explain_says_why_a_figure_is_not_drawn(pipeline, capsys):
    from geomap.cli import main

    assert main(["explain", "Moscow denied that it had sent 300 tanks to Minsk. Russia has sent 5,000 troops to Belarus."]) == 0
    out = capsys.readouterr().out
    assert "[drop.denied]" in out and "[place.after]" in out and "Belarus (cc:BY)" in out
    assert "'Russia' (Russia, subject): the sentence's actor" in out


def unplaced(sentence):
    from geomap.explain import explain

    return [(d.figure.text, d.rules[1]) for d in explain(sentence).decisions if not d.drawn]


# -- a state's forces are drawn at that state only where the text says they are there -----
@pytest.mark.parametrize("sentence, expected, not_drawn", [
    # a destination the text gives without a name: no dot at home, listed as unplaced
    ("Turkey deployed about 200 soldiers to the outskirts of the city.", [],
     [("200 soldiers", "drop.vague_place")]),
    ("Egypt has moved 3,000 troops into the area, officials said.", [], [("3,000 troops", "drop.vague_place")]),
    # another state in the sentence: the forces serve there, not at home
    ("Kenya, which first deployed troops there in 2011, has more than 3,000 soldiers serving alongside the Somali army.",
     [], [("3,000 soldiers", "drop.home")]),
    ("Russia has built up an occupation force that now numbers some 20,000 troops.", [],
     [("20,000 troops", "drop.home")]),
    # the text says they are at home
    ("Poland has sent 10,000 troops to strengthen border security, a move Minsk condemned.", [(10000, "Poland", "PL")], []),
    ("Chad has mobilised 5,000 reservists on its own soil, N'Djamena said.", [(5000, "Chad", "TD")], []),
    ("Burkina Faso has mobilised 50,000 reservists to fight jihadists in the north.", [(50000, "Burkina Faso", "BF")], []),
    # a destination the gazetteer lacks (linking.destination): no dot at home either
    ("Poland has deployed 5,000 soldiers to Xylovka.", [], [("5,000 soldiers", "drop.no_place")]),
    # nothing else named: the state's own forces ("strengthen its army")
    ("Ukraine plans to call up 20,000 reservists to strengthen its army.", [(20000, "Ukraine", "UA")], []),
])
def test_forces_are_not_drawn_at_home_unless_the_text_says_so(pipeline, sentence, expected, not_drawn):
    assert claims(sentence) == expected
    assert unplaced(sentence) == not_drawn


# -- the place of an event is not where forces are ------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Such brigades usually count about 3,000 troops but have grown because of events in Georgia.", []),
    ("During the wars in Chechnya, the base at times held up to 5,000 soldiers.", []),
    ("After the elections in Moldova, the garrison of 1,500 troops stayed put.", []),
    # the forces go to the event: its place is theirs
    ("Rwanda sent 1,000 troops to the conflict in Mozambique.", [(1000, "Mozambique", "RW")]),
    # a verb, not an event noun: the troops are there
    ("About 2,000 Belarusian volunteers are fighting in Ukraine.", [(2000, "Ukraine", "BY")]),
])
def test_the_place_of_an_event_is_not_the_forces(pipeline, sentence, expected):
    assert claims(sentence) == expected


# -- a part of a place, and figures that share one place -----------------------------------
@pytest.mark.parametrize("sentence, expected", [
    # "the outskirts of", "the border of", "north and central": still the place
    ("Iran deployed 400 soldiers to the outskirts of Basra last week.", [(400, "Basrah", "IR")]),
    ("About 12 brigades are kept along the state border of Georgia, Tbilisi claimed.", [(12, "Georgia", None)]),
    ("Several hundred Marines will be sent to north and central Queensland for drills.", [(None, "Queensland", None)]),
    # ... where the place finder reads no location word before the name (linking.part_of, linking.directions_of)
    ("Kenya sent 500 troops into the far north of Somalia.", [(500, "Somalia", "KE")]),
    ("Australia sent 1,000 soldiers to far north Queensland.", [(1000, "Queensland", "AU")]),
    # the part of a country named right after it (linking.inside_after); the agent of a passive (linking.by_agent)
    ("China has moved 5,000 troops along the Indian territory in Ladakh.", [(5000, "Ladakh", "CN")]),
    ("Near Ukraine, 130,000 troops have been deployed by Moscow.", [(130000, "Ukraine", "RU")]),
    # a figure that accompanies the one before shares its place, and so does the first
    ("Iran deployed 400 soldiers, armed with rifles and backed by 30 tanks, to the outskirts of Basra.",
     [(400, "Basrah", "IR"), (30, "Basrah", "IR")]),
    ("Britain sent 300 soldiers, a battery of four howitzers and two drones to Estonia.",
     [(300, "Estonia", "GB"), (4, "Estonia", "GB"), (2, "Estonia", "GB")]),
    ("Chad moved 1,000 troops along with 40 armoured vehicles into Darfur.",
     [(1000, "Darfur", "TD"), (40, "Darfur", "TD")]),
    # a destination without a name right after the figure: not the place of a later clause
    ("Apart from the 20,000 troops deployed at our borders, the Chinese hold a division in reserve in Tibet.", []),
    # whose forces: "of China's army" after the figure; a demonym before "deployment" is no force
    ("About 300 troops of Russia's airborne forces landed in Kazakhstan.", [(300, "Kazakhstan", "RU")]),
])
def test_parts_of_places_and_shared_places(pipeline, sentence, expected):
    assert claims(sentence) == expected


def test_a_demonym_before_deployment_is_no_force(pipeline):
    text = ("More than 2,000 American Marines have arrived in Darwin for their latest Australian deployment. "
            "This year the force includes 2,200 Marines in Darwin.")
    assert [d.force for d in extract(text)] == ["US", "US"]


def linked(text):
    return [(d.figure.count, d.place.name, d.force, d.place_from, d.rules[1]) for d in extract(text)]


# -- a place from outside the figure's sentence, when the text makes it certain -------------
@pytest.mark.parametrize("text, expected", [
    # "the country", "the shoal": the last place of that kind, not the forces' own state
    ("Fighting spread across Mali last year. France now keeps about 3,000 soldiers in the country.",
     [(3000, "Mali", "FR", "previous", "place.anaphor")]),
    ("Al-Shabaab holds large parts of Somalia. Kenya, which first deployed troops to the country in 2011, "
     "keeps 4,000 soldiers in the force.", [(4000, "Somalia", "KE", "previous", "place.anaphor")]),
    ("Chinese ships crowded around Scarborough Shoal on Monday. On Tuesday, 15 vessels were seen surrounding the shoal.",
     [(15, "Scarborough Shoal", "CN", "previous", "place.anaphor")]),
    # "the city of Valencia" is named right after (linking.named_after), not the city named before
    ("Spain sent 500 soldiers to Madrid. It will send 300 more troops to the city of Valencia.",
     [(500, "Madrid", "ES", "sentence", "place.after"), (300, "Valencia", "ES", "sentence", "place.after")]),
    # "activities in the region": where something happens, not where the forces go
    ("India moved two divisions to Ladakh in May. China has since deployed 10,000 troops to counter Indian "
     "activities in the region.", [(2, "Ladakh", "IN", "sentence", "place.after")]),
    # forces sent "to counter" activities in the region are there: the region not of the countered state
    ("Chinese troops crossed into Ladakh in May, and China has reinforced Xinjiang since. India has since deployed "
     "two divisions to counter Chinese activities in the region.", [(2, "Ladakh", "IN", "previous", "place.anaphor")]),
    ("Chinese troops crossed into Ladakh in May. India has since deployed two divisions, citing Chinese activities "
     "in the region.", []),
    # the headline's destination, for a figure whose sentence sends forces and names no place
    ("France sends more troops to Niger\nParis will send about 1,500 additional soldiers, officials said.",
     [(1500, "Niger", "FR", "headline", "place.headline")]),
    ("date 2020-01-01\nUS to send troops to Poland\nThe Pentagon will send 2,000 more troops, it said. "
     "Germany has 3,000 soldiers ready at the Grafenwoehr base.",
     [(2000, "Poland", "US", "headline", "place.headline"), (3000, "Grafenwöhr Training Area", "DE", "sentence", "place.after")]),
    # ... but not for a force's whole size (no verb of moving), nor another force's figure
    ("France sends more troops to Niger\nThe French army has about 200,000 soldiers in all.", []),
    # the verb of sending must be the figure's own, not another clause's
    ("France sends more troops to Niger\nThe French army has about 200,000 soldiers, and it plans to send more.", []),
    ("Britain sent 200 soldiers to Kosovo. Romania is also sending 100 troops.",
     [(200, "Kosovo", "GB", "sentence", "place.after")]),
    # the previous sentence's destination, for the same forces
    ("Britain sent 200 soldiers to Kosovo. Some 150 more British troops will be sent next month.",
     [(200, "Kosovo", "GB", "sentence", "place.after"), (150, "Kosovo", "GB", "previous", "place.previous")]),
])
def test_a_place_from_outside_the_sentence(pipeline, text, expected):
    found = linked(text)
    assert found == expected
    assert all(conf < 0.7 for conf in (d.confidence for d in extract(text) if d.place_from != "sentence"))


# -- coalitions, UN, AU and alliance missions, forces named after the figure ---------------
@pytest.mark.parametrize("text, expected", [
    # a mission's force is the organisation that runs it; with no place, the country it serves in
    ("UNIFIL currently counts some 10,000 peacekeepers from 50 countries.", [(10000, "Lebanon", "UN", "place.mission")]),
    ("The mission, EUFOR, now has about 1,100 troops.", [(1100, "Bosnia and Herzegovina", "EU", "place.mission")]),
    # no actor before the figure: the force named after it
    ("More than 19,000 soldiers serve in Somalia under ATMIS.", [(19000, "Somalia", "AU", "place.after")]),
    ("Some 3,500 troops contributed by NATO allies are stationed in Kosovo.", [(3500, "Kosovo", "NATO", "place.after")]),
    ("There were 27 vessels near Scarborough Shoal on Monday, including China Coast Guard cutters.",
     [(27, "Scarborough Shoal", "CN", "place.after")]),
    # ... but not a plan or a resolution named after it
    ("About 2,000 soldiers will stay in Somalia under a United Nations plan.", [(2000, "Somalia", None, "place.after")]),
    # a headline in title case: the border after a nationality still
    ("Pakistan Deploys 20,000 Troops Along Afghan Border", [(20000, "Afghanistan-Pakistan border", "PK", "place.border")]),
    # who leads an alliance is not its force; who leads a coalition stands for it
    ("Sources in the US-led alliance said that 4,000 troops will be stationed in Latvia.", [(4000, "Latvia", None, "place.after")]),
    ("The Saudi-led coalition deployed 5,000 troops to Aden.", [(5000, "Aden", "SA", "place.after")]),
    # groups and the African Union by their short names
    ("The RSF has massed some 10,000 fighters around El Fasher.", [(10000, "El Fasher", "RSF", "place.after")]),
    ("An AU force of 5,000 troops was sent to Somalia.", [(5000, "Somalia", "AU", "place.after")]),
    # forces sent to back a siege of a place are at that place
    ("Iran had sent hundreds of fighters to back the siege of Aleppo.", [(None, "Aleppo", "IR", "place.after")]),
])
def test_missions_and_forces_named_after_the_figure(pipeline, text, expected):
    assert [(d.figure.count, d.place.name, d.force, d.rules[1]) for d in extract(text)] == expected


# -- forces that have left are not drawn; a leaving still to come keeps them there ----------
@pytest.mark.parametrize("text, expected, rule", [
    ("Italy has flown out the four Tornado jets it had stationed in Latvia.", [], "drop.left"),
    ("Italy flies out 4 Tornado jets from Latvia", [], "drop.left"),
    ("Last year Kenya withdrew 1,000 troops from Somalia.", [], "drop.left"),
    ("France will withdraw its 1,500 soldiers from Niger by the end of the year.", [(1500, "Niger", "FR")], "place.leaving"),
])
def test_forces_that_have_left(pipeline, text, expected, rule):
    from geomap.explain import explain

    assert claims(text) == expected
    assert [d.rules[1] for d in explain(text).decisions] == [rule]
    assert all(u["rule"] != "drop.left" for u in explain(text).unplaced)


@pytest.mark.parametrize("text, expected", [
    # "the force" refers to forces placed two sentences before; a list after it shares the place
    ("More than 2,000 United States Marines arrived in Darwin last week.\n\nElements of the rotation began arriving "
     "earlier this month.\n\nThis year the force will include 2,100 Marines, a battery of six howitzers and four helicopters.",
     [(2000, "Darwin", "US", "sentence", "place.after"), (2100, "Darwin", "US", "previous", "place.previous"),
      (6, "Darwin", "US", "previous", "place.previous"), (4, "Darwin", "US", "previous", "place.previous")]),
    ("Britain sent 200 soldiers to Kosovo. The contingent will include 120 soldiers from Wales.",
     [(200, "Kosovo", "GB", "sentence", "place.after"), (120, "Kosovo", "GB", "previous", "place.previous")]),
    # "the numbers", "the garrison": the forces placed before
    ("Incirlik Air Base has long hosted thousands of U.S. personnel. By 2020, the numbers had fallen to some 1,500 troops.",
     [(None, "Incirlik Air Base", "US", "sentence", "place.host"), (1500, "Incirlik Air Base", "US", "previous", "place.previous")]),
    # aircraft that entered an unnamed zone: the headline's place
    ("Chinese aircraft flew around Taiwan\nAt least 30 aircraft have entered the zone in the southwest, according to reports.",
     [(30, "Taiwan", "CN", "headline", "place.headline")]),
    ("Chinese aircraft flew around Taiwan\nThe air force has some 1,600 aircraft in all.", []),
])
def test_the_force_referred_back_to(pipeline, text, expected):
    assert linked(text) == expected


def test_explain_says_why_other_candidates_lost(pipeline, capsys):
    from geomap.cli import main

    assert main(["explain", "Poland has sent 2,000 troops, Warsaw said, and Moscow denied sending 300 tanks to Grodno."]) == 0
    out = capsys.readouterr().out
    assert "'Grodno' (Hrodna, location): after a later figure, whose place it is" in out
    assert "'Warsaw' (Warsaw, actor): a capital standing for its government" in out
    assert "the text: ', Warsaw said, and Moscow denied sending 300 tanks to Grodno.'" in out
    assert main(["explain", "Belarus hosts 30,000 Russian troops, a US official said."]) == 0
    out = capsys.readouterr().out
    assert "[place.host]" in out and "force  RU from 'Russian'" in out and "not force BY from 'Belarus'" in out


@pytest.mark.parametrize("text, expected", [
    # a force name written with a curly apostrophe is the same force
    ("A force of 300 soldiers of the People’s Liberation Army arrived in Djibouti.", [(300, "Djibouti", "CN")]),
    # a report the sentence calls untrue is no deployment
    ("An official said claims that hundreds of soldiers will staff a base in Tajikistan are simply not true.", []),
    ("Claims that 5,000 troops were flown to Libya are baseless, the ministry said.", []),
    # the force its fighters face is the adversary, not the actor
    ("Hezbollah told its fighters who face the Israeli army to stand ready. Some 2,000 fighters were sent to Tyre.",
     [(2000, "Tyre", "Hezbollah")]),
    # "the island" refers to an island named before, not to a place of its own sentence
    ("Marines began moving from Okinawa to Guam this week.\nThe first 100 U.S. Marines based on Okinawa are moving to "
     "the Pacific island, officials said.", [(100, "Guam", "US")]),
    ("The relocation began with 100 troops of III Marine Expeditionary Force arriving in Guam.", [(100, "Guam", "US")]),
    ("Marines began moving from Okinawa to Guam this week.\nThe first 100 troops of III Marine Expeditionary Force "
     "stationed on Okinawa are moving to the Pacific island.", [(100, "Guam", "US")]),
])
def test_force_names_claims_adversaries_and_islands(pipeline, text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "the occupation of" a place puts the occupying forces there
    ("Since the occupation of Abkhazia, Russia has built up a garrison that now numbers about 4,000 servicemen.",
     [(4000, "Abkhazia", "RU")]),
    # a country's possessive with its noun left out is where those forces are, not whose
    ("NATO says that of its battlegroups, Poland's is the largest, with 1,000 troops.",
     [(1000, "Poland", "NATO")]),
    # ... and a possessive before a later count is that count's place, not the figure's before it
    ("NATO says that of its battlegroups, Poland's is the largest, with 1,000 troops, ahead of Lithuania's 900.",
     [(1000, "Poland", "NATO")]),
    # ... but a possessive before the forces' noun is whose they are
    ("Poland's 1st Armoured Brigade, with 4,000 troops, moved to Lublin.", [(4000, "Lublin", "PL")]),
])
def test_occupations_and_possessives_without_their_noun(pipeline, text, expected):
    assert claims(text) == expected


# -- "the border with X": the border between X and the other side -------------------------
@pytest.mark.parametrize("text, expected", [
    ("Cambodia moved 400 troops along its border with Thailand close to Preah Vihear.",
     [(400, "bd:KH-TH", "KH", "place.border")]),
    ("Ethiopia has massed tens of thousands of troops near the border with Eritrea.",
     [(None, "bd:ER-ET", "ET", "place.border")]),
    ("About 20,000 Russian troops are still close to the Ukrainian border.", [(20000, "bd:RU-UA", "RU", "place.border")]),
    # a group defends the border of its home country (forces.tsv area)
    ("Hezbollah has massed 3,000 fighters in the border area with Israel.", [(3000, "bd:IL-LB", "Hezbollah", "place.border")]),
    # "at the border" with one other state named: its border with the forces' state, near the part named
    ("As tension with India grew, China kept 20,000 troops at the border, with a division ready in Xinjiang.",
     [(20000, "bd:CN-IN", "CN", "place.border")]),
    # ... with no part named, a long border gives no dot; two small neighbours' border its middle
    ("As tension with India grew, China kept 20,000 troops at the border.", []),
    ("Armenia says 20,000 Azerbaijani troops massed at the border.", [(20000, "bd:AM-AZ", "AZ", "place.border")]),
])
def test_the_border_with_another_state(pipeline, text, expected):
    assert [(d.figure.count, d.place.id, d.force, d.rules[1]) for d in extract(text)] == expected


def test_a_border_is_placed_near_the_part_named(pipeline):
    (d,) = extract("As tension with India grew, China kept 20,000 troops at the border, with a division ready in Xinjiang.")
    assert d.place.lon < 81  # the western part, by Ladakh and Aksai Chin, not the border's middle by Sikkim


@pytest.mark.parametrize("text, expected", [
    # a force named in the sentences before ("the South Korean military") rather than any actor there
    ("Seoul's army intends to add launchers in Seongju. It follows a North Korean missile test the day "
     "before. The first two launchers arrived in Pyeongtaek in March.", [(2, "Pyeongtaek", "KR")]),
    # ... up to four sentences before
    ("Russian troops began to move from Kursk. Analysts say an offensive is near. The main axes are three. "
     "Some 20,000 troops are concentrated near Sumy.", [(20000, "Sumy", "RU")]),
    # ... but not a force named as the adversary
    ("Hezbollah told its fighters who face the Israeli army to stand ready. Some 2,000 fighters were sent to Tyre.",
     [(2000, "Tyre", "Hezbollah")]),
])
def test_the_force_of_the_sentences_before(pipeline, text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a town, region or front that has the figure, or a list of places and figures (the place finder
    # reads "the Kupiansk direction" as a location too)
    ("Russian troops are regrouping. Officials expect that the Kupiansk direction will have about 10,000 more soldiers, "
     "Lyman – about 4,000 more soldiers.", [(10000, "Kupyansk", "RU", "place.before"), (4000, "Lyman", "RU", "place.has")]),
    ("Kaliningrad has about 20,000 Russian troops.", [(20000, "Kaliningrad", "RU", "place.has")]),
    # a capital standing for its government has no troops there; a country's troops are its own
    ("Moscow has 5,000 troops ready, the ministry said.", []),
])
def test_a_place_that_has_the_figure(pipeline, text, expected):
    assert [(d.figure.count, d.place.name, d.force, d.rules[1]) for d in extract(text)] == expected
