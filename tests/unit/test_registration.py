"""The registration schema, its validator, the table builders and the synthetic generator."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import registration
from analysis.synth import registrations as synth
from tests.trust.test_bad_input import REG

GOOD = REG  # one valid record, shared with the bad-input suite


def _write(tmp_path, rows, name="reg.csv"):
    path = tmp_path / name
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _bad(tmp_path, **changes):
    second = {**GOOD, "case_id": "C2", **changes}
    return _write(tmp_path, [GOOD, second])


def test_good_records_pass_and_problem_type_is_derived(tmp_path):
    multi = {**GOOD, "case_id": "C2", "help_question_domains": "gezondheid|taal"}
    df = registration.validate_file(_write(tmp_path, [GOOD, multi]))
    assert list(df["problem_type"]) == ["single", "multiple"]
    assert list(df["n_domains"]) == [1, 2]
    assert df["clarification_hours"].iloc[0] == 1.5
    assert str(df["registration_date"].dtype).startswith("datetime64")


@pytest.mark.parametrize(("changes", "column", "text"), [
    ({"support_variant": "poh_jongeren"}, "support_variant", "enum"),
    ({"age_band": ""}, "age_band", "required"),
    ({"clarification_hours": "-1"}, "clarification_hours", "minimum"),
    ({"contacts_actual": "drie"}, "contacts_actual", "not a number"),
    ({"registration_date": "2 april 2019"}, "registration_date", "type"),
    ({"case_id": "C1"}, "case_id", "unique"),
    ({"help_question_domains": "opvoeden_opgroeien|slaap"}, "help_question_domains", "slaap"),
    ({"partners_at_registration": "geen|school"}, "partners_at_registration", "combined"),
    ({"help_question_domains": "taal|taal"}, "help_question_domains", "repeated"),
    ({"clarification_end_date": "2019-03-01"}, "clarification_end_date", "before"),
    ({"lead_after_clarification": "specialist_referred", "referral_destination": "buurtteam"},
     "referral_destination", "contradicts"),
    ({"lead_after_clarification": "ondersteuner", "referral_destination": "jeugd_ggz"},
     "referral_destination", "contradicts"),
])
def test_bad_record_is_named_by_line_and_column(tmp_path, changes, column, text):
    path = _bad(tmp_path, **changes)
    with pytest.raises(registration.RegistrationError) as err:
        registration.validate_file(path)
    problems = err.value.problems
    assert any(p.startswith(f"line 3, column '{column}'") and text in p for p in problems), problems
    assert str(path) in str(err.value)


def test_several_problems_are_all_reported(tmp_path):
    path = _bad(tmp_path, support_variant="x", help_question_domains="slaap")
    with pytest.raises(registration.RegistrationError) as err:
        registration.validate_file(path)
    assert len(err.value.problems) == 2


def test_missing_file_and_missing_column(tmp_path):
    with pytest.raises(registration.RegistrationError, match="file is missing"):
        registration.validate_file(tmp_path / "nope.csv")
    path = _write(tmp_path, [{k: v for k, v in GOOD.items() if k != "age_band"}])
    with pytest.raises(registration.RegistrationError, match="age_band"):
        registration.validate_file(path)


def test_wilson_by_hand():
    low, high = registration.wilson([2, 0, 11], [26, 11, 11])
    z = 1.959963984540054
    p, n = 2 / 26, 26
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    assert low[0] == pytest.approx(centre - half)
    assert high[0] == pytest.approx(centre + half)
    assert low[1] == 0.0 and high[1] == pytest.approx(z**2 / (11 + z**2))
    assert high[2] == 1.0


def test_share_table_lists_every_category_and_adds_up(tmp_path):
    rows = [GOOD, {**GOOD, "case_id": "C2", "support_variant": "buurtteam_gezinswerker",
                   "lead_after_clarification": "huisarts", "referral_destination": "huisarts"}]
    df = registration.validate_file(_write(tmp_path, rows))
    t = registration.lead_by_variant(df)
    cats = registration.schema_enum("lead_after_clarification")
    assert set(t["group"]) == {"poh_jeugd", "buurtteam_gezinswerker", "all"}
    assert len(t) == 3 * len(cats)
    assert (t.groupby("group")["count"].sum() == t.groupby("group")["n"].first()).all()
    gp_all = t[(t["group"] == "all") & (t["category"] == "huisarts")].iloc[0]
    assert (gp_all["count"], gp_all["n"], gp_all["share"]) == (1, 2, 0.5)


def test_synthetic_cases_agree_with_the_reconcilable_margins():
    df = synth.generate(20201)
    assert len(df) == 99
    lead = df["lead_after_clarification"].value_counts()
    assert lead.to_dict() == {"ondersteuner": 29, "buurtteam": 29, "huisarts": 20,
                              "specialist_referred": 16, "specialist_in_practice": 5}
    per_practice = df.groupby("practice").size()
    assert per_practice["Huisartsenpraktijk Aletta"] == 26
    assert per_practice["Huisartsen Binnenstad"] == 11
    gp = df[df["lead_after_clarification"] == "huisarts"].groupby("practice").size()
    assert gp.get("Huisartsenpraktijk Aletta", 0) == 2
    assert gp.get("Huisartsen Binnenstad", 0) == 0
    extra = df[df["lead_after_clarification"] == "specialist_in_practice"]
    assert set(extra["support_variant"]) == {"specialist_jeugdhulp"}
    margins = synth.published_margins()
    _, excess = synth.reconciled_leads(margins)
    assert excess == 21 + 20 + 29 + 31 - 99


def test_synthetic_file_is_valid_and_deterministic(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    synth.write(a, 7)
    synth.write(b, 7)
    assert a.read_bytes() == b.read_bytes()
    df = registration.validate_file(a)
    assert len(df) == 99
    assert not synth.generate(8).equals(synth.generate(7))


def test_suppressed_share_table_blanks_small_counts_and_their_complement():
    t = pd.DataFrame({"group": ["a", "a", "a"], "category": ["x", "y", "z"],
                      "count": [3, 12, 20], "n": [35, 35, 35], "share": [3 / 35, 12 / 35, 20 / 35],
                      "ci_low": [0.0, 0.1, 0.4], "ci_high": [0.2, 0.5, 0.7]})
    out = registration.suppressed(t, 10)
    assert out["count"].isna().tolist() == [True, True, False]  # 3, and 12 as its complement
    assert out["share"].isna().tolist() == [True, True, False]
    assert out["n"].notna().all() and out["suppressed"].tolist() == [True, True, False]


def test_population_scale_path_gives_the_exact_path_tables(tmp_path):
    """A Parquet file takes the vectorised checks (analysis.registration_columnar); its tables
    equal those of the same records read as CSV by the exact path."""
    from analysis.synth import population

    csv = population.write(tmp_path / "cases.csv", 500, 7, kind="registrations")
    pq = population.write(tmp_path / "cases.parquet", 500, 7, kind="registrations")
    exact, fast = registration.validate_file(csv), registration.validate_file(pq)
    assert len(fast) == 500 and fast["case_id"].is_unique
    for table in (registration.lead_by_variant, registration.referral_shares,
                  registration.domain_shares):
        pd.testing.assert_frame_equal(table(exact), table(fast))
    assert (fast["problem_type"] == exact["problem_type"]).all()


def test_population_scale_path_names_line_and_column(tmp_path):
    from analysis.synth import population

    df = population.registrations(300, 3)
    df.loc[4, "support_variant"] = "poh_jongeren"
    df.loc[9, "case_id"] = df.loc[8, "case_id"]
    df.loc[11, "help_question_domains"] = "opvoeden_opgroeien|slaap"
    df.loc[12, ["lead_after_clarification", "referral_destination"]] = ["ondersteuner", "jeugd_ggz"]
    df.loc[13, "contacts_actual"] = 500
    path = tmp_path / "bad.parquet"
    df.to_parquet(path, index=False)
    with pytest.raises(registration.RegistrationError) as err:
        registration.validate_file(path)
    expected = ["line 6, column 'support_variant'", "line 11, column 'case_id': unique-error",
                "line 13, column 'help_question_domains': unknown item(s) ['slaap']",
                "line 14, column 'referral_destination': 'jeugd_ggz' contradicts",
                "line 15, column 'contacts_actual': constraint-error: maximum is 100"]
    assert [any(p.startswith(e) for p in err.value.problems) for e in expected] == [True] * 5
    assert len(err.value.problems) == len(expected)


def test_codes_in_english_words_from_the_schema_labels():
    from analysis import registration

    assert registration.label("support_variant", "poh_jeugd") == "practice nurse youth"
    assert registration.label("lead_after_clarification", "huisarts") == "GP back in the lead"
    assert registration.label("support_variant", "not_a_code") == "not a code"


def test_a_share_table_in_words_for_a_reader():
    import pandas as pd

    from analysis import registration

    table = pd.DataFrame({"group": ["poh_jeugd", "all"], "category": ["huisarts", "other"],
                          "count": [3, 5]})
    shown = registration.in_words(table, "lead_after_clarification")
    assert list(shown["group"]) == ["practice nurse youth", "all cases"]
    assert list(shown["category"]) == ["GP back in the lead", "other"]
    assert list(table["group"]) == ["poh_jeugd", "all"]  # the table itself is left as it was
