"""Engines map a function over a stream of chunks, a few at a time, in any order.

All three keep at most ``in_flight`` chunks submitted and not yet collected,
so the input is read only as fast as workers repair it and memory stays flat
however long the corpus is.  Results come back as they finish: shards are
per chunk, so the order of completion never changes the output.

- :class:`InlineEngine` runs in the calling process (``--workers 0``).
- :class:`ProcessEngine` runs local worker processes, started through a
  *forkserver* that has already imported the repair code, so each worker
  starts warm and no worker inherits the parent's threads.
- :class:`DaskEngine` submits to a Dask cluster: an existing one named by
  its scheduler address, or a local one it starts and stops itself.
"""

from __future__ import annotations

import importlib
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from emendo.errors import EmendoError, InputError, MissingExtraError

T = TypeVar("T")
R = TypeVar("R")
F = TypeVar("F")

WORKER_PRELOAD = ["emendo.batch.work", "emendo.pipeline", "emendo.exporters.json"]


class Engine(Protocol):
    """Something that maps a function over items with bounded work in flight."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    def map_unordered(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


class _Closing:
    """Context-manager plumbing shared by the engines."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close(abandon=error is not None)

    def close(self, abandon: bool) -> None:
        """Release workers; ``abandon`` when the run failed or was interrupted (resuming redoes the work)."""


class InlineEngine(_Closing):
    """Runs every item in the calling process, one after another."""

    def map_unordered(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(function, items)


def bounded(
    submit: Callable[[T], F],
    first_completed: Callable[[set[F]], tuple[set[F], set[F]]],
    items: Iterable[T],
    in_flight: int,
) -> Iterator[F]:
    """Submit items keeping at most ``in_flight`` pending; yield each future as it completes.

    ``first_completed`` splits pending futures into (done, not done) once at
    least one is done: :func:`concurrent.futures.wait` for local processes,
    :func:`distributed.wait` for Dask.

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     done = bounded(lambda n: pool.submit(abs, n), _wait_local, [-1, -2, -3], 2)
    ...     sorted(f.result() for f in done)
    [1, 2, 3]
    """
    pending: set[F] = set()
    source = iter(items)
    exhausted = False
    while True:
        while not exhausted and len(pending) < in_flight:
            for item in source:
                pending.add(submit(item))
                break
            else:
                exhausted = True
        if not pending:
            return
        finished, pending = first_completed(pending)
        yield from finished


def _wait_local(pending: set[Future[R]]) -> tuple[set[Future[R]], set[Future[R]]]:
    done, not_done = wait(pending, return_when=FIRST_COMPLETED)
    return done, not_done


def _end_with_parent() -> None:
    """Worker initializer: end this worker as soon as the process that started it is gone.

    A worker holds both ends of its task queue, so when the parent is killed
    (``kill -9``) nothing ever tells it to stop: it would wait forever, and
    keep the forkserver alive too.  The parent's sentinel becomes readable
    when the parent dies, whatever killed it.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="emendo-parent-watch", daemon=True).start()


class ProcessEngine(_Closing):
    """Local worker processes (``--workers N``); at most two chunks per worker in flight."""

    def __init__(self, workers: int) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(WORKER_PRELOAD)
        self.workers = workers
        self.others = set(multiprocessing.active_children())
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_end_with_parent)

    def map_unordered(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        try:
            submit = self.pool.submit
            for future in bounded(lambda item: submit(function, item), _wait_local, items, 2 * self.workers):
                yield future.result()
        except BrokenProcessPool:
            raise EmendoError(
                "a worker process died (out of memory?); run the same command again to resume "
                "where it stopped, perhaps with fewer --workers"
            ) from None

    def close(self, abandon: bool) -> None:
        """Wait for the workers, or on Ctrl-C or an error stop them at once rather than after their chunks."""
        if abandon:
            for worker in set(multiprocessing.active_children()) - self.others:
                worker.terminate()
        self.pool.shutdown(wait=not abandon, cancel_futures=True)


def _distributed() -> Any:
    """The ``distributed`` module, imported only when Dask is asked for."""
    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise MissingExtraError("--engine dask", "dask", "distributed") from None


class DaskEngine(_Closing):
    """A Dask cluster: the one at ``scheduler``, or a local one of ``workers`` processes."""

    def __init__(self, workers: int, scheduler: str | None) -> None:
        self.distributed = _distributed()
        self.cluster: Any = None
        try:
            if scheduler is None:
                # The scheduler keeps each chunk until a worker is idle (no chunk waits queued on a
                # busy worker), so the last chunks of a run go to whichever worker frees first.
                saturation = {"distributed.scheduler.worker-saturation": 1.0}
                with importlib.import_module("dask").config.set(saturation):
                    self.cluster = self.distributed.LocalCluster(
                        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                    )
                # Results come straight from the workers, not relayed through the scheduler:
                # each edition crosses one socket instead of two.
                self.client: Any = self.distributed.Client(self.cluster, direct_to_workers=True)
            else:
                self.client = self.distributed.Client(scheduler, timeout="30s")
        except OSError as err:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({err})") from None
        self.in_flight = 2 * max(workers, len(self.client.scheduler_info().get("workers", {})), 1)

    def map_unordered(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        def first_completed(pending: set[Any]) -> tuple[set[Any], set[Any]]:
            done, not_done = self.distributed.wait(pending, return_when="FIRST_COMPLETED")
            return set(done), set(not_done)

        submit = self.client.submit
        try:
            for future in bounded(
                lambda item: submit(function, item, pure=False), first_completed, items, self.in_flight
            ):
                result: R = future.result()
                future.release()
                yield result
        except self.distributed.KilledWorker:
            raise EmendoError(
                "a Dask worker died repeatedly on one chunk (out of memory?); run the same command "
                "again to resume where it stopped"
            ) from None

    def close(self, abandon: bool) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
