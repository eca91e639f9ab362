from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def gazetteer():
    from gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    from geomap.pipeline import default_pipeline

    return default_pipeline()
