"""The evidence summary page: each pilot's headline claims, the verdict, and the design behind it.

Generated from data: the claims are the report's own words (``text_values`` transcriptions, with
their line), the verdict counts the study page's printed numbers (the scoreboard's row), n is
read from a results row, and the design is described in words in ``config/evidence.yaml``.
No number is typed.
"""

from __future__ import annotations

import re

import pandas as pd
import yaml

from analysis import paths, rawdata
from analysis.pipeline.config import Evaluation
from analysis.report import numbers
from analysis.report.sources import name_sources

CONFIG = paths.CONFIG / "evidence.yaml"


def claims(spec: list[dict]) -> list[str]:
    """The claims as printed (Dutch, verbatim, quoted) with their source and line."""
    out = []
    for item in spec:
        table = rawdata.load(item["table"], check=False)  # words; the build validated data/raw
        row = table.loc[table["key"] == item["key"]]
        if row.empty:
            raise KeyError(f"no key {item['key']!r} in {item['table']}")
        row = row.iloc[0]
        line = row.get("line")
        source = rawdata.entry(item["table"]).descriptor["sources"][0]
        where = name_sources(f"{source['title']}, {source.get('path', '')}")
        where = re.split(r",? lines? ", where)[0].rstrip(", ")
        at = f", line {int(line)}" if not numbers.is_missing(line) else ""  # an id: no separator
        quote = escape_myst(numbers.quoted_nl(str(row["statement_nl"])))
        out.append(f"{quote} ({escape_myst(where)}{at})")
    return out


def verdict(counts: pd.Series | None) -> str:
    """The reproduction's verdict in words: the study page's printed numbers by verdict, the
    same counts as the scoreboard of the index and the audit page (one row of
    :func:`analysis.report.scoreboard.by_page`)."""
    if counts is None or int(counts["printed numbers"]) == 0:
        return "no published number to check"
    count = {s: int(counts[s]) for s in ("printed numbers", "reproduced", "mismatch",
                                          "not_reproducible")}
    text = (f"{numbers.integer(count['reproduced'])} of "
            f"{numbers.integer(count['printed numbers'])} printed numbers reproduced")
    if count["mismatch"]:
        text += f"; **{numbers.integer(count['mismatch'])} mismatch" \
                + ("es" if count["mismatch"] > 1 else "") + "**"
    if count["not_reproducible"]:
        text += f"; {numbers.integer(count['not_reproducible'])} not reproducible"
    return text


def n_of(spec: dict | None, results: pd.DataFrame) -> str:
    """n from the results row the config names (the reproduced value, else the published one)."""
    if not spec:
        return numbers.DASH
    row = results.loc[results["id"] == spec["result"]]
    if row.empty:
        return numbers.DASH
    value = row.iloc[0]["reproduced"]
    if numbers.is_missing(value):
        value = row.iloc[0]["published"]
    return f"{numbers.integer(round(float(value)))} {spec['label']}"


def escape_myst(text: str) -> str:
    """Text as MyST shows it literally: a printed ``$…$`` (the sources' own formula markup) is
    not read as math (it rendered as ``\\(0,25 * 12 = 3\\)``)."""
    return text.replace("\\", "\\\\").replace("$", "\\$")


def plain(text: str) -> str:
    """Text from the configuration or data as Markdown that stays text: a "<" never opens
    markup (MyST passes raw HTML through; a title such as "<script>…" must show as written)."""
    return str(text).replace("<", "&lt;")


def what_it_means(run: str) -> str:
    """The study page's own answer to the pilot's claim: the text of its "What it means for the
    pilot's claim" section (authored Markdown and the prose its code wrote), from the published
    executed notebook; "" when the page has none."""
    import json

    path = paths.REPORTS / "executed" / f"{run}.ipynb"
    if not path.is_file():
        return ""
    texts, inside = [], False
    for c in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(c["source"])
        if c["cell_type"] == "markdown":
            for line in source.splitlines():
                if line.startswith("## "):
                    inside = line[3:].strip().lower().startswith("what it means")
                    continue
                if inside and line.strip() and not line.startswith("#"):
                    texts.append(line.strip())
        elif inside:
            texts += ["".join(o["data"]["text/markdown"]).strip() for o in c.get("outputs", [])
                      if "text/markdown" in o.get("data", {})]
    return " ".join(t for t in texts if t)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def design(spec: dict, results: pd.DataFrame) -> str:
    """The strength of the design in one cell: comparison group, n, level of the data."""
    parts = [("Comparison", spec.get("comparison")), ("n", n_of(spec.get("n"), results)),
             ("Data", spec.get("data"))]
    return "<br>".join(f"*{name}:* {value or numbers.DASH}" for name, value in parts)


def page(evs: tuple[Evaluation, ...], primary: set[str]) -> str:
    """The Markdown of the evidence summary page."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8")) or {}
    path = paths.REPORTS / "results.csv"
    results = pd.read_csv(path) if path.is_file() else pd.DataFrame(
        columns=["run", "id", "status", "published", "reproduced"])
    from analysis.report import build_index, scoreboard

    board = scoreboard.by_page(build_index.current_ledger(), scoreboard.gather(evs), evs)
    lines = ["# Evidence summary", "", "[← All evaluations](index.md)", "",
             "What each pilot claimed, in the report's own words, whether the published numbers "
             "behind it could be reproduced, and how strong the design behind the claim is. "
             "Claims are quoted as printed (Dutch); the study pages explain every mismatch.", "",
             "| Evaluation | Headline claims (as printed) "
             "| Reproduction (its printed numbers, as on the scoreboard) | Design behind it |",
             "|---|---|---|---|"]
    added = ["", "## What the reproduction and the added analyses say", "",
             "Each study page's own conclusion on the pilot's claim (its section *What it means "
             "for the pilot's claim*), with the arithmetic and the analyses behind it on the page.",
             ""]
    for ev in evs:
        spec = config.get(ev.name)
        if spec is None:
            continue
        run = ev.runs[0].id
        link = f"[{plain(ev.title)}](studies/{run}.ipynb)"
        lines.append("| " + " | ".join(cell(x) for x in (
            link, "<br>".join(claims(spec.get("claims", []))) or numbers.DASH, verdict(
                board.loc[run] if run in board.index else None),
            design(spec, results))) + " |")
        said = what_it_means(run)
        added += [f"**{link}.** {plain(name_sources(said or ev.summary))}", ""]
    lines += added
    lines += ["", "Sources: see [References](references.md). Terms: see [Glossary](glossary.md).",
              ""]
    return "\n".join(lines)
