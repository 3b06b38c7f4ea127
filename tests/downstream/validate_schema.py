#!/usr/bin/env python3
"""validate_schema.py SCHEMA FILE... - validate factx output against the
JSON Schema (draft 2020-12) with python3-jsonschema.

A FILE ending in .json holds one object (factx -o); any other FILE (or -)
holds JSON Lines (one object per line, as on factx's stdout). Prints each
failure with its file and line, then "schema: N passed, N failed" (one
count per object)."""
import json
import sys

import jsonschema


def objects(path):
    """(label, text) for each object in path."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with stream:
        if path.endswith(".json"):
            yield path, stream.read()
            return
        for number, line in enumerate(stream, 1):
            yield f"{path}:{number}", line


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.Draft202012Validator
    validator_class.check_schema(schema)   # the schema itself must be valid 2020-12
    validator = validator_class(schema)
    passed = failed = 0
    for path in argv[2:]:
        for label, text in objects(path):
            try:
                instance = json.loads(text)
            except ValueError as e:
                print(f"FAIL {label}: not JSON: {e}")
                failed += 1
                continue
            errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
            if errors:
                failed += 1
                for e in errors[:3]:
                    if e.context:   # oneOf/anyOf: say what went wrong in the closest branch
                        e = jsonschema.exceptions.best_match(e.context)
                    where = "/".join(str(p) for p in e.absolute_path) or "(top)"
                    print(f"FAIL {label}: at {where}: {e.message[:300]}")
            else:
                passed += 1
    print(f"schema: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
