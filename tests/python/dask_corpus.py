#!/usr/bin/env python3
"""tests/python/dask_corpus.py CORPUS.jsonl WORK_DIR - factx on a real Dask
cluster: a scheduler and two worker processes started as a cluster's
machines would start them (`python3 -m distributed.cli.dask_scheduler`,
`... dask_worker`), talking TCP on 127.0.0.1, map the Python binding over
the JSONL corpus in chunks; the documents gathered, in order, must equal
one process's (`factx --jsonl-in -j1`, $FACTX_BIN). Prints what it did;
exit 0 when equal."""
import json
import os
import subprocess
import sys
import time

from distributed import Client

corpus, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
scheduler_file = os.path.join(work, "scheduler.json")
log = open(os.path.join(work, "cluster.log"), "w")
python = sys.executable
procs = [subprocess.Popen([python, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                           "--no-dashboard", "--scheduler-file", scheduler_file], stdout=log, stderr=log)]


def extract_chunk(lines):
    """On a worker: the documents for some JSONL lines (the binding is
    imported there, from the worker's PYTHONPATH and FACTX_LIB)."""
    import factx
    return list(factx.extract_many(json.loads(line) for line in lines))


try:
    deadline = time.monotonic() + 120
    while not os.path.exists(scheduler_file):
        if time.monotonic() > deadline:
            sys.exit("the scheduler did not start")
        time.sleep(0.1)
    for name in ("w1", "w2"):
        procs.append(subprocess.Popen([python, "-m", "distributed.cli.dask_worker", "--scheduler-file", scheduler_file,
                                       "--nthreads", "1", "--name", name, "--no-dashboard",
                                       "--host", "127.0.0.1", "--no-nanny", "--local-directory", work],
                                      stdout=log, stderr=log))
    with Client(scheduler_file=scheduler_file, timeout=120) as client:
        client.wait_for_workers(2, timeout=120)
        workers = client.scheduler_info()["workers"]
        assert all(address.startswith("tcp://127.0.0.1:") for address in workers), workers
        with open(corpus, encoding="utf-8") as f:
            lines = [line for line in f if line.strip()]
        chunks = [lines[i:i + 5] for i in range(0, len(lines), 5)]
        futures = client.map(extract_chunk, chunks, pure=False)
        gathered = [doc for chunk in client.gather(futures) for doc in chunk]
        used = {w for f in futures for w in client.who_has(f).get(f.key, ())}
finally:
    for p in reversed(procs):
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
    log.close()

with open(corpus, "rb") as f:
    single = subprocess.run([os.environ["FACTX_BIN"], "-q", "-j1", "--jsonl-in"], stdin=f, capture_output=True,
                            check=True).stdout.decode().splitlines()
want = [json.loads(line) for line in single]
print(f"dask: {len(lines)} documents in {len(chunks)} chunks on {len(workers)} workers "
      f"({len(used)} of them used), {sum(len(d['facts']) for d in gathered)} facts")
if len(workers) != 2:
    sys.exit("wanted two workers")
if gathered != want:
    diff = next(i for i, (a, b) in enumerate(zip(gathered, want)) if a != b) if len(gathered) == len(want) else "count"
    sys.exit(f"the cluster's documents differ from one process's (first at {diff})")
print("dask: equal to a single process, document for document")
