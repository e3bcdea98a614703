"""Per-household costs: the published table, and evaluators' files of other shapes."""

import pandas as pd
import pytest

from analysis import household_costs
from analysis.rawdata import DataValidationError


def test_published_table_sets_the_total_row_aside():
    t = household_costs.load("grc_household_costs")
    assert t.attrs["published"] and t.attrs["households"] == 12 and t.attrs["total_rows"] == 1
    assert t["cost_t1_eur"].sum() == pytest.approx(1074904)


def test_a_file_with_more_households_and_extra_columns(tmp_path):
    f = tmp_path / "hh.csv"
    pd.DataFrame({"household": [f"H{i}" for i in range(30)],
                  "cost_t1_eur": range(1000, 31000, 1000),
                  "cost_t2_eur": range(500, 30500, 1000), "wijk": "Noord"}).to_csv(f, index=False)
    t = household_costs.load(str(f))
    assert not t.attrs["published"] and t.attrs["households"] == 30
    assert t.attrs["extra_columns"] == ["wijk"]
    assert (t["cost_t1_eur"] - t["cost_t2_eur"]).sum() == pytest.approx(30 * 500)


def test_a_dutch_excel_file_is_read(tmp_path):
    f = tmp_path / "hh.csv"
    f.write_text("household;cost_t1_eur;cost_t2_eur\nA;1.234,50;1.000\nB;2.000;2.500,25\n",
                 encoding="utf-8")
    t = household_costs.load(str(f))
    assert t["cost_t1_eur"].tolist() == [1234.5, 2000.0]


def test_a_missing_cost_column_names_file_and_column(tmp_path):
    f = tmp_path / "hh.csv"
    pd.DataFrame({"household": ["A", "B"], "cost_t1_eur": [1, 2]}).to_csv(f, index=False)
    with pytest.raises(DataValidationError, match=r"hh\.csv(.|\n)*cost_t2_eur"):
        household_costs.load(str(f))


def test_an_empty_cost_cell_names_line_and_column(tmp_path):
    f = tmp_path / "hh.csv"
    f.write_text("household,cost_t1_eur,cost_t2_eur\nA,10,5\nB,,4\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"line 3, column 'cost_t1_eur'"):
        household_costs.load(str(f))


def test_unknown_name_and_one_household_are_refused(tmp_path):
    with pytest.raises(KeyError, match="neither a table in the data dictionary"):
        household_costs.load("my_households")
    f = tmp_path / "one.csv"
    f.write_text("household,cost_t1_eur,cost_t2_eur\nA,10,5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="1 household row"):
        household_costs.load(str(f))


def test_a_municipal_export_through_the_template_mapping(tmp_path):
    from analysis import paths

    f = tmp_path / "gemeente.csv"
    f.write_text("huishouden;kosten_meting_1;kosten_meting_2;wijk\n"
                 "A;12.345,50;10.000;Noord\nB;2.000;2.500,25;Zuid\nTotaal;14.345,50;12.500,25;\n",
                 encoding="cp1252")
    t = household_costs.load(str(f), mapping=paths.CONFIG / "mappings" / "gezinsregie_costs.yaml")
    assert t["household"].tolist() == ["A", "B"] and t.attrs["total_rows"] == 1
    assert t["cost_t1_eur"].tolist() == [12345.5, 2000.0]
    assert t["cost_t2_eur"].tolist() == [10000.0, 2500.25]
    assert t.attrs["extra_columns"] == []  # 'wijk' is left out by the mapping's ignore list


def test_a_mapping_with_the_published_table_is_refused():
    from analysis import paths

    with pytest.raises(ValueError, match="applies to your own CSV file only"):
        household_costs.load("grc_household_costs",
                             mapping=paths.CONFIG / "mappings" / "gezinsregie_costs.yaml")
