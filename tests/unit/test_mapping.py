"""Column and code mappings (analysis.mapping) through the loaders, with the shipped templates."""

from __future__ import annotations

import pytest

from analysis import mapping, measurements, paths, prepost, registration
from analysis.rawdata import DataValidationError

TEMPLATES = paths.ROOT / "config" / "mappings"

JGZ = """clientnummer;geslacht;geboortedatum;meetdatum;lengte;gewicht;meetmoment;postcode
J001;jongen;12-03-2009;15-01-2019;142,5;45,3;intake;6211AB
J001;jongen;12-03-2009;20-11-2019;147,0;46,1;evaluatie;6211AB
J002;meisje;01-07-2011;05-02-2019;131,0;38,2;intake;6212CD
J002;meisje;01-07-2011;10-12-2019;135,5;38,0;eindmeting;6212CD
"""


def test_jgz_export_reads_through_the_template(tmp_path):
    f = tmp_path / "jgz.csv"
    f.write_text(JGZ, encoding="utf-8")
    m = measurements.read_measurements(f, mapping=TEMPLATES / "ycnd_bmi.yaml")
    d = m.data.set_index(["child_id", "phase"])
    assert list(m.data["sex"]) == ["M", "M", "F", "F"]
    assert d.loc[("J001", "follow_up"), "height_cm"] == 147.0
    assert d.loc[("J002", "baseline"), "weight_kg"] == pytest.approx(38.2)
    assert d.loc[("J001", "baseline"), "bmi"] == pytest.approx(45.3 / 1.425**2)
    conv = " | ".join(m.conversions)
    assert "columns renamed by mapping ycnd_bmi.yaml: clientnummer → child_id" in conv
    assert "column(s) left out by the mapping: postcode" in conv
    assert "4 code(s) in column 'sex' translated" in conv
    assert "4 code(s) in column 'phase' translated" in conv


def test_decimal_comma_in_a_comma_file_by_mapping(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text('id,sex,age,date,h,w,phase\nA,1,"10,5",2019-01-01,"140,2","40,0",baseline\n',
                 encoding="utf-8")
    mp = tmp_path / "map.yaml"
    mp.write_text("columns: {child_id: id, age_years: age, measurement_date: date,"
                  " height_cm: h, weight_kg: w}\ndecimal: ','\n", encoding="utf-8")
    m = measurements.read_measurements(f, mapping=mp)
    assert m.data.loc[0, "age_years"] == 10.5 and m.data.loc[0, "height_cm"] == 140.2


def test_unmapped_code_and_missing_source_column_are_named(tmp_path):
    f = tmp_path / "jgz.csv"
    f.write_text(JGZ.replace("evaluatie", "tussenmeting"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"line 3, column 'phase': 'tussenmeting'"):
        measurements.read_measurements(f, mapping=TEMPLATES / "ycnd_bmi.yaml")
    f.write_text(JGZ.replace("gewicht", "massa"), encoding="utf-8")
    with pytest.raises(DataValidationError,
                       match="'weight_kg'.*the mapping takes it from column 'gewicht'"):
        measurements.read_measurements(f, mapping=TEMPLATES / "ycnd_bmi.yaml")


@pytest.mark.parametrize("text,msg", [
    ("colums: {a: b}\n", "key 'colums': unknown"),
    ("columns: [a, b]\n", "key 'columns': must be a mapping"),
    ("codes: {sex: [a]}\n", "key 'codes.sex': must be a mapping"),
    ("decimal: ';'\n", "key 'decimal'"),
    ("columns: {weight: gewicht}\n", "'weight': not a column of the schema"),
    ("- a\n", "must hold a mapping"),
    ("columns: {a: [\n", "not valid YAML"),
])
def test_bad_mappings_name_file_and_key(tmp_path, text, msg):
    f = tmp_path / "jgz.csv"
    f.write_text(JGZ, encoding="utf-8")
    mp = tmp_path / "bad.yaml"
    mp.write_text(text, encoding="utf-8")
    with pytest.raises(mapping.MappingError, match=msg) as err:
        measurements.read_measurements(f, mapping=mp)
    assert "bad.yaml" in str(err.value)


def test_every_template_loads_and_every_entry_point_has_one():
    names = {p.stem for p in TEMPLATES.glob("*.yaml")}
    assert names == {"ycnd_bmi", "prepost_questionnaires", "registration_format",
                     "poh_jeugd_referrals", "gezinsregie_costs"}
    for p in TEMPLATES.glob("*.yaml"):
        assert mapping.load(p).path.endswith(p.name)


def test_questionnaire_export_through_the_template(tmp_path):
    rows = ["persoon;gezin;vragenlijst;vraag;meting;score;datum_ingevuld"]
    for person, fam in (("p1", "g1"), ("p2", "g1")):
        for t, s in (("voormeting", "6"), ("nameting", "8")):
            rows.append(f"{person};{fam};Positieve gezondheid;Zingeving;{t};{s};01-01-2020")
    f = tmp_path / "q.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    df = prepost.load_long(f, mapping=TEMPLATES / "prepost_questionnaires.yaml")
    assert set(df["item"]) == {"meaningfulness"} and sorted(df["time"].unique()) == [1, 2]
    assert df["score"].tolist() == [6, 8, 6, 8]


def _registration_export(tmp_path):
    """The synthetic registrations as a practice might export them: Dutch column names from the
    template, columns in another order, categories in words, a decimal comma, two extra columns."""
    import pandas as pd
    import yaml

    from analysis.synth import registrations

    src = tmp_path / "syn.csv"
    registrations.write(src, 20201)
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    spec = yaml.safe_load((TEMPLATES / "registration_format.yaml").read_text(encoding="utf-8"))
    df["support_variant"] = df["support_variant"].replace({"poh_jeugd": "POH Jeugd"})
    df["referral_destination"] = df["referral_destination"].replace({"none": "geen"})
    df["clarification_hours"] = df["clarification_hours"].str.replace(".", ",", regex=False)
    df = df.rename(columns=spec["columns"]).assign(naam_client="x", bsn="1")
    return df[list(reversed(df.columns))]


def test_registration_export_through_the_template(tmp_path):
    df = _registration_export(tmp_path)
    f = tmp_path / "export.csv"
    df.to_csv(f, sep=";", index=False)
    cases = registration.validate_file(f, mapping=TEMPLATES / "registration_format.yaml")
    want = registration.validate_file(tmp_path / "syn.csv")
    assert len(cases) == len(want) == 99
    assert (cases["support_variant"].astype(str) == want["support_variant"].astype(str)).all()
    assert cases["clarification_hours"].tolist() == pytest.approx(
        want["clarification_hours"].tolist())
    assert any("left out by the mapping: bsn, naam_client" in c
               for c in cases.attrs["conversions"])


def test_registration_template_refuses_unknown_category_by_line(tmp_path):
    df = _registration_export(tmp_path)
    df.loc[3, "variant"] = "poh jongeren"
    f = tmp_path / "export.csv"
    df.to_csv(f, sep=";", index=False)
    with pytest.raises(registration.RegistrationError,
                       match="line 5, column 'support_variant'"):
        registration.validate_file(f, mapping=TEMPLATES / "registration_format.yaml")
