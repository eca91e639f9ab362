"""Why a guard drops a figure (geomap/guards.py). The counts each guard drops: tests/cases/ (losses, strikes,
aid_and_orders, forces_not_present)."""
import pytest

from geomap.figures import FigureFinder


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
    finder.guards.why = lambda text, fig, low=None: None  # read the figure with the guards off, then ask them
    (fig,) = finder.find(sentence)
    assert guard(sentence, fig) == why
