#!/usr/bin/env python3
"""Reads every cell of an .xlsx's first sheet with a Python reader, for BENCHMARKS.md ("Reading .xlsx"):

    python3 scripts/xlsx-peers.py calamine FILE.xlsx     # python-calamine (Rust's calamine)
    python3 scripts/xlsx-peers.py openpyxl FILE.xlsx     # openpyxl, read-only mode

Prints the number of rows and cells read (so the work cannot be skipped).
"""
import sys

kind, path = sys.argv[1], sys.argv[2]
rows = cells = 0
if kind == "calamine":
    from python_calamine import CalamineWorkbook
    for row in CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python():
        rows += 1
        cells += sum(1 for c in row if c != "")
else:
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows += 1
        cells += sum(1 for c in row if c is not None)
print(rows, cells)
