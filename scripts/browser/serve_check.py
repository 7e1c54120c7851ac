#!/usr/bin/env python3
"""Browser test of `partner-match serve` (docs/SERVE.md): Playwright drives the machine's Chromium.

Checks, as a user of the page sees it:
  - the rule prices shown equal `partner-match optimize --rule-prices`; switching a rule off gains
    exactly its price, and switching it on again gives the first team back;
  - move a weight -> the shortlist's order equals `partner-match shortlist` on the downloaded scenario;
  - change the budget -> the team equals `partner-match optimize` on the downloaded scenario;
  - an infeasible budget -> the explanation; one click on a fix -> a team;
  - a vendor named like markup stays text (no element made, no script run);
  - "Download report" gives the HTML report;
  - the server listens on 127.0.0.1 only (`ss -ltn`).
Screenshots go to docs/images/ with --screenshots.

Usage: serve_check.py --binary PATH [--screenshots DIR]
"""
import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from playwright.sync_api import sync_playwright

HOSTILE = '<img src=x onerror="window.__pwned=1">Pune & <b>Co</b>'
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def run_cli(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
    return result


def wait_for(page, predicate, timeout=60):
    """Polls `predicate` (a function expression): the page's CSP forbids the eval of wait_for_function."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if page.evaluate(predicate):
            return
        time.sleep(0.05)
    raise TimeoutError(predicate)


def wait_ready(page):
    """Waits for the debounce (250 ms) and the refresh it starts."""
    time.sleep(0.45)
    wait_for(page, "() => document.body.dataset.state === 'ready'")


def set_value(page, selector, value):
    page.eval_on_selector(selector, "(e, v) => { e.value = v; e.dispatchEvent(new Event('input', {bubbles: true})); }", str(value))


def wait_prices(page):
    """Waits for the refresh and then for the rule prices it asks after the team."""
    wait_ready(page)
    wait_for(page, "() => document.body.dataset.prices === 'ready'", timeout=120)


def shown4(x):
    """A number as the page shows it: en-US, at most 4 decimals."""
    text = f"{x:,.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def download(page, button, folder, name):
    with page.expect_download() as info:
        page.click(button)
    path = os.path.join(folder, name)
    info.value.save_as(path)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--vendors", default="datasets/vendors.csv")
    parser.add_argument("--scenario", default="datasets/scenario.toml")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        print("serve_check: chromium is not installed; run scripts/setup.sh", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="pm-serve-browser-")
    # The bundled pool with the first-ranked vendor renamed like markup.
    vendors = os.path.join(work, "vendors.csv")
    with open(args.vendors, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        if row[0] == "V019":
            row[1] = HOSTILE
    with open(vendors, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)

    server = subprocess.Popen([args.binary, "serve", vendors, "--scenario", args.scenario, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=[0-9a-f]{64}", url)
        check(match is not None, f"serve prints http://127.0.0.1:PORT/?token=… ({url[:40]}…)")
        if not match:
            return 1
        port = match.group(1)
        listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
        local = [line.split()[3] for line in listening.splitlines() if line.split()[3].endswith(":" + port)]
        check(local == ["127.0.0.1:" + port], f"ss -ltn: listening on {local} only")

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
            page.wait_for_selector("#shortlist tbody tr")
            wait_ready(page)
            wait_for(page, "() => document.getElementById('chart').naturalWidth > 0")
            check("token" not in page.url, "the token leaves the address once the cookie is set")
            if args.screenshots:
                page.screenshot(path=os.path.join(args.screenshots, "serve-workbench.png"), full_page=True)

            # A hostile name stays text.
            names = page.eval_on_selector_all("#shortlist td.name", "cells => cells.map(c => c.textContent)")
            check(HOSTILE in names, "the markup-like vendor name is shown as its characters")
            check(page.evaluate("window.__pwned") is None, "no script from a vendor name ran")
            check(page.query_selector("#shortlist img, #team img, #shortlist b") is None, "no element made from a vendor name")

            # What each rule costs: the table equals `optimize --rule-prices`, a badge beside each rule.
            wait_prices(page)
            toml = download(page, "#download-scenario", work, "prices.toml")
            cli = json.loads(run_cli(args.binary, "optimize", vendors, "--scenario", toml, "--rule-prices", "--format", "json").stdout)
            rows = page.eval_on_selector_all("#rule-prices tbody tr", "rows => rows.map(r => [r.dataset.constraint, r.cells[3].textContent])")
            expected = [[p["constraint"], "no team" if p["price"] is None else ("free" if p["free"] else shown4(p["price"])) + (" (re-scored)" if p["rescored"] else "")]
                        for p in cli["rule_prices"]]
            check(rows == expected, f"the rule prices shown equal optimize --rule-prices ({len(rows)} rules)")
            share = next((p for p in cli["rule_prices"] if p["constraint"] == "rules.max_share"), None)
            check(share is not None and share["price"] > 0 and not share["free"], f"max_share has a price ({share and share['price']})")
            badge = page.text_content("#price-max_share")
            check(share is not None and badge == "costs " + shown4(share["price"]), f"the badge beside max_share says what it costs ({badge})")
            first_team = [m["id"] for m in cli["team"]]
            check(f'utility {shown4(cli["utility"])}' in page.text_content("#team-status"), "the team's utility is shown to 4 places")
            if args.screenshots:
                page.screenshot(path=os.path.join(args.screenshots, "serve-rule-prices.png"), clip={"x": 0, "y": 0, "width": 1400, "height": 1000})

            # Switch max_share off: the team's utility rises by exactly its price.
            page.click("#rule-on-max_share")
            wait_prices(page)
            toml = download(page, "#download-scenario", work, "no-share.toml")
            with open(toml, encoding="utf-8") as f:
                check("max_share" not in f.read(), "the downloaded scenario has no max_share once it is off")
            without = json.loads(run_cli(args.binary, "optimize", vendors, "--scenario", toml, "--format", "json").stdout)
            gain = without["utility"] - cli["utility"]
            check(share is not None and abs(gain - share["price"]) <= 1e-9,
                  f"switching max_share off gains its price ({gain:.13f} vs {share and share['price']})")
            status = page.text_content("#team-status")
            check(f'utility {shown4(without["utility"])}' in status, f"the page shows the utility without it ({status})")
            check(page.text_content("#price-max_share") == "off", "its badge says off")
            page.click("#rule-on-max_share")
            wait_prices(page)
            ids = page.eval_on_selector_all("#team tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
            check(ids == first_team, f"switched on again: the first team ({ids})")

            # Move a weight: the order equals `shortlist` with those weights.
            set_value(page, "#weight-quality", 80)
            set_value(page, "#weight-cost", 5)
            wait_ready(page)
            toml = download(page, "#download-scenario", work, "weights.toml")
            with open(toml, encoding="utf-8") as f:
                text = f.read()
            check(re.search(r"^quality = 0\.8$", text, re.M) is not None, "the downloaded scenario has the slider's weight")
            expected = json.loads(run_cli(args.binary, "shortlist", vendors, "--scenario", toml, "--format", "json").stdout)
            shown = page.eval_on_selector_all("#shortlist td.id", "cells => cells.map(c => c.textContent)")
            check(shown == [v["id"] for v in expected["ranked"]], f"shortlist order after moving weights equals the CLI's ({shown[:4]}…)")
            derived = page.text_content("#derived-quality")
            check(derived == f'{expected["weights"]["quality"]:.3f}'.rstrip("0").rstrip("."), f"derived weight shown ({derived})")

            # Change the budget: the team equals `optimize` at that budget.
            set_value(page, "#budget", 420000)
            wait_ready(page)
            toml = download(page, "#download-scenario", work, "budget.toml")
            team = json.loads(run_cli(args.binary, "optimize", vendors, "--scenario", toml, "--format", "json").stdout)
            rows = page.eval_on_selector_all("#team tbody tr", "rows => rows.map(r => [r.cells[0].textContent, r.cells[2].textContent])")
            check([r[0] for r in rows] == [m["id"] for m in team["team"]], f"team at 420,000 equals optimize's ({rows})")
            check([float(r[1]) for r in rows] == [m["fte"] for m in team["team"]], "FTE equal optimize's")
            check(f'{team["total_cost"]:,.0f}' in page.text_content("#team-status"), "cost shown equals optimize's")

            # Infeasible: the explanation, and one click on a fix gives a team.
            set_value(page, "#budget", 200000)
            wait_ready(page)
            check(page.is_visible("#explanation"), "an infeasible budget shows the explanation")
            fixes = page.query_selector_all("#relaxations button.fix")
            check(len(fixes) > 0, f"{len(fixes)} one-click fixes offered")
            if args.screenshots:
                page.screenshot(path=os.path.join(args.screenshots, "serve-infeasible.png"), full_page=True)
            if fixes:
                fixes[0].click()
                wait_ready(page)
                status = page.text_content("#team-status")
                check(status.startswith("status: optimal") and len(page.query_selector_all("#team tbody tr")) > 0,
                      f"after the fix: {status}")

            # A rule typed wrong: the located message, beside the field.
            set_value(page, "#rule-max_share", "1.7")
            wait_ready(page)
            message = page.text_content("#errors") or ""
            check("request:" in message and "max_share" in message, f"a bad rule value shows the located message ({message.strip()[:90]}…)")
            check(page.query_selector("#rule-max_share.field-error") is not None, "and marks the field")
            set_value(page, "#rule-max_share", "0.6")
            wait_ready(page)

            # Robustness on request: every vendor of the team is listed with its share of the samples.
            page.click("#robustness")
            wait_for(page, "() => document.querySelectorAll('#robustness-table tbody tr').length > 0", timeout=180)
            shares = page.eval_on_selector_all("#robustness-table tbody tr", "rows => rows.map(r => Number(r.cells[2].textContent))")
            check(all(0 < x <= 1 for x in shares) and shares == sorted(shares, reverse=True),
                  f"robustness: {len(shares)} vendors with their share of the samples, largest first")
            check("samples: 200" in page.text_content("#robustness-status"), "robustness states its 200 samples")

            report = download(page, "#download-report", work, "report.html")
            with open(report, encoding="utf-8") as f:
                html = f.read()
            check(html.startswith("<!DOCTYPE html") and "<svg" in html, "Download report gives the HTML report with its chart")
            check(HOSTILE not in html, "the report escapes the markup-like name")
            check(not errors, f"no script errors on the page {errors}")
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            code = None
        check(code == 0, f"Ctrl-C stops the server (exit {code})")
        shutil.rmtree(work, ignore_errors=True)
    print(f"serve browser test: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
