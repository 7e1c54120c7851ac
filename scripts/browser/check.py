"""Opens partner-match's HTML report in headless Chromium and checks what a reader would see.

Run by scripts/browser-test.sh (which scripts/test.sh calls after the Swift tests). Fails, never
skips, when Chromium is missing. Checks, on a report of the sample pool whose team vendors carry
hostile names:
  - no console errors (the detector itself is first shown to catch one on a page that logs one);
  - no horizontal overflow at 1280 px, nor at A4 print width with the print styles applied;
  - every table present;
  - the budget chart rendered: enough non-white pixels inside its box in the 1280 px screenshot;
  - hostile names (<script>, ]]>, &, quotes, =cmd, non-Latin letters) shown literally, none run;
  - an A4 PDF printed.
Screenshots are kept in --keep DIR when given.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import png  # noqa: E402

HOSTILE = {
    "V019": "<script>alert(1)</script> Pune",
    "V021": "Hyderabad ]]> & <b>Mobile</b>",
    "V059": "\"Lviv\" 'Forge' =cmd|' /C calc'!A0",
    "V057": "Кейптаун 東京 Łódź &amp; Co",
}
TABLES = ["team-table", "alternatives-table", "exit-table", "rule-price-table", "budget-table", "changes-table", "shortlist-table", "excluded-table"]
A4_CSS_WIDTH = 703  # 210 mm less the two 12 mm margins of the report's @page, at 96 px per inch

PROBE = """
<script>
window.addEventListener('load', () => {
  const d = document.documentElement, r = {};
  r.scrollWidth = d.scrollWidth; r.clientWidth = d.clientWidth; r.height = d.scrollHeight;
  r.tables = [...document.querySelectorAll('table')].map(t => t.id);
  r.overflow = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > d.clientWidth + 0.5)
    .map(e => e.tagName + (e.id ? '#' + e.id : '')).slice(0, 10);
  const svg = document.querySelector('#chart svg');
  if (svg) { const b = svg.getBoundingClientRect(); r.chart = [b.left + scrollX, b.top + scrollY, b.width, b.height]; }
  r.scripts = document.querySelectorAll('script').length - 1;
  r.bold = document.querySelectorAll('td b, td script').length;
  r.text = document.body.innerText;
  const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
});
</script>
"""

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def chromium(args, timeout=120):
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--mute-audio", "--disable-extensions", "--force-device-scale-factor=1", f"--user-data-dir={PROFILE}"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=timeout)


def probe(html_path, width, print_styles=False):
    """Layout facts of the page at `width` px, read from a copy with a measuring script appended."""
    with open(html_path, encoding="utf-8") as f:
        html = f.read()
    if print_styles:
        html = html.replace("@media print", "@media all")
    copy = os.path.join(WORK, f"probe-{width}-{int(print_styles)}.html")
    with open(copy, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>", PROBE + "</body>"))
    result = chromium([f"--window-size={width},1000", "--virtual-time-budget=5000", "--dump-dom", "file://" + copy])
    match = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    if not match:
        raise SystemExit(f"the probe found nothing at {width} px:\n{result.stderr[-2000:]}")
    text = match.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return json.loads(text)


def console_errors(html_path):
    result = chromium(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", "file://" + html_path])
    return [line for line in result.stderr.splitlines()
            if "CONSOLE" in line or "Failed to load resource" in line or "Uncaught" in line]


def main():
    global CHROMIUM, WORK, PROFILE
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--vendors", required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--keep", help="copy the screenshots and the PDF to this folder")
    options = parser.parse_args()

    CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
    if not CHROMIUM:
        print("FAIL chromium is not installed: run scripts/setup.sh (Debian's chromium package)", file=sys.stderr)
        return 1
    WORK = tempfile.mkdtemp(prefix="pm-browser-")
    PROFILE = os.path.join(WORK, "profile")

    # The sample pool, with hostile names on the vendors of the optimal team.
    with open(options.vendors, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines):
        fields = line.split(",")
        if fields and fields[0] in HOSTILE:
            fields[1] = '"' + HOSTILE[fields[0]].replace('"', '""') + '"'
            lines[n] = ",".join(fields)
    vendors = os.path.join(WORK, "hostile-vendors.csv")
    with open(vendors, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    report = os.path.join(WORK, "report.html")
    run = subprocess.run([options.binary, "report", vendors, "--scenario", options.scenario, "--out", report],
                         capture_output=True, text=True)
    check(run.returncode == 0, f"partner-match report exits 0 ({run.returncode}: {run.stderr.strip()[-300:]})")
    if run.returncode != 0:
        return 1

    # The console detector catches an error on a page that logs one (so an empty list means something).
    bad = os.path.join(WORK, "bad.html")
    with open(bad, "w") as f:
        f.write("<!DOCTYPE html><p>x</p><img src='missing.png'><script>console.error('probe error')</script>")
    check(len(console_errors(bad)) > 0, "the console detector sees the errors of a page that has some")
    errors = console_errors(report)
    check(errors == [], f"no console errors ({errors[:3]})")

    wide = probe(report, 1280)
    check(wide["scrollWidth"] <= wide["clientWidth"], f"no horizontal overflow at 1280 px (scroll {wide['scrollWidth']} vs {wide['clientWidth']}; {wide['overflow']})")
    check(sorted(wide["tables"]) == sorted(TABLES), f"every table present ({wide['tables']})")
    check(wide["scripts"] == 0 and wide["bold"] == 0, "no vendor name became a script or markup")
    for vendor_id, name in HOSTILE.items():
        check(name in wide["text"], f"{vendor_id}'s name is shown literally: {name}")

    printed = probe(report, A4_CSS_WIDTH, print_styles=True)
    check(printed["scrollWidth"] <= printed["clientWidth"], f"no horizontal overflow at A4 width with the print styles (scroll {printed['scrollWidth']} vs {printed['clientWidth']}; {printed['overflow']})")

    shot = os.path.join(WORK, "report-1280.png")
    chromium([f"--window-size=1280,{wide['height']}", f"--screenshot={shot}", "file://" + report])
    width, height, _, _ = png.read(shot)
    check(width == 1280, f"the screenshot is 1280 px wide ({width} x {height})")
    share = png.ink(shot, wide["chart"]) if wide.get("chart") else 0
    check(share > 0.02, f"the chart's box has drawn pixels ({share:.1%} non-white in {[round(v) for v in wide.get('chart', [])]})")
    blank = png.ink(shot, [wide["chart"][0], wide["height"] - 8, 40, 4]) if wide.get("chart") else 1
    check(blank < share, "a blank strip of the page has fewer drawn pixels than the chart (the pixel count can tell)")

    pdf = os.path.join(WORK, "report-a4.pdf")
    chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + report])
    with open(pdf, "rb") as f:
        head = f.read(5)
    check(head == b"%PDF-" and os.path.getsize(pdf) > 10_000, f"an A4 PDF is printed ({os.path.getsize(pdf)} bytes)")

    if options.keep:
        os.makedirs(options.keep, exist_ok=True)
        for name in ("report-1280.png", "report-a4.pdf", "report.html"):
            shutil.copy(os.path.join(WORK, name), options.keep)
    shutil.rmtree(WORK, ignore_errors=True)
    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
