"""Population scale: the columnar reader, the per-child figure's summary form, fast statistics."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy import stats  # noqa: E402

from analysis import columnar, measurements, per_child, scale, userfiles  # noqa: E402
from analysis.synth import population  # noqa: E402

NUMERIC = ("height_cm", "weight_kg", "age_years")
DATES = ("birth_date", "measurement_date")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pop")
    return (population.write(folder / "p.csv", 300, 7),
            population.write(folder / "p.parquet", 300, 7))


def _read(path, **kw):
    return columnar.read_table(path, required=measurements.REQUIRED, numeric=NUMERIC,
                               dates=DATES, **kw)


def test_population_file_has_two_rows_per_child(cohort):
    df = pd.read_csv(cohort[0])
    assert len(df) == 600 and df["child_id"].nunique() == 300
    assert df["child_id"].iloc[0] == "SYN001"


def test_columnar_csv_and_parquet_read_as_the_exact_reader(cohort):
    exact = measurements.read_measurements(cohort[0]).data  # small: the exact reader
    for path, kw in ((cohort[0], {"large_bytes": 0}), (cohort[1], {})):
        table = _read(path, **kw)
        assert table.lines == list(range(2, 602))
        assert table.data["height_cm"].dtype == np.float64
        assert (table.data["height_cm"].to_numpy() == exact["height_cm"].to_numpy()).all()
        assert (table.data["child_id"].to_numpy() == exact["child_id"].to_numpy()).all()
    via_parquet = measurements.read_measurements(cohort[1]).data
    pd.testing.assert_series_equal(via_parquet["bmi"], exact["bmi"], check_dtype=False)
    np.testing.assert_allclose(via_parquet["age_years"], exact["age_years"])


def test_columnar_dutch_semicolon_file(tmp_path):
    f = tmp_path / "nl.csv"
    f.write_text("child_id;sex;birth_date;measurement_date;height_cm;weight_kg;phase\n"
                 "a1;M;01-02-2010;2019-05-06;161,5;65,7;baseline\n"
                 "a1;M;01-02-2010;2020-05-06;162,0;1.065,0;follow_up\n")
    table = _read(f, large_bytes=0)
    assert table.data["height_cm"].tolist() == [161.5, 162.0]
    assert table.data["weight_kg"].tolist() == [65.7, 1065.0]
    assert table.data["birth_date"].dt.strftime("%Y-%m-%d").tolist() == ["2010-02-01"] * 2
    assert "semicolon-separated file" in table.conversions
    assert "4 number(s) in Dutch notation (decimal comma, thousands dots) read" in \
        table.conversions
    assert "2 date(s) in day-month-year order rewritten as ISO" in table.conversions


def test_columnar_names_line_and_column_of_bad_cells(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("child_id,sex,birth_date,measurement_date,height_cm,weight_kg,phase\n"
                 "a1,M,2010-01-01,2019-05-06,161.5,65.7,baseline\n"
                 "=cmd,M,2010-01-01,2019-05-06,16x,65.7,follow_up\n")
    with pytest.raises(userfiles.UserFileError) as err:
        _read(f, large_bytes=0)
    text = str(err.value)
    assert "line 3, column 'height_cm': '16x' is not a number" in text
    assert "line 3, column 'child_id': '=cmd' starts like a spreadsheet formula" in text


def test_columnar_falls_back_to_the_exact_reader_for_blank_lines(tmp_path):
    f = tmp_path / "blank.csv"
    f.write_text("child_id,sex,birth_date,measurement_date,height_cm,weight_kg,phase\n\n"
                 "a1,M,2010-01-01,2019-05-06,161.5,65.7,baseline\n")
    table = _read(f, large_bytes=0)
    assert table.lines == [3]  # the file's own line, as the exact reader counts it
    assert "1 blank line(s) skipped" in table.conversions


def test_columnar_reads_windows_line_ends(cohort, tmp_path):
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes(cohort[0].read_bytes().replace(b"\n", b"\r\n"))
    table = _read(crlf, large_bytes=0)
    assert table.lines == list(range(2, 602))
    assert table.data["phase"].iloc[-1] == "follow_up"  # no carriage return left
    assert table.data.columns[-1] == "phase"


def _ev(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    dz = rng.normal(-0.2, 0.3, n)
    return pd.DataFrame({"dz": dz, "direction": np.where(dz < 0, "decrease", "increase"),
                         "decrease": dz < 0, "months": rng.uniform(6, 18, n),
                         "z_0": rng.normal(2.5, 0.5, n), "z_1": rng.normal(2.3, 0.5, n)})


def test_per_child_figure_draws_each_child_up_to_the_threshold():
    fig, axes = plt.subplots(1, 2)
    note = per_child.draw(axes, _ev(40), -0.15, -0.2, "nl1997", max_individual=40)
    assert note == ""
    assert len(axes[0].patches) == 40 and len(axes[1].lines) == 40
    plt.close(fig)


def test_per_child_figure_switches_to_summary_form_and_says_so():
    fig, axes = plt.subplots(1, 2)
    note = per_child.draw(axes, _ev(41), -0.15, -0.2, "nl1997", max_individual=40)
    assert "41 children" in note and "summary form" in note and "= 40" in note
    assert len(axes[0].patches) == 0  # no bar per child
    assert len(axes[1].lines) < 41  # two medians with their ranges, not a line per child
    plt.close(fig)


def test_bootstrap_below_the_limit_is_the_draw_by_draw_bootstrap():
    x = np.random.default_rng(3).normal(size=200)
    low, high, method = scale.bootstrap_mean_ci(x, 500, np.random.default_rng(9))
    rng = np.random.default_rng(9)
    boot = np.array([x[rng.integers(0, 200, 200)].mean() for _ in range(500)])
    assert method == "bootstrap"
    assert (low, high) == (np.percentile(boot, 2.5), np.percentile(boot, 97.5))


def test_bootstrap_above_the_limit_is_the_t_interval():
    x = np.random.default_rng(3).normal(size=1000)
    low, high, method = scale.bootstrap_mean_ci(x, 500, np.random.default_rng(9), max_n=999)
    expected = stats.t.interval(0.95, 999, loc=x.mean(), scale=stats.sem(x))
    assert method == "t-interval"
    assert (low, high) == pytest.approx(expected, rel=1e-12)


def test_plot_sample_is_seeded_and_said():
    frame = pd.DataFrame({"a": range(100)})
    same, note = scale.plot_sample(frame, 100, 1)
    assert note == "" and len(same) == 100
    a, note = scale.plot_sample(frame, 10, 1)
    b, _ = scale.plot_sample(frame, 10, 1)
    assert len(a) == 10 and a.index.tolist() == b.index.tolist()
    assert "random sample of 10 of the 100 children (seed 1)" in note


def test_sex_codes_are_read_once_per_distinct_value_with_the_same_masks():
    from analysis import growth

    codes = pd.Series([" M", "f", None, "Female", "1", "2.0", "male ", pd.NA, "F"] * 3,
                      dtype="string")
    fast = growth._code_masks(codes)
    each = growth._code_masks_each(codes)
    for a, b in zip(fast, each, strict=True):
        assert a.tolist() == b.tolist()
    assert fast[0].sum() == 9 and fast[1].sum() == 12 and fast[2].sum() == 6
    nothing = growth._code_masks(pd.Series([None, None], dtype=object))
    assert [m.tolist() for m in nothing] == [[False, False], [False, False], [True, True]]
    with pytest.raises(ValueError, match=r"row 1: 'x'"):
        growth.sex_masks(pd.Series(["M", "x"], dtype="string"))


def test_scored_cohort_is_the_same_with_sex_as_text_or_categorical():
    from analysis import bmi_cohort, growth

    data = pd.DataFrame({"sex": pd.Series(["M", "F", "F", "M"], dtype="string"),
                         "age_years": [4.5, 10.0, 15.25, 17.9],
                         "bmi": [18.0, 24.5, 31.0, 40.0]})
    d, z = bmi_cohort.score(data)
    s = data["sex"].astype(object).tolist()
    assert d["z"].tolist() == growth.bmi_z(data["bmi"], data["age_years"], s).tolist()
    assert list(d["weight_class"].astype(str)) == list(
        growth.weight_class(data["bmi"], data["age_years"], s).astype(str))
    assert d["sex"].dtype == data["sex"].dtype  # the column itself is left as read


def test_change_direction_codes_missing_and_categories():
    from analysis import paired_change

    got = paired_change.change_direction(np.array([np.nan, -0.3, 0.05, 0.3]), 0.05)
    assert list(got.categories) == ["decrease", "stable", "increase"] and not got.ordered
    assert pd.isna(got[0]) and list(got[1:]) == ["decrease", "stable", "increase"]


def test_parquet_typed_columns_are_read_as_their_text_would_be(tmp_path):
    f = tmp_path / "typed.parquet"
    pd.DataFrame({
        "child_id": ["a1", "a1", "b2"], "sex": ["M", "M", "F"],
        "birth_date": pd.to_datetime(["2010-02-01 13:00", "2010-02-01", None], format="ISO8601"),
        "measurement_date": pd.to_datetime(["2019-05-06", "2020-05-06", "2020-01-01"]),
        "height_cm": [0.1 + 0.2, -0.0, 150.0], "weight_kg": [65.7, np.nan, 1 / 3],
        "phase": ["baseline", "follow_up", "baseline"]}).to_parquet(f, index=False)
    data = _read(f).data
    assert data["height_cm"].tolist() == [0.3, 0.0, 150.0]  # 15 significant digits, as text
    assert np.signbit(data["height_cm"].iloc[1])
    assert data["weight_kg"].iloc[2] == float(format(1 / 3, ".15g"))
    assert np.isnan(data["weight_kg"].iloc[1])
    assert data["birth_date"].dtype == "datetime64[s]"
    assert data["birth_date"].dt.strftime("%Y-%m-%d").tolist()[:2] == ["2010-02-01"] * 2
    assert pd.isna(data["birth_date"].iloc[2])


def test_parquet_infinite_number_is_named_by_line(tmp_path):
    f = tmp_path / "inf.parquet"
    pd.DataFrame({"child_id": ["a1", "a2"], "sex": ["M", "F"],
                  "birth_date": ["2010-01-01"] * 2, "measurement_date": ["2019-05-06"] * 2,
                  "height_cm": [150.0, np.inf], "weight_kg": [50.0, 51.0],
                  "phase": ["baseline"] * 2}).to_parquet(f, index=False)
    with pytest.raises(userfiles.UserFileError, match=r"line 3, column 'height_cm': 'inf'"):
        _read(f)


def test_spearman_complete_is_the_omit_statistic_with_ties_and_gaps():
    rng = np.random.default_rng(5)
    x = np.round(rng.normal(size=3000), 1)  # many ties
    y = np.round(x + rng.normal(size=3000), 1)
    y[rng.integers(0, 3000, 300)] = np.nan
    x[:7] = np.nan
    got = scale.spearman_complete(pd.Series(x), pd.Series(y))
    want = stats.spearmanr(x, y, nan_policy="omit")
    assert got.statistic == pytest.approx(float(want.statistic), rel=1e-12)
    assert got.pvalue == pytest.approx(float(want.pvalue), rel=1e-9)
    ok = ~(np.isnan(x) | np.isnan(y))
    assert got.statistic == stats.spearmanr(x[ok], y[ok]).statistic
