"""Run the pipeline over a corpus: serially, on local cores, or on a Dask cluster.

Every engine yields one result per article, in corpus order, so the outputs of a parallel
or distributed run are byte-identical to a serial one. A worker returns plain features
(dicts), which cross process and network boundaries cheaply. A file of one article is
read by the worker; the articles of a CSV, JSON or feed file are read here, a row at a
time, and sent on in batches (see :mod:`geomap.readers`). Duplicates (the same URL, or
the same text) are found here, in corpus order, so the first one met is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from .corpus import Skipped, shown
from .errors import CorpusError, EngineError, GeomapError
from .export import deployment_feature, dumps, mention_features
from .model import Document
from .readers import DocTask, FileTask, Options, iter_tasks, read_single
from .readers.dedup import Dropped, deduplicate, text_digest

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
    file: str = ""  # the input file it was read from
    url: str | None = None
    text_key: bytes = b""  # its text, folded and hashed, to find duplicates
    unplaced: list[dict] = field(default_factory=list)  # figures not drawn for want of a place
    digest: str = ""  # a hash of the article's text: the build id is derived from it
    notes: list[str] = field(default_factory=list)  # what reading met and reports (an unreadable date)


# The pipeline of a pool's worker processes: inherited from the pool's initializer by a
# forked worker, sent once to a spawned one. None: the shipped default.
_worker_pipeline: Pipeline | None = None


def process_file(
    path: str, name: str, options: Options | None = None, pipeline: Pipeline | None = None
) -> ArticleOutput | Skipped | Dropped:
    """Read and process one file (in whatever process or worker this runs)."""
    try:
        doc = read_single(str(path), name)
    except CorpusError as err:
        reason, where = str(err), shown(str(path))  # the name as printed: escaped
        return Skipped(where, reason[len(where) + 2 :] if reason.startswith(f"{where}: ") else reason)
    return process_document(doc, str(path), options, pipeline)


def process_document(
    doc: Document, path: str, options: Options | None = None, pipeline: Pipeline | None = None
) -> ArticleOutput | Dropped:
    """Process one article read from ``path`` (with the shipped pipeline unless one is given)."""
    path = shown(path)  # as report.json and the warnings give it
    why = options.out_of_range(doc.date) if options else None
    if why:
        return Dropped(path, doc.doc, why)
    if pipeline is None:
        from .pipeline import default_pipeline

        pipeline = default_pipeline()
    result = pipeline.process(doc)
    deployments = [deployment_feature(d, doc) for d in result.deployments]
    mentions = mention_features(doc.doc, doc.date, doc.text, result.mentions, result.sentences, article=doc)
    return ArticleOutput(
        doc.doc,
        deployments,
        mentions,
        result.unresolved,
        "".join(dumps(f, indent=None) for f in deployments),
        "".join(dumps(f, indent=None) for f in mentions),
        file=path,
        url=doc.url,
        text_key=text_digest(doc.text),
        unplaced=result.unplaced,
        notes=list(doc.notes),
        # BLAKE2, Python's own: OpenSSL's locks are not safe in a process forked from threads
        digest=hashlib.blake2b(doc.text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(),
    )


def process_task(task, options: Options | None = None, pipeline: Pipeline | None = None):
    if isinstance(task, FileTask):
        return process_file(task.path, task.name, options, pipeline)
    if isinstance(task, DocTask):
        return process_document(task.document, task.path, options, pipeline)
    return task  # a row skipped or a note: passed on in its place


def process_batch(batch: list, options: Options | None = None, pipeline: Pipeline | None = None) -> list:
    pipeline = pipeline or _worker_pipeline
    return [process_task(t, options, pipeline) for t in batch]


def _init_worker(pipeline: Pipeline | None) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline
    # Ctrl-C reaches every process of the terminal: the parent stops the pool and says so in
    # one line; a worker ignores it (each printed a traceback)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run(
    paths,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 64,
    options: Options | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator:
    """Results for every article under ``paths``, in corpus order, duplicates dropped.

    Each is an :class:`ArticleOutput`, a ``Skipped`` file or row, a ``Note`` on an
    article read all the same, or a :class:`Dropped` article (duplicate, out of range).
    ``options``: fields, date range and file patterns (:class:`geomap.readers.Options`).

    ``jobs``: worker processes for the local engine (0 = every core). ``engine="dask"``
    sends batches of files to a Dask cluster: ``scheduler`` is its address, or None for a
    local cluster of ``jobs`` workers. Files are read where the work runs, so a cluster's
    workers must see the same paths (a shared file system). ``pipeline``: the
    :class:`~geomap.pipeline.Pipeline` every process reads with (default: the shipped
    gazetteer and lexicon); a custom one is sent to each worker once.
    """
    if pipeline is not None and pipeline.is_default:
        pipeline = None  # every process has its own: nothing to send
    files = iter_tasks(paths, options)
    if engine == "dask":
        results = _run_dask(files, jobs, scheduler, batch_size, options, pipeline)
    elif engine == "local":
        jobs = jobs or os.cpu_count() or 1
        if jobs == 1:
            results = (process_task(task, options, pipeline) for task in files)
        else:
            results = _run_pool(files, jobs, batch_size, options, pipeline)
    else:
        raise GeomapError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    yield from deduplicate(results)


def _run_pool(files, jobs: int, batch_size: int, options=None, pipeline: Pipeline | None = None):
    import multiprocessing

    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork and pipeline is None:  # loaded once here, the gazetteer and lexicon are shared with every worker
        from .pipeline import default_pipeline

        default_pipeline()
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    try:
        # forked workers inherit the pipeline from the initializer's argument without
        # pickling it; spawned ones receive it once
        with _default_termination():
            pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(pipeline,))
    except OSError as err:  # no /dev/shm, a process limit: one process still does the job
        log.warning("cannot start %d worker processes (%s); running in one", jobs, err)
        for task in files:
            yield process_task(task, options, pipeline)
        return
    with pool:
        # a window of batches in flight, taken in corpus order: the workers never run far
        # ahead of the writer, so memory stays flat (imap would queue every result)
        window = 3 * jobs
        pending = []
        for batch in _batches(files, batch_size):
            pending.append(pool.apply_async(process_batch, (batch, options)))
            if len(pending) >= window:
                yield from pending.pop(0).get()
        for result in pending:
            yield from result.get()


@contextlib.contextmanager
def _default_termination() -> Iterator[None]:
    """SIGTERM and SIGHUP at their default (end the process) while workers are forked.

    A build handles them in Python to clean up (geomap.builder), and a forked worker would
    inherit that handler: a worker stuck in C (a lock another thread held at the fork)
    would then outlive the SIGTERM the pool stops it with, and the build would never end.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {}
    try:
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None:
                before[signum] = signal.signal(signum, signal.SIG_DFL)
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def _run_dask(files, jobs: int, scheduler: str | None, batch_size: int, options=None, pipeline: Pipeline | None = None):
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
        cluster = LocalCluster(
            n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        window = 4 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        # a custom pipeline goes to every worker once; each task names it by its future
        shared = client.scatter(pipeline, broadcast=True) if pipeline is not None else None
        pending = []
        for batch in _batches(files, batch_size):
            pending.append(client.submit(process_batch, batch, options, shared, pure=False))
            if len(pending) >= window:  # bounded memory: never more than a few batches in flight
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
