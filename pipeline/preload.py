"""Imported by the batch's forkserver before it forks a worker: the default Pipeline (bundled
rules) is built there once, while the main process reads the input, and every worker starts
with it already built instead of spending a second or more of CPU on its own copy.

Nothing here may stop the forkserver: should building fail, each worker builds (and reports)
as before.
"""
from __future__ import annotations

import contextlib
import gc

from .core import shared_pipeline

with contextlib.suppress(Exception):
    shared_pipeline(None).extract("2024年3月8日，全市举办专场招聘会178场。")
    # built to last: out of the collector's full collections, in the workers forked from here too
    gc.collect()
    gc.freeze()
