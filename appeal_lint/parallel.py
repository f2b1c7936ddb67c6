"""``--jobs N``: lint a large batch in N worker processes.

The parent loads spaCy and compiles the rules once, then forks: workers share the
loaded pipeline copy-on-write instead of each loading it, and parse and match.

The grammar backend stays in the parent. It was built (and warmed) on its own thread
while spaCy loaded; a worker would have to warm a new thread of its own (Harper builds
per-thread state on first use, about two seconds), and would compete with its own
parser for the CPU. So the parent checks every draft once, on that warm thread, in the
order the batches go out, and hands each batch to a worker together with its drafts'
grammar issues. Where fork is unavailable, or for small batches, linting stays in one
process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator

from .model import Report
from .draft import checker_text
from .source import Source

_ENGINE = None  # set in the parent just before forking; inherited by the workers
_ITEMS: list = []


def _grammar_runners(engine) -> list:
    """The compiled grammar rules that have a backend (none with --no-grammar)."""
    return [runner for _, runner in engine.compile() if getattr(runner, "backend", None) is not None]


def _init_worker() -> None:
    # The parent handles Ctrl-C and SIGTERM and ends the pool: a worker ends quietly
    # (no KeyboardInterrupt traceback of its own), and with the parent if that dies.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    # Issues arrive with each batch. Should a draft come without them, the copied
    # backend needs a live thread of its own: the parent's did not survive the fork.
    for runner in _grammar_runners(_ENGINE):
        runner.backend.after_fork()


def _die_with_parent() -> None:
    """Linux: have the kernel send SIGTERM to this worker when the parent dies, however."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _terminated(signum, frame):
    """SIGTERM in the parent: leave through the pool's clean-up (it ends the workers)."""
    print("appeal-lint: terminated", file=sys.stderr)
    raise SystemExit(128 + signum)


def _size(item) -> int:
    return len(getattr(item, "text", ""))


def tasks(items: list, jobs: int) -> list[list[int]]:
    """Batches of item indices, longest drafts first and shrinking as the queue drains
    (a quarter of each worker's share of what is left, down to one draft): workers
    take the next batch when they finish one, so at the end none waits long for the
    others, while early batches are large enough to keep spaCy's batching efficient.
    Each worker's first batch is a single draft, so that none waits long for the
    grammar issues of its first batch."""
    order = sorted(range(len(items)), key=lambda i: _size(items[i]), reverse=True)
    out = [[i] for i in order[:jobs]]
    start = len(out)
    while start < len(order):
        size = max(1, (len(order) - start) // (jobs * 4))
        out.append(order[start : start + size])
        start += size
    return out


def _lint_task(task: tuple[list[int], list[dict]]):
    indices, grammar = task
    for runner, issues in zip(_grammar_runners(_ENGINE), grammar):
        runner.provided = issues
    files = _ENGINE.lint_sources([_ITEMS[i] for i in indices]).files
    # suppression use is counted in this worker's memory: send the counts back
    return indices, files, [s.used for s in _ENGINE.settings.suppressions]


def _with_grammar(engine, batches: list[list[int]], items: list) -> Iterator[tuple[list[int], list[dict]]]:
    """Queue every draft on the parent's grammar backends, in batch order, and yield each
    batch once its issues are in. The pool's task thread pulls from this generator, so
    waiting here holds back only the batches whose grammar is not yet checked."""
    runners = _grammar_runners(engine)
    order = [items[i] for batch in batches for i in batch if isinstance(items[i], Source)]
    for runner in runners:
        runner.start([(s.path, checker_text(s.text)) for s in order], engine.settings)
    for batch in batches:
        texts = {checker_text(items[i].text) for i in batch if isinstance(items[i], Source)}
        yield batch, [{text: runner.issues(text) for text in texts} for runner in runners]


def lint_parallel(engine, items: list, jobs: int, progress=None) -> Report:
    global _ENGINE, _ITEMS
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    jobs = min(jobs, len(items))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return engine.lint_sources(items, progress)
    engine.compile()
    for runner in _grammar_runners(engine):
        runner.backend.wait()  # no thread may be copied by the fork in the middle of a build
    _ENGINE = engine
    # Objects made so far (the pipeline, the compiled rules) stay out of the workers'
    # garbage collections, so the pages they share copy-on-write are not copied.
    gc.collect()
    gc.freeze()
    _ITEMS = items  # inherited by the workers: only indices, issues and reports cross processes
    files = [None] * len(items)
    used = [0] * len(engine.settings.suppressions)
    ctx = multiprocessing.get_context("fork")
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if in_main else None
    try:
        with ctx.Pool(jobs, initializer=_init_worker) as pool:
            # The workers exist now: grammar checking starts only after the fork.
            batches = _with_grammar(engine, tasks(items, jobs), items)
            for indices, reports, counts in pool.imap_unordered(_lint_task, batches):
                for i, report in zip(indices, reports):
                    files[i] = report
                if progress:
                    progress(len(indices))
                used = [a + b for a, b in zip(used, counts)]
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
        gc.unfreeze()
        _ENGINE, _ITEMS = None, []
    for suppression, count in zip(engine.settings.suppressions, used):
        suppression.used = count
    return Report(files=files)
