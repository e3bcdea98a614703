"""Bad input, as real files contain it, fed to every loader and file parameter.

Loaders and the notebook parameters that reach them:
* :func:`analysis.userfiles.read_csv` — the one reader of user CSV files;
* :func:`analysis.measurements.read_measurements` — ``ycnd_bmi.ipynb`` ``input_path``;
* :func:`analysis.registration.validate_file` — ``registration_format.ipynb`` ``input_path``;
* :func:`analysis.rawdata.check_table` / ``load`` — every transcribed table in ``data/raw`` (and
  ``gezinsregie_costs.ipynb`` ``input_table``, a dictionary name).

Each case gets a clear error naming file, line and column, a documented conversion, or a counted
exclusion — never a silent drop.
"""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest

from analysis import its, measurements, paths, rawdata, registration, userfiles
from analysis.rawdata import DataValidationError

# ---------------------------------------------------------------------------------------------
# the reader itself
# ---------------------------------------------------------------------------------------------


def write_bytes(tmp_path, data: bytes, name: str = "in.csv"):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")])
def test_encodings_are_detected_and_decoded(tmp_path, encoding, expected):
    text = "naam_nl,label_en,value\nGezinsregie café,coordination,1\nCoöperatie € ‘x’,coop,2\n"
    p = write_bytes(tmp_path, text.encode(encoding))
    t = userfiles.read_csv(p, numeric=["value"])
    assert t.encoding == expected
    assert t.data["naam_nl"].tolist() == ["Gezinsregie café", "Coöperatie € ‘x’"]
    assert list(t.data.columns) == ["naam_nl", "label_en", "value"]  # no BOM in the first name
    if expected != "utf-8":
        assert any(expected in c for c in t.conversions)


def test_undecodable_bytes_name_the_line(tmp_path):
    p = write_bytes(tmp_path, b"a,b\n1,2\n3,\x81\x8d\xff\n")
    with pytest.raises(userfiles.UserFileError, match=r"line 3: byte 0x81"):
        userfiles.read_csv(p)


def test_utf16_is_refused_with_advice(tmp_path):
    p = write_bytes(tmp_path, "a,b\n1,2\n".encode("utf-16"))
    with pytest.raises(userfiles.UserFileError, match="UTF-16"):
        userfiles.read_csv(p)


def test_dutch_excel_semicolon_file_is_converted(tmp_path):
    """As Dutch Excel saves 'CSV (puntkomma)': cp1252, ';', decimal comma, thousands dot."""
    text = ("gemeente;kosten;aandeel;datum\r\n"
            "Maastricht;1.074.904;65,7;13-04-2019\r\n"
            "Eijsden-Margraten;12.345,50;-0,5;2019-04-14\r\n"
            "Valkenburg;870;100;1/2/2020\r\n")
    p = write_bytes(tmp_path, text.encode("cp1252"))
    t = userfiles.read_csv(p, numeric=["kosten", "aandeel"], dates=["datum"])
    assert t.delimiter == ";"
    assert pd.to_numeric(t.data["kosten"]).tolist() == [1074904.0, 12345.5, 870.0]
    assert pd.to_numeric(t.data["aandeel"]).tolist() == [65.7, -0.5, 100.0]
    assert t.data["datum"].tolist() == ["2019-04-13", "2019-04-14", "2020-02-01"]
    assert "semicolon-separated file" in t.conversions
    assert any("Dutch notation" in c for c in t.conversions)
    assert any("day-month-year" in c for c in t.conversions)


def test_decimal_point_in_a_semicolon_file_is_ambiguous(tmp_path):
    p = write_bytes(tmp_path, b"id;value\nA;12.5\n")
    with pytest.raises(userfiles.UserFileError, match=r"line 2, column 'value'.*decimal point"):
        userfiles.read_csv(p, numeric=["value"])


def test_decimal_comma_in_a_comma_file_is_an_error(tmp_path):
    p = write_bytes(tmp_path, b'id,value\nA,"12,5"\n')
    with pytest.raises(userfiles.UserFileError, match=r"line 2, column 'value'.*decimal comma"):
        userfiles.read_csv(p, numeric=["value"])


def test_tab_separated_and_blank_lines_are_counted(tmp_path):
    p = write_bytes(tmp_path, b"id\tvalue\n\nA\t1\n\n\nB\t2\n")
    t = userfiles.read_csv(p, numeric=["value"])
    assert t.delimiter == "\t"
    assert t.lines == [3, 6]  # the file's own lines, blank lines counted but not data
    assert "3 blank line(s) skipped" in t.conversions


def test_quoted_newline_keeps_line_numbers(tmp_path):
    p = write_bytes(tmp_path, b'id,text,value\nA,"two\nlines",1\nB,x,zwei\n')
    with pytest.raises(userfiles.UserFileError, match=r"line 4, column 'value'"):
        userfiles.read_csv(p, numeric=["value"])


@pytest.mark.parametrize("data, message", [
    (b"", "file is empty"),
    (b"\xef\xbb\xbf\r\n\r\n", "file is empty"),
    (b"a,b,a\n1,2,3\n", r"line 1, column 'a': appears twice"),
    (b"a,,b\n1,2,3\n", r"line 1, column 2: empty column name"),
    (b"a,b\n1,2\n3,4,5\n", r"line 3: 3 fields, the header has 2"),
])
def test_broken_files(tmp_path, data, message):
    with pytest.raises(userfiles.UserFileError, match=message) as err:
        userfiles.read_csv(write_bytes(tmp_path, data))
    assert str(tmp_path / "in.csv") in str(err.value)


def test_missing_renamed_and_extra_columns(tmp_path):
    p = write_bytes(tmp_path, b" Child_ID ,sexe,height_cm,colour\nA,M,150,red\n")
    with pytest.raises(userfiles.UserFileError) as err:
        userfiles.read_csv(p, required=["child_id", "sex", "height_cm"])
    assert err.value.problems == [
        "line 1, column 'sex': required column is missing (did you mean 'sexe'?); found "
        "['child_id', 'sexe', 'height_cm', 'colour']"]
    t = userfiles.read_csv(p, required=["child_id", "height_cm"], optional=["sexe"])
    assert t.extra_columns == ["colour"]  # kept and reported, not silently dropped
    assert "header names stripped of blanks and lower-cased" in t.conversions


@pytest.mark.parametrize("label", ["=HYPERLINK(\"http://x\",\"klik\")", "+31 6 1234", "-cmd|x",
                                   "@SUM(A1)", "\t=1+1"])
def test_formula_injection_rejected_or_neutralised(tmp_path, label):
    p = tmp_path / "f.csv"
    pd.DataFrame({"label": [label, "gewoon"], "value": ["-1.5", "2"]}).to_csv(p, index=False)
    with pytest.raises(userfiles.UserFileError, match=r"line 2, column 'label'.*formula"):
        userfiles.read_csv(p, numeric=["value"])
    t = userfiles.read_csv(p, numeric=["value"], formulas="neutralise")
    assert t.data["label"].tolist() == ["'" + label.strip(" "), "gewoon"] or \
        t.data["label"].iloc[0].startswith("'")
    assert t.data["value"].tolist() == ["-1.5", "2"]  # a negative number is not a formula
    assert any("formula-like" in c for c in t.conversions)


def test_negative_numbers_and_html_labels_are_data(tmp_path):
    p = tmp_path / "h.csv"
    pd.DataFrame({"label": ["<script>alert(1)</script>", "-12"], "v": ["1", "2"]}).to_csv(
        p, index=False)
    t = userfiles.read_csv(p)
    assert t.data["label"].tolist() == ["<script>alert(1)</script>", "-12"]  # escaped on output


def test_neutralise_formula_for_writers():
    assert userfiles.neutralise_formula("=1+1") == "'=1+1"
    assert userfiles.neutralise_formula("-3.5") == "-3.5"
    assert userfiles.neutralise_formula(4) == 4


# ---------------------------------------------------------------------------------------------
# measurements (ycnd_bmi.ipynb, parameter input_path)
# ---------------------------------------------------------------------------------------------

M_HEADER = "child_id,sex,birth_date,measurement_date,height_cm,weight_kg,phase"
M_GOOD = ["A,M,2010-01-01,2020-01-01,150.0,40.0,baseline",
          "A,M,2010-01-01,2021-01-01,156.0,42.0,follow_up",
          "B,F,2011-05-05,2020-03-01,140.5,38.2,baseline"]


def write_meas(tmp_path, rows, header=M_HEADER, encoding="utf-8", sep=","):
    p = tmp_path / "meas.csv"
    text = "\n".join([header, *rows]) + "\n"
    p.write_bytes(text.replace(",", sep).encode(encoding))
    return p


@pytest.mark.parametrize("rows, header, message", [
    (M_GOOD, M_HEADER.replace(",weight_kg", ""), "column 'weight_kg': required column is missing"),
    (M_GOOD, M_HEADER.replace("height_cm", "height"), "did you mean 'height'"),
    ([], M_HEADER, "no data rows"),
    ([M_GOOD[0].replace("150.0", "honderdvijftig")], M_HEADER,
     "line 2, column 'height_cm': 'honderdvijftig' is not a number"),
    ([M_GOOD[0], M_GOOD[0]], M_HEADER, "line 3, column 'phase': second 'baseline' row for child"),
    ([M_GOOD[0].replace("2020-01-01", "2999-01-01")], M_HEADER,
     "line 2, column 'measurement_date': 2999-01-01 is in the future"),
    ([M_GOOD[0].replace("A,M", "=cmd|' /C calc'!A0,M")], M_HEADER,
     "line 2, column 'child_id'.*formula"),
    ([M_GOOD[0].replace(",M,", ",man,")], M_HEADER, "line 2, column 'sex'"),
    ([M_GOOD[0].replace("2020-01-01", "1st of May")], M_HEADER,
     "line 2, column 'measurement_date': missing or not an ISO date"),
])
def test_measurements_errors_name_file_line_column(tmp_path, rows, header, message):
    if "weight_kg" not in header:  # drop the weight field too
        rows = [",".join(r.split(",")[:5] + r.split(",")[6:]) for r in rows]
    p = write_meas(tmp_path, rows, header)
    with pytest.raises(DataValidationError) as err:
        measurements.read_measurements(p)
    assert str(p) in str(err.value)
    assert re.search(message, str(err.value)), str(err.value)


def test_measurements_extra_column_is_kept_and_counted(tmp_path):
    p = write_meas(tmp_path, [r + ",x" for r in M_GOOD], M_HEADER + ",opmerking")
    m = measurements.read_measurements(p)
    assert len(m.data) == 3


def test_measurements_implausible_and_before_birth_are_counted_exclusions(tmp_path):
    rows = [*M_GOOD,
            "C,M,2012-01-01,2020-01-01,15.0,40.0,baseline",    # height in dm? 15 cm
            "D,F,2012-01-01,2020-01-01,150.0,400.0,baseline",  # weight 400 kg
            "E,F,2021-01-01,2020-01-01,150.0,40.0,baseline"]   # measured before birth
    m = measurements.read_measurements(write_meas(tmp_path, rows))
    counts = m.counts.set_index("step")["rows"].to_dict()
    assert counts["rows read"] == 6 and counts["rows kept"] == 3
    assert m.excluded["line"].tolist() == [5, 6, 7]
    assert m.excluded["child_id"].tolist() == ["C", "D", "E"]
    assert sum(v for k, v in counts.items() if k.startswith("excluded")) == 3


def test_measurements_dutch_excel_file_reads_the_same(tmp_path):
    """cp1252 + ';' + decimal commas + day-month-year dates → the same values as the ISO file."""
    ref = measurements.read_measurements(write_meas(tmp_path, M_GOOD)).data
    rows = []
    for r in M_GOOD:
        f = r.split(",")
        f[2], f[3] = ("-".join(reversed(f[2].split("-"))), "-".join(reversed(f[3].split("-"))))
        f[4], f[5] = f[4].replace(".", ","), f[5].replace(".", ",")
        rows.append(";".join(f))  # 01-01-2010;…;150,0;40,0
    p = tmp_path / "excel.csv"
    p.write_bytes(("\r\n".join([M_HEADER.replace(",", ";"), *rows]) + "\r\n").encode("cp1252"))
    m = measurements.read_measurements(p)
    pd.testing.assert_frame_equal(m.data, ref)
    assert "semicolon-separated file" in m.conversions


def test_measurements_bom_file(tmp_path):
    p = write_meas(tmp_path, M_GOOD, encoding="utf-8-sig")
    m = measurements.read_measurements(p)
    assert len(m.data) == 3 and any("byte-order mark" in c for c in m.conversions)


# ---------------------------------------------------------------------------------------------
# registrations (registration_format.ipynb, parameter input_path)
# ---------------------------------------------------------------------------------------------

REG = {
    "case_id": "C1", "practice": "Praktijk Café", "support_variant": "poh_jeugd",
    "registration_date": "2019-04-02", "clarification_end_date": "2019-04-10", "closed_date": "",
    "age_band": "4-11", "help_question_text": "", "help_question_domains": "opvoeden_opgroeien",
    "partners_at_registration": "geen", "clarification_hours": "1.5",
    "partners_in_clarification": "school|jgz", "lead_after_clarification": "ondersteuner",
    "referral_destination": "none", "goals": "", "contacts_planned": "3", "contacts_actual": "4",
}


def write_reg(tmp_path, rows, sep=",", encoding="utf-8", name="reg.csv"):
    p = tmp_path / name
    pd.DataFrame(rows).to_csv(p, index=False, sep=sep, encoding=encoding)
    return p


@pytest.mark.parametrize("changes, message", [
    ({"contacts_actual": "drie"}, "line 3, column 'contacts_actual': 'drie' is not a number"),
    ({"contacts_actual": "-2"}, "line 3, column 'contacts_actual'.*minimum"),
    ({"clarification_hours": "1,5"}, "line 3, column 'clarification_hours'.*decimal comma"),
    ({"case_id": "C1"}, "line 3, column 'case_id'.*unique"),
    ({"registration_date": "2999-01-01", "clarification_end_date": "2999-01-02"},
     "line 3, column 'registration_date': 2999-01-01 is in the future"),
    ({"closed_date": "2019-01-01"}, "line 3, column 'closed_date'.*before"),
    ({"age_band": ""}, "line 3, column 'age_band'.*required"),
])
def test_registration_errors_name_file_line_column(tmp_path, changes, message):
    p = write_reg(tmp_path, [REG, {**REG, "case_id": "C2", **changes}])
    with pytest.raises(registration.RegistrationError) as err:
        registration.validate_file(p)
    assert str(p) in str(err.value)
    assert any(re.search(message, q) for q in err.value.problems), \
        err.value.problems


@pytest.mark.parametrize("drop, rename", [("age_band", None), (None, ("age_band", "leeftijd"))])
def test_registration_missing_or_renamed_column(tmp_path, drop, rename):
    frame = pd.DataFrame([REG])
    frame = frame.drop(columns=drop) if drop else frame.rename(columns=dict([rename]))
    p = tmp_path / "reg.csv"
    frame.to_csv(p, index=False)
    with pytest.raises(registration.RegistrationError, match="age_band"):
        registration.validate_file(p)


def test_registration_dutch_excel_file_is_read(tmp_path):
    rows = [{**REG, "clarification_hours": "1,5"},
            {**REG, "case_id": "C2", "clarification_hours": "2,5",
                  "registration_date": "03-04-2019", "clarification_end_date": "11-04-2019"}]
    p = write_reg(tmp_path, rows, sep=";", encoding="cp1252")
    df = registration.validate_file(p)
    assert df["clarification_hours"].tolist() == [1.5, 2.5]
    assert df["registration_date"].dt.strftime("%Y-%m-%d").tolist() == ["2019-04-02", "2019-04-03"]
    assert df["practice"].iloc[0] == "Praktijk Café"
    assert "semicolon-separated file" in df.attrs["conversions"]


def test_registration_formula_text_is_neutralised_and_reported(tmp_path):
    p = write_reg(tmp_path, [{**REG, "help_question_text": "=HYPERLINK(\"http://x\")"}])
    df = registration.validate_file(p)
    assert df["help_question_text"].iloc[0] == "'=HYPERLINK(\"http://x\")"
    assert any("formula-like" in c for c in df.attrs["conversions"])


def test_registration_empty_file(tmp_path):
    p = tmp_path / "reg.csv"
    p.write_text("")
    with pytest.raises(registration.RegistrationError, match="file is empty"):
        registration.validate_file(p)


# ---------------------------------------------------------------------------------------------
# transcribed tables (data/raw, read by analysis.rawdata)
# ---------------------------------------------------------------------------------------------

@pytest.fixture()
def raw_copy(tmp_path):
    """A copy of one data/raw folder and its dictionary entry for 'pohsat_answers'."""
    e = rawdata.entry("pohsat_answers")
    folder = tmp_path / e.package_path.parent.name
    shutil.copytree(e.package_path.parent, folder)
    return e.descriptor, folder, folder / e.descriptor["path"]


def _edit(path, row: int, column: str, value: str) -> int:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row, column] = value
    df.to_csv(path, index=False)
    return row + 2


@pytest.mark.parametrize("column, value, kind", [
    ("percent", "150", "constraint-error"),       # a percentage above 100
    ("count", "-3", "constraint-error"),          # a negative count
    ("count", "12,5", "type-error"),              # Dutch decimal comma in the transcription
    ("count", "1.074", "type-error"),             # a thousands dot in an integer column
    ("percent", "veel", "type-error"),            # text in a numeric column
])
def test_transcribed_table_errors_name_line_and_column(raw_copy, column, value, kind):
    descriptor, folder, path = raw_copy
    line = _edit(path, 1, column, value)
    with pytest.raises(DataValidationError) as err:
        rawdata.check_table(descriptor, folder)
    assert str(path) in str(err.value)
    where = f"line {line}, column '{column}': {kind}"
    assert any(q.startswith(where) for q in err.value.problems), err.value.problems


def test_transcribed_table_missing_extra_and_empty(raw_copy):
    descriptor, folder, path = raw_copy
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.drop(columns="count").to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="count"):
        rawdata.check_table(descriptor, folder)
    df.assign(extra="x").to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="extra"):
        rawdata.check_table(descriptor, folder)
    path.write_text("")
    with pytest.raises(DataValidationError, match="file is empty"):
        rawdata.check_table(descriptor, folder)


def test_every_user_file_parameter_is_covered():
    """Every notebook parameter that names an input file reads through a tested loader.

    If a notebook gains a new path parameter, this test lists it so that its loader is added
    to this suite.
    """
    import nbformat

    covered = {("ycnd_bmi", "input_path"), ("registration_format", "input_path"),
               ("prepost_questionnaires", "input_path"), ("poh_jeugd_referrals", "series_path"),
               ("gezinsregie_costs", "input_table"),
               # the column/code mapping (analysis.mapping): test_bad_mapping_files_are_named below
               ("ycnd_bmi", "mapping_path"), ("registration_format", "mapping_path"),
               ("prepost_questionnaires", "mapping_path"), ("poh_jeugd_referrals", "mapping_path"),
               ("gezinsregie_costs", "mapping_path")}
    found = set()
    for nb_path in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        for line in cell.source.splitlines():
            name = line.split("=")[0].strip()
            if name.endswith(("_path", "_file", "_table")) and name not in (
                    "results_path", "audit_html_path"):
                found.add((nb_path.stem, name))
    assert found <= covered, f"file parameters without a bad-input test: {found - covered}"


@pytest.mark.parametrize("content,msg", [
    (None, "mapping file is missing"),
    (b"columns: {a: [\n", "not valid YAML"),
    (b"\xff\xfe c\x00", "not valid YAML"),
    (b"colums: {}\n", "key 'colums': unknown"),
    (b"codes: [1, 2]\n", "key 'codes': must map schema columns"),
])
def test_bad_mapping_files_are_named(tmp_path, content, msg):
    """The mapping_path parameter of ycnd_bmi, registration_format, prepost_questionnaires,
    poh_jeugd_referrals and gezinsregie_costs."""
    from analysis import household_costs

    data = tmp_path / "m.csv"
    data.write_text("child_id,sex\n", encoding="utf-8")
    mp = tmp_path / "my_mapping.yaml"
    if content is not None:
        mp.write_bytes(content)
    for load in (lambda: measurements.read_measurements(data, mapping=mp),
                 lambda: registration.validate_file(data, mapping=mp),
                 lambda: its.read_series(data, mapping=mp),
                 lambda: household_costs.load(str(data), mapping=mp)):
        with pytest.raises(DataValidationError, match=msg) as err:
            load()
        assert "my_mapping.yaml" in str(err.value)


def test_dictionary_with_broken_json_names_the_line(tmp_path):
    folder = tmp_path / "raw" / "x"
    folder.mkdir(parents=True)
    (folder / "datapackage.json").write_text('{"resources": [\n  {"name": "a",}\n]}')
    rawdata.catalog.cache_clear()
    try:
        with pytest.raises(DataValidationError, match="line 2: invalid JSON"):
            rawdata.catalog(tmp_path / "raw")
    finally:
        rawdata.catalog.cache_clear()
    json.loads((paths.RAW / "poh_jeugd" / "datapackage.json").read_text())


# ---------------------------------------------------------------------------------------------
# questionnaires (prepost_questionnaires.ipynb, parameter input_path)
# ---------------------------------------------------------------------------------------------

Q_HEADER = "person_id,family_id,instrument,item,time,score"
Q_GOOD = ["P1,F1,icecap,autonomy,1,2", "P1,F1,icecap,autonomy,2,3",
          "P1,F1,positive_health,daily_functioning,1,6.4"]


def write_q(tmp_path, rows, header=Q_HEADER, sep=",", encoding="utf-8"):
    p = tmp_path / "long.csv"
    p.write_bytes(("\n".join([header.replace(",", sep), *rows]) + "\n").encode(encoding))
    return p


@pytest.mark.parametrize("rows, header, message", [
    (Q_GOOD, Q_HEADER.replace(",score", ""), "column 'score': required column is missing"),
    (Q_GOOD, Q_HEADER.replace("score", "scores"), "did you mean 'scores'"),
    ([r + ",x" for r in Q_GOOD], Q_HEADER + ",remark", "unexpected column 'remark'"),
    ([Q_GOOD[0].replace(",2", ",twee")], Q_HEADER,
     "line 2, column 'score': 'twee' is not a number"),
    ([Q_GOOD[0], Q_GOOD[0]], Q_HEADER, "line 3.*primary-key"),
    ([Q_GOOD[0].replace(",2", ",-1")], Q_HEADER, "line 2, column 'score': -1 outside"),
    ([Q_GOOD[0].replace("P1", "=1+1")], Q_HEADER, "line 2, column 'person_id'.*formula"),
    ([Q_GOOD[2].replace("6.4", '"6,4"')], Q_HEADER, "line 2, column 'score'.*decimal comma"),
])
def test_questionnaire_errors_name_file_line_column(tmp_path, rows, header, message):
    from analysis import prepost

    if "score" not in header.split(","):
        rows = [r.rsplit(",", 1)[0] for r in rows]
    p = write_q(tmp_path, rows, header)
    with pytest.raises(DataValidationError) as err:
        prepost.load_long(p)
    assert str(p) in str(err.value)
    assert re.search(message, str(err.value)), str(err.value)


def test_questionnaire_dutch_excel_file(tmp_path):
    from analysis import prepost

    ref = prepost.load_long(write_q(tmp_path, Q_GOOD))
    dutch = [r.replace("6.4", "6,4") for r in Q_GOOD]
    p = write_q(tmp_path, [r.replace(",", ";").replace("6;4", "6,4") for r in dutch],
                sep=";", encoding="cp1252")
    got = prepost.load_long(p)
    assert got["score"].tolist() == ref["score"].tolist() == [2.0, 3.0, 6.4]
    assert "semicolon-separated file" in got.attrs["conversions"]


def test_questionnaire_empty_file(tmp_path):
    from analysis import prepost

    p = tmp_path / "long.csv"
    p.write_bytes(b"")
    with pytest.raises(DataValidationError, match="file is empty"):
        prepost.load_long(p)


# ---------------------------------------------------------------------------------------------
# count series (poh_jeugd_referrals.ipynb, parameter series_path)
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    (b"period,n\n2019Q1,10\n", "column 'count': required column is missing"),
    (b"period,count\n2019Q1,10\n2019Q2,tien\n", "line 3, column 'count': 'tien' is not a number"),
    (b"period,count\n2019Q1,10\n2019Q2,-3\n", "line 3, column 'count'.*non-negative"),
    (b"period,count\n2019Q1,10\n2019Q3,12\n", "line 3: period 2019Q3 is gap"),
    (b"period,count\n2019Q1,10\n2019Q1,12\n", "duplicate"),
    (b"period,count\n2019Q5,10\n", "line 2, column 'period'"),
    (b"period,count\n", "no data rows"),
    (b"", "file is empty"),
    (b"period,count\n=2019Q1,10\n", "line 2, column 'period'.*formula"),
    (b'period,count\n2019Q1,"1,5"\n', "line 2, column 'count'.*decimal comma"),
])
def test_series_errors_name_file_line_column(tmp_path, text, message):
    from analysis import its

    p = write_bytes(tmp_path, text, "series.csv")
    with pytest.raises(its.SeriesError) as err:
        its.read_series(p)
    assert str(p) in str(err.value)
    assert re.search(message, str(err.value)), str(err.value)


def test_series_dutch_excel_file(tmp_path):
    from analysis import its

    p = write_bytes(tmp_path, "periode;count;days\r\n2019Q1;1.204;90\r\n2019Q2;987;91\r\n"
                    .replace("periode", "period").encode("cp1252"), "series.csv")
    s = its.read_series(p, exposure_column="days")
    assert s["count"].tolist() == [1204.0, 987.0] and s["exposure"].tolist() == [90.0, 91.0]
