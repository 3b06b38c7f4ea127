#!/usr/bin/env python3
"""tests/strict_json.py PATH... - factx's output, checked strictly.

cJSON (what the C checks parse with) accepts invalid UTF-8 and stops at a
NUL, so this checks the bytes with Python instead: each PATH is a .json
file (one object) or, with --lines, JSON Lines (one object a line); a
directory stands for its *.json files. Every file must be valid UTF-8 with
no NUL byte, valid JSON with no NaN or Infinity, no duplicate key, and no
string holding a lone surrogate ("\\ud800"). Prints one line per fault and
exits 1 when there is any.
"""
import json
import os
import sys


def no_constants(name):
    raise ValueError(f"{name} is not JSON")


def unique_keys(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate key in {keys}")
    return dict(pairs)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def check_text(where, data):
    """The faults of one JSON text (bytes)."""
    if b"\0" in data:
        return [f"{where}: a NUL byte at {data.index(bytes(1))}"]
    try:
        text = data.decode("utf-8", errors="strict")
        value = json.loads(text, parse_constant=no_constants, object_pairs_hook=unique_keys)
        for s in strings(value):
            s.encode("utf-8", errors="strict")  # a lone surrogate fails here
    except (UnicodeError, ValueError) as e:
        return [f"{where}: {e}"]
    return []


def main():
    args = sys.argv[1:]
    lines = "--lines" in args
    paths = [a for a in args if a != "--lines"]
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".json"))
        else:
            files.append(p)
    faults, texts = [], 0
    for f in files:
        data = sys.stdin.buffer.read() if f == "-" else open(f, "rb").read()
        if lines:
            for n, line in enumerate(data.split(b"\n"), 1):
                if line.strip():
                    faults += check_text(f"{f}:{n}", line)
                    texts += 1
        else:
            faults += check_text(f, data)
            texts += 1
    for fault in faults[:20]:
        print(fault)
    if not texts:
        print("no JSON to check")
        return 1
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
