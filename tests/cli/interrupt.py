#!/usr/bin/env python3
"""tests/cli/interrupt.py FACTX OUT_DIR - Ctrl-C in the middle of a run.

Feeds JSONL records to `FACTX --jsonl-in -j1 -o OUT_DIR` through a pipe it
keeps open (so factx is left waiting for more input), sends SIGINT and
checks: exit status 130, "factx: interrupted after N documents" on
stderr, the N outputs whole JSON. Two moments:
  - waiting: three records, SIGINT once their outputs exist (factx waits
    in a read of the pipe);
  - busy: then a large record, SIGINT while factx extracts it (or, on a
    slow machine, still reads it: then it is left out), before it reads
    the pipe again (a Ctrl-C there must not be lost: the read that
    follows would wait for input for good).
Exit 0 when all hold, else 1 with the reason."""
import json
import os
import signal
import subprocess
import sys
import time

factx, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)


def record(i, text):
    return (json.dumps({"id": f"doc{i}", "text": text, "dct": "2020-01-01"}) + "\n").encode()


def interrupt(where, busy, jobs="-j1"):
    out = os.path.join(out_dir, where)
    # SIGINT as a terminal's foreground job has it: a suite started in the
    # background by a script inherits it ignored, which factx keeps (nohup)
    proc = subprocess.Popen([factx, "--jsonl-in", jobs, "-o", out], stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    for i in range(3):
        proc.stdin.write(record(i, f"On 3 May 201{i} prices rose {i + 2}%."))
    proc.stdin.flush()
    names = [os.path.join(out, f"doc{i}.json") for i in range(3)]
    deadline = time.monotonic() + 60
    while not all(os.path.exists(n) for n in names):
        if time.monotonic() > deadline or proc.poll() is not None:
            sys.exit(f"{where}: the three outputs did not appear")
        time.sleep(0.05)
    if busy:
        # some 2 MB of text: a fraction of a second of extraction at least
        proc.stdin.write(record(3, "In Aarhus on 3 May 2014 the ministry said prices rose 5%. " * 35000))
        proc.stdin.flush()
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    try:
        status = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        sys.exit(f"{where}: factx did not stop on SIGINT")
    err = proc.stderr.read().decode()
    proc.stdin.close()
    # a Ctrl-C that comes while the large record is still being read leaves it unread
    if busy and os.path.exists(os.path.join(out, "doc3.json")):
        names.append(os.path.join(out, "doc3.json"))
    if status != 130:
        sys.exit(f"{where}: exit status {status}, wanted 130; stderr: {err!r}")
    if f"factx: interrupted after {len(names)} documents\n" not in err:
        sys.exit(f"{where}: no 'interrupted after {len(names)} documents' on stderr: {err!r}")
    for n in names:
        json.load(open(n))


interrupt("waiting", busy=False)
interrupt("busy", busy=True)
interrupt("busy-j2", busy=True, jobs="-j2")
