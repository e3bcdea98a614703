"""Build the reader's site ``reports/site/`` with Sphinx + myst-nb from what the pipeline published.

``python -m analysis.report.site`` (run by ``make reproduce`` after the index, and by the
Snakemake rule ``site``). Never executes a notebook: it stages the executed notebooks
(``reports/executed/*.ipynb``) with their pages' titles and a link back to the index, wraps the
index and audit pages the report package produces, writes the generated pages (evidence summary,
references, glossary), and runs Sphinx incrementally. A build whose inputs have not changed
since the last one returns before importing Sphinx (docs/site.md has the timings).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import paths
from analysis.pipeline.config import build_dir
from analysis.report import numbers
from analysis.report.sources import SOURCES, name_sources

if TYPE_CHECKING:  # the no-op path imports none of these
    from bs4 import BeautifulSoup

    from analysis.pipeline.config import Evaluation, Run

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "site"
#: the site's sources, Sphinx's doctrees and the no-op stamp live in the pipeline's ``build_dir``
SRC = build_dir() / "site-src"
DOCTREES = build_dir() / "site-doctrees"
OUT = paths.REPORTS / "site"
STAMP = build_dir() / "site.stamp"
BACK = "[← All evaluations](../index.md)"
#: the navigation (toctree) last built, beside the sources (not a page: Sphinx ignores the name)
NAV_STAMP = ".navigation"
#: pages the report package writes into ``reports/`` that the site wraps, with their titles
WRAPPED = {"audit.html": "Ledger of findings: every printed number and its checks",
           "coverage.html": "Coverage of the printed numbers"}


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless ``path`` holds it already (Sphinx then sees an unchanged source)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


# --- scenario titles ------------------------------------------------------------------------

#: words of parameter names and values as a reader writes them
ACRONYMS = {"poh": "POH", "ggz": "GGZ", "bmi": "BMI", "its": "ITS", "who2007": "WHO 2007",
            "eur": "€"}


def _words(name: str) -> str:
    """A parameter's name in words: ``poh_ggz_youth_share`` → "POH GGZ youth share"."""
    return " ".join(ACRONYMS.get(w, w) for w in name.split("_")).removesuffix(" used")


def parameter_notes(notebook: str | Path) -> dict[str, str]:
    """The comment after each parameter in the notebook's ``parameters`` cell, by name."""
    from analysis.pipeline.params import parameters_cell

    if not paths.resolve(str(notebook)).is_file():
        return {}
    return {m.group(1): m.group(2).strip() for m in
            re.finditer(r"^(\w+)\s*=[^#\n]*#\s*(.*)$", parameters_cell(str(notebook)), re.M)}


def varied_parameters(ev: Evaluation, run: Run) -> dict[str, tuple[object, object]]:
    """The parameters in which ``run`` differs from the study page (the evaluation's first run):
    name → (value in this run, value on the study page), defaults of the notebook included."""
    from analysis.pipeline.params import defaults as parameter_defaults

    defaults = parameter_defaults(run.notebook)
    study = {**defaults, **ev.runs[0].parameters}
    mine = {**defaults, **run.parameters}
    return {k: (mine[k], study.get(k)) for k in sorted(run.parameters)
            if run is ev.runs[0] or mine[k] != study.get(k)}


def none_means(note: str) -> str:
    """What ``None`` stands for, from a parameter's comment ("…; set to None to use h × w × r")."""
    m = re.search(r"\bNone(?:\s*:|\s+to(?:\s+use)?|\s+means?)\s+([^;]+)", note)
    return m.group(1).strip().rstrip(".") if m else ""


def describe(name: str, value: object, note: str = "") -> str:
    """One parameter in words: ``municipality=Maastricht`` → "Maastricht only"; ``None`` in
    words from the parameter's comment in the notebook (``note``)."""
    words = _words(name)
    if value == "":  # what an empty value means, from the parameter's comment ("empty: …")
        said = re.search(r"\bempty\s*:\s*([^;]+)", note)
        return said.group(1).strip().rstrip(".") if said else f"no {words}"
    if name == "municipality":
        return f"{value} only"
    if name == "reference":  # a growth reference by its name in the data dictionary
        from analysis.growth import reference_name

        return f"the {reference_name(str(value))} reference"
    if value is None:
        meaning = none_means(note)
        return f"{words} from {meaning}" if meaning else \
            f"{words} computed from the report's own figures"
    if isinstance(value, bool):
        return f"{words} {'on' if value else 'off'}"
    if isinstance(value, int | float):
        if any(k in name for k in ("share", "fraction")) and 0 <= value <= 1:
            return f"{words} {numbers.share(value)}"
        if any(k in name for k in ("cost", "threshold", "eur")):
            return f"{words} {numbers.eur(value)}"
        if float(value).is_integer():
            return f"{words} {numbers.integer(value)}"
        return f"{words} {numbers.number(value, 2).rstrip('0').rstrip('.')}"
    if isinstance(value, str) and "/" in value:
        seed = re.fullmatch(r".*?_?seed(\d+)", Path(value).stem)
        if seed:  # the same generator with another seed: what the reader needs to know
            return f"another synthetic sample (seed {seed.group(1)})"
        if Path(value).stem.endswith("synthetic"):
            return "the default synthetic sample"
        return f"{words.removesuffix(' path')} from {Path(value).stem.replace('_', ' ')}"
    return f"{words} {ACRONYMS.get(str(value), value)}"


def scenario_title(ev: Evaluation, run: Run) -> str:
    """A scenario page's title: the study's title and, in words, what the scenario varies
    (only what differs from the study page)."""
    notes = parameter_notes(run.notebook)
    varied = "; ".join(describe(k, v, notes.get(k, ""))
                       for k, (v, _) in varied_parameters(ev, run).items()
                       if not k.endswith("_html_path"))
    return f"{ev.title}: {varied}" if varied else ev.title


def _value_words(key: str, value: object, note: str) -> str:
    """A parameter's value in words, without its name ("€ 7,875", "Maastricht only")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # a value with a meaning of its own in the notebook's comment ("0: no own practice")
        said = re.search(rf"(?<![\w.]){re.escape(repr(value))}\s*:\s*([^;]+)", note)
        if said:
            return said.group(1).strip().rstrip(".")
    words = _words(key)
    shown = describe(key, value, note).removeprefix(words.removesuffix(" path")).strip()
    return shown or str(value)


def parameter_table(ev: Evaluation, run: Run) -> str:
    """What the scenario changes, as a small Markdown table: each parameter in words, its value
    here and on the study page, and its name in the notebook (for a rerun)."""
    notes = parameter_notes(run.notebook)
    rows = ["| Parameter | In this scenario | On the study page | Name in the notebook |",
            "|---|---|---|---|"]
    for key, (value, study) in varied_parameters(ev, run).items():
        words = _words(key)
        name = words[:1].upper() + words[1:].removesuffix(" path") + (
            " file" if words.endswith(" path") else "")
        rows.append(f"| {name} | {_value_words(key, value, notes.get(key, ''))} | "
                    f"{_value_words(key, study, notes.get(key, ''))} | `{key}` |")
    return "\n".join(rows)


# --- staging --------------------------------------------------------------------------------

def page_of(run_id: str, primary: set[str]) -> str:
    """``studies/<run>`` or ``scenarios/<run>``: the page's name within the site."""
    return paths.site_page(run_id, run_id in primary).removeprefix("site/").removesuffix(".html")


def stage_notebook(src: Path, dst: Path, title: str | None, preface: str) -> bool:
    """Copy an executed notebook as a page: its title, a preface cell, sources named by title."""
    import nbformat

    from analysis.report.evidence import plain

    nb = nbformat.read(src, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = name_sources(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/markdown", "text/html"):
                if mime in data:
                    text = data[mime] if isinstance(data[mime], str) else "".join(data[mime])
                    data[mime] = name_sources(text)
            if "text/markdown" in data:
                # generated text, built from data: a "<" in a label is text, never markup (the
                # notebooks' prose uses no HTML), and a printed "$" is not math
                text = plain(data["text/markdown"])
                data["text/markdown"] = re.sub(r"(?<!\\)\$", r"\\$", text)
        alts = [str(out["data"].get("text/plain", "")) for out in cell.get("outputs", [])
                if "image/png" in out.get("data", {})]
        if alts and alts[0].strip() and not alts[0].startswith("<Figure"):
            # show_figure's alt text (not matplotlib's repr): myst-nb's image option per cell
            cell.metadata.setdefault("mystnb", {})["image"] = {"alt": alts[0].strip()}
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    lines = first.source.splitlines() if first is not None else []
    heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title and heading is None and first is not None:
        lines.insert(0, f"# {plain(title)}")
        heading = 0
    elif title and heading is not None:
        lines[heading] = f"# {plain(title)}"
    if heading is None:  # no title to put it under: the preface opens the page
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(preface))
    else:  # the preface right under the title, before the question
        lines[heading + 1:heading + 1] = ["", preface, ""]
        first.source = "\n".join(lines)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"  # stable ids: the staged copy changes only when the notebook does
    return write_if_changed(dst, nbformat.writes(nb))


def rewrite_links(soup: BeautifulSoup, primary: set[str], titles: dict[str, str],
                  prefix: str = "") -> None:
    """Point the index's links at the site's pages (and its raw files one folder up)."""
    for a in soup.find_all("a", href=True):
        href = a["href"]
        m = re.fullmatch(r"site/(?:studies|scenarios)/([A-Za-z0-9_]+)\.html(#[\w-]+)?", href)
        if m and m.group(1) in titles:
            a["href"] = prefix + page_of(m.group(1), primary) + ".html" + (m.group(2) or "")
            if m.group(1) not in primary:
                a.string = titles[m.group(1)]
                code = a.find_next_sibling("code")
                if code is not None:  # the title says in words what the parameters set
                    between = code.previous_sibling
                    if between is not None and between is not a and \
                            isinstance(between, str) and between.strip() == ":":
                        between.extract()
                    code.decompose()
        elif href.split("#")[0] in WRAPPED or href == "index.html":
            a["href"] = prefix + href  # keeps a #fragment (audit.html#study-…)
        elif not re.match(r"[a-z]+:|#", href):
            a["href"] = "../" + prefix + href  # results.csv, results/…, executed/….ipynb


def scroll_tables(soup: BeautifulSoup) -> None:
    """Put every table of a wrapped page in a horizontal scroll container (none clips)."""
    for table in soup.find_all("table"):
        parent = table.parent
        if parent is not None and "table-scroll" in (parent.get("class") or []):
            continue
        table.wrap(soup.new_tag("div", attrs={"class": "table-scroll"}))


def wrapped_index(index_html: Path, primary: set[str], titles: dict[str, str]) -> tuple[str, str]:
    """(title, body HTML) of the index page as build_index made it, with the site's links."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(index_html.read_text(encoding="utf-8"), "html.parser")
    h1 = soup.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else "zorgpilots"
    if h1:
        h1.decompose()
    rewrite_links(soup, primary, titles)
    scroll_tables(soup)
    for card in soup.select("article.card"):
        link = card.find("a", href=re.compile(r"^studies/"))
        img = card.find("img")
        if link and img and img.parent.name != "a":
            img.wrap(soup.new_tag("a", href=link["href"]))
    body = soup.body or soup
    for tag in body.find_all(["script", "style"]):
        tag.decompose()
    return title, name_sources("".join(str(c) for c in body.children))


def wrapped_body(page: Path, primary: set[str], titles: dict[str, str]) -> str:
    """The body of a page the report package wrote (audit, coverage), without its own title,
    styles and back link, with the site's links and scroll containers."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    body = soup.body or soup
    h1 = body.find("h1")
    if h1:
        h1.decompose()
    for a in body.find_all("a", href="index.html"):  # the site's own back link replaces it
        alone = a.parent.name == "p" and a.parent.get_text(strip=True) == a.get_text(strip=True)
        (a.parent if alone else a).decompose()
    for back in body.select("p.back"):  # the audit page's own back link (the site has one)
        back.decompose()
    rewrite_links(soup, primary, titles)
    scroll_tables(soup)
    for tag in body.find_all(["script", "style"]):
        tag.decompose()
    return name_sources("".join(str(c) for c in body.children))


def audit_link(ev: Evaluation, prefix: str = "../") -> str:
    """A link to the study's findings on the audit page: ``audit.html#study-<name>`` (or
    ``#study-<study>``) when the page has that anchor, else the page itself."""
    audit = paths.REPORTS / "audit.html"
    if not audit.is_file():
        return ""
    text = audit.read_text(encoding="utf-8")
    anchor = next((f"#study-{key}" for key in (ev.name, ev.study)
                   if f'id="study-{key}"' in text), "")
    if not anchor:  # the audit page lists no discrepancy of this study: say so, do not send the
        # reader to the top of the page to look for one
        return (f'No discrepancy of this study on the <a href="{prefix}audit.html">audit '
                'page</a>')
    return f'<a href="{prefix}audit.html{anchor}">Audit findings for this study</a>'


def myst_raw(html_text: str) -> str:
    return "```{raw} html\n" + html_text.replace("```", "`\u200b``") + "\n```\n"


def toctree(caption: str, entries: list[str]) -> str:
    return "```{toctree}\n:hidden:\n:caption: " + caption + "\n\n" + "\n".join(entries) + "\n```\n"


def references_page() -> str:
    lines = ["# References", "", BACK.replace("../", ""), "",
             "## Source documents", "",
             "The five documents whose numbers these pages recompute. Pages name them by title; "
             "the transcriptions in `data/raw` keep the file name and line of every number.", ""]
    lines += [f"- {s.citation()}" for s in SOURCES]
    lines += ["", (TEMPLATES / "pages" / "methods_refs.md").read_text(encoding="utf-8")]
    return "\n".join(lines)


def stage(evs: tuple[Evaluation, ...] | None = None) -> list[str]:
    """Write every page's source into ``SRC``; return the names of files that changed."""

    from analysis.pipeline.config import evaluations
    from analysis.report import evidence
    from analysis.report.evidence import plain

    evs = evs or evaluations()
    primary = {ev.runs[0].id for ev in evs}
    titles = {r.id: scenario_title(ev, r) for ev in evs for r in ev.runs}
    changed: list[str] = []
    wanted: set[Path] = set()

    def put(rel: str, text: str) -> None:
        dst = SRC / rel
        wanted.add(dst)
        if write_if_changed(dst, text):
            changed.append(rel)

    executed = paths.REPORTS / "executed"
    studies, scenarios = [], []
    for ev in evs:
        for run in ev.runs:
            src = executed / f"{run.id}.ipynb"
            if not src.is_file():
                continue
            rel = page_of(run.id, primary) + ".ipynb"
            audit = audit_link(ev)
            audit = f" · {audit}" if audit else ""
            if run.id in primary:
                preface = f"{BACK} · [Evidence summary](../evidence.md){audit}"
                title = ev.title  # the study's one name: the index card's and the scoreboard's
                studies.append(rel[:-6])
            else:
                study_link = f"[{plain(ev.title)}](../studies/{ev.runs[0].id}.ipynb)"
                preface = (f"{BACK} · Scenario of {study_link}{audit}"
                           "\n\nThis page is the same analysis with these parameters changed:\n\n"
                           + parameter_table(ev, run))
                title = titles[run.id]
                scenarios.append(rel[:-6])
            dst = SRC / rel
            wanted.add(dst)
            if stage_notebook(src, dst, title, preface):
                changed.append(rel)

    index_html = paths.REPORTS / "index.html"
    if index_html.is_file():
        head, body = wrapped_index(index_html, primary, titles)
    else:
        head, body = "zorgpilots: reproduced evaluations", "<p>The index has not been built.</p>"
    wrapped = [name for name in WRAPPED if (paths.REPORTS / name).is_file()]
    reading = ["evidence"] + [name.removesuffix(".html") for name in wrapped]
    toc = (toctree("Reading", reading) + toctree("Studies", studies)
           + toctree("Scenarios", scenarios) + toctree("Reference", ["glossary", "references"]))
    # every page's sidebar shows the toctree with the pages' titles: when either changes, every
    # page must be written again (Sphinx writes only the pages whose sources changed), see build()
    nav = toc + "\n".join([*WRAPPED.values(), *(titles[k] for k in sorted(titles))]) + "\n"
    wanted.add(SRC / NAV_STAMP)
    if write_if_changed(SRC / NAV_STAMP, nav):
        changed.append(NAV_STAMP)
    put("index.md", f"# {head}\n\n{myst_raw(body)}\n" + toc)
    for name in wrapped:
        put(name.replace(".html", ".md"), f"# {WRAPPED[name]}\n\n" + BACK.replace("../", "")
            + "\n\n" + myst_raw(wrapped_body(paths.REPORTS / name, primary, titles)))
    put("evidence.md", evidence.page(evs, primary))
    put("glossary.md", (TEMPLATES / "pages" / "glossary.md").read_text(encoding="utf-8")
        .replace("\n\n```{glossary}", "\n\n" + BACK.replace("../", "") + "\n\n```{glossary}", 1))
    put("references.md", references_page())
    for path in SRC.rglob("*"):  # pages of runs no longer configured
        if path.is_file() and path not in wanted:
            path.unlink()
            changed.append(str(path.relative_to(SRC)))
    return changed


# --- build ----------------------------------------------------------------------------------

def fingerprint() -> str:
    """Sizes and times of everything the site is built from (cheap: no file is read)."""
    files = sorted((paths.REPORTS / "executed").glob("*.ipynb"))
    files += [paths.REPORTS / n for n in ("index.html", "results.csv", *WRAPPED)]
    files += sorted((paths.ROOT / "notebooks").glob("*.ipynb"))  # scenario titles: their notes
    files += sorted(p for p in TEMPLATES.rglob("*") if p.is_file())
    files += [paths.CONFIG / "evidence.yaml"] + sorted((paths.CONFIG / "runs").glob("*.yaml"))
    files += [Path(__file__)] + [Path(__file__).with_name(n) for n in ("evidence.py", "sources.py")]
    parts = [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files if p.is_file()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def build(jobs: int = 1, force: bool = False) -> int:
    """Stage and build; 0 on success. Skips everything when nothing changed since the last build."""
    stamp = fingerprint()
    if not force and STAMP.is_file() and STAMP.read_text() == stamp \
            and (OUT / "index.html").is_file():
        return 0
    changed = stage()
    from sphinx.cmd.build import build_main

    rewrite_all = ["-a"] if NAV_STAMP in changed else []
    code = build_main(["-b", "html", "-q", *rewrite_all, "-j", str(jobs), "-c", str(TEMPLATES),
                       "-d", str(DOCTREES), str(SRC), str(OUT)])
    if code == 0:
        STAMP.parent.mkdir(parents=True, exist_ok=True)
        STAMP.write_text(stamp)
    return code


def clean() -> None:
    for path in (SRC, DOCTREES, OUT):
        shutil.rmtree(path, ignore_errors=True)
    STAMP.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.report.site [--force] [--clean] [-j N]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--clean" in argv:
        clean()
    jobs = int(argv[argv.index("-j") + 1]) if "-j" in argv else 1
    return build(jobs=jobs, force="--force" in argv or "--clean" in argv)


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["build", "describe", "main", "parameter_table", "scenario_title", "stage"]
