#!/usr/bin/env python3
"""Writes a file of phone pairs for comparing two builds of vetdesk's phone reading with each other (for
instance rlibphonenumber's `regex` and `lite` patterns): the pairs of phones.py under four seeds, and 3,000
of them again with the first number written in other scripts and separators (full-width and Arabic-Indic
digits, no-break and ideographic spaces, Unicode hyphens, a full-width plus, `tel:`, extensions).

    /work/venv/bin/python tools/agreement/phone_pairs.py > /tmp/pairs.tsv
    target/release/examples/agree_phones /tmp/pairs.tsv > /tmp/one.tsv   # then the other build
    cmp /tmp/one.tsv /tmp/other.tsv
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import phones  # noqa: E402

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def variants(a):
    return [a.translate(FULL_WIDTH), a.translate(ARABIC_INDIC), a.replace(" ", "\u00a0"), a.replace("-", "\u2010"),
            a.replace(" ", "\u3000"), "tel:" + a.replace(" ", ""), a + " ext. 12", a + " x123", a + " #45",
            a.replace("+", "\uff0b"), "(" + a + ")", a.upper().replace("5", "J"), a + " доб. 7",
            a.replace(" ", "."), a.replace(" ", "/")]


def main():
    rows = []
    for seed in (12, 7, 2026, 99):
        phones.RNG = random.Random(seed)
        rows += [p[:3] for ps in phones.pairs().values() for p in ps]
    rng = random.Random(5)
    unicode_rows = [(country, v, b) for country, a, b in rng.sample(rows, 3000) for v in variants(a)]
    out = sys.stdout
    for row in rows + unicode_rows:
        out.write("\t".join(row) + "\n")
    print(len(rows) + len(unicode_rows), "pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
