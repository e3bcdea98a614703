"""How many of the numbers printed in the five sources the repository covers, and how.

The scanner reads each source line by line and keeps every number printed in digits that states a
result (table cells and running text). It leaves out, by rule (:func:`printed_numbers`):

* table-of-contents entries (a numbered or "Bijlage" heading, a tab and a page number; or a
  dot leader and a page number) and lines holding only a page number;
* heading and list numbers at the start of a line (``5.4. Casuïstiek``, ``1. Voor een …``,
  ``2 Het aanpakken …``);
* numbers that label something: after ``Bijlage``, ``Tabel``, ``Figuur``, ``paragraaf``,
  ``hoofdstuk``, ``Interventie``, ``Project``, ``fase``, ``stap``, ``casus``, ``rapport``, ``Q``
  and the like, and ``van de 7 rapporten``;
* dates used as labels: years 1950–2039, day and month (``1 april``, ``31-12-2020``,
  ``10-2018``), times of day;
* numbers inside web addresses, e-mail addresses and telephone numbers (``T: 14 030``; any
  number printed with a leading zero, such as the area code ``030``); the definition of an
  index scale ("waarbij 100 het gemiddelde", "score dan 100"); and the rows of the
  Wijkprofiel charts, whose cells print ``~100`` (the chart's reference line, not a value)
  beside truncated indicator names;
* dotted section references in running text (``6.2.1``).

A ratio ``8:10`` counts as one number, its percentage (80).
Each number found is then classified (:func:`classify`):

``compared``
    the ``published`` value of a results row whose ``source`` names the file and cites the line
    (``…, L<line>``, a list or a range; the cited line or up to two lines before it, for tables
    that wrap);
``transcribed``
    a value of a ``data/raw`` table citing that file, on a row whose ``line`` is that line (or up
    to two lines before), but not compared;
``left_out``
    listed in ``data/coverage/left_out.csv`` with a reason;
``not_covered``
    none of these.

Numbers written as words ("de helft", "drie op de vier", "een zestal", "vier") are found by
:func:`analysis.number_words.spelled_numbers` (its rules: the article "een", ordinals and idioms
left out) and counted apart (:func:`scan_words`, :func:`classify_words`): ``compared`` and
``transcribed`` as above, with the value the words state (a share in percent, a count);
``left_out`` by a reason in ``data/coverage/left_out.csv`` (``number`` = the phrase as printed,
or ``*``) or by rule: a number word after a definite article or determiner ("de vier wijken",
"alle vier de gemeenten", "deze twee") names a known set of the study's setting, not a result.

Sections are the line ranges of ``data/coverage/sections.csv``. ``python -m analysis.coverage``
(``make coverage``) writes ``reports/coverage.csv`` (per section and total),
``reports/coverage_numbers.csv`` (every number), ``reports/coverage_words.csv`` and
``reports/coverage_words_summary.csv`` (numbers written as words: every one, and per section)
and ``reports/coverage.html``.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths, rawdata
from analysis.number_words import spelled_numbers

COVERAGE = paths.DATA / "coverage"
STATUSES = ("compared", "transcribed", "left_out", "not_covered")
WINDOW = 2  # a number may sit up to two lines after the line its row cites (wrapped tables)

NUMBER = re.compile(r"(?<![\w.,~])[0-9]+(?:[.,][0-9]+)*(?![0-9a-zA-Z])")
TOC = re.compile(
    r"(?:^\s*(?:[0-9]+(?:\.[0-9]+)*\.?|bijlage\s+[0-9]+:?)\s.*\t|\.{3,}|…)\s*"
    r"[0-9]{1,3}\s*$",
    re.IGNORECASE,
)
PAGE = re.compile(r"^\s*[0-9]{1,3}\s*$")
HEADING = re.compile(r"^[\s#*>-]*(?:(?:[0-9]+\.)+[0-9]*|[0-9]+\)|[0-9]+(?= [A-Z][a-z]))\s")
RATIO = re.compile(r"(?<![0-9])([0-9]+):([0-9]+)(?![0-9])")
LABEL_WORDS = (
    r"bijlagen?|tabel|tabellen|figuur|paragraaf|paragrafen|hoofdstuk|interventie|"
    r"project|projecten|fase|stap|casus|rapport|pagina|blz\.?|p\.|nr\.?|nummer|versie|"
    r"artikel|lid|ronde|sessie|module|thema|niveau|klas|groep|deel|q|eindrapport|"
    r"deelproject|interventies|sectie|spoor|meetmoment|meetmomenten|vragenlijst|bijeenkomst|"
    r"stadium|graad|klasse|plan|type"
)
# a label word, possibly followed by earlier labels of a list: "paragrafen 3 tot en met 6"
LABEL = re.compile(
    rf"\b(?:{LABEL_WORDS})\s*(?:[0-9]+\s*(?:\([^)]*\))?\s*(?:tot en met|t/m|tot|en|&|-|,)\s*)*$",
    re.IGNORECASE,
)
SCALE = re.compile(r"waarbij 100 het gemiddelde|score dan 100", re.IGNORECASE)
MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
DAY_MONTH = re.compile(rf"^\s*(?:{MONTHS})\b", re.IGNORECASE)
DATE = re.compile(
    r"\b[0-9]{1,2}-[0-9]{1,2}-[0-9]{2,4}\b|\b[0-9]{1,2}[-/][0-9]{4}\b|"
    r"\b[0-9]{1,2}[.:][0-9]{2}\s*uur\b"
)
URL = re.compile(r"https?://\S+|www\.\S+|<[^>]*>|\S+@\S+|\bT:\s*[0-9][0-9 ]*|"
                 r"\b0[0-9](?:[ -]?[0-9]{2}){4}\b")
YEAR = re.compile(r"^(?:19[5-9][0-9]|20[0-3][0-9])$")


@dataclass(frozen=True)
class Printed:
    """One number printed in a source: its line, the text as printed and its value."""

    line: int
    token: str
    value: float


def parse_dutch(token: str) -> float | None:
    """``1.074.904`` → 1074904, ``65,7`` → 65.7, ``12`` → 12; ``8.2.2`` (a section) → None."""
    whole, _, decimals = token.partition(",")
    parts = whole.split(".")
    if len(parts) > 1:
        if (
            not all(len(p) == 3 for p in parts[1:])
            or len(parts) == 2
            and not decimals
            and len(parts[0]) > 3
        ):
            return None if len(parts) > 2 else float(whole)  # 6.2.1 is a section; 4.4 a decimal
        whole = "".join(parts)
    if "," in decimals or not whole:
        return None
    return float(f"{whole}.{decimals}" if decimals else whole)


def _masked(text: str) -> str:
    """``text`` with web addresses, dates and chart marks blanked out (same length)."""
    for pattern in (URL, DATE, SCALE):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def printed_numbers(text: str, line: int = 0) -> list[Printed]:
    """The numbers on one line of a source that state a result (rules: module docstring)."""
    if TOC.search(text) and len(text) < 160 or PAGE.match(text) or "~100" in text:
        return []  # a table of contents, a page number, a row of a chart's labels
    masked = _masked(text)
    heading = HEADING.match(masked)
    found = []
    for m in RATIO.finditer(masked):  # '8:10 kinderen' is one number, 80 (percent)
        if int(m.group(2)):
            found.append(Printed(line, m.group(), 100 * int(m.group(1)) / int(m.group(2))))
    masked = RATIO.sub(lambda m: " " * len(m.group()), masked)
    for m in NUMBER.finditer(masked):
        if heading and m.start() < heading.end():
            continue
        token, before, after = m.group(), masked[: m.start()], masked[m.end() :]
        if YEAR.match(token) or LABEL.search(before) or DAY_MONTH.match(after):
            continue
        if re.match(r"0[0-9]", token):  # 030, 06 22 81 02 31: area codes and phone numbers
            continue
        if re.match(r"^\s*rapporten\b", after, re.IGNORECASE):
            continue
        value = parse_dutch(token)
        if value is not None:  # None: a section reference such as 6.2.1
            found.append(Printed(line, token, value))
    return found


def sections() -> pd.DataFrame:
    """Source sections: file, first_line, last_line, section."""
    return pd.read_csv(COVERAGE / "sections.csv")


def scan(seeds: Path | None = None) -> pd.DataFrame:
    """Every printed result number of the five sources: file, section, line, number, value."""
    seeds = seeds or paths.SEEDS
    rows = []
    for s in sections().itertuples():
        lines = (seeds / s.file).read_text(encoding="utf-8").splitlines()
        for ln in range(s.first_line, min(s.last_line, len(lines)) + 1):
            for p in printed_numbers(lines[ln - 1], ln):
                rows.append(
                    {
                        "file": s.file,
                        "section": s.section,
                        "line": ln,
                        "number": p.token,
                        "value": p.value,
                    }
                )
    return pd.DataFrame(rows, columns=["file", "section", "line", "number", "value"])


KNOWN_SET = re.compile(
    r"\b(?:de|het|die|deze|alle|beide|onze|hun|eerste|laatste|afgelopen)"
    r"\s+$", re.IGNORECASE)
KNOWN_SET_REASON = ("names a known set of the setting after a determiner ('de vier wijken'), "
                    "not a result (rule)")


def scan_words(seeds: Path | None = None) -> pd.DataFrame:
    """Every number written as words in the five sources: file, section, line, number (the
    phrase as printed), value, unit, context (the phrase with its neighbouring words), rule
    (a reason when a rule leaves it out)."""
    seeds = seeds or paths.SEEDS
    rows = []
    for s in sections().itertuples():
        lines = (seeds / s.file).read_text(encoding="utf-8").splitlines()
        for ln in range(s.first_line, min(s.last_line, len(lines)) + 1):
            text = lines[ln - 1]
            for w in spelled_numbers(text):
                known = w.unit == "count" and not w.qualifier and KNOWN_SET.search(
                    text[: w.start])
                rows.append({"file": s.file, "section": s.section, "line": ln,
                             "number": w.phrase, "value": w.value, "unit": w.unit,
                             "context": _context(text, w.start, w.end),
                             "rule": KNOWN_SET_REASON if known else ""})
    return pd.DataFrame(rows, columns=["file", "section", "line", "number", "value", "unit",
                                       "context", "rule"])


def _context(text: str, a: int, b: int, width: int = 45) -> str:
    """The phrase with up to ``width`` characters either side, cut at word boundaries."""
    left = text[max(0, a - width):a]
    right = text[b:b + width]
    left = left.split(" ", 1)[-1] if a > width and " " in left else left
    right = right.rsplit(" ", 1)[0] if len(text) > b + width and " " in right else right
    pre, post = "…" if a > width else "", "…" if len(text) > b + width else ""
    return f"{pre}{left}{text[a:b]}{right}{post}"


def classify_words(words: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """``words`` (from :func:`scan_words`) with a ``status`` and, for left-out ones, a
    ``reason`` (module docstring)."""
    comp, trans, reasons = compared_values(results), transcribed_values(), left_out()
    status, why = [], []
    for r in words.itertuples():
        reason = (_is_left_out(r.file, r.line, r.number.lower(), reasons.assign(
            number=reasons["number"].str.lower())) or r.rule)
        status.append(_status(comp, trans, r, reason, rel=1e-6))
        why.append(reason if status[-1] == "left_out" else "")
    return words.drop(columns="rule").assign(status=status, reason=why)


def _cited_lines(source: str) -> tuple[str, set[int]]:
    """``"004_….txt, Bijlage 5, §5.4, L2929,2931"`` → (file, {2929, 2931}); ranges expand."""
    file = source.split(",")[0].strip()
    m = re.search(r"L([0-9][0-9,\-– ]*)$", source.strip())
    cited: set[int] = set()
    if m:
        for part in re.split(r"[, ]+", m.group(1)):
            bounds = [int(x) for x in re.split(r"[-–]", part) if x]
            if len(bounds) == 2:
                cited |= set(range(bounds[0], bounds[1] + 1))
            elif bounds:
                cited.add(bounds[0])
    return file, cited


def _index(pairs: list[tuple[str, int, float]]) -> dict[tuple[str, int], list[float]]:
    out: dict[tuple[str, int], list[float]] = {}
    for file, ln, v in pairs:
        out.setdefault((file, ln), []).append(v)
    return out


def compared_values(results: pd.DataFrame) -> dict[tuple[str, int], list[float]]:
    """(file, line) → published values of the results rows citing that line."""
    pairs = []
    for r in results.dropna(subset=["published", "source"]).itertuples():
        file, cited = _cited_lines(str(r.source))
        pairs += [(file, ln, float(r.published)) for ln in cited]
    return _index(pairs)


def transcribed_values() -> dict[tuple[str, int], list[float]]:
    """(file, line) → numeric values of the ``data/raw`` rows citing that line."""
    pairs = []
    for name, e in rawdata.catalog().items():
        fields = [f["name"] for f in e.fields]
        if "line" not in fields:
            continue
        numeric = [
            f["name"]
            for f in e.fields
            if f.get("type") in ("number", "integer") and f["name"] not in ("line", "decimals")
        ]
        df = rawdata.load(name)
        for _, row in df.dropna(subset=["line"]).iterrows():
            pairs += [
                (e.source_file, int(row["line"]), float(row[c]))
                for c in numeric
                if pd.notna(row[c])
            ]
    return _index(pairs)


def left_out() -> pd.DataFrame:
    """Numbers left out on purpose: file, lines (``n`` or ``a-b``), number (or ``*``), reason."""
    return pd.read_csv(COVERAGE / "left_out.csv", dtype=str)


def _is_left_out(file: str, line: int, number: str, reasons: pd.DataFrame) -> str:
    for r in reasons.itertuples():
        a, _, b = str(r.lines).partition("-")
        if r.file == file and int(a) <= line <= int(b or a) and r.number in ("*", number):
            return str(r.reason)
    return ""


def _near(index: dict, file: str, line: int, value: float, rel: float = 1e-9) -> bool:
    """``value`` among the values cited on ``line`` or up to two lines before (signs ignored:
    ``-€ 49.416`` is scanned as 49416 and transcribed as -49416)."""
    return any(
        abs(abs(v) - value) <= rel * max(1.0, abs(value))
        for ln in range(line - WINDOW, line + 1)
        for v in index.get((file, ln), ())
    )


def _status(comp: dict, trans: dict, r: Any, reason: str, rel: float = 1e-9) -> str:
    """Compared, transcribed, left out (with a reason) or not covered: the first that holds."""
    if _near(comp, r.file, r.line, r.value, rel=rel):
        return "compared"
    if _near(trans, r.file, r.line, r.value, rel=rel):
        return "transcribed"
    return "left_out" if reason else "not_covered"


def classify(numbers: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """``numbers`` (from :func:`scan`) with a ``status`` and, for left-out ones, a ``reason``."""
    comp, trans, reasons = compared_values(results), transcribed_values(), left_out()
    status, why = [], []
    for r in numbers.itertuples():
        reason = _is_left_out(r.file, r.line, r.number, reasons)
        status.append(_status(comp, trans, r, reason))
        why.append(reason if status[-1] == "left_out" else "")
    return numbers.assign(status=status, reason=why)


def summary(classified: pd.DataFrame) -> pd.DataFrame:
    """Per section (in source order) and in total: numbers by status and the share covered."""
    order = list(dict.fromkeys(sections()["section"]))
    counts = (
        classified.groupby(["section", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=order, columns=list(STATUSES), fill_value=0)
    )
    counts.loc["total"] = counts.sum()
    counts.insert(0, "numbers", counts[list(STATUSES)].sum(axis=1))
    counts["covered"] = counts["numbers"] - counts["not_covered"]
    counts["covered_pct"] = (
        100 * counts["covered"] / counts["numbers"].where(counts["numbers"] > 0)
    ).round(1)
    return counts.rename_axis("section").reset_index()


def render(table: pd.DataFrame, classified: pd.DataFrame,
           words_table: pd.DataFrame | None = None,
           words: pd.DataFrame | None = None) -> str:
    """The coverage page (``src/analysis/templates/coverage.html.j2``)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    from analysis.report import numbers

    env.filters.update(integer=numbers.integer, share=numbers.share,
                       plain=lambda x: numbers.number(x, 0 if float(x).is_integer() else 1))
    missing = classified[classified["status"] == "not_covered"]
    words = words if words is not None else pd.DataFrame(columns=["status"])
    return env.get_template("coverage.html.j2").render(
        rows=table.to_dict("records"),
        statuses=STATUSES,
        missing=missing.to_dict("records"),
        word_rows=[] if words_table is None else words_table.to_dict("records"),
        word_missing=words[words["status"] == "not_covered"].to_dict("records"),
        word_left_out=words[words["status"] == "left_out"].to_dict("records"),
        word_reasons=_reasons(words),
        rules=__doc__.split("Sections are")[0],
    )


def _reasons(words: pd.DataFrame) -> list[dict]:
    """Reasons for the numbers in words left out, most frequent first: reason, numbers."""
    out = words[words["status"] == "left_out"].groupby("reason").size()
    out = out.rename("numbers").reset_index().sort_values(["numbers", "reason"],
                                                          ascending=[False, True])
    return out.to_dict("records")


def build(results_csv: Path, out_dir: Path) -> pd.DataFrame:
    """Scan, classify against ``results_csv``, write the CSVs and the page; return the summary."""
    results = pd.read_csv(
        results_csv, dtype={"source": str}, keep_default_na=False, na_values=["", "NA"]
    )
    classified = classify(scan(), results)
    table = summary(classified)
    words = classify_words(scan_words(), results)
    words_table = summary(words)
    out_dir.mkdir(parents=True, exist_ok=True)
    classified.to_csv(out_dir / "coverage_numbers.csv", index=False, lineterminator="\n")
    table.to_csv(out_dir / "coverage.csv", index=False, lineterminator="\n")
    words.to_csv(out_dir / "coverage_words.csv", index=False, lineterminator="\n")
    words_table.to_csv(out_dir / "coverage_words_summary.csv", index=False,
                       lineterminator="\n")
    (out_dir / "coverage.html").write_text(render(table, classified, words_table, words),
                                           encoding="utf-8")
    table.attrs["words"] = words_table
    return table


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m analysis.coverage",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--results", default=str(paths.REPORTS / "results.csv"))
    ap.add_argument("--out", default=str(paths.REPORTS))
    a = ap.parse_args(argv)
    if not Path(a.results).is_file():
        print(f"coverage: {a.results} not found → `make reproduce` first", file=sys.stderr)
        return 2
    table = build(Path(a.results), Path(a.out))
    with pd.option_context("display.width", 200, "display.max_colwidth", 70):
        print(table.to_string(index=False))
        print("\nNumbers written as words:")
        print(table.attrs["words"].to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
