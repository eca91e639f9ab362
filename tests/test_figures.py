import pytest

from geomap.figures import find_figures

# sentence, count, count_min, count_max, unit, unit_text
POSITIVE = [
    ("Moscow has sent 5,000 military personnel to Belarus.", 5000, 5000, 5000, "troops", "military personnel"),
    ("Russia will send up to 10 Su-35 fighter jets to Belarus.", 10, 1, 10, "aircraft", "fighter jets"),
    ("the country will rapidly deploy 130,000 people", 130000, 130000, 130000, "troops", "people"),
    ("to strengthen its 246,000-strong army.", 246000, 246000, 246000, "troops", "strong army"),
    ("a force of 175k troops", 175000, 175000, 175000, "troops", "troops"),
    ("the movement of 100 battalion tactical groups", 100, 100, 100, "units", "battalion tactical groups"),
    ("now also thousands of combat troops to Belarus", None, 1000, 9999, "troops", "combat troops"),
    ("tens of thousands of troops massed", None, 10000, 99999, "troops", "troops"),
    ("hundreds of armored vehicles", None, 100, 999, "armor", "armored vehicles"),
    ("between 3,000 and 4,000 troops", 3500, 3000, 4000, "troops", "troops"),
    ("2,000 to 2,500 soldiers", 2250, 2000, 2500, "troops", "soldiers"),
    ("forty thousand troops", 40000, 40000, 40000, "troops", "troops"),
    ("twelve warships", 12, 12, 12, "ships", "warships"),
    ("two dozen tanks", 24, 24, 24, "armor", "tanks"),
    ("Russia has 1.2 million active-duty personnel.", 1200000, 1200000, 1200000, "troops", "personnel"),  # hyphenated modifier
    ("5,000 Russian-backed fighters", 5000, 5000, 5000, "troops", "fighters"),
    ("Russia sent 10 long-range bombers.", 10, 10, 10, "aircraft", "bombers"),
    ("The army will grow to 1.5m troops.", 1500000, 1500000, 1500000, "troops", "troops"),               # m for million
    ("The US has 1.3 million active duty troops.", 1300000, 1300000, 1300000, "troops", "troops"),
    ("about 8,500 U.S.-based troops on heightened alert", 8500, 7650, 9350, "troops", "troops"),  # "-based" after a name
    ("four battalions", 4, 4, 4, "units", "battalions"),
    ("1.5 million reservists", 1500000, 1500000, 1500000, "troops", "reservists"),
    ("about 15,000 troops", 15000, 13500, 16500, "troops", "troops"),
    ("more than 100,000 troops", 100000, 100000, None, "troops", "troops"),
    ("at least 30 helicopters", 30, 30, None, "aircraft", "helicopters"),
    ("several dozen drones", None, 24, 99, "aircraft", "drones"),
    ("8,500 U.S. troops were put on alert", 8500, 8500, 8500, "troops", "troops"),
    ("seven S-400 air defense systems", 7, 7, 7, "air_defense", "air defense systems"),
    ("24 howitzers", 24, 24, 24, "artillery", "howitzers"),
    ("dozens of Iskander missiles", None, 24, 99, "missiles", "missiles"),
    ("Russia sent 5.000 troops", 5000, 5000, 5000, "troops", "troops"),       # thousands with a full stop
    ("Russia sent 5 000 troops", 5000, 5000, 5000, "troops", "troops"),       # thousands with a space
    ("some 2.5 thousand troops", 2500, 2250, 2750, "troops", "troops"),       # a decimal stays a decimal
    ("21,000 air, sea and ground forces", 21000, 21000, 21000, "troops", "forces"),  # coordinated modifiers
    ("Russia sent 5,000 Russian and Belarusian troops", 5000, 5000, 5000, "troops", "troops"),
]

# each row guards against a figure that is not a count of forces
NEGATIVE = [
    "The United States has provided more than $ 2.5 billion in military aid to Ukraine",  # money
    "from $ 250 million to $ 300 million a year",                                          # money
    "The column stretched 500m along the road near the troops' camp",                      # metres, not millions
    "More than 14 thousand people lost their lives in the conflicts",                      # casualties
    "500 soldiers were killed and 1,200 wounded",                                          # casualties
    "Thousands of these migrants are now stuck along the borders",                         # migrants
    "Russia annexed Crimea in 2014",                                                       # a year
    "Russia will send Su-35 fighter jets",                                                 # model number
    "F-16 jets and MiG-29 fighters and Tu-95 bombers",                                     # model numbers
    "the 20th Guards Army and the 82nd Airborne Division",                                 # formation names
    "the 58th Army moved",                                                                 # formation name
    "Resolution 2334 was adopted by 14 votes",                                             # resolution, votes
    "about 40 percent of the troops",                                                      # a share
    "a column 60 km long",                                                                 # a distance
    "the exercises will take place on February 10-20",                                     # dates
    "5,000 people attended the rally",                                                     # people, no military verb
    "Troops were deployed to protect 20,000 people in the camp",                           # the verb governs no count
    "Police were sent to guard 3,000 people at the rally",
    "Five officers, two in uniform, responded to the call",                                # officers: no military verb
    "Four police officers were hurt in the crash",                                         # victims
    "a 19-year-old soldier",                                                               # an age
    "Paratroopers of 16 Air Assault Brigade landed in Estonia",                            # a formation's name
    "Marines of 3 Commando Brigade trained in Norway",                                     # singular after 3: a name
    "posts held by the army's 81 and 114 Brigades",                                        # names after a list
    "On 24 February troops crossed the border",                                            # a date, day first
    "On February 24 troops crossed the border",                                            # a date, month first
    "Since 1 March Russian forces have shelled Kharkiv",
    "Convoys on Route 66 carried troops",
    "Resolution 1701 forces Hezbollah back",                                               # a label's number
    "Unit 8200 soldiers intercepted the calls",
    "The navy's Type 055 destroyers",
    "Berlin sent Leopard 2 tanks to Kyiv",                                                 # a model's mark
    "London pledged Challenger 2 tanks",
    "At 0600 troops moved north",                                                          # a time
    "At 05:30 troops moved north",
    "Nine out of 10 troops backed the plan",                                               # ratios
    "One in 5 soldiers deserted",
    "Losses ran at 3 per 1,000 troops",
    "Top 10 Most Powerful Armies In The World",                                            # a ranking
]


@pytest.mark.parametrize("sentence, count, low, high, unit, unit_text", POSITIVE)
def test_figures(sentence, count, low, high, unit, unit_text):
    figures = find_figures(sentence)
    assert len(figures) == 1, figures
    f = figures[0]
    assert (f.count, f.count_min, f.count_max, f.unit, f.unit_text) == (count, low, high, unit, unit_text)
    assert sentence[f.start:f.end] == f.text


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_not_figures(sentence):
    assert find_figures(sentence) == []


def test_qualifier_is_kept():
    (f,) = find_figures("Russia will send up to 10 Su-35 fighter jets")
    assert f.qualifier == "up to"


@pytest.mark.parametrize("sentence", [
    "at least 24 civilians, 24 Kurdish fighters, and 25 militiamen have been killed",  # victims named later
    "the population declined an average of 11 people per day",                         # a rate
    "six companies, including Facebook and Google, entered the bid",                   # firms, not units
])
def test_more_not_figures(sentence):
    assert find_figures(sentence) == []


def test_sent_before_killed_is_still_a_deployment():
    (f,) = find_figures("Russia sent 5,000 troops to the area where 12 people were killed")
    assert f.count == 5000


def test_one_step_unit_reading_agrees_with_the_word_by_word_reading():
    """The compiled unit pattern is a shortcut: wherever it answers, the token loop answers the same."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geomap.figures import FigureFinder

    fast = FigureFinder()
    slow = FigureFinder()
    slow._unit_fast = re.compile(r"(?!)")  # never matches: every figure goes word by word
    lex = fast.lex
    words = st.sampled_from(sorted(lex.units) + sorted(lex.modifiers) + sorted(lex.not_units)
                            + ["Russian", "U.S.", "Su-35", "NATO", "the", "-", "…", "to", "Belarus", "Troops", "km"])
    seps = st.sampled_from([" ", "  ", "\n", "-", ", ", ". ", " and ", ", and ", " or "])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.tuples(words, seps), min_size=1, max_size=7), st.sampled_from(["5,000", "twelve", "thousands of"]))
    def agree(parts, number):
        text = f"Russia deployed {number} " + "".join(w + s for w, s in parts) + "near Kursk."
        assert [vars_of(f) for f in fast.find(text)] == [vars_of(f) for f in slow.find(text)]

    def vars_of(f):
        return (f.start, f.end, f.count, f.unit, f.unit_text)

    agree()


def test_a_bare_number_takes_the_unit_of_the_figure_before():
    text = "The Pentagon will send 2,000 troops to Germany, about 1,000 to Romania and 500 to Poland."
    assert [(f.text, f.count, f.count_min, f.count_max, f.unit_text) for f in find_figures(text)] == [
        ("2,000 troops", 2000, 2000, 2000, "troops"), ("1,000", 1000, 900, 1100, "troops"), ("500", 500, 500, 500, "troops")]


@pytest.mark.parametrize("sentence, expected", [
    ("Russia sent 5,000 troops to Belarus, 30 km from Kyiv, and 10 to Minsk.", ["5,000 troops"]),  # another number first
    ("Russia sent 5,000 troops to Belarus in 2021 and 2022 in Ukraine.", ["5,000 troops"]),        # a year
    ("Russia sent 5,000 troops to Belarus, and 20 journalists went to Minsk.", ["5,000 troops"]),  # a noun of its own
    ("The US gave $2 billion to Ukraine and 1 billion to Moldova.", []),             # no figure to inherit from
    ("Shelling killed 20 soldiers in Bakhmut and 10 in Avdiivka.", []),              # casualties: no figure either
])
def test_no_unit_inherited(sentence, expected):
    assert [f.text for f in find_figures(sentence)] == expected


def test_victims_counted_apart_do_not_make_a_figure_casualties():
    (f,) = find_figures("India sent 30,000 soldiers to the border after clashes killed 20 Indian soldiers")
    assert f.count == 30000


# a word of victims after the figure in its clause makes it victims, but for these
@pytest.mark.parametrize("sentence, expected", [
    ("NATO will keep 500 troops in Estonia for a year.", ["500 troops"]),          # a duration, not a rate
    ("Moscow moved 500 troops a day to the border.", []),                          # a rate
    ("Rwanda sent 1,000 troops to Cabo Delgado, where the insurgency has left thousands dead.",
     ["1,000 troops"]),                                                             # the place's own clause
    ("Rwanda sent 1,000 troops to Cabo Delgado and thousands were left dead.", []),  # one clause: victims
])
def test_victims_words_in_the_clause(sentence, expected):
    assert [f.text for f in find_figures(sentence)] == expected


@pytest.mark.parametrize("sentence, count, low, high, unit_text", [
    ("Russian forces estimated at 30,000 are stationed in Belarus.", 30000, 27000, 33000, "forces"),  # an estimate
    ("Russian forces in Belarus numbered about 30,000.", 30000, 27000, 33000, "forces"),
    ("Wagner fighters in Libya number about 1,200, according to the UN.", 1200, 1080, 1320, "fighters"),
    ("The number of Russian troops in Crimea has grown to 32,000.", 32000, 32000, 32000, "troops"),
    ("The total number of Russian troops in Belarus is about 30,000.", 30000, 27000, 33000, "troops"),
    ("Russia has increased its troops near Ukraine to 175,000.", 175000, 175000, 175000, "troops"),
    ("The US will cut its troops in Germany to 25,000.", 25000, 25000, 25000, "troops"),
    ("Russian troops stationed in Belarus are 30,000 strong.", 30000, 30000, 30000, "troops"),
    ("Eritrean troops, numbering in the thousands, remain in Tigray.", None, 1000, 9999, "troops"),  # vague
])
def test_a_count_after_its_unit(sentence, count, low, high, unit_text):
    (f,) = find_figures(sentence)
    assert (f.count, f.count_min, f.count_max, f.unit_text) == (count, low, high, unit_text)
    assert f.unit == "troops" and sentence[f.start:f.end] == f.text


@pytest.mark.parametrize("sentence", [
    "The number of Ukrainian soldiers killed in Bakhmut rose to 5,000, officials said.",  # victims
    "Russian troops reached 30 km from Kyiv.",                                           # a distance
    "Russian troops advanced to 2022 positions near Kharkiv.",                           # a year, and no count word
    "The number of soldiers on the front line is 10 times greater than last year.",      # a ratio
    "The number of displaced people in Sudan reached 10 million.",                       # people, not forces
    "Troops in the region are 5 km from the border.",
    "Russian troops are 5,000 and more are coming.",                                      # "are" alone: no count
])
def test_no_count_after_a_unit(sentence):
    assert find_figures(sentence) == []


def test_a_count_after_its_unit_is_not_read_twice():
    # the count has a unit of its own after it: one figure, read the usual way
    assert [f.text for f in find_figures("Russian forces numbering 30,000 troops are in Belarus.")] == ["30,000 troops"]


def test_a_designation_before_fighters_makes_them_aircraft():
    (f,) = find_figures("Beijing has stationed 40 J-20 fighters at Hotan.")
    assert (f.count, f.unit) == (40, "aircraft")
    (f,) = find_figures("Some 1,500 Wagner fighters arrived.")  # a name, not a designation: people
    assert f.unit == "troops"


def test_a_part_of_the_figure_before_takes_its_unit():
    text = "The first of 3,000 U.S. troops arrived on Sunday. About 1,700 of them will be based in Rzeszow."
    assert [(f.text, f.count, f.unit_text, f.elliptic) for f in find_figures(text)] == [
        ("3,000 U.S. troops", 3000, "troops", False), ("1,700", 1700, "troops", True)]
    assert [f.text for f in find_figures("The army has 5,000 soldiers. In 2020, 300 of them died in training.")] == [
        "5,000 soldiers"]  # victims
    assert [f.text for f in find_figures("Of 300 delegates, 20 of them spoke.")] == []  # no figure before


@pytest.mark.parametrize("sentence", [
    "Roughly half of the 100,000 troops are in Crimea.",
    "Most of the 3,000 soldiers will be based in Poland.",
    "About 60 percent of its 150,000 troops are near the border.",
])
def test_a_share_of_a_figure_is_not_the_figure(sentence):
    assert find_figures(sentence) == []


@pytest.mark.parametrize("sentence, count", [
    ("Russia sent forty-five tanks to Kursk.", 45),           # a hyphenated number, not the range 40 to 5
    ("Britain sent twenty-one warships.", 21),
    ("They sent one hundred and twenty tanks.", 120),           # "and" after "hundred" joins the number
    ("Some two hundred and fifty thousand troops massed.", 250000),
])
def test_numbers_in_words(sentence, count):
    (f,) = find_figures(sentence)
    assert f.count == count


def test_and_between_two_numbers_does_not_add_them():
    assert [f.count for f in find_figures("Russia sent ten and twenty tanks.")] == [20]


@pytest.mark.parametrize("sentence, count, low, high", [
    ("Russia increased its forces near Ukraine from 100,000 to 130,000 troops.", 130000, 130000, 130000),
    ("The number grew from 90,000 troops to 130,000.", 130000, 130000, 130000),
    ("The force will grow from about 5,000 troops to more than 8,000.", 8000, 8000, None),
])
def test_a_change_of_strength_counts_what_it_reaches(sentence, count, low, high):
    (f,) = find_figures(sentence)
    assert (f.count, f.count_min, f.count_max) == (count, low, high)


def test_a_change_to_a_distance_is_no_change_of_strength():
    assert [(f.text, f.count) for f in find_figures("They moved from 100 tanks to 20 km away.")] == [("100 tanks", 100)]


@pytest.mark.parametrize("sentence, count, unit", [
    ("Germany sent 18 Leopard 2 tanks.", 18, "armor"),          # not "2 tanks"
    ("Britain sent 14 Challenger 2 tanks.", 14, "armor"),
    ("Ukraine deployed 20 Bayraktar TB2 drones.", 20, "aircraft"),  # (received: aid, no figure)
    ("Russia moved 40 2S19 Msta howitzers.", 40, "artillery"),   # not "2" of "2S19"
])
def test_a_designation_with_a_number_is_not_the_count(sentence, count, unit):
    (f,) = find_figures(sentence)
    assert (f.count, f.unit) == (count, unit)


@pytest.mark.parametrize("sentence, text, unit", [
    ("Russia moved 30 tank battalions.", "30 tank battalions", "units"),       # not 30 tanks
    ("Russia has 5 artillery brigades near Kharkiv.", "5 artillery brigades", "units"),
    ("The navy has 100 missile boats.", "100 missile boats", "ships"),
    ("Some 200 tank crews were sent.", "200 tank crews", "troops"),  # (trained: raised, no figure)
    ("They sent 40 troop carriers.", "40 troop carriers", "armor"),
    ("Russia moved two motor rifle divisions to Belarus.", "two motor rifle divisions", "units"),  # modifiers
])
def test_a_unit_word_before_another_names_what_is_counted(sentence, text, unit):
    (f,) = find_figures(sentence)
    assert (f.text, f.unit) == (text, unit)


# -- units that real reports qualify or name in ways of their own ---------------------------
# sentence, [(figure text, count, unit)] (nothing else may appear)
@pytest.mark.parametrize("sentence, expected", [
    # a compound of letters before the unit is one modifier, in any case
    ("Berlin will station 4,800 combat-ready troops in Lithuania.", [("4,800 combat-ready troops", 4800, "troops")]),
    ("Some 600 battle-hardened paratroopers landed at Gostomel.", [("600 battle-hardened paratroopers", 600, "troops")]),
    ("About 400 Iranian-trained militiamen crossed into Syria.", [("400 Iranian-trained militiamen", 400, "troops")]),
    ("The squadron brought ten CV-22 Osprey tilt-rotor aircraft to Misawa.",
     [("ten CV-22 Osprey tilt-rotor aircraft", 10, "aircraft")]),
    ("RUSSIA MOVES 3,000 BATTLE-READY TROOPS TO KURSK", [("3,000 BATTLE-READY TROOPS", 3000, "troops")]),
    ("The Kremlin Sends 5,000 Combat-Ready Soldiers To Crimea", [("5,000 Combat-Ready Soldiers", 5000, "troops")]),
    ("a 19-year-old conscript", []),                                       # an age, not a modifier
    ("The convoy stretched 30 km-long troops", []),                         # a measure inside the compound
    # nouns used as modifiers: "junta soldiers", "militia vessels", "coast guard ships"
    ("Nearly 90 junta soldiers were flown to Sittwe.", [("90 junta soldiers", 90, "troops")]),
    ("Manila counted 40 Chinese maritime militia vessels near Whitsun Reef.",
     [("40 Chinese maritime militia vessels", 40, "ships")]),
    ("Beijing sent 12 coast guard ships to the Senkaku Islands.", [("12 coast guard ships", 12, "ships")]),
    ("The group keeps more than 3000 experienced fighters in the south.", [("3000 experienced fighters", 3000, "troops")]),
    # forces named by nouns of their own
    ("Nairobi will deploy 1,000 police to Port-au-Prince.", [("1,000 police", 1000, "troops")]),
    ("About 2,500 Kenyan police will be deployed to Haiti.", [("2,500 Kenyan police", 2500, "troops")]),
    ("Around 3,000 police attended the match in Madrid.", []),           # police, no military verb
    ("They joined 2,000 Army reserves already at the border.", [("2,000 Army reserves", 2000, "troops")]),
    ("Washington has fewer than 900 boots on the ground in Syria.", [("900 boots on the ground", 900, "troops")]),
    ("The army sent 300 combat engineers to Kherson.", [("300 combat engineers", 300, "troops")]),
    ("The navy moved six cutters to the strait.", [("six cutters", 6, "ships")]),
    # "members" of a named force are forces; of a club or a parliament they are not
    ("Some 150 members of the 1st Marine Division arrived in Darwin.", [("150 members", 150, "troops")]),
    ("There are 2,000 members of the National Guard on the border.", [("2,000 members", 2000, "troops")]),
    ("About 300 members of parliament voted for the bill.", []),
    ("Some 150 members of the club met in Riga.", []),
])
def test_units_as_real_reports_write_them(sentence, expected):
    assert [(f.text, f.count, f.unit) for f in find_figures(sentence)] == expected


# -- figures in quotation marks ---------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Officials said Moscow had moved 'tens of thousands' of troops to the border.",
     [("tens of thousands' of troops", None, 10000, 99999, None)]),
    ("“Several thousand” additional troops were put on standby.", [("Several thousand” additional troops", None, 2000, 9999, None)]),
    ('The alliance said "well over 1,000" Russian troops were in Donbas.', [('1,000" Russian troops', 1000, 1000, None, "well over")]),
    ("He called the 'thousands' figure a lie.", []),                     # a quoted number with no unit after
    ("Moscow's 5' troops", []),                                          # an apostrophe opens no quotation
])
def test_figures_in_quotation_marks(sentence, expected):
    assert [(f.text, f.count, f.count_min, f.count_max, f.qualifier) for f in find_figures(sentence)] == expected


# -- one formation or warship written with "a", "an", "another" --------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Kyiv sent a battalion to Chasiv Yar.", [("a battalion", 1, "units")]),
    ("The alliance plans to deploy an armoured brigade in Lithuania.", [("an armoured brigade", 1, "units")]),
    ("Moscow Deploys An Elite Brigade To Pskov", [("An Elite Brigade", 1, "units")]),
    ("Washington ordered a second carrier strike group to the Gulf.", [("a second carrier strike group", 1, "ships")]),
    ("Washington dispatched an aircraft carrier to the eastern Mediterranean.", [("an aircraft carrier", 1, "ships")]),
    ("Kyiv sent another brigade to Pokrovsk and 500 troops to Kupiansk.",
     [("another brigade", 1, "units"), ("500 troops", 500, "troops")]),
    ("Beijing moved a division of troops to the border.", [("a division", 1, "units")]),
    ("Russia has a brigade in Pskov.", []),                                # no military verb: no count
    ("The army sent a battalion commander to Kharkiv.", []),               # a person of the battalion
    ("The navy sent a ship to evacuate civilians.", []),                   # "a ship" alone: too often no force
])
def test_one_formation_in_words(sentence, expected):
    assert [(f.text, f.count, f.unit) for f in find_figures(sentence)] == expected


# -- bare numbers that take the unit of the figure before ---------------------------------
@pytest.mark.parametrize("text, expected", [
    # "N from <countries> in <place>": the origin of the troops between the number and its place
    ("About 600 troops from Spain are based in Latvia, 450 from Canada in Poland and 1,200 from Germany, "
     "France and the Netherlands in Lithuania.",
     [("600 troops", 600, False), ("450", 450, True), ("1,200", 1200, True)]),
    # "N more" and a verb after a figure: more of the same unit
    ("Some 14 Chinese ships sat inside the lagoon while dozens more circled outside.",
     [("14 Chinese ships", 14, False), ("dozens", None, True)]),
    ("Moscow sent 3,000 troops to Belarus, and 1,000 more arrived on Monday.",
     [("3,000 troops", 3000, False), ("1,000", 1000, True)]),
    ("Moscow sent 3,000 troops and 1,000 more than last year.", [("3,000 troops", 3000, False)]),  # a comparison
    ("Kyiv lost 40 tanks and dozens more were damaged.", []),                # losses, both
    # a list of places after a semicolon, or after "consisting of"
    ("The Pentagon will send 900 troops to Nevada; 700 to Utah and 400 to Idaho.",
     [("900 troops", 900, False), ("700", 700, True), ("400", 400, True)]),
    ("In all 2,000 troops will go, consisting of 1,200 in Alaska; and 800 in Hawaii.",
     [("2,000 troops", 2000, False), ("1,200", 1200, True), ("800", 800, True)]),
    # more of the figure before, sent in a later sentence
    ("A first group of 120 instructors landed in Niamey. A further 300 would be deployed in the coming weeks.",
     [("120 instructors", 120, False), ("300", 300, True)]),
    ("Britain sent 800 soldiers to Estonia. Another 400 are expected to arrive in May.",
     [("800 soldiers", 800, False), ("400", 400, True)]),
    ("Britain sent 800 soldiers to Estonia. Another 400 were wounded in training.", [("800 soldiers", 800, False)]),
    ("Britain sent 800 soldiers to Estonia. An additional 2 billion will be sent in aid.", [("800 soldiers", 800, False)]),
    ("Another 400 will be deployed soon.", []),                             # no figure before to take a unit from
])
def test_more_bare_numbers_take_the_unit_before(text, expected):
    assert [(f.text, f.count, f.elliptic) for f in find_figures(text)] == expected


# -- the strength of a force named before the number, with no unit after it ----------------
@pytest.mark.parametrize("sentence, expected", [
    ("Paris sent a force of 3,000 to Gao.", [("force of 3,000", 3000, 3000, 3000, "force")]),
    ("Moscow keeps a garrison of about 7,000 in Dushanbe.", [("garrison of about 7,000", 7000, 6300, 7700, "garrison")]),
    ("Rome sent a force of 3,000 troops to Herat.", [("3,000 troops", 3000, 3000, 3000, "troops")]),  # the usual way
    ("The Kremlin wants to raise an army of 100,000 by June.", []),       # to be raised
    ("Its army of 100,000 is the largest in the region.", []),             # a state's whole force
    ("The force of 12 was small.", []),                                     # too few to be a force's strength
    ("The division of 2022 was redrawn.", []),                              # a year
])
def test_the_strength_of_a_force_named_before(sentence, expected):
    assert [(f.text, f.count, f.count_min, f.count_max, f.unit_text) for f in find_figures(sentence)] == expected


# -- machines counted by their designation, with no unit word after -------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Washington sent 12 F-35s to Lask.", [("12 F-35s", 12, "aircraft")]),
    ("The air force flew two B-52s over the peninsula.", [("two B-52s", 2, "aircraft")]),
    ("They based 40 MQ-9 Reapers in Qatar.", [("40 MQ-9 Reapers", 40, "aircraft")]),      # a name after it
    ("Moscow put 4 S-400s near Kaliningrad.", [("4 S-400s", 4, "air_defense")]),
    ("Kyiv deployed 18 M777s near Kherson.", [("18 M777s", 18, "artillery")]),             # the longest prefix:
    ("Warsaw moved 20 M1A2s near Brest.", [("20 M1A2s", 20, "armor")]),                    # M777 and M1
    ("He saw 5 Su-35s.", [("5 Su-35s", 5, "aircraft")]),                                    # at a full stop
    ("Some 12 MPs voted against.", []),                                                     # no designation
    ("Thirty F1s raced at Monza.", []),                                                     # no hyphen: no aircraft
    ("Moscow will send Su-35 fighter jets.", []),                                           # a model, no count
])
def test_machines_counted_by_designation(sentence, expected):
    assert [(f.text, f.count, f.unit) for f in find_figures(sentence)] == expected


# -- names, possessives and sizes written before the unit -----------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Moscow sent 2,000 of Russia's elite paratroopers to Kursk.", [("2,000 of Russia's elite paratroopers", 2000, "troops")]),
    ("Taipei tracked 19 People's Liberation Army aircraft near the island.",
     [("19 People's Liberation Army aircraft", 19, "aircraft")]),       # "People" is no unit before "'s"
    ("Manila saw 30 Chinese coast guard and maritime militia vessels off Scarborough Shoal.",  # five modifiers
     [("30 Chinese coast guard and maritime militia vessels", 30, "ships")]),
    ("Tokyo based 20 F-35 stealth fighters at Misawa.", [("20 F-35 stealth fighters", 20, "aircraft")]),
    ("Kyiv moved some 2,500 highly trained special operations forces north.",
     [("2,500 highly trained special operations forces", 2500, "troops")]),
    ("Some 900 service members arrived in Kuwait.", [("900 service members", 900, "troops")]),  # not a people noun
    ("Paris sent a 1,200-man force to Gao.", [("1,200-man force", 1200, "troops")]),
    ("Nairobi pledged a 1,000-member contingent for Haiti.", [("1,000-member contingent", 1000, "troops")]),
    ("the 5,000 soldiers' families", [("5,000 soldiers", 5000, "troops")]),
    ("Five men's teams took part.", []),
    ("In March 5,000 troops crossed the river.", [("5,000 troops", 5000, "troops")]),   # not a day: too large
    ("In May 300 troops arrived.", [("300 troops", 300, "troops")]),
    ("Sector 7 held 300 troops.", [("300 troops", 300, "troops")]),                    # the label's number alone
])
def test_names_and_sizes_before_the_unit(sentence, expected):
    assert [(f.text, f.count, f.unit) for f in find_figures(sentence)] == expected


@pytest.mark.parametrize("sentence, count, low, high", [
    ("Pyongyang sent 10-12,000 troops to Kursk.", 11000, 10000, 12000),     # the first shares the scale
    ("Between 1 and 2 million soldiers were mobilised.", 1500000, 1000000, 2000000),
    ("Some 100-1,000 troops may go.", 550, 100, 1000),                      # a range as written
])
def test_a_range_whose_first_number_shares_the_scale(sentence, count, low, high):
    (f,) = find_figures(sentence)
    assert (f.count, f.count_min, f.count_max) == (count, low, high)


@pytest.mark.parametrize("sentence, expected", [
    ("Beijing keeps two divisions' worth of troops (about 25,000) near Aksai Chin.",
     [("two divisions", 2, 2, 2), ("troops (about 25,000", 25000, 22500, 27500)]),
    ("A third division (12,000 troops) waits in the rear.", [("12,000 troops", 12000, 12000, 12000)]),
    ("The soldiers (5) were named in the report.", []),                  # a note, not a count
    ("Russian troops (2022) crossed the river.", []),                    # a year
    ("Local people (5,000) fled.", []),                                  # people
])
def test_a_count_in_brackets_after_its_unit(sentence, expected):
    assert [(f.text, f.count, f.count_min, f.count_max) for f in find_figures(sentence)] == expected


# -- wire copy that breaks lines inside a phrase ---------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Moscow has several\nthousand troops inside Donetsk.", [("several\nthousand troops", None, 2000, 9999, None)]),
    ("NATO counts more than\n100,000 troops near the border.", [("100,000 troops", 100000, 100000, None, "more than")]),
    ("Officials said tens of\nthousands of troops were massing.", [("tens of\nthousands of troops", None, 10000, 99999, None)]),
    ("the move\n5,000 troops", [("5,000 troops", 5000, 5000, 5000, None)]),   # a letter before a line break is no model
])
def test_line_breaks_inside_a_figure(text, expected):
    assert [(f.text, f.count, f.count_min, f.count_max, f.qualifier) for f in find_figures(text)] == expected


# -- men and people of a formation --------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Two combat groups composed of thousands of men hold the southern border.",
     [("Two combat groups", 2), ("thousands of men", None)]),
    ("A force of 5,000 men crossed the river.", [("5,000 men", 5000)]),
    ("A group of 50 people met in the square.", []),                      # a group of anyone
    ("The club of 300 members met.", []),
])
def test_men_of_a_formation(sentence, expected):
    assert [(f.text, f.count) for f in find_figures(sentence)] == expected


# -- amounts written as fractions, couples and suffixes --------------------------------------
@pytest.mark.parametrize("sentence, count, low, high, qualifier", [
    ("Moscow could field half a million troops.", 500000, 500000, 500000, None),   # not a million
    ("Nearly a quarter of a million troops massed.", 250000, 225000, 275000, "nearly"),
    ("Kyiv moved a couple of thousand troops north.", 2000, 2000, 2000, None),     # not a thousand
    ("Several hundred thousand troops massed.", None, 200000, 999999, None),      # not a thousand
    ("Navy sends half a dozen warships.", 6, 6, 6, None),
    ("Russia Deploys 10,000+ Troops To Border", 10000, 10000, None, "+"),
    ("The army moved 100-plus tanks.", 100, 100, None, "plus"),
    ("They sent 100 or so troops.", 100, 90, 110, "or so"),
    ("Some 300-odd soldiers arrived.", 300, 270, 330, "some"),                  # the qualifier before wins
    ("New Delhi moved 1.5 lakh troops to the frontier.", 150000, 150000, 150000, None),  # Indian reports
    ("Over 1 lakh soldiers guard the line.", 100000, 100000, None, "over"),
    ("Beijing keeps 1,50,000 troops opposite Ladakh.", 150000, 150000, 150000, None),    # lakhs grouped
])
def test_fractions_couples_and_suffixes(sentence, count, low, high, qualifier):
    (f,) = find_figures(sentence)
    assert (f.count, f.count_min, f.count_max, f.qualifier) == (count, low, high, qualifier)


# -- people added on a front ------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("We think the Kupiansk direction will get about 12,000 additional people, Lyman about 6,000 additional people.",
     [("12,000 additional people", 12000), ("6,000 additional people", 6000)]),
    ("Moscow keeps 50,000 more men on the Kupiansk axis.", [("50,000 more men", 50000)]),
    ("About 20,000 people remain in the town near the front.", []),       # not added: residents
    ("Some 5,000 more people fled the front line.", []),                   # victims
    ("The resort has 3,000 additional people this summer.", []),           # no front
])
def test_people_added_on_a_front(sentence, expected):
    assert [(f.text, f.count) for f in find_figures(sentence)] == expected
