"""analysis.text_values: in-text numbers compared by key (YCND's printed numbers)."""

from __future__ import annotations

import pytest

from analysis import rawdata
from analysis.results import Results
from analysis.text_values import TextValues


def test_check_and_not_reproducible_read_value_decimals_and_source():
    res = Results(study="ycnd")
    tv = TextValues(res, "ycnd_text_values")
    value, decimals, src = tv.published("enrolled_pct")
    assert value == rawdata.load("ycnd_text_values").set_index("key").loc["enrolled_pct", "value"]
    row = tv.check("x_enrolled_pct", "enrolled as % of intake", "percent", "enrolled_pct",
                   100 * 103 / 221)
    assert row.status == "reproduced" and row.published == value and row.source == src
    row = tv.check("x_enrolled_pct_wrong", "q", "percent", "enrolled_pct", 50.0)
    assert row.status == "mismatch"
    row = tv.not_reproducible("x_intake", "children with an intake", "children",
                              "intake_children", "a registration count")
    assert row.status == "not_reproducible" and row.published == 221
    assert row.note == "a registration count"
    with pytest.raises(Exception, match="no_such_key|not found|no row"):
        tv.published("no_such_key")
