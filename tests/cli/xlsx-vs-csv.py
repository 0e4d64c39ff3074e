#!/usr/bin/python3
"""Check that an XLSX report (read with openpyxl) holds the same cells as the
CSV report of the same period: every (table, row, column, value) of the CSV
must be the cell in sheet `table`, row `row` + 1, the column whose header is
`column`; numbers equal, dates as dates, text as text; and no other cells."""
import csv, datetime, sys
import openpyxl

def main(xlsx, csvfile):
    wb = openpyxl.load_workbook(xlsx)
    want = {}
    with open(csvfile, newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            want[(r['table'], int(r['row']), r['column'])] = r['value']
    seen = set()
    problems = []
    for ws in wb.worksheets:
        headers = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            for col, cell in enumerate(row):
                if cell.value is None:
                    continue
                key = (ws.title, cell.row - 1, headers[col])
                seen.add(key)
                if key not in want:
                    problems.append(f'{key}: in XLSX only ({cell.value!r})')
                    continue
                v, w = cell.value, want[key]
                if isinstance(v, datetime.datetime):
                    ok = v.date().isoformat() == w and cell.is_date
                elif isinstance(v, (int, float)):
                    ok = w != '' and abs(float(w) - v) <= 1e-9 * max(1, abs(v))
                else:
                    # the CSV keeps formula-like text as text with a leading '
                    if len(w) > 1 and w[0] == "'" and w[1] in '=+-@\t\r':
                        w = w[1:]
                    ok = v == w
                if not ok:
                    problems.append(f'{key}: XLSX {v!r}, CSV {w!r}')
    for key, w in want.items():
        if w != '' and key not in seen:
            problems.append(f'{key}: in CSV only ({w!r})')
    numbers = sum(1 for k in seen if want.get(k, '') and want[k].replace('.', '', 1).replace('-', '', 1).replace('e', '', 1).isdigit())
    for p in problems[:20]:
        print(p)
    if problems:
        sys.exit(1)
    print(f'{len(seen)} cells agree, {numbers} of them numbers')

main(*sys.argv[1:])
