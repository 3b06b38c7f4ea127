#!/usr/bin/env python3
"""Build the part-B blind articles from their marked-up sources.

A source file bNN_slug.src starts with a line "DCT: YYYY-MM-DD" (or "DCT: null");
the rest is the article with every fact marked as [[t:text|value...]]:
  [[d:text|TIMEX3]]  [[m:text|AMOUNT CUR]]  [[p:text|N]] (N defaults to the number in text)
  [[c:text|CC]] or [[c:text|Canonical Name/CC]]
  [[o:text]]  [[o:text|Full name]]  [[o:text|=|Long form]] (= keeps the text as name)
Writes ../texts/NAME.txt and ../gold/NAME.json, checks text == bytes[start:end]
for every fact, and prints unmarked spans that look like facts for a second read.
"""
import json, re, sys, glob, os

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = re.compile(r'\[\[([dmpco]):([^|\]]+)(?:\|([^\]]*))?\]\]')
TYPES = {'d': 'date', 'm': 'money', 'p': 'percent', 'c': 'city', 'o': 'org'}

def num(s):
    v = float(s)
    return int(v) if v == int(v) else v

def value(t, text, arg):
    if t == 'd':
        assert arg, text
        return arg
    if t == 'm':
        amt, cur = arg.split()
        assert re.fullmatch(r'[A-Z]{3}', cur), arg
        return {'amount': num(amt), 'currency': cur}
    if t == 'p':
        if not arg:
            arg = re.search(r'\d+(?:[.,]\d+)?', text).group(0).replace(',', '.')
        return num(arg)
    if t == 'c':
        name, cc = (arg.rsplit('/', 1) if '/' in arg else (text, arg))
        assert re.fullmatch(r'[A-Z]{2}', cc), arg
        return {'name': name, 'country': cc}
    parts = arg.split('|') if arg else []
    name = parts[0] if parts and parts[0] != '=' else text
    v = {'name': name}
    if len(parts) > 1:
        v['acronym_of'] = parts[1]
    return v

def build(src):
    name = os.path.basename(src)[:-4]
    raw = open(src, encoding='utf-8').read()
    first, body = raw.split('\n', 1)
    m = re.fullmatch(r'DCT: (\d{4}-\d{2}-\d{2}|null)', first)
    assert m, src
    dct = None if m.group(1) == 'null' else m.group(1)
    out = bytearray()
    facts = []
    pos = 0
    for mm in MARK.finditer(body):
        out += body[pos:mm.start()].encode('utf-8')
        t, text, arg = mm.group(1), mm.group(2), mm.group(3) or ''
        if t == 'o' and arg.startswith('|'):
            arg = '=' + arg
        start = len(out)
        out += text.encode('utf-8')
        facts.append({'type': TYPES[t], 'text': text, 'start': start, 'end': len(out),
                      'value': value(t, text, arg)})
        pos = mm.end()
    out += body[pos:].encode('utf-8')
    assert '[[' not in out.decode('utf-8') and ']]' not in out.decode('utf-8'), src
    for f in facts:
        assert out[f['start']:f['end']].decode('utf-8') == f['text'], f
        assert f['text'] == f['text'].strip(), f
    open(os.path.join(HERE, '..', 'texts', name + '.txt'), 'wb').write(bytes(out))
    with open(os.path.join(HERE, '..', 'gold', name + '.json'), 'w', encoding='utf-8') as fh:
        json.dump({'dct': dct, 'facts': facts}, fh, ensure_ascii=False, indent=1)
        fh.write('\n')
    return name, body, facts

SUSPECT = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday|tomorrow|ago|(?:last|next|this|that) (?:year|month|week|spring|summer|autumn|winter)|"
    r"(?:19|20)\d\ds?|\d+(?:[.,]\d+)?\s*(?:%|per ?cent|pct)|[€$£¥₩]\s?\d+|\d+\s*(?:million|billion|bn|m)\b|"
    r"(?:EUR|USD|DKK|NOK|SEK|CNY|RMB|KRW|JPY|GBP|CAD|CHF|yuan|kroner|kronor|won|yen|euros?|dollars?)\b|"
    r"quarter|Q[1-4]|half|fiscal)(?!\w)", re.I)

def lint(name, body, cities):
    plain = MARK.sub(lambda m: '\x00' * len(m.group(2)), body)
    hits = [m for m in SUSPECT.finditer(plain)]
    if cities:
        hits += list(re.finditer(r'\b(?:' + '|'.join(map(re.escape, sorted(cities, key=len, reverse=True))) + r')\b', plain))
    for m in sorted(hits, key=lambda m: m.start()):
        a, b = max(0, m.start() - 35), min(len(plain), m.end() + 35)
        ctx = plain[a:b].replace('\n', ' ').replace('\x00', '#')
        print(f'  {name}: unmarked {m.group(0)!r}: ...{ctx}...')

if __name__ == '__main__':
    srcs = sorted(sys.argv[1:] or glob.glob(os.path.join(HERE, 'b*.src')))
    built = [build(s) for s in srcs]
    cities = {f['text'] for _, _, fs in built for f in fs if f['type'] == 'city'}
    for name, body, facts in built:
        counts = {t: sum(f['type'] == t for f in facts) for t in TYPES.values()}
        words = len(MARK.sub(lambda m: m.group(2), body).split())
        print(name, words, 'words', counts)
        if '-q' not in os.environ.get('LINT', ''):
            lint(name, body, cities)
