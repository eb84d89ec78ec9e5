"""Imported by the batch's forkserver before it forks a worker: the default Pipeline (bundled
rules) is built there once, while the main process reads the input, and every worker starts
with it already built instead of spending a second or more of CPU on its own copy.

Nothing here may stop the forkserver: should building fail, each worker builds (and reports)
as before.
"""
from __future__ import annotations

import contextlib

from .batch import warm_up
from .core import shared_pipeline

with contextlib.suppress(Exception):
    warm_up(shared_pipeline(None))  # frozen here, frozen in the workers forked from here too
