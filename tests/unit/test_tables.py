"""The reader table helper (analysis.report.tables) on tables shaped like the reports'."""

import re

import numpy as np
import pandas as pd
import pytest

from analysis.report.tables import FOLD_AFTER, SYNTHETIC_LABEL, Col, reader_table

M = "\u2212"


@pytest.fixture
def savings():
    # shaped like POH Jeugd Tabel 8/9: teams, euros, a share, and a cell the report left empty
    return pd.DataFrame({
        "team": ["Maastricht", "Meerssen", "Totaal"],
        "net_saving_eur": [638.0, -12352.0, 980235.0],
        "share": [0.657, 0.9996, np.nan],
        "p": [4e-25, 0.0123, pd.NA],
        "line": [1808, 1809, 1810],
    }, index=[10, 11, 12])


COLS = {"team": "Team", "net_saving_eur": Col("Net saving", "eur"),
        "share": Col("Share not referred", "share", 1), "p": Col("Exact test", "p", unit="p")}


def cells(html_text):
    return [re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", html_text, flags=re.S)]


def test_values_headers_and_no_index(savings):
    out = reader_table(savings, COLS, caption="Net saving 2019", missing_reason="not printed")
    assert cells(out) == ["Maastricht", "638", "65.7", "&lt; 0.001",
                          "Meerssen", f"{M}12,352", "99.96", "0.012",
                          "Totaal", "980,235", "\u2013", "\u2013"]
    for header in ("Team", "Net saving (€)", "Share not referred (%)", "Exact test (p)"):
        assert f">{header}</th>" in out
    assert "row_heading" not in out and ">10<" not in out          # no index column
    assert "line" not in out                                          # internal column not shown
    assert "NaN" not in out and "&lt;NA&gt;" not in out and "<NA>" not in out


def test_missing_cells_need_a_reason(savings):
    with pytest.raises(ValueError, match="missing_reason"):
        reader_table(savings, COLS)
    out = reader_table(savings, COLS, missing_reason="the report prints no share for the total")
    assert '<p class="table-note">\u2013: the report prints no share for the total</p>' in out


def test_scroll_container_and_deterministic(savings):
    a = reader_table(savings, COLS, caption="x", missing_reason="r")
    b = reader_table(savings.copy(), COLS, caption="x", missing_reason="r")
    assert a == b
    assert '<div class="table-scroll" style="overflow-x:auto">' in a
    assert a.index("table-scroll") < a.index("<table")


def test_long_tables_fold_and_link_csv():
    frame = pd.DataFrame({"item": [f"vraag {i}" for i in range(40)], "n": range(40)})
    out = reader_table(frame, {"item": "Item", "n": Col("Answers", "integer")},
                       caption="Tabel 2 as transcribed", csv_href="tabel2.csv")
    assert out.count("<details") == 1
    assert "<summary>Tabel 2 as transcribed (40 rows)</summary>" in out
    assert '<a href="tabel2.csv">Download as CSV</a>' in out
    short = reader_table(frame.head(FOLD_AFTER), {"item": "Item"})
    assert "<details" not in short


def test_synthetic_label_and_escaping():
    frame = pd.DataFrame({"name": ["<script>alert(1)</script>"], "v": [1.5]})
    out = reader_table(frame, {"name": "Name", "v": Col("BMI z-score change", "signed", 2, "")},
                       synthetic=True)
    assert SYNTHETIC_LABEL in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert cells(out)[1] == "+1.50"


def test_default_columns_and_errors():
    frame = pd.DataFrame({"a": [3.823e05, 1.0]})
    out = reader_table(frame)
    assert cells(out) == ["382,300", "1"]
    assert "e+05" not in out
    with pytest.raises(KeyError):
        reader_table(frame, {"b": "B"})
    with pytest.raises(ValueError, match="kind"):
        reader_table(frame, {"a": Col("A", "euro")})
    with pytest.raises(ValueError, match="header"):
        reader_table(pd.DataFrame({"a": [1], "b": [2]}), {"a": "X", "b": "X"})


def test_id_columns_have_no_separator():
    frame = pd.DataFrame({"line": [4267, 12000]})
    out = reader_table(frame, {"line": Col("Source line", "id", unit="")})
    assert cells(out) == ["4267", "12000"]
