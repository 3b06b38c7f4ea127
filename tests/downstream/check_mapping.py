#!/usr/bin/env python3
"""tests/downstream/check_mapping.py MAPPING FILE... - would an index with
the Elasticsearch-style mapping MAPPING (docs/elasticsearch-mapping.json)
accept these factx outputs (JSON files or JSON Lines, "-" for stdin)?

For every field of every document that the mapping names, the JSON value
must fit the mapped type (keyword/text: a string; integer/long: an integer
in range; double: a number; date with format yyyy-MM-dd: such a string;
object/nested: an object, or an array of them; null always fits). Every key
of a fact's "value" must be mapped: values are what an index filters on,
so none may be left to dynamic mapping, where a string in one document and
a number in the next is the mix an index rejects. Prints
"mapping: N documents, N fields checked, N errors"; exit 1 on any error."""
import json
import re
import sys

DAY = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
LIMITS = {"integer": 2**31 - 1, "long": 2**63 - 1}
checked = 0
errors = []


def fits(kind, value):
    if kind in ("keyword", "text"):
        return isinstance(value, str)
    if kind in LIMITS:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= LIMITS[kind]
    if kind == "double":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, str) and DAY.match(value) is not None
    if kind == "boolean":
        return isinstance(value, bool)
    raise SystemExit(f"check_mapping.py: no rule for mapped type {kind!r}")


def walk(mapping, value, path, where, strict):
    global checked
    if value is None:
        return
    props = mapping.get("properties")
    if props is not None:   # an object (or nested)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, dict):
                errors.append(f"{where}: {path}: {item!r} is not an object")
                continue
            checked += 1
            for key, sub in item.items():
                here = f"{path}.{key}" if path else key
                if key in props:
                    walk(props[key], sub, here, where, strict or here == "facts.value")
                elif strict:
                    errors.append(f"{where}: {here} is not mapped (a value key an index would map dynamically)")
        return
    checked += 1
    for item in value if isinstance(value, list) else [value]:
        if not fits(mapping["type"], item):
            errors.append(f"{where}: {path}: {item!r} does not fit the mapped type {mapping['type']}")


def documents(name):
    text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
    decoder, i = json.JSONDecoder(), 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return
        doc, i = decoder.raw_decode(text, i)
        yield doc


mapping = json.load(open(sys.argv[1]))["mappings"]
count = 0
for name in sys.argv[2:]:
    for n, doc in enumerate(documents(name), 1):
        if "error" in doc:      # --jsonl-in error object: not a document
            continue
        count += 1
        walk(mapping, doc, "", f"{name}#{n}", False)
for e in errors[:20]:
    print(e)
print(f"mapping: {count} documents, {checked} fields checked, {len(errors)} errors")
sys.exit(1 if errors or count == 0 else 0)
