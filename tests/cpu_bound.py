"""CPU time of one piece of work, for the tests that bound the work done on hostile input.

The bounds guard against pathological behaviour (a regex backtracking, a scan of a 10 MB
name), far above the typical cost. The garbage of the tests run before in the same process
is collected first and the collector is held off while the work runs, as timeit does: one
full collection of that garbage inside the window once took a 0.09 s model load to 1.0 s.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def within_cpu(seconds: float, work: Callable[[], T]) -> T:
    """``work()``'s result, asserting it took under ``seconds`` of this process's CPU time
    (not wall time: neighbours on a shared machine do not count), without collection."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.process_time()
        result = work()
        spent = time.process_time() - start
    finally:
        if was_enabled:
            gc.enable()
    assert spent < seconds, f"{spent:.2f} s of CPU, over the bound of {seconds} s"
    return result
