#!/usr/bin/env python3
"""tests/cli/interrupt.py FACTX OUT_DIR - Ctrl-C in the middle of a run.

Feeds three JSONL records to `FACTX --jsonl-in -j1 -o OUT_DIR` through a
pipe it keeps open (so factx is waiting for more input), waits until the
three outputs exist, sends SIGINT and checks: exit status 130, the message
"factx: interrupted after 3 documents" on stderr, the three outputs whole
JSON. Exit 0 when all hold, else 1 with the reason."""
import json
import os
import signal
import subprocess
import sys
import time

factx, out_dir = sys.argv[1], sys.argv[2]
proc = subprocess.Popen([factx, "--jsonl-in", "-j1", "-o", out_dir],
                        stdin=subprocess.PIPE, stderr=subprocess.PIPE)
for i in range(3):
    record = {"id": f"doc{i}", "text": f"On 3 May 201{i} prices rose {i + 2}%.", "dct": "2020-01-01"}
    proc.stdin.write((json.dumps(record) + "\n").encode())
proc.stdin.flush()
names = [os.path.join(out_dir, f"doc{i}.json") for i in range(3)]
deadline = time.monotonic() + 60
while not all(os.path.exists(n) for n in names):
    if time.monotonic() > deadline or proc.poll() is not None:
        sys.exit("the three outputs did not appear")
    time.sleep(0.05)
proc.send_signal(signal.SIGINT)
try:
    status = proc.wait(timeout=60)
except subprocess.TimeoutExpired:
    proc.kill()
    sys.exit("factx did not stop on SIGINT")
err = proc.stderr.read().decode()
proc.stdin.close()
if status != 130:
    sys.exit(f"exit status {status}, wanted 130; stderr: {err!r}")
if "factx: interrupted after 3 documents\n" not in err:
    sys.exit(f"no 'interrupted after 3 documents' on stderr: {err!r}")
for n in names:
    json.load(open(n))
