"""Run the pipeline over a corpus: serially, on local cores, or on a Dask cluster.

Every engine yields one result per file, in corpus order, so the outputs of a parallel or
distributed run are byte-identical to a serial one. A worker returns plain features
(dicts), which cross process and network boundaries cheaply.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from .corpus import Skipped, iter_files, read_document, shown
from .errors import CorpusError, EngineError, GeomapError
from .export import deployment_feature, dumps, mention_features

ENGINES = ("local", "dask")


@dataclass
class ArticleOutput:
    """What one article gave, as GeoJSON features."""

    doc: str
    deployments: list[dict]
    mentions: list[dict]
    unresolved: list[str] = field(default_factory=list)
    # the features as GeoJSON text, a line each: written where the work runs, so that a
    # parallel build's writer only copies them
    deployment_lines: str = ""
    mention_lines: str = ""


def process_file(path: str, name: str) -> ArticleOutput | Skipped:
    """Read and process one file (in whatever process or worker this runs)."""
    try:
        doc = read_document(Path(path), name)
    except CorpusError as err:
        reason, where = str(err), shown(str(path))  # the name as printed: escaped
        return Skipped(where, reason[len(where) + 2:] if reason.startswith(f"{where}: ") else reason)
    from .pipeline import default_pipeline

    result = default_pipeline().process(doc)
    deployments = [deployment_feature(d) for d in result.deployments]
    mentions = mention_features(doc.doc, doc.date, doc.text, result.mentions, result.sentences)
    return ArticleOutput(doc.doc, deployments, mentions, result.unresolved,
                         "".join(dumps(f, indent=None) for f in deployments),
                         "".join(dumps(f, indent=None) for f in mentions))


def process_batch(batch: list[tuple[str, str]]) -> list[ArticleOutput | Skipped]:
    return [process_file(path, name) for path, name in batch]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run(paths, jobs: int = 1, engine: str = "local", scheduler: str | None = None,
        batch_size: int = 64) -> Iterator[ArticleOutput | Skipped]:
    """Results for every file under ``paths``, in corpus order.

    ``jobs``: worker processes for the local engine (0 = every core). ``engine="dask"``
    sends batches of files to a Dask cluster: ``scheduler`` is its address, or None for a
    local cluster of ``jobs`` workers. Files are read where the work runs, so a cluster's
    workers must see the same paths (a shared file system).
    """
    files = ((str(p), name) for p, name in iter_files(paths))
    if engine == "dask":
        yield from _run_dask(files, jobs, scheduler, batch_size)
    elif engine == "local":
        jobs = jobs or os.cpu_count() or 1
        if jobs == 1:
            for path, name in files:
                yield process_file(path, name)
        else:
            yield from _run_pool(files, jobs, batch_size)
    else:
        raise GeomapError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")


def _run_pool(files, jobs: int, batch_size: int):
    import multiprocessing

    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:  # loaded once here, the gazetteer and lexicon are shared with every worker
        from .pipeline import default_pipeline

        default_pipeline()
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    try:
        pool = ctx.Pool(jobs, initializer=_worker_signals)
    except OSError as err:  # no /dev/shm, a process limit: one process still does the job
        print(f"geomap: warning: cannot start {jobs} worker processes ({err}); running in one", file=sys.stderr)
        for path, name in files:
            yield process_file(path, name)
        return
    with pool:
        # a window of batches in flight, taken in corpus order: the workers never run far
        # ahead of the writer, so memory stays flat (imap would queue every result)
        window = 3 * jobs
        pending = []
        for batch in _batches(files, batch_size):
            pending.append(pool.apply_async(process_batch, (batch,)))
            if len(pending) >= window:
                yield from pending.pop(0).get()
        for result in pending:
            yield from result.get()


def _worker_signals() -> None:
    """Ctrl-C reaches every process of the terminal: the parent stops the pool, so a worker
    ignores it (it would print a traceback each); SIGTERM, which the parent sends to stop
    them, ends a worker at once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_dask(files, jobs: int, scheduler: str | None, batch_size: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise EngineError("the dask engine needs dask.distributed: pip install 'geomap[dask]'") from err
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except OSError as err:  # no scheduler answers there
            raise EngineError(f"{scheduler}: cannot reach the Dask scheduler ({err})") from err
    else:
        cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        window = 4 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        pending = []
        for batch in _batches(files, batch_size):
            pending.append(client.submit(process_batch, batch, pure=False))
            if len(pending) >= window:  # bounded memory: never more than a few batches in flight
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
