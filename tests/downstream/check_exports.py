#!/usr/bin/env python3
"""tests/downstream/check_exports.py RUN.jsonl CSV TSV BRAT_DIR - the exports
of a run agree with the run: one CSV and one TSV row per fact with its
document, type, offsets, text and value (each value key in its column, the
whole value as JSON in the last), every row as many cells as the header;
brat: a .txt equal to the article and a .ann whose text-bound annotations
point (in code points) at exactly their text, a note with the value for
each, and annotation.conf naming every type. Exit 0, or 1 with the reason."""
import csv
import json
import os
import sys

run, csv_path, tsv_path, brat = sys.argv[1:5]
docs = [json.loads(line) for line in open(run, encoding="utf-8")]
facts = [(d["doc"]["id"], f) for d in docs for f in d["facts"]]


def fail(msg):
    sys.exit(f"exports: {msg}")


def unescape(cell):
    out, i = [], 0
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[cell[i + 1]])
            i += 2
        else:
            out.append(cell[i])
            i += 1
    return "".join(out)


with open(csv_path, newline="", encoding="utf-8") as f:
    csv_rows = list(csv.reader(f))
with open(tsv_path, encoding="utf-8") as f:
    tsv_rows = [[unescape(c) for c in line.rstrip("\n").split("\t")] for line in f]
for name, rows in (("csv", csv_rows), ("tsv", tsv_rows)):
    header, body = rows[0], rows[1:]
    if len(body) != len(facts):
        fail(f"{name}: {len(body)} rows for {len(facts)} facts")
    for row, (doc_id, fact) in zip(body, facts):
        if len(row) != len(header):
            fail(f"{name}: a row of {len(row)} cells under {len(header)} columns")
        cell = dict(zip(header, row))
        want = {"doc": doc_id, "type": fact["type"], "start": str(fact["start"]), "end": str(fact["end"]),
                "text": fact["text"], "rule": fact["rule"]}
        for key, value in want.items():
            if cell[key] != value:
                fail(f"{name}: {key} {cell[key]!r}, the run says {value!r}")
        if json.loads(cell["value"]) != fact["value"]:
            fail(f"{name}: value {cell['value']!r} is not the run's")
        for key, value in fact["value"].items():
            column = "value." + key
            if column in cell and value is not None and str(value) != cell[column] and json.loads(cell[column]) != value:
                fail(f"{name}: {column} {cell[column]!r}, the value holds {value!r}")

conf = open(os.path.join(brat, "annotation.conf"), encoding="utf-8").read()
for t in {f["type"] for _, f in facts}:
    if f"\n{t}\n" not in conf:
        fail(f"brat: annotation.conf lacks the type {t}")
count = 0
for d in docs:
    key = d["doc"]["id"]
    text = open(os.path.join(brat, key + ".txt"), encoding="utf-8", newline="").read()
    if len(text.encode("utf-8")) != d["doc"]["bytes"]:
        fail(f"brat: {key}.txt is not the article")
    spans, notes = {}, {}
    for line in open(os.path.join(brat, key + ".ann"), encoding="utf-8"):
        tid, middle, rest = line.rstrip("\n").split("\t")
        if tid.startswith("T"):
            kind, offsets = middle.split(" ", 1)
            frags = [tuple(map(int, frag.split())) for frag in offsets.split(";")]
            if " ".join(text[a:b] for a, b in frags) != rest:
                fail(f"brat: {key}.ann {tid} points at {[text[a:b] for a, b in frags]}, not {rest!r}")
            spans[tid] = (kind, frags[0][0], frags[-1][1])
        else:
            notes[middle.split(" ")[1]] = json.loads(rest)
    for i, f in enumerate(d["facts"], 1):
        kind, a, b = spans[f"T{i}"]
        if kind != f["type"] or text[a:b].replace("\n", " ") != f["text"].replace("\n", " ") or notes[f"T{i}"] != f["value"]:
            fail(f"brat: {key} T{i} is not the run's fact {f['text']!r}")
        count += 1
if count != len(facts):
    fail(f"brat: {count} annotations for {len(facts)} facts")
print(f"exports: {len(facts)} facts of {len(docs)} documents in csv, tsv and brat")
