#!/usr/bin/env python3
"""Checks `--format xlsx --out F.xlsx` against `--format json` (issue 27): for shortlist, optimize,
scenarios and compare on the sample data, every number of every sheet equals the JSON's number at the
same place, numbers are stored as numbers, the header row is frozen, amounts carry a currency format and
shares a percent format. With --libreoffice, also converts each workbook with headless LibreOffice
(must succeed) and renders the optimize workbook to PNG (docs/images/xlsx-optimize.png).

    pip install openpyxl && python3 scripts/xlsx-output-check.py [.build/debug/partner-match] [--libreoffice]
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = next((a for a in sys.argv[1:] if not a.startswith("--")), str(ROOT / ".build/debug/partner-match"))
DATA = ROOT / "datasets"
RUNS = {
    "shortlist": ["shortlist", str(DATA / "vendors.csv"), "--scenario", str(DATA / "scenario.toml"), "--top", "0"],
    "optimize": ["optimize", str(DATA / "vendors.csv"), "--scenario", str(DATA / "scenario.toml"), "--alternatives", "3"],
    "scenarios": ["scenarios", str(DATA / "vendors.csv"), "--scenario", str(DATA / "scenario.toml"), "--budgets", "600k,800k,1M,1.2M,1.4M", "--quiet"],
    "compare": ["compare", str(DATA / "vendors.csv"), "--scenario", str(DATA / "scenario.toml"),
                "--scenario", str(DATA / "scenario-tight-budget.toml"), "--quiet"],
}


def at(document, path):
    """The JSON value at a dotted path (a column `x 3` is element 3 of list x)."""
    value = document
    for part in path.split("."):
        if " " in part and part.rsplit(" ", 1)[1].isdigit():
            name, index = part.rsplit(" ", 1)
            value = value[name][int(index) - 1]
        else:
            value = value[part]
    return value


def lists(document, prefix=""):
    """Every list of records in the document, by dotted path."""
    found = {}
    for key, value in document.items():
        path = prefix + key
        if isinstance(value, dict):
            found.update(lists(value, path + "."))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            found[path] = value
    return found


def check(name, document, book):
    failures = []
    numbers = 0
    records = lists(document)
    for sheet in book.worksheets:
        if sheet.freeze_panes != "A2":
            failures.append(f"{name}/{sheet.title}: header row not frozen ({sheet.freeze_panes})")
        rows = list(sheet.iter_rows())
        header = [c.value for c in rows[0]]
        if sheet.title == "Summary":
            for row in rows[1:]:
                field, cell = row[0].value, row[1]
                expected = at(document, field)
                if isinstance(expected, bool) or not isinstance(expected, (int, float)):
                    continue
                numbers += 1
                if cell.data_type != "n" or cell.value != expected:
                    failures.append(f"{name}/Summary/{field}: {cell.value!r} ({cell.data_type}), JSON {expected!r}")
            continue
        path = next((p for p in records if p[:31] == sheet.title), None)
        if path is None:
            failures.append(f"{name}/{sheet.title}: no list of records in the JSON")
            continue
        if len(rows) - 1 != len(records[path]):
            failures.append(f"{name}/{sheet.title}: {len(rows) - 1} rows, JSON {len(records[path])}")
        for record, row in zip(records[path], rows[1:]):
            for column, cell in zip(header, row):
                try:
                    expected = at(record, column)
                except (KeyError, IndexError, TypeError):
                    if cell.value is not None:
                        failures.append(f"{name}/{sheet.title}/{column}: {cell.value!r}, not in the JSON")
                    continue
                if isinstance(expected, bool) or not isinstance(expected, (int, float)):
                    continue
                numbers += 1
                if cell.data_type != "n" or cell.value != expected:
                    failures.append(f"{name}/{sheet.title}/{column}: {cell.value!r}, JSON {expected!r}")
                words = column.split(".")[-1].split(" ")[0].split("_")
                if "cost" in words and "per" not in words and document.get("currency") and document["currency"] not in cell.number_format:
                    failures.append(f"{name}/{sheet.title}/{column}: format {cell.number_format!r} without the currency")
                if "share" in words and "%" not in cell.number_format:
                    failures.append(f"{name}/{sheet.title}/{column}: format {cell.number_format!r} is not a percent")
    return numbers, failures


def main():
    libreoffice = "--libreoffice" in sys.argv
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in RUNS.items():
            result = subprocess.run([BIN] + args + ["--format", "json"], capture_output=True, text=True)
            if result.returncode not in (0, 2):
                sys.exit(f"{name}: exit {result.returncode}: {result.stderr}")
            document = json.loads(result.stdout)
            out = os.path.join(tmp, name + ".xlsx")
            written = subprocess.run([BIN] + args + ["--format", "xlsx", "--out", out], capture_output=True, text=True)
            if written.returncode != result.returncode:
                failures.append(f"{name}: xlsx exit {written.returncode}, json exit {result.returncode}: {written.stderr}")
                continue
            book = openpyxl.load_workbook(out)
            numbers, found = check(name, document, book)
            failures += found
            print(f"{name}: {len(book.worksheets)} sheets ({', '.join(s.title for s in book.worksheets)}), {numbers} numbers equal to the JSON")
            if libreoffice:
                converted = subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", tmp, out],
                                           capture_output=True, text=True, timeout=180)
                ods = os.path.join(tmp, name + ".ods")
                if converted.returncode != 0 or not os.path.exists(ods) or "Error:" in converted.stderr:
                    failures.append(f"{name}: LibreOffice could not convert it: {converted.stdout} {converted.stderr}")
                else:
                    print(f"{name}: LibreOffice converted it to .ods ({os.path.getsize(ods)} bytes)")
                if name == "optimize":
                    # LibreOffice has no PNG export for a workbook: its HTML export (every sheet, with the
                    # number formats applied), photographed by headless Chromium.
                    subprocess.run(["soffice", "--headless", "--convert-to", "html", "--outdir", tmp, out],
                                   capture_output=True, text=True, timeout=180)
                    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1100,900",
                                    "--screenshot=" + str(ROOT / "docs/images/xlsx-optimize.png"),
                                    "file://" + os.path.join(tmp, name + ".html")], capture_output=True, timeout=120)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print("xlsx output: every number equal to the JSON")


if __name__ == "__main__":
    main()
