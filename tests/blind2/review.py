#!/usr/bin/env python3
"""Author's aid for a second pass over the gold: lists occurrences of a
marked organisation or city text, or of a gazetteer city in build.py,
that are not covered by a fact of that type (each may be a miss, or a
deliberate trap such as a name inside an event or a person's name)."""
import json
import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import CITIES  # noqa: E402

HERE = Path(__file__).resolve().parent
names = sys.argv[1:] or sorted(p.stem for p in (HERE / 'texts').glob('*.txt'))
for name in names:
    text = (HERE / 'texts' / f'{name}.txt').read_bytes()
    facts = json.loads((HERE / 'gold' / f'{name}.json').read_text())['facts']
    covered = [(f['start'], f['end']) for f in facts]
    wanted = {f['text'] for f in facts if f['type'] in ('org', 'city')} | set(CITIES)
    for w in sorted(wanted):
        for m in re.finditer(rb'(?<![\w])' + re.escape(w.encode()) + rb'(?![\w])', text):
            if not any(s <= m.start() and m.end() <= e for s, e in covered):
                line = text[max(0, m.start() - 40):m.end() + 40].decode('utf-8', 'replace').replace('\n', ' ')
                print(f'{name}: {w!r} uncovered: ...{line}...')
