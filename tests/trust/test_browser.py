"""The built reports in a real browser (headless Chromium through Playwright).

Opens ``reports/index.html`` and every report of a cold build (the ``built_repo`` fixture) over a
local HTTP server on 127.0.0.1 and fails on a broken local link, an image that is missing or
does not decode, a console error, a script dialog, an ``<img>`` without alt text or a heading
that skips a level. Saves a screenshot of the index as ``reports/index.png`` (in the build, and
in the working tree's ``reports/`` when that exists). Skipped, with the reason, only where no
Chromium is installed (CI installs Debian's ``chromium``); ``playwright install`` is never run.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from analysis import paths

pytestmark = [pytest.mark.browser, pytest.mark.pipeline]

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

#: per page: local references, images, headings, ids (one evaluate call)
INSPECT_JS = """() => {
  const refs = [];
  const sel = 'a[href], link[href], img[src], script[src], iframe[src], source[src]';
  for (const el of document.querySelectorAll(sel)) {
    const attr = el.hasAttribute('href') ? 'href' : 'src';
    refs.push({tag: el.tagName.toLowerCase(), url: el.getAttribute(attr)});
  }
  const images = [...document.images].map((img, i) => ({
    i, alt: img.getAttribute('alt'), complete: img.complete, width: img.naturalWidth,
    src: (img.getAttribute('src') || '').slice(0, 60)}));
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => ({
    level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 60)}));
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id)
      .concat([...document.querySelectorAll('a[name]')].map(e => e.getAttribute('name')));
  return {refs, images, headings, ids};
}"""


def chromium_path() -> str | None:
    for p in CHROMIUM_CANDIDATES:
        if Path(p).is_file():
            return p
    return shutil.which("chromium")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(built_repo) -> Iterator[tuple[str, Path]]:
    """``(base_url, reports_dir)``: the build's ``reports/`` over HTTP on 127.0.0.1."""
    reports = built_repo / "reports"
    handler = functools.partial(_QuietHandler, directory=str(reports))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", reports
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    exe = chromium_path()
    if exe is None:
        pytest.skip("no Chromium browser installed (CI installs it with "
                    "`apt-get install -y chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def pages_of(reports: Path) -> list[str]:
    pages = ["index.html"]
    pages += [name for name in ("audit.html", "coverage.html") if (reports / name).is_file()]
    return pages


def local_target(reports: Path, page: str, url: str) -> tuple[Path | None, str]:
    """(file the reference points to, fragment); (None, "") for external or data URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "mailto", "data", "javascript") or parts.netloc:
        return None, ""
    if not parts.path:
        return reports / page, parts.fragment
    return (reports / page).parent.joinpath(unquote(parts.path)).resolve(), parts.fragment


def check_page(browser, base: str, reports: Path, page: str) -> list[str]:
    """Every problem of one page, as readable lines (empty: the page is fine)."""
    problems: list[str] = []
    ctx = browser.new_context(java_script_enabled=True, offline=False)
    tab = ctx.new_page()
    def on_console(m):
        url = (m.location or {}).get("url", "")
        # the browser's own request for /favicon.ico is not part of a report
        if m.type == "error" and not url.endswith("/favicon.ico"):
            problems.append(f"console error: {m.text} ({url})")

    tab.on("console", on_console)
    tab.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    tab.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
    tab.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
           if r.status >= 400 else None)

    def on_dialog(d):
        problems.append(f"a script opened a {d.type} dialog: {d.message!r} (unescaped data?)")
        d.dismiss()

    tab.on("dialog", on_dialog)
    tab.goto(base + page, wait_until="load")
    info = tab.evaluate(INSPECT_JS)
    ids_cache: dict[Path, set[str]] = {reports / page: set(info["ids"])}
    for ref in info["refs"]:
        target, fragment = local_target(reports, page, ref["url"])
        if target is None:
            external = urlsplit(ref["url"]).scheme in ("http", "https") or \
                urlsplit(ref["url"]).netloc
            if ref["tag"] != "a" and external:
                problems.append(f"<{ref['tag']}> loads from the web: {ref['url'][:80]}")
            continue
        if reports.resolve() not in [target, *target.parents]:
            problems.append(f"<{ref['tag']}> points outside reports/: {ref['url']}")
        elif not target.is_file():
            problems.append(f"broken link <{ref['tag']}>: {ref['url']}")
        elif fragment and target.suffix == ".html":
            if target not in ids_cache:
                ids_cache[target] = set(_ids_in(browser, base, reports, target))
            if fragment not in ids_cache[target]:
                problems.append(f"broken anchor: {ref['url']}")
    for img in info["images"]:
        if not (img["alt"] or "").strip():
            problems.append(f"image {img['i']} ({img['src']}…) has no alt text")
        if not img["complete"] or img["width"] == 0:
            problems.append(f"image {img['i']} ({img['src']}…) is missing or does not decode")
    prev = 0
    for h in info["headings"]:
        if h["level"] > prev + 1:
            problems.append(f"heading level skips from h{prev} to h{h['level']}: {h['text']!r}")
        prev = h["level"]
    ctx.close()
    return [f"{page}: {p}" for p in problems]


def _ids_in(browser, base: str, reports: Path, target: Path) -> list[str]:
    ctx = browser.new_context()
    tab = ctx.new_page()
    tab.goto(base + str(target.relative_to(reports.resolve())), wait_until="load")
    ids = tab.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
    ctx.close()
    return ids


def test_every_page_opens_cleanly(browser, served):
    base, reports = served
    pages = pages_of(reports)
    assert len(pages) > 1, "the build published no reports"
    problems = [p for page in pages for p in check_page(browser, base, reports, page)]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])


def test_index_screenshot(browser, served):
    base, reports = served
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = ctx.new_page()
    tab.goto(base + "index.html", wait_until="load")
    shot = reports / "index.png"
    tab.screenshot(path=str(shot), full_page=True)
    ctx.close()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    published = paths.REPORTS / "index.png"  # the README's picture; the build may be this copy
    if paths.REPORTS.is_dir() and shot.resolve() != published.resolve():
        shutil.copyfile(shot, published)


BAD_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title></head>
<body><h1>Title</h1><h3>skipped a level</h3>
<a href="missing.html">broken</a> <a href="#nowhere">anchor</a>
<img src="data:image/png;base64,AAAA" alt="not a png">
<img src="figure.png" alt="">
<script>console.error("boom"); alert("xss");</script>
</body></html>"""


def test_the_checker_catches_what_it_promises(browser, tmp_path):
    """A page with every defect: each must be reported (so a clean run means something)."""
    (tmp_path / "html").mkdir()
    (tmp_path / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        text = "\n".join(check_page(browser, base, tmp_path.resolve(), "index.html"))
    finally:
        server.shutdown()
        server.server_close()
    for expected in ("heading level skips from h1 to h3", "broken link <a>: missing.html",
                     "broken anchor: #nowhere", "image 0 (data:image/png;base64,AAAA…) is missing "
                     "or does not decode", "image 1 (figure.png…) has no alt text",
                     "broken link <img>: figure.png", "console error: boom",
                     "a script opened a alert dialog: 'xss'"):
        assert expected in text, text
