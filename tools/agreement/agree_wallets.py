"""Agreement of vetdesk's crypto-wallet match decisions with reference decoders.

Builds a pair set (seeded, reproducible), runs vetdesk's decisions through `examples/agree_wallets.rs`,
and compares them with the references: BIP-173/350's reference decoder (bip_reference.py, written from
the BIPs), the `base58` package's `b58decode_check`, and `eth-utils` (EIP-55).

    python3 -m venv venv && venv/bin/pip install base58 eth-utils 'eth-hash[pycryptodome]'
    venv/bin/python tools/agreement/agree_wallets.py [PAIRS]

Each pair is an address A of a known format (segwit, another chain's bech32, base58check, Ethereum hex)
and a variant B (other case, payment link, spaces, a changed character, a flipped capital, another
address). A decision is (A accepted, B accepted, same key among accepted values). The reference reads
both values as addresses of that format, accepts those that decode, and calls two values the same wallet
when both decode to one canonical address (bech32 and hex lowercase, base58 as written). A false strong link: vetdesk accepts both and gives them one key, the reference does not
call them the same valid wallet.
"""

import os
import random
import subprocess
import sys

import base58
from eth_utils import is_checksum_address, is_hex_address, to_checksum_address

sys.path.insert(0, os.path.dirname(__file__))
from bip_reference import CHARSET, bech32_decode, bech32_encode, convertbits, segwit_decode, segwit_encode  # noqa: E402

SEGWIT = ["bc", "tb", "bcrt", "ltc", "tltc"]
OTHER_HRPS = ["cosmos", "osmo", "terra", "addr", "inj", "juno"]
B58_VERSIONS = [0x00, 0x05, 0x6F, 0xC4, 0x30, 0x32, 0x1E, 0x41, 0x4C]
B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B58_FIRST = "13mn2LMDTX"


def without_uri(value):
    """The address in a BIP-21 / EIP-681 payment link (scheme, `pay-`, and anything after ?, @ or /)."""
    v = "".join(value.split())
    for scheme in ("bitcoin:", "ethereum:", "litecoin:", "tron:"):
        if v.lower().startswith(scheme):
            v = v[len(scheme):]
            v = v[4:] if v.startswith("pay-") else v
            for sep in "?@/":
                v = v.split(sep)[0]
    return v


def reference(value, fmt):
    """(valid, canonical) of `value` read as an address of format `fmt` (known by construction)."""
    v = without_uri(value)
    low = v.lower()
    if fmt == "eth":
        h = v[2:] if low.startswith("0x") else v
        if not is_hex_address("0x" + h):
            return False, None
        mixed = h.lower() != h and h.upper() != h
        if mixed and not is_checksum_address("0x" + h):
            return False, None
        return True, "0x" + h.lower()
    if fmt == "segwit":
        hrp = next((p for p in SEGWIT if low.startswith(p + "1")), None)
        ok = hrp is not None and segwit_decode(hrp, v)[0] is not None
        return ok, (low if ok else None)
    if fmt == "bech32":
        ok = bech32_decode(v, max_len=None)[0] is not None
        return ok, (low if ok else None)
    try:
        base58.b58decode_check(v)
        return True, v
    except ValueError:
        return False, None


def typo(s, alphabet, rng, keep_prefix):
    i = rng.randrange(keep_prefix, len(s))
    old = s[i]
    choices = [c for c in alphabet if c.lower() != old.lower()]
    new = rng.choice(choices)
    new = new.upper() if old.isupper() else new
    return s[:i] + new + s[i + 1:]


def flip_case(s, rng, keep_prefix):
    idx = [i for i in range(keep_prefix, len(s)) if s[i].isalpha()]
    if not idx:
        return s
    i = rng.choice(idx)
    return s[:i] + s[i].swapcase() + s[i + 1:]


def build(n, rng):
    pairs = []
    while len(pairs) < n:
        k = rng.randrange(4)
        if k == 0:
            hrp = rng.choice(SEGWIT)
            ver = rng.choice([0, 0, 1, rng.randrange(2, 17)])
            size = rng.choice([20, 32]) if ver == 0 else (32 if ver == 1 else rng.randrange(2, 41))
            a = segwit_encode(hrp, ver, [rng.randrange(256) for _ in range(size)])
            keep = len(hrp) + 1
            other = segwit_encode(hrp, ver, [rng.randrange(256) for _ in range(size)])
            variants = [a.upper(), a, typo(a, CHARSET, rng, keep), flip_case(a.upper(), rng, keep),
                        "bitcoin:" + a + "?amount=0.1", other, a[:-1]]
            fmt = "segwit"
        elif k == 1:
            hrp = rng.choice(OTHER_HRPS)
            data = convertbits([rng.randrange(256) for _ in range(rng.choice([20, 32, 57]))], 8, 5)
            a = bech32_encode(hrp, data, 1)
            keep = len(hrp) + 1
            other = bech32_encode(hrp, convertbits([rng.randrange(256) for _ in range(20)], 8, 5), 1)
            variants = [a.upper(), a, typo(a, CHARSET, rng, keep), other, " " + a + " "]
            fmt = "bech32"
        elif k == 2:
            version = rng.choice(B58_VERSIONS)
            a = base58.b58encode_check(bytes([version] + [rng.randrange(256) for _ in range(20)])).decode()
            other = base58.b58encode_check(bytes([version] + [rng.randrange(256) for _ in range(20)])).decode()
            variants = [a, " " + a, typo(a, B58_ALPHABET, rng, 1), a.lower(), other, typo(a, "0OIl", rng, 1)]
            fmt = "base58"
        else:
            body = bytes(rng.randrange(256) for _ in range(20)).hex()
            a = to_checksum_address("0x" + body)
            other = to_checksum_address("0x" + bytes(rng.randrange(256) for _ in range(20)).hex())
            variants = [a.lower(), "0x" + body.upper(), body, a[2:], flip_case(a, rng, 2),
                        typo(a, "0123456789abcdef", rng, 2), "ethereum:" + a + "@1", other, a[:-1]]
            fmt = "eth"
        pairs.append((a, rng.choice(variants), fmt))
    return pairs


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    rng = random.Random(20261202)
    pairs = build(n, rng)
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--example", "agree_wallets"],
        input="".join(f"{a}\t{b}\n" for a, b, _ in pairs), capture_output=True, text=True, cwd=root, check=True,
    ).stdout.split("\n")
    agree = false_strong = ref_same_count = ref_invalid = 0
    disagreements = []
    for (a, b, fmt), line in zip(pairs, out):
        ok_a, ok_b, same = (x == "1" for x in line.split("\t"))
        (ra, ca), (rb, cb) = reference(a, fmt), reference(b, fmt)
        ref_same = ca is not None and ca == cb
        ref_same_count += ref_same
        ref_invalid += not (ra and rb)
        if (ok_a, ok_b, same and ok_a and ok_b) == (ra, rb, ref_same):
            agree += 1
        else:
            disagreements.append((a, b, (ok_a, ok_b, same), (ra, rb, ref_same)))
        if ok_a and ok_b and same and not (ra and rb and ref_same):
            false_strong += 1
    print(f"wallet pairs: {len(pairs)}  agreement: {agree}/{len(pairs)} = {100 * agree / len(pairs):.2f}%  "
          f"false strong links: {false_strong}")
    print(f"  the reference calls {ref_same_count} pairs one valid address, {ref_invalid} pairs hold an invalid value, "
          f"{len(pairs) - ref_same_count - ref_invalid} are two different valid values")
    for d in disagreements[:20]:
        print("  disagree:", d)


if __name__ == "__main__":
    main()
