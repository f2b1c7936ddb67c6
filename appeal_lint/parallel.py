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
_ITEMS: list = []


def _init_worker() -> None:
    from . import grammar

    grammar._BACKENDS.clear()  # the parent's grammar thread is not in this process
    for _, runner in _ENGINE.compile():
        if hasattr(runner, "backend"):
            runner.backend = None


def _size(item) -> int:
    return len(getattr(item, "text", ""))


def tasks(items: list, jobs: int) -> list[list[int]]:
    """Small batches of item indices, longest drafts first: workers take the next batch
    when they finish one, so none sits idle while another still has a long queue."""
    order = sorted(range(len(items)), key=lambda i: _size(items[i]), reverse=True)
    size = max(1, len(items) // (jobs * 8))
    return [order[i : i + size] for i in range(0, len(order), size)]


def _lint_task(indices: list[int]):
    files = _ENGINE.lint_sources([_ITEMS[i] for i in indices]).files
    # suppression use is counted in this worker's memory: send the counts back
    return indices, files, [s.used for s in _ENGINE.settings.suppressions]


def lint_parallel(engine, items: list, jobs: int) -> Report:
    global _ENGINE, _ITEMS
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
    _ITEMS = items  # inherited by the workers: only indices and reports cross processes
    files = [None] * len(items)
    used = [0] * len(engine.settings.suppressions)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs, initializer=_init_worker) as pool:
        for indices, reports, counts in pool.imap_unordered(_lint_task, tasks(items, jobs)):
            for i, report in zip(indices, reports):
                files[i] = report
            used = [a + b for a, b in zip(used, counts)]
    for suppression, count in zip(engine.settings.suppressions, used):
        suppression.used = count
    gc.unfreeze()
    _ENGINE, _ITEMS = None, []
    return Report(files=files)
