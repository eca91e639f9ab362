import pytest

from gazetteer.names import fold, is_latin, key


@pytest.mark.parametrize("text", ["Gdańsk", "Kyiv’s", "Łódź", "İstanbul", "Ternopil'", "Côte d’Ivoire", "—"])
def test_fold_keeps_length(text):
    # offsets found in folded text must hold in the original
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize("a, b", [
    ("Gdańsk", "gdansk"), ("Ternopil'", "Ternopil"), ("Kyiv’s", "kyiv's"), ("the Donbas", "Donbas"),
    ("ŁÓDŹ", "lodz"), ("Bab‑el‑Mandeb", "bab-el-mandeb"), ("  Sea  of\nAzov ", "sea of azov"),
])
def test_key_matches_spellings(a, b):
    assert key(a) == key(b)


def test_is_latin():
    assert is_latin("Kropyvnytskyi") and is_latin("Gdańsk")
    assert not is_latin("Київ")
