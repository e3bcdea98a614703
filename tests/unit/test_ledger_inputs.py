"""What the ledger takes from data/raw, written once per build and read back
(analysis.ledger_inputs), and the ledger built from it."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from analysis import ledger, ledger_inputs
from tests.unit.test_ledger import MEAN, _findings, _rows


def _inputs() -> ledger_inputs.LedgerInputs:
    findings = _findings()
    return ledger_inputs.LedgerInputs(findings, ledger.finding_keys(findings),
                                      {MEAN: ("€ 49.742", 0)})


def test_written_inputs_read_back_equal(tmp_path):
    inputs = _inputs()
    path = ledger_inputs.write(inputs, tmp_path / "sub" / "inputs.pickle")
    back = ledger_inputs.read(path)
    pd.testing.assert_frame_equal(back.findings, inputs.findings)
    pd.testing.assert_series_equal(back.finding_keys, inputs.finding_keys)
    assert back.statements == {MEAN: ("€ 49.742", 0)}
    assert not list(path.parent.glob(".*.tmp"))  # written atomically, nothing left beside it


def test_a_file_that_is_not_the_ledgers_inputs_is_refused_by_name(tmp_path):
    path = tmp_path / "other.pickle"
    path.write_bytes(pickle.dumps({"findings": 1}))
    with pytest.raises(TypeError, match="other.pickle: not the ledger's inputs"):
        ledger_inputs.read(path)


def test_the_ledger_from_given_keys_is_the_ledger_from_computed_ones():
    inputs = _inputs()
    given = ledger.build(_rows(), inputs.findings, inputs.statements, keys=inputs.finding_keys)
    computed = ledger.build(_rows(), inputs.findings, inputs.statements)
    pd.testing.assert_frame_equal(given, computed)
    assert given.set_index("key").loc[MEAN, "severity"] == "error"


def test_the_decider_is_the_worst_published_check_then_the_audits_then_the_id():
    ch = pd.DataFrame({
        "key": ["k1", "k1", "k1", "k2", "k2"],
        "id": ["b", "a", "c", "z", "y"],
        "basis": ["published", "published", "synthetic", "published", "published"],
        "status": ["reproduced", "mismatch", "mismatch", "mismatch", "mismatch"],
        "severity": ["", "rounding", "error", "rounding", "rounding"],
        "kind": ["totals", "recomputation", "totals", "recomputation", "totals"],
    })
    d = ledger.deciders(ch)
    # k1: the synthetic error does not decide; the published mismatch does
    assert d.loc["k1", "id"] == "a"
    # k2: equal status and severity: the audit's check before the recomputation
    assert d.loc["k2", "id"] == "y"
    assert list(d.index) == ["k1", "k2"]
