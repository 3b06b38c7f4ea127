#!/usr/bin/env python3
"""Build tests/blind2/texts/*.txt and gold/*.json from the annotated sources
in src/*.ann, so that a correction is made in the source and rebuilt.

Source format. Line 1 is "DCT: YYYY-MM-DD" or "DCT: none" (the date the
article states for itself); the article follows from line 2. A fact is
marked inline as [text]{T} or [text]{T:value}:

    [12 March 2026]{d:2026-03-12}      date, TIMEX3 value required
    [EUR 40 million]{m:40e6 EUR}       money: amount and ISO 4217 code
    [4.5%]{p}                          percent, number read from the text
    [-0.3 per cent]{p:-0.3}            percent with an explicit value
    [Oslo]{c}                          city, name = text, country from CITIES
    [Gothenburg]{c:Gothenburg/SE}      city with explicit name / country
    [Nordvik Energi ASA]{o}            organisation, name = text
    [NVE]{o>Nordvik Energi ASA}        acronym, "acronym_of" its long form
    [Nordvik's]{o:Nordvik}             organisation with an explicit name

`build.py --check` writes nothing and fails if texts/ or gold/ differ from
what the sources give. The markup characters [ ] { } are never part of an
article. Checks run on
every build: offsets in bytes, money amounts against the number and scale
written in the text, dates written in full against their value, known
city countries.
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CITIES = {
    # city name -> ISO 3166 country code (English GeoNames names)
    'Aarhus': 'DK', 'Amsterdam': 'NL', 'Antwerp': 'BE', 'Athens': 'GR',
    'Bangalore': 'IN', 'Bangkok': 'TH', 'Barcelona': 'ES', 'Beijing': 'CN',
    'Berlin': 'DE', 'Bilbao': 'ES', 'Birmingham': 'GB', 'Boston': 'US',
    'Bremen': 'DE', 'Brussels': 'BE', 'Budapest': 'HU', 'Busan': 'KR',
    'Chengdu': 'CN', 'Chennai': 'IN', 'Chongqing': 'CN', 'Cologne': 'DE',
    'Copenhagen': 'DK', 'Dalian': 'CN', 'Delhi': 'IN', 'Dortmund': 'DE',
    'Dubai': 'AE', 'Dublin': 'IE', 'Duisburg': 'DE', 'Dusseldorf': 'DE',
    'Edinburgh': 'GB', 'Frankfurt': 'DE', 'Gdansk': 'PL', 'Geneva': 'CH',
    'Genoa': 'IT', 'Glasgow': 'GB', 'Gothenburg': 'SE', 'Guangzhou': 'CN',
    'Hamburg': 'DE', 'Hangzhou': 'CN', 'Hanoi': 'VN', 'Helsinki': 'FI',
    'Ho Chi Minh City': 'VN', 'Hong Kong': 'HK', 'Incheon': 'KR',
    'Istanbul': 'TR', 'Jakarta': 'ID', 'Kuala Lumpur': 'MY', 'Kyoto': 'JP',
    'Leeds': 'GB', 'Leipzig': 'DE', 'Lisbon': 'PT', 'Liverpool': 'GB',
    'London': 'GB', 'Luxembourg': 'LU', 'Lyon': 'FR', 'Madrid': 'ES',
    'Malmo': 'SE', 'Manchester': 'GB', 'Manila': 'PH', 'Marseille': 'FR',
    'Milan': 'IT', 'Mumbai': 'IN', 'Munich': 'DE', 'Nagoya': 'JP',
    'New York': 'US', 'Ningbo': 'CN', 'Osaka': 'JP', 'Oslo': 'NO',
    'Paris': 'FR', 'Piraeus': 'GR', 'Prague': 'CZ', 'Pune': 'IN',
    'Qingdao': 'CN', 'Rotterdam': 'NL', 'San Francisco': 'US',
    'Seoul': 'KR', 'Shanghai': 'CN', 'Shenzhen': 'CN', 'Singapore': 'SG',
    'Stavanger': 'NO', 'Stockholm': 'SE', 'Strasbourg': 'FR',
    'Suzhou': 'CN', 'Taipei': 'TW', 'Tallinn': 'EE', 'Tianjin': 'CN',
    'Tokyo': 'JP', 'Toulouse': 'FR', 'Trondheim': 'NO', 'Turin': 'IT',
    'Ulsan': 'KR', 'Geoje': 'KR', 'Mokpo': 'KR', 'Sparta': 'GR', 'Thessaloniki': 'GR', 'Uppsala': 'SE', 'Valencia': 'ES', 'Vienna': 'AT',
    'Warsaw': 'PL', 'Washington': 'US', 'Wuhan': 'CN', 'Xiamen': 'CN',
    'Yokohama': 'JP', 'Zurich': 'CH', 'Basel': 'CH', 'Lausanne': 'CH', 'Aigle': 'CH', 'Montreal': 'CA', 'Bergamo': 'IT', 'Annecy': 'FR',
    'Bergen': 'NO', 'Aalborg': 'DK', 'Odense': 'DK', 'Tampere': 'FI',
    'Turku': 'FI', 'Riga': 'LV', 'Vilnius': 'LT', 'Krakow': 'PL',
    'Bristol': 'GB', 'Cambridge': 'GB', 'Oxford': 'GB', 'Sheffield': 'GB',
    'Cardiff': 'GB', 'Nottingham': 'GB', 'Newcastle': 'GB',
    'Hyderabad': 'IN', 'Kolkata': 'IN', 'Ahmedabad': 'IN', 'Colombo': 'LK',
    'Dhaka': 'BD', 'Sylhet': 'BD', 'Sunamganj': 'BD', 'Karachi': 'PK', 'Sapporo': 'JP', 'Fukuoka': 'JP',
    'Daejeon': 'KR', 'Kaohsiung': 'TW', 'Nanjing': 'CN', 'Xi\'an': 'CN',
    'Kunming': 'CN', 'Zhengzhou': 'CN', 'Haikou': 'CN', 'Sydney': 'AU',
    'Melbourne': 'AU', 'Toronto': 'CA', 'Chicago': 'US', 'Seattle': 'US',
    'Nice': 'FR', 'Bordeaux': 'FR', 'Lille': 'FR', 'Nantes': 'FR',
    'Porto': 'PT', 'Seville': 'ES', 'Naples': 'IT', 'Trieste': 'IT',
    'Venice': 'IT', 'Bologna': 'IT', 'Florence': 'IT', 'Stuttgart': 'DE',
    'Hanover': 'DE', 'Wolfsburg': 'DE', 'Emden': 'DE', 'Zwickau': 'DE', 'Kassel': 'DE', 'Osnabruck': 'DE', 'Brunswick': 'DE', 'Dresden': 'DE', 'Nuremberg': 'DE', 'Kiel': 'DE', 'Rostock': 'DE',
    'Eindhoven': 'NL', 'Utrecht': 'NL', 'Delft': 'NL', 'Ghent': 'BE',
    'Leuven': 'BE', 'Bucharest': 'RO', 'Sofia': 'BG', 'Zagreb': 'HR',
    'Ljubljana': 'SI', 'Bratislava': 'SK', 'Esbjerg': 'DK',
    'Kristiansand': 'NO', 'Lulea': 'SE', 'Lund': 'SE', 'Visby': 'SE', 'Hwaseong': 'KR', 'Suwon': 'KR', 'Las Vegas': 'US', 'Austin': 'US', 'Oulu': 'FI', 'Espoo': 'FI', 'Vaasa': 'FI', 'New Delhi': 'IN', 'Jamnagar': 'IN', 'Bhuj': 'IN', 'Reykjavik': 'IS',
    'Cork': 'IE', 'Galway': 'IE', 'Almaty': 'KZ', 'Tashkent': 'UZ',
    'Abu Dhabi': 'AE', 'Doha': 'QA', 'Riyadh': 'SA', 'Cairo': 'EG',
    'Nairobi': 'KE', 'Lagos': 'NG', 'Johannesburg': 'ZA', 'Cape Town': 'ZA',
    'Sao Paulo': 'BR', 'Mexico City': 'MX', 'Los Angeles': 'US',
    'Rome': 'IT', 'Salzburg': 'AT', 'Graz': 'AT', 'Linz': 'AT',
}

CURRENCY_HINTS = [
    ('US$', 'USD'), ('HK$', 'HKD'), ('S$', 'SGD'), ('A$', 'AUD'),
    ('€', 'EUR'), ('£', 'GBP'), ('₩', 'KRW'), ('₹', 'INR'),
    ('euro', 'EUR'), ('pound', 'GBP'), ('dollar', None), ('yuan', 'CNY'),
    ('renminbi', 'CNY'), ('RMB', 'CNY'), ('yen', 'JPY'), ('won', 'KRW'),
    ('rupee', 'INR'), ('krone', 'NOK/DKK'), ('kroner', 'NOK/DKK'),
    ('kronor', 'SEK'), ('franc', 'CHF'), ('zloty', 'PLN'), ('ringgit', 'MYR'),
    ('baht', 'THB'), ('dong', 'VND'), ('rupiah', 'IDR'), ('taka', 'BDT'), ('pence', 'GBP'),
]
ISO = {'EUR', 'USD', 'GBP', 'CNY', 'JPY', 'KRW', 'INR', 'NOK', 'DKK', 'SEK',
       'CHF', 'PLN', 'HKD', 'SGD', 'AUD', 'MYR', 'THB', 'VND', 'IDR', 'CZK',
       'HUF', 'TWD', 'AED', 'CAD', 'BDT', 'PKR', 'BRL', 'ZAR', 'KZT', 'TRY'}
SCALES = {'thousand': 1e3, 'k': 1e3, 'million': 1e6, 'm': 1e6, 'mn': 1e6,
          'mln': 1e6, 'billion': 1e9, 'bn': 1e9, 'b': 1e9, 'trillion': 1e12,
          'tn': 1e12, 'crore': 1e7, 'lakh': 1e5}
MONTHS = {m: i + 1 for i, m in enumerate(
    ['january', 'february', 'march', 'april', 'may', 'june', 'july',
     'august', 'september', 'october', 'november', 'december'])}

MARK = re.compile(r'\[([^\[\]{}]+)\]\{([dmpco])([:>]([^{}]*))?\}')


def num(x):
    """An integral float becomes an int, so that JSON reads 470000000."""
    return int(x) if float(x).is_integer() else float(x)


def check_money(name, text, amount, cur):
    problems = []
    if cur not in ISO:
        problems.append(f'unknown currency {cur}')
    m = re.search(r'(\d[\d,]*(?:\.\d+)?)\s*-?\s*([A-Za-z]+)?', text)
    if not m:
        return problems + ['no number in money text']
    n = float(m.group(1).replace(',', ''))
    scale = SCALES.get((m.group(2) or '').lower(), 1)
    if text.endswith('p') or 'pence' in text or 'cents' in text:
        scale /= 100
    if abs(n * scale - amount) > 1e-6 * max(1, amount):
        problems.append(f'amount {amount} but text says {n}*{scale}')
    for hint, code in CURRENCY_HINTS:
        if hint in text:
            if code and cur not in code.split('/'):
                problems.append(f'text has {hint!r} but currency {cur}')
            break
    return problems


def check_date(text, value):
    t = text.lower().replace(',', '')
    m = re.fullmatch(r'(\d{1,2}) ([a-z]+) (\d{4})', t)
    if m and m.group(2) in MONTHS:
        want = f'{m.group(3)}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}'
        return [] if value == want else [f'want {want}']
    m = re.fullmatch(r'([a-z]+) (\d{1,2}) (\d{4})', t)
    if m and m.group(1) in MONTHS:
        want = f'{m.group(3)}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}'
        return [] if value == want else [f'want {want}']
    m = re.fullmatch(r'([a-z]+) (\d{4})', t)
    if m and m.group(1) in MONTHS:
        want = f'{m.group(2)}-{MONTHS[m.group(1)]:02d}'
        return [] if value == want else [f'want {want}']
    if re.fullmatch(r'\d{4}', t) and value != t:
        return [f'want {t}']
    if not re.fullmatch(r'(\d{4}|XXXX)(-(\d\d|XX|Q[1-4]|H[12]|SP|SU|FA|WI|W\d\d|WXX)'
                        r'(-(\d\d|XX|[1-7]))?(T\d\d:\d\d(:\d\d)?)?)?'
                        r'(/\d{4}(-\d\d(-\d\d)?)?)?|\d{3}', value):
        return [f'bad TIMEX3 {value}']
    return []


def build(src):
    raw = src.read_text(encoding='utf-8')
    head, body = raw.split('\n', 1)
    m = re.fullmatch(r'DCT: (\d{4}-\d\d-\d\d|none)', head)
    if not m:
        sys.exit(f'{src.name}: first line must be "DCT: YYYY-MM-DD" or "DCT: none"')
    dct = None if m.group(1) == 'none' else m.group(1)
    out = bytearray()
    facts, problems = [], []
    pos = 0
    for mk in MARK.finditer(body):
        out += body[pos:mk.start()].encode('utf-8')
        text, kind, arg = mk.group(1), mk.group(2), mk.group(4)
        sep = mk.group(3)[:1] if mk.group(3) else ''
        start = len(out)
        out += text.encode('utf-8')
        end = len(out)
        pos = mk.end()
        where = f'{src.name}: [{text}]'
        if kind == 'd':
            if not arg:
                problems.append(f'{where} date without value')
                continue
            typ, value = 'date', arg
            problems += [f'{where} {p}' for p in check_date(text, arg)]
        elif kind == 'm':
            amount, cur = arg.split()
            typ, value = 'money', {'amount': num(float(amount)), 'currency': cur}
            problems += [f'{where} {p}' for p in check_money(src.name, text, float(amount), cur)]
        elif kind == 'p':
            if arg:
                v = float(arg)
            else:
                n = re.search(r'-?\d+(?:\.\d+)?', text)
                v = float(n.group(0))
            typ, value = 'percent', num(v)
        elif kind == 'c':
            name, _, country = (arg or text).partition('/')
            country = country or CITIES.get(name)
            if not country:
                problems.append(f'{where} unknown city country')
            typ, value = 'city', {'name': name, 'country': country}
        else:
            typ = 'org'
            if sep == '>':
                value = {'name': text, 'acronym_of': arg}
            else:
                value = {'name': arg or text}
        facts.append({'type': typ, 'text': text, 'start': start, 'end': end,
                      'value': value})
    rest = body[pos:]
    out += rest.encode('utf-8')
    for ch in '[]{}':
        if ch in out.decode('utf-8'):
            problems.append(f'{src.name}: stray {ch!r} left in the text')
    # every acronym's long form must be an organisation of the same article
    names = {f['value']['name'] for f in facts if f['type'] == 'org'}
    for f in facts:
        if f['type'] == 'org' and 'acronym_of' in f['value'] \
                and f['value']['acronym_of'] not in names:
            problems.append(f'{src.name}: acronym {f["text"]} of unknown '
                            f'{f["value"]["acronym_of"]!r}')
    return dct, bytes(out), facts, problems


def main():
    """Write texts/ and gold/; with --check, only say whether they are
    what the sources give (exit 1 if not)."""
    check = '--check' in sys.argv[1:]
    srcs = sorted((HERE / 'src').glob('*.ann'))
    all_problems = []
    for src in srcs:
        dct, text, facts, problems = build(src)
        all_problems += problems
        gold = (json.dumps({'dct': dct, 'facts': facts}, ensure_ascii=False,
                           indent=1) + '\n').encode('utf-8')
        outputs = [(HERE / 'texts' / (src.stem + '.txt'), text),
                   (HERE / 'gold' / (src.stem + '.json'), gold)]
        for path, data in outputs:
            if not check:
                path.write_bytes(data)
            elif not path.exists() or path.read_bytes() != data:
                all_problems.append(f'{path.name} is not what {src.name} gives: run build.py')
    for p in all_problems:
        print(p, file=sys.stderr)
    print(f'{"checked" if check else "built"} {len(srcs)} articles')
    return 1 if all_problems else 0


if __name__ == '__main__':
    sys.exit(main())
