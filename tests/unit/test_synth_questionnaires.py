"""The synthetic questionnaire generator: exact Tabel 2 counts, valid file, determinism, and the
individual-data path reproducing the sign tests of the published counts."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import prepost, rawdata
from analysis.synth import questionnaires

SEEDS = (20201, 7)
COUNT_COLS = ["improved", "equal", "declined", "total"]


@pytest.fixture(scope="module")
def tabel2():
    return rawdata.load("grpp_change_counts").set_index("item")


@pytest.fixture(scope="module", params=SEEDS)
def synthetic_file(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / f"q_{request.param}.csv"
    questionnaires.write(path, request.param)
    return path


def test_counts_equal_tabel2_exactly(synthetic_file, tabel2):
    long = prepost.load_long(synthetic_file)  # also validates scales, keys and families
    paired, _ = prepost.pairs(long)
    counts = prepost.change_counts(paired).set_index("item")
    assert sorted(counts.index) == sorted(tabel2.index)
    for item, row in tabel2.iterrows():
        assert counts.loc[item, COUNT_COLS].tolist() == row[COUNT_COLS].astype(int).tolist(), item


def test_individual_path_reproduces_the_sign_tests(synthetic_file, tabel2):
    paired, _ = prepost.pairs(prepost.load_long(synthetic_file))
    from_file = prepost.change_summary(prepost.change_counts(paired)).set_index("item")
    from_counts = prepost.change_summary(tabel2.reset_index()).set_index("item")
    for col in ("sign_p", "p_holm", "p_bh", "improved_ci_low", "improved_ci_high"):
        assert from_file.loc[from_counts.index, col].to_numpy() == pytest.approx(
            from_counts[col].to_numpy(), abs=1e-15), col
    # and a hand-checked one: 'Hoe gezond voelt u zich?' 9 up, 3 down → 2·299/4096
    assert from_file.loc["health", "sign_p"] == pytest.approx(2 * 299 / 4096)


def test_respondents_and_families_match_the_text(synthetic_file):
    """19 persons in 9 families (Vragenlijst 1), 17 in 9 (ICECAP), 22 in 11 (Positive Health)."""
    text = rawdata.load("grpp_text_values").set_index("key")["value"]
    long = prepost.load_long(synthetic_file)
    by_instr = long.groupby("instrument")
    assert by_instr["person_id"].nunique().to_dict() == {
        "general": text["q1_members"], "icecap": text["icecap_members"],
        "positive_health": text["pg_members"]}
    assert by_instr["family_id"].nunique().to_dict() == {
        "general": text["q1_families"], "icecap": text["icecap_families"],
        "positive_health": text["pg_families"]}


def test_one_unpaired_person_for_the_care_item(synthetic_file):
    _, excl = prepost.pairs(prepost.load_long(synthetic_file))
    e = excl.set_index("item")
    assert e.loc["care_satisfaction", "only_time_1"] == 1
    assert e[["only_time_1", "only_time_2"]].to_numpy().sum() == 1


def test_scores_are_whole_numbers_on_each_scale(synthetic_file):
    long = prepost.load_long(synthetic_file)
    assert np.all(long["score"] == np.round(long["score"]))
    for (instr, item), g in long.groupby(["instrument", "item"]):
        s = prepost.SCALES[instr][item]
        assert g["score"].between(s.minimum, s.maximum).all()


def test_label_says_what_is_matched_and_what_is_invented():
    from analysis.synth import questionnaires as q

    label = q.label()
    assert label.startswith("SYNTHETIC") and "equal Tabel 2 of Bijlage 4 exactly (14 items" in label
    assert "11 families and 22 persons" in label and "invented are every score" in label
