"""Imported once by the workers' forkserver (see ``pool.worker_context``), for its side effect:
it loads the default extractor and warms it up (spaCy, the gazetteer patterns), so that each
worker forked from the server has them in memory from the start.

Nothing imports this module otherwise. Whatever goes wrong here must not take the server down
(multiprocessing only tolerates an ImportError in a preload module): each worker then loads the
extractor itself and reports the error as "worker could not start", as without the forkserver.
"""

from __future__ import annotations

from contextlib import suppress

from extract.batch.worker import DEFAULT_PROCESS, load

with suppress(Exception):  # see the module docstring
    load(DEFAULT_PROCESS)
