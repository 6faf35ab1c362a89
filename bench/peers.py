#!/usr/bin/env python3
"""Times another tool over the bench's corpus, for the side-by-side table of
`npm run bench` (bench/peers.ts runs it, one tool a process, so each peak
resident set is the tool's own).

    python3 bench/peers.py justext FOLDER
    python3 bench/peers.py minhash FOLDER

- justext: jusText (Pomikalek), boilerplate removal alone. Each line of an
  article becomes a paragraph of an HTML page, as jusText reads pages, and
  the stoplist is every language's at once, since the corpus mixes languages
  (wiretrace's own function words come from every list at once too).
- minhash: MinHash-LSH from datasketch, near-duplicate search alone: each
  article's word 5-grams hashed into 128 permutations, looked up in the LSH
  index (Jaccard threshold 0.5) and then added to it, in order.

Prints one JSON object: the articles, wall and CPU seconds, peak resident set
and what the tool found (paragraphs kept, candidate pairs); or, where the
module is not installed, the tool and why it was skipped. Loading the module
and building the stoplist come before the clock starts, as the bench's own
limit figures start once their threads are ready. Exit codes: 0 measured or
skipped; 2 a usage error.
"""

import html
import itertools
import json
import os
import resource
import sys
import time

SHINGLE_WORDS = 5
PERMUTATIONS = 128
THRESHOLD = 0.5


def article_paths(folder):
    """Every file under the folder, in path order, hidden ones left out (as wiretrace's inputs)."""
    paths = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        paths.extend(os.path.join(root, name) for name in sorted(files) if not name.startswith("."))
    return paths


def read_text(path):
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", "replace")


def justext_tool():
    import justext

    stoplist = frozenset().union(*(justext.get_stoplist(language) for language in justext.get_stoplists()))

    def kept_paragraphs(text):
        page = "<html><body>" + "".join("<p>%s</p>" % html.escape(line) for line in text.splitlines() if line.strip()) + "</body></html>"
        return sum(1 for paragraph in justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8") if not paragraph.is_boilerplate)

    return kept_paragraphs


def minhash_tool():
    from datasketch import MinHash, MinHashLSH

    index = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    keys = itertools.count()

    def candidate_pairs(text):
        words = text.split()
        shingles = {" ".join(words[at : at + SHINGLE_WORDS]).encode("utf-8") for at in range(max(1, len(words) - SHINGLE_WORDS + 1))}
        signature = MinHash(num_perm=PERMUTATIONS)
        signature.update_batch(list(shingles))
        found = len(index.query(signature))
        index.insert(str(next(keys)), signature)
        return found

    return candidate_pairs


TOOLS = {"justext": (justext_tool, "justext"), "minhash": (minhash_tool, "datasketch")}


def main(argv):
    if len(argv) != 2 or argv[0] not in TOOLS or not os.path.isdir(argv[1]):
        sys.stderr.write("usage: python3 bench/peers.py justext|minhash FOLDER\n")
        return 2
    name, folder = argv
    make, module = TOOLS[name]
    try:
        tool = make()
    except ImportError:
        print(json.dumps({"tool": name, "skipped": "the Python module %s is not installed" % module}))
        return 0
    paths = article_paths(folder)
    wall, cpu = time.perf_counter(), time.process_time()
    found = sum(tool(read_text(path)) for path in paths)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"tool": name, "articles": len(paths), "wallSec": wall, "cpuSec": cpu, "peakRssMb": peak_kb / 1024, "found": found}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
