"""Imported by the batch's forkserver before it forks a worker: the default Pipeline (bundled
rules) is built there once, while the main process reads the input, and every worker starts
with it already built instead of spending a second or more of CPU on its own copy.

Nothing here may stop the forkserver: should building fail, each worker builds (and reports)
as before.
"""
from __future__ import annotations

import contextlib
import os
import signal

# Ctrl-C in a terminal reaches the whole process group, the forkserver too, which ignores it
# only once this import is over; the workers it forks start with this handler as well, so
# none of them dies of a Ctrl-C before its initializer runs. The main process decides.
signal.signal(signal.SIGINT, signal.SIG_IGN)
# numpy (imported by the warm-up below) starts a BLAS thread pool; a process that forks had
# better hold no thread but its own, and a worker on one of N busy cores gains nothing from it
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from .batch import warm_up  # noqa: E402 -- after the environment it reads at import
from .core import shared_pipeline  # noqa: E402

with contextlib.suppress(Exception):
    warm_up(shared_pipeline(None))  # frozen here, frozen in the workers forked from here too
