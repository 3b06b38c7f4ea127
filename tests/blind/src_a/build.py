#!/usr/bin/env python3
"""Build the blind-set "a" articles and their gold from annotated sources.

Each source NAME.ann starts with a line "#dct YYYY-MM-DD" or "#dct none"; the
rest is the article with facts marked inline as [[T VALUE|text]]:
  d  TIMEX3 value           m  CUR AMOUNT (amount may be 1.2e9)
  p  number                 c  [canonical name]   (country from CITIES)
  o  [full name]            a  long form (acronym_of; name is the text)
Writes ../texts/NAME.txt and ../gold/NAME.json and checks every offset.
"""
import json, re, sys, pathlib
from decimal import Decimal

CITIES = {
 'Stockholm':'SE','Gothenburg':'SE','Malmo':'SE','Malmö':'SE','Uppsala':'SE','Oslo':'NO','Bergen':'NO','Stavanger':'NO',
 'Trondheim':'NO','Copenhagen':'DK','Aarhus':'DK','Odense':'DK','Aalborg':'DK','Esbjerg':'DK','Helsinki':'FI','Tampere':'FI',
 'Turku':'FI','Oulu':'FI','Espoo':'FI','Hamburg':'DE','Munich':'DE','Frankfurt':'DE','Berlin':'DE','Duisburg':'DE',
 'Hanover':'DE','Stuttgart':'DE','Dusseldorf':'DE','Düsseldorf':'DE','Cologne':'DE','Leipzig':'DE','Bremen':'DE',
 'Rotterdam':'NL','Amsterdam':'NL','Eindhoven':'NL','Antwerp':'BE','Brussels':'BE','Ghent':'BE','Paris':'FR','Lyon':'FR',
 'Marseille':'FR','Toulouse':'FR','London':'GB','Manchester':'GB','Edinburgh':'GB','Glasgow':'GB','Leeds':'GB',
 'Dublin':'IE','Madrid':'ES','Barcelona':'ES','Valencia':'ES','Bilbao':'ES','Milan':'IT','Turin':'IT','Genoa':'IT',
 'Rome':'IT','Vienna':'AT','Graz':'AT','Zurich':'CH','Geneva':'CH','Basel':'CH','Warsaw':'PL','Gdansk':'PL','Krakow':'PL',
 'Prague':'CZ','Brno':'CZ','Budapest':'HU','Lisbon':'PT','Porto':'PT','Athens':'GR','Piraeus':'GR','Tallinn':'EE','Riga':'LV',
 'Vilnius':'LT','Luxembourg':'LU','Beijing':'CN','Shanghai':'CN','Shenzhen':'CN','Guangzhou':'CN','Chengdu':'CN',
 'Chongqing':'CN','Tianjin':'CN','Wuhan':'CN','Hangzhou':'CN','Suzhou':'CN','Ningbo':'CN','Qingdao':'CN','Xiamen':'CN',
 "Xi'an":'CN','Nanjing':'CN','Dalian':'CN','Shenyang':'CN','Harbin':'CN','Kunming':'CN','Hong Kong':'HK','Macau':'MO',
 'Taipei':'TW','Kaohsiung':'TW','Tokyo':'JP','Osaka':'JP','Yokohama':'JP','Nagoya':'JP','Kobe':'JP','Fukuoka':'JP',
 'Sapporo':'JP','Kyoto':'JP','Seoul':'KR','Busan':'KR','Incheon':'KR','Daejeon':'KR','Singapore':'SG','Kuala Lumpur':'MY',
 'Penang':'MY','Bangkok':'TH','Jakarta':'ID','Surabaya':'ID','Manila':'PH','Ho Chi Minh City':'VN','Hanoi':'VN',
 'Da Nang':'VN','Mumbai':'IN','Delhi':'IN','New Delhi':'IN','Bengaluru':'IN','Bangalore':'IN','Chennai':'IN','Pune':'IN',
 'Hyderabad':'IN','Kolkata':'IN','Ahmedabad':'IN','Dhaka':'BD','Karachi':'PK','Colombo':'LK','Dubai':'AE','Abu Dhabi':'AE',
 'Doha':'QA','Istanbul':'TR','Ankara':'TR','New York':'US','Chicago':'US','San Francisco':'US','Boston':'US',
 'Washington':'US','Houston':'US','Toronto':'CA','Sydney':'AU','Melbourne':'AU','Auckland':'NZ','Ulsan':'KR',
 'Gwangju':'KR','Kitakyushu':'JP','Hiroshima':'JP','Sendai':'JP','Zhengzhou':'CN','Hefei':'CN','Changsha':'CN',
 'Yiwu':'CN','Lianyungang':'CN','Almaty':'KZ','Tashkent':'UZ','Ulaanbaatar':'MN','Vantaa':'FI','Lahti':'FI',
 'Kiel':'DE','Lubeck':'DE','Lübeck':'DE','Gdynia':'PL','Klaipeda':'LT','Trieste':'IT','Venice':'IT','Naples':'IT',
 'Seville':'ES','Bordeaux':'FR','Nantes':'FR','Lille':'FR','Strasbourg':'FR','Nice':'FR','Bristol':'GB','Birmingham':'GB',
 'Cardiff':'GB','Belfast':'GB','Cork':'IE','Reykjavik':'IS','Linz':'AT','Salzburg':'AT','Lausanne':'CH','Bern':'CH',
 'Wroclaw':'PL','Lodz':'PL','Poznan':'PL','Bratislava':'SK','Ljubljana':'SI','Zagreb':'HR','Sofia':'BG','Bucharest':'RO',
 'Belgrade':'RS','Thessaloniki':'GR','Nuremberg':'DE','Dresden':'DE','Mannheim':'DE','Karlsruhe':'DE','Bonn':'DE',
 'Delft':'NL','Utrecht':'NL','The Hague':'NL','Leuven':'BE','Liege':'BE','Jönköping':'SE','Jonkoping':'SE','Lulea':'SE',
 'Luleå':'SE','Umea':'SE','Umeå':'SE','Vasteras':'SE','Västerås':'SE','Karlstad':'SE','Kristiansand':'NO','Tromso':'NO',
 'Tromsø':'NO','Shimizu':'JP','Nagasaki':'JP','Chiba':'JP','Kawasaki':'JP','Sakai':'JP','Changwon':'KR','Pohang':'KR',
 'Foshan':'CN','Dongguan':'CN','Zhuhai':'CN','Wuxi':'CN','Jinan':'CN','Yantai':'CN','Fuzhou':'CN','Nanning':'CN',
 'Zhoushan':'CN','Rizhao':'CN','Taicang':'CN','Kochi':'IN','Visakhapatnam':'IN','Cebu':'PH','Haiphong':'VN',
 'Chittagong':'BD','Yangon':'MM','Phnom Penh':'KH','Vientiane':'LA','Brisbane':'AU','Perth':'AU','Vancouver':'CA',
 'Los Angeles':'US','Seattle':'US','Detroit':'US','Tampa':'US','Lagos':'NG','Nairobi':'KE','Cairo':'EG','Johannesburg':'ZA',
 'Cape Town':'ZA','Sao Paulo':'BR','Mexico City':'MX','Buenos Aires':'AR','Santiago':'CL','Lima':'PE','Bogota':'CO',
 'Moscow':'RU','St Petersburg':'RU','Kyiv':'UA','Minsk':'BY','Tbilisi':'GE','Baku':'AZ','Tehran':'IR','Riyadh':'SA',
 'Muscat':'OM','Kuwait City':'KW','Manama':'BH','Amman':'JO','Beirut':'LB','Tel Aviv':'IL','Haifa':'IL','Jerusalem':'IL',
 'Izmir':'TR','Bursa':'TR','Trondhjem':'NO','Kowloon':'HK','Sejong':'KR','Suwon':'KR','Yokosuka':'JP','Kanazawa':'JP',
 'Niigata':'JP','Okayama':'JP','Matsuyama':'JP','Kumamoto':'JP','Naha':'JP','Taichung':'TW','Tainan':'TW','Hsinchu':'TW',
 'Ipoh':'MY','Johor Bahru':'MY','Chiang Mai':'TH','Bandung':'ID','Medan':'ID','Davao':'PH','Hue':'VN','Can Tho':'VN',
 'Lahore':'PK','Islamabad':'PK','Kathmandu':'NP','Thimphu':'BT','Male':'MV','Jaipur':'IN','Lucknow':'IN','Surat':'IN',
 'Nagpur':'IN','Coimbatore':'IN','Mysuru':'IN','Indore':'IN','Kanpur':'IN','Dortmund':'DE','Essen':'DE','Aachen':'DE',
 'Freiburg':'DE','Augsburg':'DE','Regensburg':'DE','Wolfsburg':'DE','Ingolstadt':'DE','Rostock':'DE','Trelleborg':'SE',
 'Helsingborg':'SE','Norrkoping':'SE','Norrköping':'SE','Sundsvall':'SE','Vaasa':'FI','Kotka':'FI','Hamina':'FI',
 'Porvoo':'FI','Kuopio':'FI','Jyvaskyla':'FI','Jyväskylä':'FI','Pori':'FI','Rauma':'FI','Kolding':'DK','Vejle':'DK',
 'Horsens':'DK','Randers':'DK','Fredericia':'DK','Billund':'DK','Sonderborg':'DK','Sønderborg':'DK','Drammen':'NO',
 'Alesund':'NO','Ålesund':'NO','Bodo':'NO','Bodø':'NO','Haugesund':'NO','Sandnes':'NO','Gdańsk':'PL','Szczecin':'PL',
 'Tartu':'EE','Narva':'EE','Kaunas':'LT','Daugavpils':'LV','Liepaja':'LV','Maastricht':'NL','Groningen':'NL','Tilburg':'NL',
 'Bruges':'BE','Zeebrugge':'BE','Le Havre':'FR','Dunkirk':'FR','Rouen':'FR','Grenoble':'FR','Montpellier':'FR',
 'Southampton':'GB','Felixstowe':'GB','Liverpool':'GB','Newcastle':'GB','Aberdeen':'GB','Sheffield':'GB','Nottingham':'GB',
 'Oxford':'GB','Cambridge':'GB','Bologna':'IT','Florence':'IT','Palermo':'IT','La Spezia':'IT','Livorno':'IT','Bari':'IT',
 'Algeciras':'ES','Malaga':'ES','Zaragoza':'ES','Tarragona':'ES','Sines':'PT','Braga':'PT','Koper':'SI','Rijeka':'HR',
 'Split':'HR','Constanta':'RO','Cluj-Napoca':'RO','Varna':'BG','Plovdiv':'BG','Debrecen':'HU','Ostrava':'CZ','Kosice':'SK',
 'Villeurbanne':'FR','Hosur':'IN','Frankfurt (Oder)':'DE','Liège':'BE','Akita':'JP','Veldhoven':'NL','Hwaseong':'KR','Kolín':'CZ','Esslingen':'DE','Łódź':'PL','Kraków':'PL','Innsbruck':'AT','Klagenfurt':'AT','Lucerne':'CH','Lugano':'CH','Winterthur':'CH',
}
CURRENCIES = {'USD','EUR','GBP','SEK','NOK','DKK','CNY','JPY','HKD','INR','KRW','CHF','SGD','FIM','DEM','FRF','ITL',
              'NLG','TWD','MYR','THB','IDR','VND','PLN','CZK','AUD','CAD','ATS','ESP','BEF','ISK','NZD','AED','PHP'}
MARK = re.compile(r'\[\[([dmpcoa])(?: ([^|\]]*))?\|([^\]]*)\]\]')

def number(s):
    d = Decimal(s)
    return int(d) if d == d.to_integral_value() else float(d)

def build(src, texts, golds):
    raw = src.read_text(encoding='utf-8')
    head, body = raw.split('\n', 1)
    m = re.fullmatch(r'#dct (none|\d{4}-\d{2}-\d{2})', head.strip())
    if not m:
        sys.exit(f'{src}:1: first line must be "#dct YYYY-MM-DD" or "#dct none"')
    dct = None if m.group(1) == 'none' else m.group(1)
    out = bytearray(); facts = []; pos = 0
    for mk in MARK.finditer(body):
        out += body[pos:mk.start()].encode('utf-8')
        kind, val, text = mk.group(1), (mk.group(2) or '').strip(), mk.group(3)
        start = len(out); out += text.encode('utf-8'); end = len(out)
        where = f'{src.name}: {mk.group(0)!r}'
        if not text or text != text.strip():
            sys.exit(f'{where}: empty or padded span')
        if kind == 'd':
            if not re.fullmatch(r'[0-9X]{2,4}(-[0-9X]{2}|-W[0-9X]{2}(-\d)?|-(SP|SU|FA|WI)|-H[12]|-Q[1-4])?(-[0-9X]{2})?(T\d\d:\d\d(:\d\d)?)?(/.+)?', val):
                sys.exit(f'{where}: bad TIMEX3 value')
            value = val; typ = 'date'
        elif kind == 'm':
            cur, amt = val.split()
            if cur not in CURRENCIES: sys.exit(f'{where}: unknown currency')
            value = {'amount': number(amt), 'currency': cur}; typ = 'money'
        elif kind == 'p':
            value = number(val); typ = 'percent'
        elif kind == 'c':
            name = val or text
            if name not in CITIES: sys.exit(f'{where}: city not in table')
            value = {'name': name, 'country': CITIES[name]}; typ = 'city'
        elif kind == 'o':
            value = {'name': val or text}; typ = 'org'
        else:
            if not val: sys.exit(f'{where}: acronym without long form')
            value = {'name': text, 'acronym_of': val}; typ = 'org'
        facts.append({'type': typ, 'text': text, 'start': start, 'end': end, 'value': value})
        pos = mk.end()
    rest = body[pos:]
    if '[[' in rest or ']]' in rest or any('[[' in f['text'] for f in facts):
        sys.exit(f'{src.name}: malformed mark near {rest[rest.find("[["):][:60]!r}')
    out += rest.encode('utf-8')
    data = bytes(out)
    for f in facts:
        assert data[f['start']:f['end']].decode('utf-8') == f['text'], (src.name, f)
    name = src.stem
    (texts / f'{name}.txt').write_bytes(data)
    with open(golds / f'{name}.json', 'w', encoding='utf-8') as g:
        json.dump({'dct': dct, 'facts': facts}, g, ensure_ascii=False, indent=1)
        g.write('\n')
    return facts

if __name__ == '__main__':
    here = pathlib.Path(__file__).resolve().parent
    texts, golds = here.parent / 'texts', here.parent / 'gold'
    total = {}
    srcs = sorted(here.glob('a*.ann'))
    for src in srcs:
        for f in build(src, texts, golds):
            total[f['type']] = total.get(f['type'], 0) + 1
    print(len(srcs), 'articles', dict(sorted(total.items())), 'total', sum(total.values()))
