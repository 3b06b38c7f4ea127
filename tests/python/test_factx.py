"""tests/python/test_factx.py - the Python package (python/factx) over
libfactx: the same documents as the command line, streaming, errors as
exceptions, threads. Run by tests/python/run.sh with the package and the
library of the build on the path."""
import json
import os
import subprocess
import sys
import threading
import unittest

import factx

FACTX = os.environ["FACTX_BIN"]
ARTICLE = "corpus/003_76a9726fdb4f1947.txt"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def cli(*args, stdin=None):
    return subprocess.run([FACTX, "-q", "-j1", *args], input=stdin, capture_output=True, check=True).stdout


class Extract(unittest.TestCase):
    def test_same_document_as_the_command_line(self):
        text = read(ARTICLE)
        want = json.loads(cli("--jsonl-in", stdin=json.dumps({"id": "text", "text": text, "dct": "2014-12-04"}).encode()))
        got = factx.extract(text, dct="2014-12-04")
        want["doc"]["dct_source"] = "option"      # the CLI's record field vs the dct argument
        self.assertEqual(got, want)
        self.assertGreater(len(got["facts"]), 20)

    def test_values_are_dicts_and_offsets_are_bytes(self):
        text = "Å mayor said prices rose 7% in April 2014."
        doc = factx.extract(text)
        data = text.encode()
        for f in doc["facts"]:
            self.assertIsInstance(f["value"], dict)
            self.assertEqual(data[f["start"]:f["end"]].decode(), f["text"])
        date = [f for f in doc["facts"] if f["type"] == "date"][0]
        self.assertEqual(date["value"], {"timex": "2014-04", "start": "2014-04-01", "end": "2014-04-30", "grain": "month"})

    def test_types(self):
        text = "Prices rose 7% in April 2014."
        self.assertEqual({f["type"] for f in factx.extract(text, types=["percent"])["facts"]}, {"percent"})
        self.assertEqual({f["type"] for f in factx.extract(text, types="date,percent")["facts"]}, {"date", "percent"})

    def test_bytes_input(self):
        self.assertEqual(factx.extract(b"It rose 5%.")["facts"][0]["value"], {"number": 5})

    def test_errors_are_exceptions(self):
        with self.assertRaises(ValueError):
            factx.extract("x", dct="2014-13-01")
        with self.assertRaises(ValueError):
            factx.extract("x", types=["colour"])
        with self.assertRaises(TypeError):
            factx.extract(42)
        with self.assertRaises(factx.RulesError) as caught:
            factx.Extractor("tests/broken_rules/bad_pattern")
        self.assertIn("bad_pattern.rules:4:24: error", str(caught.exception))
        self.assertTrue(issubclass(factx.RulesError, factx.FactxError))

    def test_version(self):
        header = read("src/factx.h")
        self.assertIn(f'#define FACTX_VERSION "{factx.library_version()}"', header)


class ExtractMany(unittest.TestCase):
    def test_streams_lazily_in_order(self):
        seen = []

        def texts():
            for i in range(3):
                seen.append(i)
                yield {"id": f"d{i}", "text": f"On 3 May 201{i}.", "dct": "2020-01-01"}

        docs = factx.extract_many(texts())
        first = next(docs)
        self.assertEqual(seen, [0])           # nothing read ahead
        self.assertEqual(first["doc"]["id"], "d0")
        self.assertEqual([d["facts"][0]["value"]["timex"] for d in docs], ["2011-05-03", "2012-05-03"])

    def test_equals_the_command_line_on_jsonl(self):
        lines = [json.dumps({"id": f"n{i}", "text": t, "dct": "2014-12-04"})
                 for i, t in enumerate(["Next year it will cost €2 million.", "Sales fell 3% in Aarhus last week.", ""])]
        want = [json.loads(line) for line in cli("--jsonl-in", stdin="\n".join(lines).encode()).splitlines()]
        got = list(factx.extract_many(json.loads(line) for line in lines))
        self.assertEqual(got, want)
        self.assertEqual(got[0]["doc"]["dct_source"], "input")

    def test_threads_share_one_extractor(self):
        ex = factx.Extractor()
        text = read(ARTICLE)
        want = ex.extract(text, dct="2014-12-04")
        results = []

        def work():
            results.append(ex.extract(text, dct="2014-12-04"))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [want] * 4)
        ex.close()
        with self.assertRaises(factx.FactxError):
            ex.extract("x")


if __name__ == "__main__":
    unittest.main(verbosity=1)
