"""Conformance suites: every individual-level entry point on files of the shapes evaluators have.

Entry points: ``ycnd_bmi`` ``input_path`` (:func:`analysis.measurements.read_measurements`),
``prepost_questionnaires`` ``input_path`` (:func:`analysis.prepost.load_long`),
``registration_format`` ``input_path`` (:func:`analysis.registration.validate_file`),
``poh_jeugd_referrals`` ``series_path`` (:func:`analysis.its.read_series`) and
``gezinsregie_costs`` ``input_table`` (:func:`analysis.household_costs.load`: a dictionary name or
a households CSV).

Shapes: a subset of items, instruments or categories; one family or one child; children or
persons with one measurement only; other follow-up windows and frequencies; extra columns;
category sets other than the pilots'; counts below the suppression threshold; a file ten times
larger. Each file either loads with every row accounted for, or stops with a message naming the
file and what is missing. The ``*_notebook`` tests run the notebooks themselves (papermill, in a
temporary folder) and check that the page says what it did with the shape.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import bmi_cohort, its, measurements, paths, prepost, rawdata, registration
from analysis.rawdata import DataValidationError
from analysis.synth import questionnaires as synth_q
from analysis.synth import registrations as synth_reg
from analysis.synth import ycnd as synth_ycnd

SETTINGS = settings(max_examples=10, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
TEMPLATES = paths.ROOT / "config" / "mappings"
ITEMS = [(i, k) for i, items in prepost.SCALES.items() for k in items]


def _pandas_frames_in(tb) -> bool:
    """True if a traceback ends inside pandas (what a user must never see)."""
    while tb.tb_next is not None:
        tb = tb.tb_next
    return "/pandas/" in tb.tb_frame.f_code.co_filename


# ---------------------------------------------------------------------------------------------
# ycnd_bmi: measurements
# ---------------------------------------------------------------------------------------------

def _cohort(seed: int = 20205) -> pd.DataFrame:
    df = synth_ycnd.generate(seed)
    for c in ("birth_date", "measurement_date"):
        df[c] = pd.to_datetime(df[c]).dt.strftime("%Y-%m-%d")
    return df


@SETTINGS
@given(n_children=st.integers(1, 50), drop_follow_up=st.integers(0, 10),
       extra=st.booleans(), sex_style=st.sampled_from(["MF", "mf", "12", "male"]),
       shift_days=st.integers(-200, 300))
def test_measurement_shapes_are_accounted_for(tmp_path, n_children, drop_follow_up, extra,
                                              sex_style, shift_days):
    df = _cohort()
    ids = sorted(df["child_id"].unique())[:n_children]
    df = df[df["child_id"].isin(ids)].copy()
    gone = ids[:drop_follow_up]
    df = df[~(df["child_id"].isin(gone) & (df["phase"] == "follow_up"))]
    follow = df["phase"] == "follow_up"  # other follow-up windows
    df.loc[follow, "measurement_date"] = (pd.to_datetime(df.loc[follow, "measurement_date"])
                                          + pd.Timedelta(days=shift_days)).dt.strftime("%Y-%m-%d")
    codes = {"MF": ("M", "F"), "mf": ("m", "f"), "12": ("1", "2"), "male": ("male", "female")}
    df["sex"] = df["sex"].map(dict(zip(("M", "F"), codes[sex_style], strict=True)))
    if extra:
        df["school"] = "x"
    f = tmp_path / "m.csv"
    df.to_csv(f, index=False)
    m = measurements.read_measurements(f)
    assert len(m.data) + len(m.excluded) == len(df)
    assert set(m.data["sex"]) <= {"M", "F"}
    c = bmi_cohort.assemble(m.data)
    steps = c.steps.set_index("step")["children"]
    assert steps["children with two measurements"] + steps["without a pair (one phase only)"] \
        == m.data["child_id"].nunique()
    assert steps["evaluated"] == len(c.evaluated) <= steps["children with two measurements"]


def test_measurements_ten_times_larger(tmp_path):
    parts = []
    for k in range(10):
        d = _cohort(20205 + k)
        d["child_id"] = d["child_id"] + f"_{k}"
        parts.append(d)
    f = tmp_path / "big.csv"
    pd.concat(parts).to_csv(f, index=False)
    m = measurements.read_measurements(f)
    c = bmi_cohort.assemble(m.data)
    assert len(m.data) == 1000 and len(c.evaluated) == 500


@pytest.mark.parametrize("drop", ["weight_kg", "phase", "birth_date"])
def test_measurements_missing_column_names_file_and_column(tmp_path, drop):
    df = _cohort().drop(columns=drop)
    f = tmp_path / "m.csv"
    df.to_csv(f, index=False)
    with pytest.raises(DataValidationError) as err:
        measurements.read_measurements(f)
    assert "m.csv" in str(err.value)
    assert (drop in str(err.value)) or ("birth_date" in str(err.value))
    assert not _pandas_frames_in(err.tb)


# ---------------------------------------------------------------------------------------------
# prepost_questionnaires: long questionnaire files
# ---------------------------------------------------------------------------------------------

def _long(items: list[tuple[str, str]], n_families: int, per_family: int, seed: int = 1,
          only_first: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for fam in range(n_families):
        for p in range(per_family):
            pid = f"P{fam:02d}{p}"
            for instrument, item in items:
                scale = prepost.SCALES[instrument][item]
                lo, hi = int(scale.minimum), int(scale.maximum)
                for t in (1, 2):
                    if t == 2 and len(rows) % 7 == 0 and only_first:
                        continue
                    rows.append({"person_id": pid, "family_id": f"F{fam:02d}",
                                 "instrument": instrument, "item": item, "time": t,
                                 "score": int(rng.integers(lo, hi + 1))})
    return pd.DataFrame(rows)


@SETTINGS
@given(items=st.lists(st.sampled_from(ITEMS), min_size=1, max_size=14, unique=True),
       n_families=st.integers(1, 6), per_family=st.integers(1, 3), only_first=st.booleans())
def test_questionnaire_subsets_pair_and_count(tmp_path, items, n_families, per_family,
                                              only_first):
    df = _long(items, n_families, per_family, only_first=only_first)
    f = tmp_path / "q.csv"
    df.to_csv(f, index=False)
    long = prepost.load_long(f)
    paired, exclusions = prepost.pairs(long)
    counts = prepost.change_counts(paired)
    assert set(counts["item"]) <= {i for _, i in items}
    n_persons_items = long.groupby(["person_id", "item"]).ngroups
    assert len(paired) + int(exclusions[["only_time_1", "only_time_2"]].to_numpy().sum()) \
        == n_persons_items
    assert (counts["improved"] + counts["equal"] + counts["declined"] == counts["total"]).all()


def test_questionnaire_extra_column_is_refused_by_name_or_left_out_by_mapping(tmp_path):
    df = _long(ITEMS[:2], 3, 2).assign(opmerking="x")
    f = tmp_path / "q.csv"
    df.to_csv(f, index=False)
    with pytest.raises(DataValidationError, match="unexpected column 'opmerking'"):
        prepost.load_long(f)
    mp = tmp_path / "m.yaml"
    mp.write_text("ignore: [opmerking]\n", encoding="utf-8")
    assert len(prepost.load_long(f, mapping=mp)) == len(df)


def test_questionnaire_ten_times_larger(tmp_path):
    df = pd.read_csv(paths.PROCESSED / "gezinsregie_questionnaires_synthetic.csv") \
        if (paths.PROCESSED / "gezinsregie_questionnaires_synthetic.csv").is_file() \
        else synth_q.generate(20201)
    big = pd.concat([df.assign(person_id=df["person_id"] + f"_{k}",
                               family_id=df["family_id"] + f"_{k}") for k in range(10)])
    f = tmp_path / "big.csv"
    big.to_csv(f, index=False)
    paired, _ = prepost.pairs(prepost.load_long(f))
    counts = prepost.change_counts(paired).set_index("item")
    t2 = rawdata.load("grpp_change_counts").set_index("item")
    assert (counts.loc[t2.index, "total"] == 10 * t2["total"]).all()


# ---------------------------------------------------------------------------------------------
# registration_format: case registrations
# ---------------------------------------------------------------------------------------------

@SETTINGS
@given(n=st.integers(1, 99), variants=st.sets(st.sampled_from(
    ["poh_jeugd", "poh_ggz", "buurtteam_gezinswerker"]), min_size=1), extra=st.booleans())
def test_registration_subsets_and_small_counts(tmp_path, n, variants, extra):
    df = synth_reg.generate(20201)
    df = df[df["support_variant"].isin(variants)].head(n)
    if df.empty:
        return
    if extra:
        df = df.assign(locatie="x")
    f = tmp_path / "r.csv"
    df.to_csv(f, index=False)
    cases = registration.validate_file(f)
    assert len(cases) == len(df)
    assert extra == any("left out: locatie" in c for c in cases.attrs["conversions"])
    lead = registration.lead_by_variant(cases)
    assert set(lead["group"]) - {"all"} == set(cases["support_variant"].astype(str))
    allrow = lead[lead["group"] == "all"]
    assert int(allrow["count"].sum()) == len(df)


def test_registration_unknown_category_named(tmp_path):
    df = synth_reg.generate(20201).head(5)
    df.loc[df.index[2], "lead_after_clarification"] = "wijkteam"
    f = tmp_path / "r.csv"
    df.to_csv(f, index=False)
    with pytest.raises(registration.RegistrationError) as err:
        registration.validate_file(f)
    assert "line 4" in str(err.value) and "lead_after_clarification" in str(err.value)
    assert "r.csv" in str(err.value)


def test_registration_ten_times_larger(tmp_path):
    df = synth_reg.generate(20201)
    big = pd.concat([df.assign(case_id=df["case_id"].astype(str) + f"_{k}") for k in range(10)])
    f = tmp_path / "big.csv"
    big.to_csv(f, index=False)
    assert len(registration.validate_file(f)) == 990


# ---------------------------------------------------------------------------------------------
# poh_jeugd_referrals: a count per period
# ---------------------------------------------------------------------------------------------

@SETTINGS
@given(n=st.integers(4, 40), freq=st.sampled_from(["Q", "M"]), extra=st.booleans(),
       small=st.booleans())
def test_series_shapes(tmp_path, n, freq, extra, small):
    periods = pd.period_range("2017-01", periods=n, freq=freq).astype(str)
    df = pd.DataFrame({"period": periods, "count": np.arange(n) % (5 if small else 300) + 1})
    if extra:
        df["opmerking"] = "x"
    f = tmp_path / "s.csv"
    df.to_csv(f, index=False)
    s = its.read_series(f, freq=freq)
    assert len(s) == n and s["count"].sum() == df["count"].sum()


def test_series_mapping_and_missing_column(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("kwartaal;aantal_aanmeldingen;opmerking\n2019Q1;12;x\n2019Q2;15;\n",
                 encoding="utf-8")
    s = its.read_series(f, mapping=TEMPLATES / "poh_jeugd_referrals.yaml")
    assert s["count"].tolist() == [12.0, 15.0]
    with pytest.raises(its.SeriesError,
                       match=r"(?s)s\.csv.*column 'count': required column is missing"):
        its.read_series(f)


def test_series_too_short_names_file_and_column(tmp_path):
    f = tmp_path / "short.csv"
    f.write_text("period,count\n2019Q3,10\n2019Q4,12\n2020Q1,9\n", encoding="utf-8")
    s = its.read_series(f)
    msg = r"short\.csv, column 'period': 3 periods \(2019Q3–2020Q1\) leave 1 before"
    with pytest.raises(its.SeriesError, match=msg):
        its.check_span(s, "2019Q4", where=f"{f}, column 'period'")
    four = pd.DataFrame({"period": pd.period_range("2019Q1", periods=4, freq="Q")})
    its.check_span(four, "2019Q3")  # two on each side: enough


def test_poh_jeugd_referrals_notebook_on_a_mapped_monthly_series(tmp_path):
    """A monthly export with other column names, decimal commas and ';', read through the
    notebook's documented mapping_path (template config/mappings/poh_jeugd_referrals.yaml)."""
    from tests.conftest import run_notebook

    months = pd.period_range("2018-01", "2020-12", freq="M").astype(str)
    counts = (np.arange(len(months)) % 7) + 20
    f = tmp_path / "export.csv"
    lines = "".join(f"{m};{c},0;\n" for m, c in zip(months, counts, strict=True))
    f.write_text("kwartaal;aantal_aanmeldingen;opmerking\n" + lines, encoding="utf-8")
    template = str(TEMPLATES / "poh_jeugd_referrals.yaml")
    rows = run_notebook("poh_jeugd_referrals", tmp_path, series_path=str(f), series_freq="M",
                        mapping_path=template, exposure_column="", series_synthetic=False,
                        intervention="2019-10")
    its_rows = rows[rows.index.str.startswith("pohr_its_")]
    assert len(its_rows) > 0 and set(its_rows["basis"]) == {"real"}
    assert rows.loc["pohr_its_ols_level", "unit"] == "clients/month"


def test_poh_jeugd_referrals_notebook_on_too_short_a_series_stops_naming_it(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    from tests.conftest import run_notebook

    f = tmp_path / "short.csv"
    f.write_text("period,count\n2019Q3,12\n2019Q4,9\n2020Q1,8\n2020Q2,8\n", encoding="utf-8")
    with pytest.raises(PapermillExecutionError) as err:
        run_notebook("poh_jeugd_referrals", tmp_path, series_path=str(f), exposure_column="",
                     series_synthetic=False)
    assert err.value.ename == "SeriesError"
    assert "short.csv, column 'period'" in err.value.evalue
    assert "at least 2 on each side" in err.value.evalue


# ---------------------------------------------------------------------------------------------
# gezinsregie_costs: a dictionary table name
# ---------------------------------------------------------------------------------------------

def test_gezinsregie_input_table_is_checked_by_name():
    t = rawdata.load("grc_household_costs")
    assert len(t) >= 12
    with pytest.raises(KeyError, match="no table named 'my_households' in the data dictionary"):
        rawdata.load("my_households")


def _households(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    t1 = rng.gamma(2.0, 40000.0, n).round(0)
    return pd.DataFrame({"household": [f"HH{i:03d}" for i in range(n)], "cost_t1_eur": t1,
                         "cost_t2_eur": (t1 * rng.uniform(0.3, 1.2, n)).round(0)})


@SETTINGS
@given(n=st.integers(2, 300), extra=st.booleans(), dutch=st.booleans())
def test_gezinsregie_household_files_of_any_size(tmp_path, n, extra, dutch):
    from analysis import household_costs

    df = _households(n)
    if extra:
        df["wijk"] = "Noord"
    f = tmp_path / "households.csv"
    df.to_csv(f, index=False, sep=";" if dutch else ",", decimal="," if dutch else ".")
    t = household_costs.load(str(f))
    assert t.attrs["households"] == n and not t.attrs["published"]
    assert t.attrs["extra_columns"] == (["wijk"] if extra else [])
    assert t["cost_t1_eur"].sum() == pytest.approx(df["cost_t1_eur"].sum())


@pytest.mark.parametrize("drop", ["cost_t1_eur", "cost_t2_eur", "household"])
def test_gezinsregie_household_file_missing_column_names_file_and_column(tmp_path, drop):
    from analysis import household_costs

    f = tmp_path / "households.csv"
    _households(5).drop(columns=drop).to_csv(f, index=False)
    with pytest.raises(DataValidationError) as err:
        household_costs.load(str(f))
    assert "households.csv" in str(err.value) and drop in str(err.value)


# ---------------------------------------------------------------------------------------------
# the notebooks themselves, on real shapes (papermill in a temporary folder)
# ---------------------------------------------------------------------------------------------

def _page(tmp_path, name: str) -> str:
    nb = json.loads((tmp_path / f"{name}.ipynb").read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            text = data.get("text/markdown", "") or data.get("text/plain", "") or o.get("text", "")
            out.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(out)


def test_prepost_notebook_on_two_items_in_ten_families(tmp_path):
    """The issue's case: 'meaningfulness' and 'mental_wellbeing', 20 persons in 10 families."""
    from tests.conftest import run_notebook

    df = _long([("positive_health", "meaningfulness"), ("positive_health", "mental_wellbeing")],
               10, 2, seed=18)
    f = tmp_path / "two_items.csv"
    df.to_csv(f, index=False)
    rows = run_notebook("prepost_questionnaires", tmp_path, input_path=str(f),
                        synthetic_input=False)
    page = _page(tmp_path, "prepost_questionnaires")
    assert "The file covers 2 of the 14 items of Tabel 2" in page
    assert "Not compared, because the file has no paired answers for them" in page
    real = rows[rows["basis"] == "real"]
    assert {"grpp_ind_meaningfulness_total",
            "grpp_ind_mental_wellbeing_mean_diff"} <= set(real.index)
    assert not any(i.startswith("grpp_ind_health_") for i in rows.index)
    # Tabel 2 checked against the records only for the items the file holds
    assert rows.loc["grpp_ind_meaningfulness_total", "status"] in ("reproduced", "mismatch")


def test_ycnd_notebook_on_a_jgz_export_with_the_template_mapping(tmp_path):
    from tests.conftest import run_notebook

    df = _cohort()
    df["sex"] = df["sex"].map({"M": "jongen", "F": "meisje"})
    df["phase"] = df["phase"].map({"baseline": "intake", "follow_up": "evaluatie"})
    for c in ("birth_date", "measurement_date"):
        df[c] = pd.to_datetime(df[c]).dt.strftime("%d-%m-%Y")
    for c in ("height_cm", "weight_kg"):
        df[c] = df[c].map(lambda v: f"{v:.1f}".replace(".", ","))
    df = df.rename(columns={"child_id": "clientnummer", "sex": "geslacht",
                            "birth_date": "geboortedatum", "measurement_date": "meetdatum",
                            "height_cm": "lengte", "weight_kg": "gewicht",
                            "phase": "meetmoment"}).assign(postcode="6211AB")
    f = tmp_path / "jgz.csv"
    df.to_csv(f, sep=";", index=False)
    rows = run_notebook("ycnd_bmi", tmp_path, input_path=str(f), synthetic=False,
                        mapping_path=str(TEMPLATES / "ycnd_bmi.yaml"))
    page = _page(tmp_path, "ycnd_bmi")
    assert "columns renamed by mapping ycnd_bmi.yaml" in page
    assert "**Not compared:** the intake characteristics" in page
    assert rows.loc["ycnd_fu_stable_pct", "basis"] == "real"
    assert rows.loc["ycnd_network_coach", "basis"] == "published"
    assert rows.loc["ycnd_fu_decrease_pct", "reproduced"] == pytest.approx(48.0)


def test_ycnd_notebook_on_one_child_stops_naming_the_file(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    from tests.conftest import run_notebook

    df = _cohort()
    f = tmp_path / "one_child.csv"
    df[df["child_id"] == df["child_id"].iloc[0]].to_csv(f, index=False)
    with pytest.raises(PapermillExecutionError) as err:
        run_notebook("ycnd_bmi", tmp_path, input_path=str(f), synthetic=False)
    assert "one_child.csv: 1 child(ren) evaluated" in err.value.evalue
    assert err.value.ename == "ValueError"


def test_registration_notebook_on_one_variant_below_the_threshold(tmp_path):
    from tests.conftest import run_notebook

    df = synth_reg.generate(20201)
    df = df[df["support_variant"] == "poh_jeugd"].head(12).assign(locatie="x")
    f = tmp_path / "regs.csv"
    df.to_csv(f, index=False)
    rows = run_notebook("registration_format", tmp_path, input_path=str(f), synthetic=False)
    page = _page(tmp_path, "registration_format")
    assert "12 records from" in page
    assert "extra column(s) not in the schema, left out: locatie" in page
    assert (rows.loc[rows.index.str.startswith("ut_regfmt_lead_"), "basis"] == "real").all()
    assert rows.loc["ut_regfmt_margin_excess", "basis"] == "published"
    # 12 cases in 6 lead categories: every count is below 10, so no share reaches a results row
    lead = rows.loc[rows.index.str.startswith("ut_regfmt_lead_")]
    small = lead[lead["note"].str.contains("count suppressed (below 10)", regex=False)]
    assert len(small) >= 1 and small["reproduced"].isna().all()


def test_poh_jeugd_referrals_notebook_on_a_real_shaped_series(tmp_path):
    """Another engineer's notebook, run unedited: a quarterly series without exposure column, with
    an extra column and small counts, read through the same loader."""
    from tests.conftest import run_notebook

    periods = pd.period_range("2017Q1", "2020Q4", freq="Q").astype(str)
    df = pd.DataFrame({"period": periods, "count": (np.arange(len(periods)) % 4) + 6,
                       "opmerking": ""})
    f = tmp_path / "inflow.csv"
    df.to_csv(f, index=False)
    assert its.read_series(f)["count"].sum() == df["count"].sum()
    rows = run_notebook("poh_jeugd_referrals", tmp_path, series_path=str(f), exposure_column="",
                        series_synthetic=False)
    assert len(rows) > 0


def test_gezinsregie_notebook_with_an_unknown_table_stops_naming_it(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    from tests.conftest import run_notebook

    with pytest.raises(PapermillExecutionError) as err:
        run_notebook("gezinsregie_costs", tmp_path, input_table="my_households")
    assert "'my_households': neither a table in the data dictionary" in err.value.evalue


def test_gezinsregie_notebook_on_forty_households_says_what_it_compares(tmp_path):
    from tests.conftest import run_notebook

    f = tmp_path / "households.csv"
    _households(40).assign(wijk="Noord").to_csv(f, index=False)
    rows = run_notebook("gezinsregie_costs", tmp_path, input_table=str(f))
    page = _page(tmp_path, "gezinsregie_costs")
    assert "40 households" in page and "extra columns kept but not used: wijk" in page
    assert "Not compared:** Tabel 3, Tabel 5 and the savings in the text" in page
    assert not any(i.startswith(("grc_t3_", "grc_t5_diff", "grc_t5_saldo")) for i in rows.index)
    assert rows.loc["grc_wilcoxon_p", "basis"] == "real"
    assert rows.loc["grc_text_coordinator_cost", "basis"] == "published"


def test_gezinsregie_notebook_on_a_file_without_a_cost_column_stops_naming_it(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    from tests.conftest import run_notebook

    f = tmp_path / "households.csv"
    _households(8).drop(columns="cost_t2_eur").to_csv(f, index=False)
    with pytest.raises(PapermillExecutionError) as err:
        run_notebook("gezinsregie_costs", tmp_path, input_table=str(f))
    assert "households.csv" in err.value.evalue and "cost_t2_eur" in err.value.evalue


def test_ycnd_notebook_on_another_follow_up_window_says_what_it_cannot_compare(tmp_path):
    """Every follow-up 8 months after the start, sex coded 1/2: the 12-18 month rows of §5.6 are
    not comparable, and the page and the rows say why instead of comparing NaN."""
    from tests.conftest import run_notebook

    df = synth_ycnd.generate(20205)
    start = df[df["phase"] == "baseline"].set_index("child_id")["measurement_date"]
    fu = df["phase"] == "follow_up"
    df.loc[fu, "measurement_date"] = (pd.to_datetime(df.loc[fu, "child_id"].map(start))
                                      + pd.Timedelta(days=240))
    for c in ("birth_date", "measurement_date"):
        df[c] = pd.to_datetime(df[c]).dt.strftime("%Y-%m-%d")
    df["sex"] = df["sex"].map({"M": 1, "F": 2})
    f = tmp_path / "eight_months.csv"
    df.to_csv(f, index=False)
    rows = run_notebook("ycnd_bmi", tmp_path, input_path=str(f), synthetic=False)
    for rid in ("ycnd_fu_long_min_months", "ycnd_fu_long_decrease_pct"):
        assert rows.loc[rid, "status"] == "not_reproducible"
        assert "no child evaluated 12-18 months" in rows.loc[rid, "note"]
    assert rows.loc["ycnd_fu_decrease_pct", "basis"] == "real"
    assert "(0 of them 12 months or longer)" in _page(tmp_path, "ycnd_bmi")
