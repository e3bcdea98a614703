"""Consistency audit of published tables: does every printed number follow from the others?

The audit owns the internal consistency of printed numbers (totals, percentages, restatements,
denominators, GRIM, the same population across tables of one source document); the notebooks own
recomputation from inputs and models. Modules, one job each:

* :mod:`analysis.audit.record` – one finding (the record every check returns);
* :mod:`analysis.audit.checks` – scalar checks (sums, percentages, group sizes, GRIM, ratios,
  pooled means, restatements);
* :mod:`analysis.audit.structure` – the interpreter of ``structure`` blocks, validated against
  ``structure.schema.json`` (JSON Schema);
* :mod:`analysis.audit.findings` – :func:`run_audit`, ids, matching with the report's text,
  ranking by consequence, counts;
* :mod:`analysis.audit.results_adapter` – findings as results rows.

Outcomes: ``pass``, ``fail``, ``info`` (a derived fact) and ``skipped`` (the check cannot run).
The tolerance is half a unit of the last printed digit unless the check says why it is wider.
"""

from analysis.audit.checks import (
    attainable_group_sizes,
    check_derived_count,
    check_grim,
    check_percent_group,
    check_percentage,
    check_pooled_mean,
    check_ratio,
    check_restatement,
    check_sum,
    grim,
    sum_tolerance,
)
from analysis.audit.findings import (
    audit_summary,
    consequence,
    findings_for,
    group_row_means,
    restated_in_text,
    run_audit,
    slug,
)
from analysis.audit.record import CHECKS, FINDING_COLUMNS, OUTCOMES, AuditStructureError, finding
from analysis.audit.results_adapter import to_results
from analysis.audit.structure import Cell, validate_structure

__all__ = [
    "CHECKS", "FINDING_COLUMNS", "OUTCOMES", "AuditStructureError", "Cell",
    "attainable_group_sizes", "audit_summary", "check_derived_count", "check_grim",
    "check_percent_group", "check_percentage", "check_pooled_mean", "check_ratio",
    "check_restatement", "check_sum", "consequence", "finding", "findings_for", "grim",
    "group_row_means",
    "restated_in_text", "run_audit", "slug", "sum_tolerance", "to_results", "validate_structure",
]
