"""Counts of forces that are no deployment (geomap/guards.py), through find_figures."""
import pytest

from geomap.figures import FigureFinder, find_figures


# -- counts of forces that are no deployment, decided by the clause ----------------------
# sentence, the figures that must remain (everything else must not appear)
@pytest.mark.parametrize("sentence, expected", [
    # losses: a verb of loss governs a whole list of counts, not only its first
    ("Kyiv says Moscow lost 40,000 soldiers, 2,000 tanks and 900 guns near Vuhledar.", []),
    ("The brigade destroyed 14 tanks, six howitzers and three helicopters east of Kupiansk.", []),
    ("Air defences shot down 25 drones over Odesa overnight.", []),
    ("The navy sank two landing ships and damaged a submarine off Sevastopol.", []),
    ("Artillery killed 30 soldiers near Robotyne, and Russia moved 4,000 troops there.", ["4,000 troops"]),
    ("Clashes killed 12 people and 3,000 troops were sent to the border.", ["3,000 troops"]),  # a military verb
    # a military verb after the verb of loss starts a count of its own, though a list seems to go on
    ("Militants killed 20 soldiers, so Moscow sent reinforcements, about 3,000 troops, to the town.", ["3,000 troops"]),
    ("Casualties stood at 300 soldiers, so Moscow deployed reinforcements, about 3,000 troops, to the town.", ["3,000 troops"]),
    # strikes: munitions fired or launched are spent, not deployed
    ("North Korea fired four ballistic missiles into the sea off its east coast.", []),
    ("Overnight Russia launched a wave of 60 drones at Kharkiv.", []),
    ("Russia moved 60 drones and 12 missile launchers to Crimea.", ["60 drones", "12 missile launchers"]),
    # equipment that is aid, sold, ordered or produced
    ("Washington approved the sale of 66 F-16 fighter jets to Taipei.", []),
    ("Berlin will deliver 18 Leopard tanks to Ukraine next month.", []),
    ("Canada sent eight tanks to Kyiv as part of a military aid package.", []),
    ("Warsaw has ordered 250 Abrams tanks from the United States.", []),
    ("Poland deployed 250 Abrams tanks near the Belarusian border.", ["250 Abrams tanks"]),
    ("The US will send 3,000 troops to Poland and deliver 20 howitzers to Kyiv.", ["3,000 troops"]),
    # troops someone aims to raise or train
    ("The Kremlin wants to raise an army of 1.5 million soldiers.", []),
    ("Moscow plans to recruit 400,000 contract soldiers this year.", []),
    ("Britain has trained 30,000 Ukrainian soldiers since 2022.", []),
    # more losses: surrendered, exchanged, the bodies of
    ("About 700 marines surrendered at the steel plant.", []),
    ("The two sides exchanged 150 soldiers on Friday.", []),
    ("The bodies of 40 soldiers were handed over in Zaporizhzhia.", []),
    # munitions, factories and sorties counted with a unit word before them
    ("Brussels will send one million artillery shells to Kyiv.", []),
    ("Tehran has built three drone factories near Isfahan.", []),
    ("Beijing flew 45 aircraft sorties near Taiwan.", []),
    ("Moscow sent 200 tank crews to Belarus.", ["200 tank crews"]),         # crews are forces
    # strikes written with the verb after the count
    ("Nearly all of the 200 drones and missiles fired by Tehran were intercepted.", []),
    ("About 90 rockets were launched at Haifa overnight.", []),
    # what a carrier or a base can carry is no count of what is there
    ("The carrier can carry more than 70 aircraft.", []),
    # an order to go somewhere is a deployment; an order from a maker is not
    ("The Pentagon ordered two destroyers to the Red Sea.", ["two destroyers"]),
    ("New Delhi ordered 26 Rafale jets for its navy.", []),
    # a noun of loss, and the verb that counts a list
    ("Russian losses near Vuhledar include 130 tanks and 250 armoured vehicles.", []),
    ("Casualties stood at 300 soldiers, 20 tanks and five helicopters.", []),
    ("Despite heavy losses, Moscow has 5,000 troops in Vuhledar.", ["5,000 troops"]),   # no count verb after
    # a list of strikes after one verb of firing
    ("The Houthis launched 18 drones and two missiles at ships in the Red Sea.", []),
    ("Moscow moved 20 drones and three missiles to Crimea.", ["20 drones", "three missiles"]),
    # formations and armies to be formed, forces to be grown, soldiers trained
    ("Moscow plans to form 14 new divisions by 2026.", []),
    ("Helsinki wants to expand its wartime army to 280,000 troops.", []),
    ("Some 20,000 Ukrainian recruits have been trained in Poland.", []),
    ("Moscow has increased its troops near Kharkiv to 90,000.", ["troops near Kharkiv to 90,000"]),  # not an army's size
    # received equipment and arsenals
    ("Kyiv has received 120 tanks from its allies.", []),
    ("The group has an arsenal of 150,000 rockets in Lebanon.", []),
    ("Moscow deployed 400,000 contract soldiers along the front.", ["400,000 contract soldiers"]),
    # a state's whole force, owned and then counted
    ("Russia's army numbers 1.15 million troops.", []),
    ("Ukraine's armed forces of 900,000 soldiers are stretched thin.", []),
    ("Its standing army of 120,000 troops is the region's largest.", []),
    ("Russia's army has 5,000 troops in Belarus.", ["5,000 troops"]),         # "has" with a place: present there
    ("Russia has an army of 100,000 troops near the border.", ["100,000 troops"]),  # not owned: a build-up
])
def test_counts_that_are_no_deployment(sentence, expected):
    assert [f.text for f in find_figures(sentence)] == expected


# sentence, the figures that must remain
@pytest.mark.parametrize("sentence, expected", [
    ("The airbase can accommodate up to 12,000 troops.", []),               # a capacity
    ("At its peak the camp had room for 5,000 soldiers.", []),
    ("Such battalions typically number 800 to 1,000 soldiers.", []),         # the size of a kind of formation
    ("About 12,000 troops are at the airbase.", ["12,000 troops"]),
])
def test_what_a_place_or_a_formation_holds_in_general(sentence, expected):
    assert [f.text for f in find_figures(sentence)] == expected


@pytest.mark.parametrize("sentence, why", [
    ("China fired 11 ballistic missiles into the sea.", "strike"),
    ("The US approved the sale of 66 jets to Taipei.", "transfer"),
    ("The Kremlin plans to recruit 400,000 soldiers.", "raised"),
    ("The base can accommodate 10,000 troops.", "general"),
    ("Russia's army numbers 1.15 million troops.", "whole force"),
    ("Russia moved 10,000 troops to Kursk.", None),
])
def test_the_guard_says_why(sentence, why):
    finder = FigureFinder()
    guard = finder.guards.why
    finder.guards.why = lambda text, fig: None  # read the figure with the guards off, then ask them
    (fig,) = finder.find(sentence)
    assert guard(sentence, fig) == why
