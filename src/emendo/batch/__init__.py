"""Repair whole corpora: ``emendo batch`` as a library.

Read :func:`run_batch` first; :mod:`emendo.batch.store` explains why a run
survives ``kill -9``, :mod:`emendo.batch.engines` how work is spread, and
:mod:`emendo.batch.damage` what the damage score measures.  The datatrove
block lives in :mod:`emendo.batch.datatrove` (imported on demand).
"""

from emendo.batch.config import BatchConfig, EngineKind, OutputFormat
from emendo.batch.damage import damage_score
from emendo.batch.run import BatchSummary, run_batch

__all__ = ["BatchConfig", "BatchSummary", "EngineKind", "OutputFormat", "damage_score", "run_batch"]
