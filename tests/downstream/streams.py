#!/usr/bin/env python3
"""streams.py - helpers for the streaming tests of tests/downstream/run.sh.

  streams.py jsonl DIR COPIES         corpus DIR/*.txt as JSONL records on stdout, COPIES times
  streams.py examples RULES_DIR       every example:/reject: text of the rules as JSONL records
  streams.py flush FACTX ARGS...      feed records one at a time; each output line must
                                      arrive before the next record is sent
  streams.py rss FACTX FILE ARGS...   print the peak resident memory (KB) of FACTX ARGS < FILE
"""
import glob
import json
import os
import re
import resource
import select
import subprocess
import sys


def make_jsonl(directory, copies):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".txt"))
    for copy in range(copies):
        for number, name in enumerate(names):
            with open(os.path.join(directory, name), encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
            record = {"id": f"{name[:-4]}-{copy}", "text": text}
            if number % 2:   # half with a dct, half without: both paths are streamed
                record["dct"] = "2014-12-04"
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def make_examples(rules_dir):
    """The rule examples are the widest sample of value forms there is."""
    number = 0
    for path in sorted(glob.glob(os.path.join(rules_dir, "**", "*.rules"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s*(?:example|reject):\s*(.*)", line)
                if not m:
                    continue
                text = re.sub(r"\s=>\s.*$", "", m.group(1)).replace("[[", "").replace("]]", "")
                number += 1
                record = {"id": f"example-{number}", "text": text}
                if number % 3:   # the others find or lack a date themselves
                    record["dct"] = "2014-12-04"
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def read_line(stream, deadline_seconds):
    """One line from stream; None when nothing came (the process is stuck:
    the deadline only guards against hanging the test suite)."""
    ready, _, _ = select.select([stream], [], [], deadline_seconds)
    return stream.readline() if ready else None


def flush(command):
    records = [{"id": f"r{i}", "text": f"On 4 December 2014 it cost €{i} million.", "dct": "2014-12-04"}
               for i in range(1, 4)]
    records.insert(2, "not a record")
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    failures = 0
    for number, record in enumerate(records, 1):
        line = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
        process.stdin.write((line + "\n").encode())
        got = read_line(process.stdout, 120)
        if got is None:
            print(f"FAIL no output for input line {number} while the input stays open")
            failures += 1
            break
        out = json.loads(got)
        want = ["r1", "r2", "line-3", "r3"][number - 1]
        got_id = out["doc"]["id"] if "doc" in out else out["id"]
        if got_id != want:
            print(f"FAIL line {number}: id {got_id}, wanted {want}")
            failures += 1
    process.stdin.close()
    rest = process.stdout.read()
    process.wait()
    if rest:
        print(f"FAIL output after the last line: {rest[:80]!r}")
        failures += 1
    print(f"flush: {len(records) - failures} passed, {failures} failed")
    return 1 if failures else 0


def rss(command, path):
    with open(path, "rb") as f:
        subprocess.run(command, stdin=f, stdout=subprocess.DEVNULL, check=False)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return 0


def main(argv):
    if len(argv) >= 4 and argv[1] == "jsonl":
        return make_jsonl(argv[2], int(argv[3]))
    if len(argv) == 3 and argv[1] == "examples":
        return make_examples(argv[2])
    if len(argv) >= 3 and argv[1] == "flush":
        return flush(argv[2:])
    if len(argv) >= 4 and argv[1] == "rss":
        return rss([argv[2]] + argv[4:], argv[3])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
