"""``--jobs N``: lint a large batch in N worker processes.

The parent loads spaCy and compiles the rules once, then forks: workers share the
loaded pipeline copy-on-write instead of each loading it. Threads do not survive a
fork, so each worker starts its own grammar thread. Where fork is unavailable, or for
small batches, linting stays in one process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os

from .model import Report

_ENGINE = None  # set in the parent just before forking; inherited by the workers


def _init_worker() -> None:
    from . import grammar

    grammar._BACKENDS.clear()  # the parent's grammar thread is not in this process
    for _, runner in _ENGINE.compile():
        if hasattr(runner, "backend"):
            runner.backend = None


def _lint_chunk(items):
    return _ENGINE.lint_sources(items).files


def _size(item) -> int:
    return len(getattr(item, "text", ""))


def balanced_chunks(items: list, jobs: int) -> list[list]:
    """Longest drafts first, each to the worker with the least text so far."""
    chunks: list[list] = [[] for _ in range(jobs)]
    loads = [0] * jobs
    for item in sorted(items, key=_size, reverse=True):
        k = loads.index(min(loads))
        chunks[k].append(item)
        loads[k] += _size(item) + 200  # a draft costs something even when short
    return chunks


def lint_parallel(engine, items: list, jobs: int) -> Report:
    global _ENGINE
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    jobs = min(jobs, len(items))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return engine.lint_sources(items)
    engine.compile()
    _ENGINE = engine
    # Objects made so far (the pipeline, the compiled rules) stay out of the workers'
    # garbage collections, so the pages they share copy-on-write are not copied.
    gc.collect()
    gc.freeze()
    chunks = balanced_chunks(items, jobs)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs, initializer=_init_worker) as pool:
        parts = pool.map(_lint_chunk, chunks)
    gc.unfreeze()
    _ENGINE = None
    order = {id(item): n for n, item in enumerate(items)}
    files = [None] * len(items)
    for chunk, part in zip(chunks, parts):
        for item, file in zip(chunk, part):
            files[order[id(item)]] = file
    return Report(files=files)
