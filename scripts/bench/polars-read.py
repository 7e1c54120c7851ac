"""The peer for `partner-match validate` on large files: polars reads the same CSV, every column as a
string (no type inference, no checks), on all cores. Prints the shape so the read cannot be skipped.

    python3 scripts/bench/polars-read.py /tmp/v1m.csv
"""
import sys

import polars as pl

frame = pl.read_csv(sys.argv[1], infer_schema_length=0)
print(frame.shape)
