"""Run the pipeline over a corpus: serially, on local cores, or on a Dask cluster.

Every engine yields one result per file, in corpus order, so the outputs of a parallel or
distributed run are byte-identical to a serial one. A worker returns plain features
(dicts), which cross process and network boundaries cheaply.
"""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import Skipped, iter_files, read_document
from .errors import CorpusError, GeomapError
from .export import deployment_feature, dumps, mention_features

if TYPE_CHECKING:
    from .pipeline import Pipeline

log = logging.getLogger(__name__)

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
    digest: str = ""  # SHA-256 of the article's text: the build id is derived from it


# The pipeline of a pool's worker processes: set before the pool forks (inherited), or by
# the initializer of a spawned worker (sent once). None: the shipped default.
_worker_pipeline: Pipeline | None = None


def process_file(path: str, name: str, pipeline: Pipeline | None = None) -> ArticleOutput | Skipped:
    """Read and process one file (in whatever process or worker this runs)."""
    try:
        doc = read_document(Path(path), name)
    except CorpusError as err:
        reason = str(err)
        return Skipped(str(path), reason[len(str(path)) + 2:] if reason.startswith(f"{path}: ") else reason)
    if pipeline is None:
        from .pipeline import default_pipeline

        pipeline = default_pipeline()
    result = pipeline.process(doc)
    deployments = [deployment_feature(d) for d in result.deployments]
    mentions = mention_features(doc.doc, doc.date, doc.text, result.mentions, result.sentences)
    return ArticleOutput(doc.doc, deployments, mentions, result.unresolved,
                         "".join(dumps(f, indent=None) for f in deployments),
                         "".join(dumps(f, indent=None) for f in mentions),
                         hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest())


def process_batch(batch: list[tuple[str, str]], pipeline: Pipeline | None = None) -> list[ArticleOutput | Skipped]:
    pipeline = pipeline or _worker_pipeline
    return [process_file(path, name, pipeline) for path, name in batch]


def _init_worker(pipeline: Pipeline | None) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run(paths, jobs: int = 1, engine: str = "local", scheduler: str | None = None,
        batch_size: int = 64, pipeline: Pipeline | None = None) -> Iterator[ArticleOutput | Skipped]:
    """Results for every file under ``paths``, in corpus order.

    ``jobs``: worker processes for the local engine (0 = every core). ``engine="dask"``
    sends batches of files to a Dask cluster: ``scheduler`` is its address, or None for a
    local cluster of ``jobs`` workers. Files are read where the work runs, so a cluster's
    workers must see the same paths (a shared file system). ``pipeline``: the
    :class:`~geomap.pipeline.Pipeline` every process reads with (default: the shipped
    gazetteer and lexicon); a custom one is sent to each worker once.
    """
    if pipeline is not None and pipeline.is_default:
        pipeline = None  # every process has its own: nothing to send
    files = ((str(p), name) for p, name in iter_files(paths))
    if engine == "dask":
        yield from _run_dask(files, jobs, scheduler, batch_size, pipeline)
    elif engine == "local":
        jobs = jobs or os.cpu_count() or 1
        if jobs == 1:
            for path, name in files:
                yield process_file(path, name, pipeline)
        else:
            yield from _run_pool(files, jobs, batch_size, pipeline)
    else:
        raise GeomapError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")


def _run_pool(files, jobs: int, batch_size: int, pipeline: Pipeline | None):
    import multiprocessing

    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork and pipeline is None:  # loaded once here, the gazetteer and lexicon are shared with every worker
        from .pipeline import default_pipeline

        default_pipeline()
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    try:
        # forked workers inherit the pipeline from the initializer's argument without
        # pickling it; spawned ones receive it once
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(pipeline,))
    except OSError as err:  # no /dev/shm, a process limit: one process still does the job
        log.warning("cannot start %d worker processes (%s); running in one", jobs, err)
        for path, name in files:
            yield process_file(path, name, pipeline)
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


def _run_dask(files, jobs: int, scheduler: str | None, batch_size: int, pipeline: Pipeline | None):
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise GeomapError("the dask engine needs dask.distributed: pip install 'geomap[dask]'") from err
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        window = 4 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        # a custom pipeline goes to every worker once; each task names it by its future
        shared = client.scatter(pipeline, broadcast=True) if pipeline is not None else None
        pending = []
        for batch in _batches(files, batch_size):
            pending.append(client.submit(process_batch, batch, shared, pure=False))
            if len(pending) >= window:  # bounded memory: never more than a few batches in flight
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
