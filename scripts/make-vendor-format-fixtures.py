#!/usr/bin/env python3
"""Writes the vendor-file format corpus: Tests/PartnerMatchTests/Fixtures/vendor-formats/.

The same 25 vendors the way tools export them (Python's csv and codecs modules, openpyxl for .xlsx),
each of which `partner-match shortlist --format json` must read to the same result as plain.csv,
and the must-refuse set (refuse-*.csv), each of which must stop with exit 65.

    pip install openpyxl && python3 scripts/make-vendor-format-fixtures.py
"""
import codecs
import csv
import datetime
import io
import pathlib
import random

import openpyxl

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/PartnerMatchTests/Fixtures/vendor-formats"
FIELDS = ["id", "name", "country", "timezone", "work_start", "work_end", "hourly_rate", "quality",
          "cultural_fit", "capacity_fte", "max_fte", "min_fte", "certifications", "skills"]

# id, name, country, zone, start, end, rate, quality, fit, capacity, max, min, certifications, skills
VENDORS = [
    ("V01", "Vistula Code", "PL", "Europe/Warsaw", "09:00", "17:00", 52, 84, 80, 12, 20, 2, "ISO27001;GDPR", "backend;qa"),
    ("V02", "Baltic Bytes, UAB", "LT", "Europe/Vilnius", "08:30", "17:00", 48.5, 78, 75, 6, 10, 1, "ISO27001", "backend;ios"),
    ("V03", "São Paulo Dados", "BR", "America/Sao_Paulo", "09:00", "18:00", 38.75, 76, 72, 25, 40, 2, "ISO9001", "backend;qa"),
    ("V04", "Dnipro Mobile", "UA", "Europe/Kyiv", "10:00", "19:00", 45, 81, "", 8, 14, 1, "ISO27001", "ios;qa"),
    ("V05", "Müller Software GmbH", "DE", "Europe/Berlin", "08:00", "16:30", 98, 88, 90, 5, 8, 0, "ISO27001;SOC2", "backend"),
    ("V06", "Manila Night Desk", "PH", "Asia/Manila", "21:00", "06:00", 24.5, 74, 66, 30, 45, 2, "ISO9001", "qa;backend"),
    ("V07", "Sofia Stack", "BG", "Europe/Sofia", "09:00", "18:00", 40, 75, 68, 20, 35, 1, "ISO27001", "backend;ios"),
    ("V08", "Saigon Apps", "VN", "Asia/Ho_Chi_Minh", "08:00", "17:00", 27, 73, 70, 18, 30, 1, "", "ios;qa"),
    ("V09", "Tallinn Labs", "EE", "Europe/Tallinn", "09:00", "17:00", 62, 88, 82, 4, 6, 0, "ISO27001;SOC2", "backend"),
    ("V10", "Toronto Tech", "CA", "America/Toronto", "09:00", "17:00", 85, 86, 84, 6, 9, 1, "SOC2", "backend;ios"),
    ("V11", "Pune Platforms", "IN", "Asia/Kolkata", "11:00", "20:00", 32, 82, 74, 35, 60, 3, "ISO27001;CMMI3", "backend;qa"),
    ("V12", "Lisboa Dev, Lda.", "PT", "Europe/Lisbon", "09:00", "18:00", 55, 80, 84, 14, 20, 1, "ISO27001", "backend;qa;ios"),
    ("V13", "Iberia Quality", "ES", "Europe/Madrid", "09:00", "18:00", 50.25, 77, 80, 9, 12, 0, "ISO9001", "qa"),
    ("V14", "Thames Mobile", "GB", "Europe/London", "09:00", "17:30", 105, 85, 86, 5, 8, 1, "ISO27001;SOC2", "ios"),
    ("V15", "Seoul Systems", "KR", "Asia/Seoul", "09:00", "18:00", 70, 87, 71, 10, 15, 1, "ISO27001", "backend;ios"),
    ("V16", "Austin Agile", "US", "America/Chicago", "08:00", "17:00", 120, 89, 88, 7, 10, 1, "SOC2", "backend;qa"),
    ("V17", "Café Código", "MX", "America/Mexico_City", "09:00", "18:00", 36, 78, 79, 11, 18, 1, "ISO9001", "backend;qa"),
    ("V18", "Bangalore Bridge", "IN", "Asia/Kolkata", "10:00", "19:00", 28, 79, 70, 1200, 1500, 5, "ISO27001;CMMI3", "backend;qa;ios"),
    ("V19", "Cluj Crafters", "RO", "Europe/Bucharest", "09:00", "18:00", 42, 76, "", 16, 24, 1, "ISO27001", "backend"),
    ("V20", "Nairobi Nodes", "KE", "Africa/Nairobi", "08:00", "17:00", 30, 72, 69, 9, 14, 0, "", "backend;qa"),
    ("V21", "Cairo Core", "EG", "Africa/Cairo", "09:00", "17:00", 26, 70, 65, 12, 20, 1, "ISO9001", "qa"),
    ("V22", "Øresund Data", "DK", "Europe/Copenhagen", "08:30", "16:00", 110, 90, 91, 3, 5, 0, "ISO27001;SOC2", "backend"),
    ("V23", "Buenos Aires Bits", "AR", "America/Argentina/Buenos_Aires", "10:00", "19:00", 35.5, 80, 83, 13, 20, 1, "ISO27001", "backend;ios"),
    ("V24", "Kraków Quality", "PL", "Europe/Warsaw", "09:00", "17:00", 44, 79, 77, 10, 15, 1, "ISO9001", "qa"),
    ("V25", "Zürich Secure", "CH", "Europe/Zurich", "08:00", "17:00", 145, 93, 80, 3, 4, 1, "ISO27001;SOC2", "backend"),
]


def number(value):
    return "" if value == "" else ("%g" % value if isinstance(value, float) else str(value))


def rows():
    return [[cell if not isinstance(cell, (int, float)) else number(cell) for cell in v] for v in VENDORS]


def write_csv(name, header, body, delimiter=",", encoding="utf-8", lineterminator="\n"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows(body)
    (OUT / name).write_bytes(buffer.getvalue().encode(encoding))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    plain = rows()
    write_csv("plain.csv", FIELDS, plain)
    # Excel "CSV UTF-8": a BOM and CRLF line ends.
    write_csv("bom-crlf.csv", FIELDS, plain, encoding="utf-8-sig", lineterminator="\r\n")
    # A European Excel export: ';' and decimal commas.
    european = [[c.replace(".", ",") if i in (6, 7, 8, 9, 10, 11) else c for i, c in enumerate(r)] for r in plain]
    write_csv("semicolon-decimal-comma.csv", FIELDS, european, delimiter=";", lineterminator="\r\n")
    write_csv("tab.tsv", FIELDS, plain, delimiter="\t")
    write_csv("pipe.csv", FIELDS, plain, delimiter="|")
    # UTF-16 LE with BOM (codecs' utf-16 writes the BOM), comma-separated; and Excel's "Unicode Text":
    # UTF-16 LE, tab-separated.
    write_csv("utf16le.csv", FIELDS, plain, encoding="utf-16-le")
    (OUT / "utf16le.csv").write_bytes(codecs.BOM_UTF16_LE + (OUT / "utf16le.csv").read_bytes())
    write_csv("unicode-text.txt", FIELDS, plain, delimiter="\t", encoding="utf-16", lineterminator="\r\n")
    write_csv("utf16be.csv", FIELDS, plain, encoding="utf-16-be")
    (OUT / "utf16be.csv").write_bytes(codecs.BOM_UTF16_BE + (OUT / "utf16be.csv").read_bytes())
    write_csv("windows-1252.csv", FIELDS, plain, encoding="cp1252", lineterminator="\r\n")

    # Human headers in a shuffled order, with extra columns.
    human = {"id": "Vendor ID", "name": "Company", "country": "Country", "timezone": "Time Zone",
             "work_start": "Shift start", "work_end": "Shift end", "hourly_rate": "Hourly Rate (USD/h)",
             "quality": "Quality score", "cultural_fit": "Culture", "capacity_fte": "Capacity (FTE)",
             "max_fte": "Max FTE", "min_fte": "Min. FTE", "certifications": "Certs", "skills": "Skills"}
    order = FIELDS + ["contact", "notes"]
    random.Random(12).shuffle(order)
    header = [human.get(f, f.capitalize()) for f in order]
    body = []
    for r in plain:
        record = dict(zip(FIELDS, r), contact=r[0].lower() + "@example.com", notes="")
        body.append([record[f] for f in order])
    write_csv("human-headers.csv", header, body)

    # Formatted money, percents, thousands separators.
    formatted = []
    for i, r in enumerate(plain):
        r = list(r)
        rate = float(r[6])
        r[6] = ["$%.2f" % rate, "USD %.2f" % rate, "%.2f $" % rate][i % 3]
        r[7] = r[7] + "%"
        if r[8]:
            r[8] = r[8] + " %"
        if r[9] == "1200":
            r[9], r[10] = "1,200.00", "1,500.0"
        formatted.append(r)
    write_csv("formatted-numbers.csv", FIELDS, formatted)

    # Countries as alpha-3 codes and English names.
    names = {"PL": "POL", "LT": "Lithuania", "BR": "Brazil", "UA": "UKR", "DE": "Germany", "PH": "Philippines",
             "BG": "BGR", "VN": "Vietnam", "EE": "Estonia", "CA": "Canada", "IN": "India", "PT": "PRT",
             "ES": "Spain", "GB": "UK", "KR": "South Korea", "US": "USA", "MX": "Mexico", "RO": "Romania",
             "KE": "KEN", "EG": "Egypt", "DK": "Denmark", "AR": "Argentina", "CH": "Switzerland"}
    write_csv("country-names.csv", FIELDS, [[names.get(c, c) if i == 2 else c for i, c in enumerate(r)] for r in plain])

    # Time zones in lower case and as city names.
    def zone(z, i):
        city = z.split("/")[-1].replace("_", " ")
        return z.lower() if i % 2 == 0 else city
    write_csv("zone-spellings.csv", FIELDS, [[zone(c, n) if i == 3 else c for i, c in enumerate(r)] for n, r in enumerate(plain)])

    # Excel's formatted empty rows.
    empty = [""] * len(FIELDS)
    write_csv("empty-rows.csv", FIELDS, plain[:10] + [empty, empty] + plain[10:] + [empty] * 3)

    # .xlsx: times as text, and as day fractions (a time-formatted number, as Excel stores them).
    for name, as_fraction in (("times-as-text.xlsx", False), ("times-as-day-fractions.xlsx", True)):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Vendors"
        sheet.append(FIELDS)
        for v in VENDORS:
            row = list(v)
            if as_fraction:
                for k in (4, 5):
                    h, m = map(int, row[k].split(":"))
                    row[k] = datetime.time(h, m)
            row = [None if c == "" else c for c in row]
            sheet.append(row)
        if as_fraction:
            for cells in sheet.iter_rows(min_row=2, min_col=5, max_col=6):
                for cell in cells:
                    cell.number_format = "hh:mm"
        notes = book.create_sheet("Notes")
        notes.append(["not the vendor list"])
        book.save(OUT / name)
    # A workbook whose vendor list is its second sheet (read with --sheet).
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active.append(["Vendor list 2027"])
    sheet = book.create_sheet("Vendors")
    sheet.append(FIELDS)
    for v in VENDORS:
        sheet.append([None if c == "" else c for c in v])
    book.save(OUT / "second-sheet.xlsx")

    # The must-refuse set: one flaw each.
    def flawed(name, column, value, row=0, header=FIELDS, raw=None):
        body = [list(r) for r in plain]
        if column is not None:
            body[row][FIELDS.index(column)] = value
        write_csv(name, header, body)
    flawed("refuse-abbreviated-zone.csv", "timezone", "IST", row=10)
    flawed("refuse-ambiguous-thousands.csv", "capacity_fte", "1,200", row=17)
    flawed("refuse-unknown-country.csv", "country", "Atlantis", row=3)
    flawed("refuse-out-of-range.csv", "capacity_fte", "1e309", row=1)
    flawed("refuse-currency-mismatch.csv", "hourly_rate", "€45", row=4)
    flawed("refuse-work-hour-headers.csv", None, None,
           header=[{"work_start": "Shift begins", "work_end": "Shift finishes"}.get(f, f) for f in FIELDS])
    # An unquoted decimal comma splits a number into two fields.
    text = (OUT / "plain.csv").read_text(encoding="utf-8").replace("V02,\"Baltic Bytes, UAB\",LT,Europe/Vilnius,08:30,17:00,48.5,",
                                                                  "V02,\"Baltic Bytes, UAB\",LT,Europe/Vilnius,08:30,17:00,48,5,")
    (OUT / "refuse-decimal-comma-split.csv").write_text(text, encoding="utf-8")
    # Issue 27: spreadsheet number formats, magnitudes, the German "Unicode Text" export, rates.
    write_issue27(plain, flawed)

    # UTF-16 without its byte-order mark, and UTF-8 damaged by one Latin-1 byte.
    (OUT / "refuse-utf16-without-bom.csv").write_bytes((OUT / "plain.csv").read_text(encoding="utf-8").encode("utf-16-le"))
    damaged = (OUT / "plain.csv").read_bytes().replace("Kraków".encode(), "Krak\xf3w".encode("latin-1"))
    (OUT / "refuse-mixed-encoding.csv").write_bytes(damaged)


def write_issue27(plain, flawed):
    """Files and numbers, round 3 (issue 27): each reads like plain.csv, or is refused at its cell."""
    # .xlsx with number formats: quality and cultural_fit stored as fractions with percent formats (Excel
    # shows 84%), rates as numbers with currency formats agreeing with the vendors' USD (four spellings:
    # a quoted symbol, a [$…] symbol with a locale, an ISO code, and the accounting format).
    money = ['"$"#,##0.00', '[$$-409]#,##0.00', '#,##0.00 [$USD]', '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)']
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Vendors"
    sheet.append(FIELDS)
    for i, v in enumerate(VENDORS):
        row = [None if c == "" else c for c in v]
        row[7] = v[7] / 100
        if v[8] != "":
            row[8] = v[8] / 100
        sheet.append(row)
        r = i + 2
        sheet.cell(row=r, column=7).number_format = money[i % len(money)]
        sheet.cell(row=r, column=8).number_format = "0%"
        sheet.cell(row=r, column=9).number_format = "0.0%"
        sheet.cell(row=r, column=10).number_format = "#,##0"
    book.save(OUT / "percent-and-currency.xlsx")

    def refused_workbook(name, column, number_format, row=3):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Vendors"
        sheet.append(FIELDS)
        for v in VENDORS:
            sheet.append([None if c == "" else c for c in v])
        sheet.cell(row=row + 2, column=FIELDS.index(column) + 1).number_format = number_format
        book.save(OUT / name)
    # A euro format on a USD vendor's rate (V04, row 5, column G): the same error as '€45' in a CSV.
    refused_workbook("refuse-xlsx-currency-format.xlsx", "hourly_rate", '[$€-407] #,##0.00')
    # A rate formatted as a percent (V04: 45 shows as 4500%).
    refused_workbook("refuse-xlsx-percent-rate.xlsx", "hourly_rate", "0%")
    # A quality stored as 81 but formatted 0% (Excel shows 8100%): out of 0–100, as the sheet shows.
    refused_workbook("refuse-xlsx-percent-quality.xlsx", "quality", "0%")

    # Magnitudes: a rate no vendor charges (a finite double that made the budget row infinite), and
    # "$1.000" in a '.'-decimal file (1 or 1000: refused as "$1,000" is).
    flawed("refuse-rate-too-large.csv", "hourly_rate", "1e308", row=2)
    flawed("refuse-amount-thousands-dot.csv", "hourly_rate", "$1.000", row=2)
    # An onboarding cost beyond the limit, and a skill priced twice in `rates`.
    extended = FIELDS + ["rates", "onboarding_cost"]
    body = [list(r) + ["", ""] for r in plain]
    body[3][-1] = "1e20"
    write_csv("refuse-onboarding-too-large.csv", extended, body)
    body = [list(r) + ["", ""] for r in plain]
    body[0][-2] = "backend=40;qa=35;backend=45"
    write_csv("refuse-duplicate-rate.csv", extended, body)

    # Excel "Unicode Text" saved on a German system: UTF-16 LE with BOM, tab-separated, CRLF, decimal
    # commas. Read without a flag; and the same with one cell in '.' (the decimal mark is then
    # ambiguous, and the message names --decimal-comma).
    german = [[c.replace(".", ",") if i in (6, 7, 8, 9, 10, 11) else c for i, c in enumerate(r)] for r in plain]
    write_csv("unicode-text-german.txt", FIELDS, german, delimiter="\t", encoding="utf-16", lineterminator="\r\n")
    mixed = [list(r) for r in german]
    mixed[1][6] = "48.5"
    write_csv("refuse-unicode-text-mixed-marks.txt", FIELDS, mixed, delimiter="\t", encoding="utf-16", lineterminator="\r\n")


if __name__ == "__main__":
    main()


def european_sample():
    """datasets/vendors-excel-europe.csv: the first 12 vendors of datasets/vendors.csv as a German Excel
    "CSV (Trennzeichen-getrennt)" export: Windows-1252, ';', decimal commas, CRLF, human headers."""
    root = pathlib.Path(__file__).resolve().parent.parent
    with open(root / "datasets/vendors.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))[:12]
    header = ["Vendor ID", "Company", "Country", "Time Zone", "Shift start", "Shift end", "Hourly Rate (EUR/h)",
              "Quality score", "Culture", "Capacity (FTE)", "Max FTE", "Min. FTE", "Certs", "Skills", "Kontakt"]
    keys = ["ID", "Name", "Country", "TimeZone", "Work_Start", "Work_End", "Hourly_Rate", "Quality", "Cultural_Fit",
            "Capacity_FTE", "Max_FTE", "Min_FTE", "Certifications", "Skills", "contact_email"]
    body = []
    for i, r in enumerate(records):
        row = [r[k] for k in keys]
        row[6] = "%.2f" % (float(row[6]) + (0.5 if i % 3 == 0 else 0))
        row = [c.replace(".", ",") if 6 <= n <= 11 else c for n, c in enumerate(row)]
        if i == 2:
            row[1] = "Carpathian Software – Cluj-Napoca"
        if i == 5:
            row[1] = "Dunaújváros Digital"
        body.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([header] + body)
    (root / "datasets/vendors-excel-europe.csv").write_bytes(buffer.getvalue().encode("cp1252"))


if __name__ == "__main__":
    european_sample()
