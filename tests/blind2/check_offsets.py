#!/usr/bin/env python3
"""Check tests/blind2: every text has a gold file and back, every fact's text
equals the article's bytes [start, end), facts do not overlap, values have
the shape SCORING.md compares. Prints the counts per type; exit 1 on error."""
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = ('date', 'money', 'percent', 'city', 'org')


def check(txt, gold):
    errors = []
    data = txt.read_bytes()
    doc = json.loads(gold.read_text(encoding='utf-8'))
    if set(doc) != {'dct', 'facts'}:
        errors.append('top-level keys must be dct and facts')
    last_end = 0
    for f in doc['facts']:
        s, e = f['start'], f['end']
        if data[s:e].decode('utf-8') != f['text']:
            errors.append(f'offset mismatch at {s}-{e}: {f["text"]!r}')
        if s < last_end:
            errors.append(f'overlap or disorder at {s}')
        last_end = e
        t, v = f['type'], f['value']
        if t not in TYPES:
            errors.append(f'unknown type {t}')
        elif t == 'date' and not isinstance(v, str):
            errors.append(f'date value not a string at {s}')
        elif t == 'money' and not (isinstance(v.get('amount'), (int, float))
                                   and len(v.get('currency', '')) == 3):
            errors.append(f'bad money value at {s}')
        elif t == 'percent' and not isinstance(v, (int, float)):
            errors.append(f'bad percent value at {s}')
        elif t in ('city', 'org') and not v.get('name'):
            errors.append(f'{t} without name at {s}')
    return errors, Counter(f['type'] for f in doc['facts'])


def main():
    texts = {p.stem: p for p in (HERE / 'texts').glob('*.txt')}
    golds = {p.stem: p for p in (HERE / 'gold').glob('*.json')}
    bad = 0
    for name in sorted(set(texts) ^ set(golds)):
        print(f'{name}: text without gold or gold without text')
        bad += 1
    total = Counter()
    for name in sorted(set(texts) & set(golds)):
        errors, counts = check(texts[name], golds[name])
        total += counts
        for e in errors:
            print(f'{name}: {e}')
        bad += len(errors)
    print(f'{len(texts)} articles, ' + ', '.join(f'{t} {total[t]}' for t in TYPES)
          + f', all {sum(total.values())}')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
