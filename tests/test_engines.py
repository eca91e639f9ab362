"""Parallel and distributed runs give the serial run's outputs, byte for byte."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # the seeds and some hostile files, with enough articles to spread over workers
    import shutil

    root = tmp_path_factory.mktemp("engines") / "corpus"
    shutil.copytree(ROOT / "tests" / "data" / "hostile", root)
    for i in range(3):
        shutil.copytree(ROOT / "corpus", root / f"copy{i}")
    return root


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    from geomap.builder import build

    out = tmp_path_factory.mktemp("serial")
    build([corpus], out, formats=("geojson", "html", "csv"))
    return out


def same_outputs(a: Path, b: Path):
    for name in ("deployments.geojson", "deployments.html", "deployments.csv", "report.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_jobs_match_serial(corpus, serial, tmp_path):
    from geomap.builder import build

    build([corpus], tmp_path, formats=("geojson", "html", "csv"), jobs=2)
    same_outputs(serial, tmp_path)


def test_no_worker_processes_falls_back_to_one_with_a_warning(corpus, serial, tmp_path, monkeypatch, caplog):
    import multiprocessing.context

    from geomap.builder import build

    def refuse(self, *args, **kwargs):
        raise OSError(38, "Function not implemented")  # as on a machine without /dev/shm

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", refuse)
    build([corpus], tmp_path, formats=("geojson", "html", "csv"), jobs=2)
    same_outputs(serial, tmp_path)
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records if r.name == "geomap.engines"] == [
        ("geomap.engines", "WARNING", "cannot start 2 worker processes ([Errno 38] Function not implemented); running in one")]


def test_dask_local_cluster_matches_serial(corpus, serial, tmp_path):
    from distributed import LocalCluster

    from geomap.builder import build

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        build([corpus], tmp_path, formats=("geojson", "html", "csv"), engine="dask", scheduler=cluster.scheduler_address)
    same_outputs(serial, tmp_path)


# -- the pipeline a build is given reaches every process --------------------------------
WIDGETS = "Russia has sent 5,000 widgets to Belarus, report {}."  # "widgets": a unit only in the custom lexicon


@pytest.fixture(scope="module")
def widgets(tmp_path_factory):
    root = tmp_path_factory.mktemp("widgets")
    for i in range(6):  # more files than one worker's share
        (root / f"w{i}.txt").write_text(WIDGETS.format(i), encoding="utf-8")  # not duplicates
    return root


@pytest.fixture(scope="module")
def custom_pipeline():
    import dataclasses

    from geomap.lexicon import load
    from geomap.pipeline import Pipeline

    lexicon = load()
    return Pipeline(lexicon=dataclasses.replace(lexicon, units={**lexicon.units, "widgets": "troops"}))


def widget_deployments(out):
    import json

    features = json.loads((out / "deployments.geojson").read_text(encoding="utf-8"))["features"]
    return sorted((f["properties"]["doc"], f["properties"]["count"], f["properties"]["place"], f["properties"]["force"])
                  for f in features if f["properties"]["kind"] == "deployment")


EXPECTED_WIDGETS = [(f"w{i}.txt", 5000, "Belarus", "RU") for i in range(6)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_engine_reads_with_the_pipeline_it_is_given(widgets, custom_pipeline, tmp_path, jobs):
    from geomap.builder import build

    build([widgets], tmp_path / "custom", custom_pipeline, formats=("geojson",), jobs=jobs)
    build([widgets], tmp_path / "default", formats=("geojson",), jobs=jobs)
    assert widget_deployments(tmp_path / "custom") == EXPECTED_WIDGETS
    assert widget_deployments(tmp_path / "default") == []


def test_pool_workers_die_on_sigterm(widgets, tmp_path):
    # the build handles SIGTERM to clean up; its workers must not inherit that, or a worker
    # stuck at start-up outlives the pool's SIGTERM and the build never ends
    from geomap.builder import build
    from geomap.pipeline import Pipeline

    class Probe(Pipeline):
        def process(self, doc):
            import signal

            assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, "a worker must end on SIGTERM"
            return super().process(doc)

    build([widgets], tmp_path, Probe(), formats=("geojson",), jobs=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deployments.geojson", "report.json"]


def test_dask_engine_reads_with_the_pipeline_it_is_given(widgets, custom_pipeline, tmp_path):
    from distributed import LocalCluster

    from geomap.builder import build

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        build([widgets], tmp_path / "custom", custom_pipeline, formats=("geojson",), engine="dask",
              scheduler=cluster.scheduler_address)
        build([widgets], tmp_path / "default", formats=("geojson",), engine="dask",
              scheduler=cluster.scheduler_address)
    assert widget_deployments(tmp_path / "custom") == EXPECTED_WIDGETS
    assert widget_deployments(tmp_path / "default") == []


def test_the_shipped_pipeline_is_not_sent_to_workers(pipeline, custom_pipeline):
    import pickle

    assert len(pickle.dumps(pipeline)) < 1000  # the default travels as a marker, loaded where it runs
    assert pickle.loads(pickle.dumps(pipeline)).is_default and not custom_pipeline.is_default
    assert pickle.loads(pickle.dumps(custom_pipeline)).lexicon.units["widgets"] == "troops"


def test_unknown_engine_is_an_error(corpus, tmp_path):
    from geomap.builder import build
    from geomap.errors import GeomapError

    with pytest.raises(GeomapError, match="unknown engine 'spark'"):
        build([corpus], tmp_path, engine="spark")


def test_progress_bar_only_on_request(corpus, tmp_path, capsys):
    from geomap.builder import build

    build([ROOT / "corpus"], tmp_path / "quiet")
    assert capsys.readouterr().err == ""  # not a terminal: quiet
    build([ROOT / "corpus"], tmp_path / "loud", progress=True)
    err = capsys.readouterr().err
    assert "5/5" in err and "articles" in err


def test_large_corpus_map_aggregates():
    # one symbol per place, force and unit kind; it keeps the largest reports, knows how many there were
    from geomap.webmap import MapData

    def feature(i):
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [28.0, 53.0]}, "properties": {
            "kind": "deployment", "doc": f"{i}.txt", "start": 0, "place_id": "cc:BY", "place": "Belarus",
            "place_type": "country", "country": "BY", "force": "RU", "unit": "troops", "date": "2022-02-01",
            "count": i}}

    data = MapData(detail=10, keep=2)
    for i in range(1000):
        data.add(feature(i))
    assert len(data.deployments) == 1 and data.n_deployments == 1000 and data.docs == 1000
    (group,) = data.deployments.values()
    assert group["n"] == 1000 and [f["properties"]["count"] for f in group["features"]] == [999, 998]


def test_map_symbols_stay_bounded_over_many_dates():
    # a year of daily reports at 50 places: one symbol per place, every date known to it
    from geomap.webmap import MapData

    data = MapData(detail=1000)
    for day in range(365):
        for place in range(50):
            date = f"2022-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}"
            data.add({"type": "Feature", "geometry": {"type": "Point", "coordinates": [place, 50.0]}, "properties": {
                "kind": "deployment", "doc": f"{day}-{place}.txt", "start": 0, "place_id": f"p{place}",
                "place": f"P{place}", "place_type": "city", "country": "UA", "force": "RU", "unit": "troops",
                "date": date, "count": 100}})
    assert len(data.deployments) == 50 and all(g["n"] == 365 and g["first"] == "2022-01-01" for g in data.deployments.values())
    assert all(len(g["features"]) == data.keep == 20 for g in data.deployments.values())  # memory bounded
    assert sum(g["n"] for g in data.deployments.values()) == 365 * 50


def test_map_draws_at_most_detail_symbols_and_says_what_it_left_off(gazetteer):
    from geomap.webmap import MapData, build_map

    data = MapData(detail=20)
    for i in range(200):
        data.add({"type": "Feature", "geometry": {"type": "Point", "coordinates": [i % 90, 10.0]}, "properties": {
            "kind": "deployment", "doc": f"{i}.txt", "start": 0, "end": 3, "quote_start": 0, "quote": "100 troops",
            "place_id": f"p{i % 50}", "place": f"P{i % 50}", "place_type": "city", "country": "UA",
            "force": "RU", "unit": "troops", "date": None, "count": 100, "count_min": 100, "count_max": 100}})
    assert len(data.drawn()) == 20 and data.not_drawn == 200 - sum(data.deployments[k]["n"] for k in data.drawn())
    page = build_map(data, gazetteer).get_root().render()
    assert f"{data.not_drawn} reports in smaller groups not drawn" in page
