"""analysis.results: status decided by the printed rounding, arithmetic in mismatch notes."""

import pandas as pd
import pytest

from analysis import results
from analysis.results import Results


@pytest.mark.parametrize(("decimals", "tol"), [(0, 0.5), (1, 0.05), (2, 0.005), (-3, 500.0)])
def test_tolerance_is_half_a_printed_unit(decimals, tol):
    assert results.tolerance_for(decimals) == pytest.approx(tol)


def test_compare_reproduced_and_mismatch():
    res = Results(study="s")
    ok = res.compare("a", "q", "cases", 65, 64.73, source="x", decimals=0)
    bad = res.compare("b", "q", "cases", 413, 414.7, source="x", decimals=0, note="0.65 × 638")
    assert ok.status == "reproduced" and ok.tolerance == 0.5
    assert bad.status == "mismatch"
    assert bad.note.startswith("reproduced 414.7 vs published 413 (difference +1.7")
    assert bad.note.endswith("0.65 × 638")


def test_boundary_of_rounding():
    res = Results(study="s")
    assert res.compare("a", "q", "u", 65, 65.5, source="x").status == "reproduced"
    assert res.compare("b", "q", "u", 65, 65.5001, source="x").status == "mismatch"


def test_duplicate_ids_and_bad_status_are_rejected():
    res = Results(study="s")
    res.extension("a", "q", "u", 1.0)
    with pytest.raises(ValueError, match="duplicate"):
        res.extension("a", "q", "u", 2.0)
    with pytest.raises(ValueError, match="status"):
        results.Row("x", "s", "q", "u", None, 1.0, None, "fine")
    with pytest.raises(ValueError, match="arithmetic"):
        results.Row("x", "s", "q", "u", 1.0, 2.0, 0.5, "mismatch", "")


def test_compare_table_reads_published_from_data_raw():
    res = Results(study="poh_jeugd")
    row = res.compare_table(
        "t",
        "net saving",
        "EUR",
        "poh_bc_net_savings",
        "net_saving_eur",
        980235.0,
        municipality_nl="Totaal",
    )
    assert row.published == 980235 and row.status == "reproduced"
    assert row.source.endswith("Tabel 9, L1844")


def test_write_is_deterministic_and_round_trips(tmp_path):
    res = Results(study="s")
    res.compare("a", "q", "EUR", 980235, 980235.0000001, source="src", decimals=0)
    res.extension("b", "ratio", "ratio", 2 / 3, note="x")
    res.not_reproducible("c", "figure only", "n", None, note="only in Figuur 1", source="src")
    p1, p2 = tmp_path / "one.csv", tmp_path / "two.csv"
    res.write(p1)
    res.write(p2)
    assert p1.read_bytes() == p2.read_bytes()
    back = results.read(p1)
    assert list(back.columns) == results.COLUMNS
    assert back.loc[1, "reproduced"] == pytest.approx(2 / 3, rel=1e-9)
    assert pd.isna(back.loc[2, "reproduced"])
    assert (tmp_path / "one.json").is_file()


def test_empty_path_writes_nothing(tmp_path):
    assert Results(study="s").write("") is None


def test_compare_table_accepts_a_study_override():
    res = Results(study="poh_jeugd")
    row = res.compare_table("t", "x", "EUR", "poh_bc_net_savings", "net_saving_eur", 980235.0,
                            study="other", municipality_nl="Totaal")
    assert row.study == "other"


def test_contract_check_without_pandas(tmp_path):
    """The runner's check (results_schema.check_file) accepts what Results writes, and names the
    file, line and column of a bad status, as results.read does."""
    from analysis import results_schema

    res = Results(study="s")
    res.compare("a", "q", "EUR", 1.0, 1.0, source="src", decimals=0)
    res.extension("b", "ratio", "ratio", 0.5, note="a note\nover two lines")
    res.extension("c", "other", "n", 3.0)
    good = tmp_path / "good.csv"
    res.write(good)
    assert results_schema.check_file(good) == 3 == len(results.read(good))
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text().replace(",extension,", ",extenshun,", 1))
    with pytest.raises(ValueError, match=r"bad.csv: line 3, column 'status': 'extenshun'"):
        results_schema.check_file(bad)  # row b starts on line 3 (its note wraps onto line 4)
    with pytest.raises(ValueError, match=r"line 3, column 'status'"):
        results.read(bad)
    bad.write_text(good.read_text().replace(",extension,", ",extenshun,").replace(
        ",extenshun,", ",extension,", 1))
    with pytest.raises(ValueError, match=r"bad.csv: line 5, column 'status'"):
        results_schema.check_file(bad)  # row c: the physical line, after the wrapped note
    (tmp_path / "cols.csv").write_text("id,study\nx,s\n")
    with pytest.raises(ValueError, match=r"cols.csv: results file lacks columns \['quantity'"):
        results_schema.check_file(tmp_path / "cols.csv")


def test_basis_defaults_to_the_results_and_is_checked(tmp_path):
    res = results.Results("s", basis="synthetic")
    res.extension("a", "q", "u", 1.0)
    res.extension("b", "q", "u", 2.0, basis="published")
    assert [r.basis for r in res.rows] == ["synthetic", "published"]
    path = res.write(tmp_path / "r.csv")
    assert results.read(path)["basis"].tolist() == ["synthetic", "published"]
    with pytest.raises(ValueError, match="basis 'made_up'"):
        res.extension("c", "q", "u", 3.0, basis="made_up")
