#!/usr/bin/env python3
"""tests/orgdev: the organisations' development set. Each src/NAME.md is an
article written for it, organisations marked [[like this]]; this writes
texts/NAME.txt (the markers removed) and gold/NAME.json (one org fact per
marker, byte offsets, name = the text). Run from anywhere."""
import json, os, re, sys
here = os.path.dirname(os.path.abspath(__file__))
for d in ('texts', 'gold'):
    os.makedirs(os.path.join(here, d), exist_ok=True)
for name in sorted(os.listdir(os.path.join(here, 'src'))):
    if not name.endswith('.md'):
        continue
    marked = open(os.path.join(here, 'src', name), encoding='utf-8').read()
    text, facts, pos = b'', [], 0
    for m in re.finditer(r'\[\[(.+?)\]\]', marked):
        text += marked[pos:m.start()].encode()
        span = m.group(1).encode()
        facts.append({'type': 'org', 'text': m.group(1), 'start': len(text),
                      'end': len(text) + len(span), 'value': {'name': m.group(1)}})
        text += span
        pos = m.end()
    text += marked[pos:].encode()
    base = name[:-3]
    open(os.path.join(here, 'texts', base + '.txt'), 'wb').write(text)
    with open(os.path.join(here, 'gold', base + '.json'), 'w', encoding='utf-8') as f:
        json.dump({'dct': None, 'facts': facts}, f, ensure_ascii=False, indent=1)
        f.write('\n')
