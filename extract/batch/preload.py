"""Imported once by the workers' forkserver (see ``pool.worker_context``), for its side effect:
it loads the default extractor and warms it up (spaCy, the gazetteer patterns), so that each
worker forked from the server has them in memory from the start.

Nothing imports this module otherwise. If the import fails, multiprocessing carries on and each
worker loads the extractor itself, reporting any error as it would without the forkserver.
"""

from __future__ import annotations

from extract.batch.worker import DEFAULT_PROCESS, load

load(DEFAULT_PROCESS)
