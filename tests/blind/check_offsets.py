#!/usr/bin/env python3
"""Check every blind gold file: each fact's text equals the article's bytes
[start, end), facts have a known type and a value, and every text has a gold file."""
import json, pathlib, sys

here = pathlib.Path(__file__).resolve().parent
TYPES = {'date', 'money', 'percent', 'city', 'org'}
errors = 0; facts = 0; docs = 0
for gold in sorted((here / 'gold').glob('*.json')):
    text = here / 'texts' / (gold.stem + '.txt')
    if not text.exists():
        print(f'{gold.name}: no text {text.name}'); errors += 1; continue
    data = text.read_bytes(); docs += 1
    for i, f in enumerate(json.loads(gold.read_text(encoding='utf-8'))['facts']):
        facts += 1
        span = data[f['start']:f['end']].decode('utf-8', 'replace')
        if f['type'] not in TYPES or 'value' not in f or span != f['text']:
            print(f'{gold.name}: fact {i} {f["type"]} {f["start"]}-{f["end"]}: text does not match the article')
            errors += 1
for text in sorted((here / 'texts').glob('*.txt')):
    if not (here / 'gold' / (text.stem + '.json')).exists():
        print(f'{text.name}: no gold file'); errors += 1
print(f'{docs} documents, {facts} facts, {errors} errors')
sys.exit(1 if errors else 0)
