"""Small-count suppression applies to real individual data only (issue 16, point 5)."""

import pandas as pd
import pytest

from analysis import privacy

TABLE = pd.DataFrame({"group": ["a", "b"], "count": [2, 35], "n": [37, 37],
                      "share": [2 / 37, 35 / 37]})


def test_real_data_are_suppressed():
    out = privacy.suppress_small_counts(TABLE, ["count"], 10, derived=["share"])
    assert out["count"].isna().tolist() == [True, False]
    assert out["suppressed"].tolist() == [True, False]
    assert out.attrs["suppressed_cells"] == 1
    assert "1 cell(s) suppressed" in privacy.suppression_note(out)


@pytest.mark.parametrize("basis", ["published", "synthetic"])
def test_published_and_synthetic_counts_are_never_suppressed(basis):
    # a published "2 of 37" stays visible; synthetic records protect nobody
    out = privacy.suppress_small_counts(TABLE, ["count"], 10, derived=["share"], basis=basis)
    assert out["count"].tolist() == [2, 35]
    assert out["share"].tolist() == pytest.approx([2 / 37, 35 / 37])
    assert not out["suppressed"].any() and out.attrs["suppressed_cells"] == 0
    assert "No small-count suppression" in privacy.suppression_note(out)
    assert not privacy.is_small(2, 10, basis=basis)


def test_unknown_basis_is_refused():
    with pytest.raises(ValueError):
        privacy.suppress_small_counts(TABLE, ["count"], 10, basis="guess")
    with pytest.raises(ValueError):
        privacy.is_small(2, basis="guess")
    assert privacy.is_small(2, 10)
