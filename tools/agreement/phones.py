#!/usr/bin/env python3
"""Agreement of vetdesk's phone match decisions with libphonenumber (the Python `phonenumbers` port,
pinned to the metadata version rlibphonenumber ships).

Builds a pair set from libphonenumber's example numbers (every region, every number type it has an
example for) and numbers derived from them (other last digits that libphonenumber calls valid), writes
each pair in forms people type, asks vetdesk (examples/agree_phones.rs) and libphonenumber whether the
two are one number, and prints agreement per category and the false strong links.

Reference decision: both parse in the workspace's default country, both are valid numbers, same E.164.
vetdesk's: both accepted (no warning, so not refused), same normalized key.

    python3 -m venv /work/venv && /work/venv/bin/pip install phonenumbers==9.0.42
    cargo build --release --example agree_phones
    /work/venv/bin/python tools/agreement/phones.py target/release/examples/agree_phones
"""
import collections
import random
import subprocess
import sys

import phonenumbers as pn
from phonenumbers import PhoneNumberFormat as F

RNG = random.Random(12)
# Regions typing with distinctive international prefixes, and some large ones.
DIALLING = ["US", "CA", "MN", "NG", "KR", "BR", "CO", "IL", "AU", "RU", "KZ", "JP", "AR", "GB", "DE", "FR",
            "IT", "HK", "SG", "KE", "UG", "TZ", "TW", "TH", "IN", "CN", "MX", "CL", "PE", "UZ", "BY", "HU"]


def valid_numbers():
    """Example numbers of every region and type, and up to two valid neighbours of each."""
    out = []
    for region in sorted(pn.SUPPORTED_REGIONS):
        for kind in (pn.PhoneNumberType.FIXED_LINE, pn.PhoneNumberType.MOBILE, pn.PhoneNumberType.TOLL_FREE,
                     pn.PhoneNumberType.VOIP):
            n = pn.example_number_for_type(region, kind)
            if n is None or not pn.is_valid_number_for_region(n, region):
                continue
            out.append((region, n))
            for _ in range(2):
                m = change_digits(n, RNG.randint(1, 3), tail=True)
                if m is not None and pn.is_valid_number_for_region(m, region):
                    out.append((region, m))
    return out


def change_digits(n, count, tail=False):
    nsn = pn.national_significant_number(n)
    digits = list(nsn)
    positions = range(len(digits) - count, len(digits)) if tail else RNG.sample(range(len(digits)), min(count, len(digits)))
    for i in positions:
        digits[i] = RNG.choice([d for d in "0123456789" if d != digits[i]])
    try:
        return pn.parse("+%d%s" % (n.country_code, "".join(digits)), None)
    except pn.NumberParseException:
        return None


def forms(n, region, workspace):
    """Ways to write n in a workspace whose default country is `workspace`."""
    out = [pn.format_number(n, F.INTERNATIONAL), pn.format_number(n, F.E164), pn.format_number(n, F.RFC3966)]
    if workspace == region:
        out.append(pn.format_number(n, F.NATIONAL))
        out.append(pn.normalize_digits_only(pn.format_number(n, F.NATIONAL)))
    else:
        out.append(pn.format_out_of_country_calling_number(n, workspace))
    return out


def pairs():
    numbers = valid_numbers()
    cats = collections.defaultdict(list)
    for i, (region, n) in enumerate(numbers):
        workspace = region if i % 2 == 0 else RNG.choice(DIALLING)
        written = forms(n, region, workspace)
        a, b = RNG.sample(written, 2)
        cats["same number, two forms"].append((workspace, a, b, True))
        # A near miss: one or two digits changed anywhere, or two neighbours swapped.
        m = change_digits(n, RNG.randint(1, 2))
        if m is not None:
            cats["near miss (digits changed)"].append((workspace, RNG.choice(written), RNG.choice(forms(m, region, workspace)), False))
        # The same national digits under another calling code.
        other_region, other = numbers[RNG.randrange(len(numbers))]
        if other.country_code != n.country_code:
            nsn = pn.national_significant_number(n)
            cats["same digits, other country"].append((workspace, RNG.choice(written), "+%d %s" % (other.country_code, nsn), False))
        # Dialled from abroad with the dialling country's own prefix, against the misreading that takes the
        # digits after 00 (or 0) as a calling code.
        frm = RNG.choice(DIALLING)
        if frm != region:
            dialled = pn.format_out_of_country_calling_number(n, frm)
            digits = pn.normalize_digits_only(dialled)
            for idd in ("00", "0"):
                if digits.startswith(idd) and not dialled.startswith("+"):
                    misread = "+" + digits[len(idd):]
                    # Where the prefix is exactly 00 the "misreading" is the number itself.
                    cats["foreign prefix vs misreading"].append((frm, dialled, misread, same_e164(misread, n)))
                    break
        # A digit too few.
        national = pn.format_number(n, F.E164)
        cats["one digit short"].append((workspace, RNG.choice(written), national[:-1], False))
        # Two different valid numbers of the same region.
        others = [pn.format_number(x, F.E164) for r, x in numbers[max(0, i - 3):i + 4] if r == region and x != n]
        cats["two numbers of one country"].append((region, pn.format_number(n, F.NATIONAL),
                                                   RNG.choice(others or [national[:-1]]), False))
    return cats


def same_e164(text, n):
    try:
        return pn.format_number(pn.parse(text, None), F.E164) == pn.format_number(n, F.E164)
    except pn.NumberParseException:
        return False


def reference(workspace, a, b, _truth):
    region = None if workspace == "-" else workspace
    try:
        x, y = pn.parse(a, region), pn.parse(b, region)
    except pn.NumberParseException:
        return False
    return pn.is_valid_number(x) and pn.is_valid_number(y) and pn.format_number(x, F.E164) == pn.format_number(y, F.E164)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/examples/agree_phones"
    cats = pairs()
    flat = [(cat, p) for cat, ps in cats.items() for p in ps]
    text = "".join("\t".join(p[:3]) + "\n" for _, p in flat)
    out = subprocess.run([binary], input=text, capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == len(flat)
    per = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
    false_strong, missed, against_truth = [], [], []
    for (cat, pair), line in zip(flat, out):
        ours = line.split("\t")[0] == "strong"
        ref, truth = reference(*pair), pair[3]
        per[cat][0] += 1
        per[cat][1] += ours == ref
        per[cat][3] += ours == truth
        if ours and not ref:
            per[cat][2] += 1
            false_strong.append((cat, pair, line))
        elif ref and not ours:
            missed.append((cat, pair, line))
        if ours and not truth:
            per[cat][4] += 1
        if ours != truth:
            against_truth.append((cat, pair, line))
    total = sum(v[0] for v in per.values())
    print(f"phonenumbers {pn.__version__}; {total} pairs. 'libphonenumber': both parse in the workspace's country,")
    print("both valid, same E.164. 'construction': whether the pair was built as one number.")
    print(f"  {'category':32} {'pairs':>6}  {'agree/libphonenumber':>20} {'false strong':>12}  {'agree/construction':>18} {'false strong':>12}")
    rows = list(per.items()) + [("all", [sum(v[k] for v in per.values()) for k in range(5)])]
    for cat, (n, ok, fs, ok_truth, fs_truth) in rows:
        print(f"  {cat:32} {n:6}  {100 * ok / n:19.2f}% {fs:12}  {100 * ok_truth / n:17.2f}% {fs_truth:12}")
    for cat, pair, line in false_strong[:40]:
        print("STRONG, libphonenumber says not one number:", cat, pair, line)
    for cat, pair, line in missed[:40]:
        print("NOT STRONG, libphonenumber says one number:", cat, pair, line)
    for cat, pair, line in against_truth[:40]:
        print("DIFFERS FROM CONSTRUCTION:", cat, pair, line)


if __name__ == "__main__":
    main()
