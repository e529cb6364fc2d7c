"""The briefing book rendered from the demo's published release, checked against the release.

Every edition in both languages is rendered once for the module (2025-26-Q3) into a folder of
its own; the texts are read back from the PDF (``pdftotext``) and from the HTML, and compared
with the marts of the release formatted by Babel here, independently of the report's code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from babel.numbers import format_currency, format_decimal, format_percent

from briefing import EDITIONS, LANGUAGES
from briefing.catalogue import english_strings
from briefing.render import TEMPLATES, render_reports

PERIOD = "2025-26-Q3"
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is a prerequisite; .ci/run installs it",
)


@pytest.fixture(scope="module")
def book(demo_home, tmp_path_factory):
    """Every edition and language of PERIOD, rendered from the demo's release."""
    folder = tmp_path_factory.mktemp("reports")
    run = render_reports(demo_home.published, folder, PERIOD)
    return run, demo_home


def _release(demo_home, members: bool = False) -> duckdb.DuckDBPyConnection:
    root = demo_home.published / ("members" if members else "")
    return duckdb.connect(str(root / "spf_marts.duckdb"), read_only=True)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return _normalise(out.stdout.decode("utf-8"))


class _Text(HTMLParser):
    """The text of an HTML page, attributes a reader can get (alt, title) included."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        self.parts.extend(v for k, v in attrs if k in ("alt", "title", "aria-label") and v)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return _normalise(" ".join(parser.parts))


def _one(value: float) -> Decimal:
    return Decimal(str(round(float(value), 1)))


def _kpi_value(value, unit: str, lang: str) -> str:
    if value is None:
        return ""
    if unit == "percent":
        return format_percent(_one(value) / 100, locale=lang, decimal_quantization=False)
    if unit == "eur":
        pattern = "¤#,##0" if lang == "en" else "#,##0\u00a0¤"
        return format_currency(
            Decimal(round(value)), "EUR", pattern, locale=lang, currency_digits=False
        )
    return format_decimal(_one(value), "#,##0.#", locale=lang)


def _rows(path: Path, row_class: str) -> list[list[str]]:
    html = path.read_text(encoding="utf-8")
    rows = re.findall(rf'<tr class="{row_class}">(.*?)</tr>', html, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [[_normalise(unescape(re.sub(r"<[^>]+>", "", c))) for c in row] for row in cells]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_scorecard_rows_match_the_release(book, lang):
    run, demo_home = book
    con = _release(demo_home)
    rows = con.execute(
        "SELECT s.kpi_code, k.name_en, k.name_fr, k.unit, s.actual_value, s.period_target, "
        "s.pct_of_target FROM marts.mart_kpi_scorecard s JOIN marts.dim_kpi k USING (kpi_code) "
        "WHERE s.period_code = ? ORDER BY s.kpi_code",
        [PERIOD],
    ).fetchall()
    con.close()
    assert rows, "the demo has a scorecard for the period"
    shown = _rows(run.folder / f"management_{lang}.html", "kpi-row")
    text = pdf_text(run.folder / f"management_{lang}.pdf")
    assert len(shown) == len(rows)
    for (code, name_en, name_fr, unit, actual, target, pct), cells in zip(rows, shown, strict=True):
        expected_actual = _kpi_value(actual, unit, lang)
        expected_target = _kpi_value(target, unit, lang)
        expected_pct = (
            format_percent(_one(pct) / 100, locale=lang, decimal_quantization=False)
            if actual is not None
            else ""
        )
        name = _normalise(name_en if lang == "en" else name_fr)
        assert cells[0] == code and cells[1] == name
        assert cells[3:6] == [
            _normalise(v) for v in (expected_actual, expected_target, expected_pct)
        ]
        for value in (code, expected_actual, expected_target, expected_pct):
            assert _normalise(value) in text, (code, value)


SUMMARY = {
    "en": "Of {total} deliverables planned by the end of {period}, {done} ({pct}) are completed",
    "fr": "Sur {total} livrables attendus d'ici la fin du {period}, {done} ({pct}) sont achevés",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_summary_counts_match_the_release(book, lang):
    run, demo_home = book
    con = _release(demo_home)
    total, done = con.execute(
        "SELECT deliverable_count, completed_count FROM marts.mart_plan_progress "
        "WHERE period_code = ? AND grouping_type = 'plan'",
        [PERIOD],
    ).fetchone()
    label = con.execute(
        f"SELECT label_{lang} FROM marts.dim_period WHERE period_code = ?", [PERIOD]
    ).fetchone()[0]
    accepted, expected = con.execute(
        "SELECT count(*) FILTER (WHERE submission_status = 'accepted'), count(*) "
        "FROM marts.fct_return_submission WHERE period_code = ? AND is_expected",
        [PERIOD],
    ).fetchone()
    con.close()
    pct = format_percent(_one(100 * done / total) / 100, locale=lang, decimal_quantization=False)
    sentence = SUMMARY[lang].format(total=total, period=label, done=done, pct=pct)
    returns = {
        "en": f"{accepted} of the {expected} returns expected for {label}",
        "fr": f"{accepted} des {expected} rapports attendus pour le {label}",
    }[lang]
    for path in (run.folder / f"management_{lang}.pdf", run.folder / f"members_{lang}.pdf"):
        text = pdf_text(path)
        assert _normalise(sentence) in text, path.name
    assert _normalise(returns) in pdf_text(run.folder / f"management_{lang}.pdf")


def _confidential(demo_home) -> list[str]:
    """What audiences.yaml keeps out of the Members' release, as a report would print it."""
    con = _release(demo_home)
    risks = con.execute(
        "SELECT DISTINCT risk_code, title FROM marts.fct_risk_assessment"
    ).fetchall()
    internal = con.execute(
        "SELECT indicator_code, name_en, name_fr FROM marts.dim_indicator "
        "WHERE confidentiality = 'internal'"
    ).fetchall()
    kpis = con.execute(
        "SELECT k.kpi_code, k.name_en, k.name_fr FROM marts.dim_kpi k JOIN marts.dim_indicator i "
        "USING (indicator_code) WHERE i.confidentiality = 'internal'"
    ).fetchall()
    amounts = con.execute(
        "SELECT budget_allocated_eur, budget_spent_eur "
        "FROM marts.mart_resource_execution_by_objective WHERE period_code = ? "
        "UNION ALL SELECT budget_allocated_eur, budget_spent_eur "
        "FROM marts.fct_resource_execution WHERE period_code = ?",
        [PERIOD, PERIOD],
    ).fetchall()
    con.close()
    assert risks and internal and amounts, "the demo has confidential rows to look for"
    values = [str(v) for row in [*risks, *internal, *kpis] for v in row if v]
    for row in amounts:
        for amount in row:
            for lang in LANGUAGES:
                values.append(_kpi_value(float(amount), "eur", lang))
    return values


def _shows(text: str, value: str) -> bool:
    """Whether ``value`` is printed as a whole (``50 000 €`` is not in ``1 150 000 €``)."""
    return re.search(rf"(?<![\w.,])(?<!\d ){re.escape(value)}(?![\w])", text) is not None


def test_members_edition_shows_nothing_audiences_keep_out(book):
    run, demo_home = book
    secrets = [_normalise(v) for v in _confidential(demo_home)]
    for lang in LANGUAGES:
        for text in (
            html_text(run.folder / f"members_{lang}.html"),
            pdf_text(run.folder / f"members_{lang}.pdf"),
        ):
            leaked = [s for s in secrets if _shows(text, s)]
            assert not leaked, (lang, leaked[:5])
    # The same texts are in the management edition: the check can fail.
    management = html_text(run.folder / "management_en.html")
    assert any(_shows(management, s) for s in secrets)


def test_every_pdf_page_has_ink(book, tmp_path):
    from PIL import Image

    run, _ = book
    pdfs = sorted(run.folder.glob("*.pdf"))
    assert len(pdfs) == len(EDITIONS) * len(LANGUAGES)
    for pdf in pdfs:
        prefix = tmp_path / pdf.stem
        subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(prefix)], check=True)
        pages = sorted(tmp_path.glob(f"{pdf.stem}-*.png"))
        assert pages, pdf.name
        for page in pages:
            low, _high = Image.open(page).convert("L").getextrema()
            assert low < 200, f"{page.name} is blank"


def test_templates_hold_no_literal_text():
    for template in sorted(TEMPLATES.rglob("*.j2")):
        source = template.read_text(encoding="utf-8")
        bare = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", source, flags=re.S)
        if template.name.endswith(".css.j2"):
            quoted = re.findall(r'"([^"]*)"', bare)
            assert not [q for q in quoted if re.search(r"[^\W\d_]", q) and "DejaVu" not in q], (
                template.name
            )
            continue
        bare = re.sub(r"<style>.*?</style>|<!DOCTYPE[^>]*>", " ", bare, flags=re.S)
        bare = re.sub(r"<[^>]*>", " ", bare)
        assert not re.search(r"[^\W\d_]", bare), (template.name, bare.strip()[:200])


def _as_written(demo_home) -> list[str]:
    """Free text quoted as the Directorates wrote it (in English in the demo)."""
    con = _release(demo_home)
    texts = con.execute(
        "SELECT comment FROM marts.fct_deliverable_status WHERE comment IS NOT NULL "
        "UNION SELECT title FROM marts.fct_risk_assessment "
        "UNION SELECT mitigation FROM marts.fct_risk_assessment"
    ).fetchall()
    con.close()
    return sorted({_normalise(t[0]) for t in texts if t[0]}, key=len, reverse=True)


def test_french_editions_hold_no_english_text(book):
    run, demo_home = book
    fragments = {
        _normalise(part)
        for english in english_strings()
        for part in re.split(r"\{[^}]*\}", english)
        if len(re.findall(r"[^\W\d_]", part)) >= 4
    }
    quoted = _as_written(demo_home)
    for edition in EDITIONS:
        for text in (
            html_text(run.folder / f"{edition}_fr.html"),
            pdf_text(run.folder / f"{edition}_fr.pdf"),
        ):
            for free_text in quoted:
                text = text.replace(free_text, " ")
            found = sorted(f for f in fragments if _shows(text, f))
            assert not found, (edition, found[:5])
    english = html_text(run.folder / "management_en.html")
    assert any(_shows(english, f) for f in fragments)


def test_a_sentence_without_data_is_left_out(demo_home, tmp_path):
    """2026-27-Q1 has no return: no deliverable, KPI or returns sentence, no zeros; 2025-26-Q1
    has no previous quarter: the comparison is left out of the deliverables sentence."""
    empty = render_reports(demo_home.published, tmp_path, "2026-27-Q1", ("management",), pdf=False)
    for lang, head in (("en", "deliverables planned"), ("fr", "livrables attendus")):
        text = html_text(empty.folder / f"management_{lang}.html")
        assert head not in text
        assert ("KPIs measured" if lang == "en" else "ICP mesurés") not in text
    assert "No figure of this period can be summarised yet." in html_text(
        empty.folder / "management_en.html"
    )
    first = render_reports(demo_home.published, tmp_path, "2025-26-Q1", ("management",), pdf=False)
    text = html_text(first.folder / "management_en.html")
    assert "deliverables planned by the end of Q1 2025-26" in text
    assert "than in" not in text and "as many as in" not in text
    second = render_reports(demo_home.published, tmp_path, "2025-26-Q2", ("management",), pdf=False)
    assert re.search(
        r"(more|fewer) than in Q1 2025-26|as many as in Q1 2025-26",
        html_text(second.folder / "management_en.html"),
    )


def test_same_release_and_period_give_the_same_files(book, tmp_path):
    run, demo_home = book
    again = render_reports(demo_home.published, tmp_path, PERIOD, ("management",), ("fr",))
    for name in ("management_fr.html", "management_fr.pdf"):
        assert (again.folder / name).read_bytes() == (run.folder / name).read_bytes(), name
    record = (run.folder / "briefing.json").read_text(encoding="utf-8")
    assert run.release_ids["internal"] in record
    skipped = render_reports(
        demo_home.published, tmp_path, PERIOD, ("management",), ("fr",), skip_unchanged=True
    )
    assert skipped.skipped


def test_spf_report_command(demo_home, tmp_path):
    from dagster_project.cli import main as cli

    code = cli.main(
        [
            "report",
            "--period",
            PERIOD,
            "--edition",
            "management",
            "--lang",
            "fr",
            "--home",
            str(demo_home.home),
        ]
    )
    assert code == 0
    folder = demo_home.reports / PERIOD
    assert (folder / "management_fr.pdf").exists() and (folder / "management_fr.html").exists()
    assert cli.main(["report", "--period", "1999-00-Q1", "--home", str(demo_home.home)]) == 2


CHROMIUM_QUIET = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-features=Translate,OptimizationHints,MediaRouter,SpellCheck",
    "--enable-logging=stderr",
    "--v=0",
]


def _open_in_chromium(page: Path, work: Path) -> tuple[set[str], list[str], str]:
    """Open ``page`` headless: (URLs requested over the network, console lines, the DOM)."""
    work.mkdir(parents=True, exist_ok=True)
    net_log = work / "net.json"
    done = subprocess.run(
        [
            shutil.which("chromium") or "chromium",
            *CHROMIUM_QUIET,
            f"--user-data-dir={work / 'profile'}",
            f"--log-net-log={net_log}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    urls = set(re.findall(r'"url":"([^"]*)"', net_log.read_text(encoding="utf-8")))
    network = {u for u in urls if not u.startswith(("file:", "data:"))}
    console = [
        line for line in done.stderr.decode(errors="replace").splitlines() if ":CONSOLE" in line
    ]
    return network, console, done.stdout.decode("utf-8", errors="replace")


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium: .ci/run")
def test_html_opens_offline_in_chromium_without_console_errors(book, tmp_path):
    """Chromium asks its own services (updates, time) whatever the page: those hosts, seen
    when it opens an empty page, are set apart; a page with a script error and an external
    image shows the check sees both."""
    run, _ = book
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    browser_own, _, _ = _open_in_chromium(empty, tmp_path / "empty")
    own_hosts = {_host(u) for u in browser_own}
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<html><body><script>console.error("x")</script>'
        '<img src="http://example.invalid/x.png"></body></html>',
        encoding="utf-8",
    )
    network, console, _ = _open_in_chromium(bad, tmp_path / "bad")
    assert "http://example.invalid/x.png" in network and console
    for edition in EDITIONS:
        for lang in LANGUAGES:
            page = run.folder / f"{edition}_{lang}.html"
            network, console, dom = _open_in_chromium(page, tmp_path / page.stem)
            assert not {u for u in network if _host(u) not in own_hosts}, page.name
            assert not console, (page.name, console)
            assert 'id="summary"' in dom


def test_refresh_all_rendered_the_default_period(demo_home):
    """`make run` (the demo's `spf run`) ends with the briefing of the default period."""
    import json

    from briefing.data import default_period, open_release

    release = open_release(demo_home.published)
    period, provisional = default_period(release.serving_file)
    record = json.loads((demo_home.reports / period / "briefing.json").read_text("utf-8"))
    assert record["release_id"] == release.release_id
    assert record["provisional"] == provisional
    assert {f"{e}_{lang}.pdf" for e in EDITIONS for lang in LANGUAGES} <= set(record["files"])


def test_asset_renders_a_chosen_period_and_shows_the_files(demo_home):
    import dagster as dg

    from dagster_project.defs.assets.reports import briefing_book
    from dagster_project.defs.resources import SpfHomeResource

    config = {"period": "2025-26-Q1", "editions": ["finance"], "languages": ["en"]}
    result = dg.materialize(
        [briefing_book],
        resources={"spf_home": SpfHomeResource(home=str(demo_home.home))},
        run_config={"ops": {"briefing_book": {"config": config}}},
    )
    assert result.success
    metadata = result.asset_materializations_for_node("briefing_book")[0].metadata
    assert metadata["period"].value == "2025-26-Q1"
    assert "finance_en.pdf" in metadata["files"].value
    assert (demo_home.reports / "2025-26-Q1" / "finance_en.pdf").exists()
