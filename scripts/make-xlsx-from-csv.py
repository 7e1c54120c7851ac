#!/usr/bin/env python3
"""Writes a CSV vendor file as an .xlsx (openpyxl, write-only: inline strings, numeric columns as numbers),
for BENCHMARKS.md ("Reading .xlsx directly"): python3 scripts/make-xlsx-from-csv.py IN.csv OUT.xlsx"""
import csv, sys, openpyxl
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("Vendors")
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    sheet.append(header)
    numeric = {i for i, h in enumerate(header) if h in ("hourly_rate", "quality", "cultural_fit", "capacity_fte", "max_fte", "min_fte")}
    for row in reader:
        sheet.append([(float(c) if c else None) if i in numeric else c for i, c in enumerate(row)])
book.save(sys.argv[2])
