"""Agreement of vetdesk's email match decisions with a reference.

Builds a pair set (seeded, reproducible), runs vetdesk's decisions through `examples/agree_emails.rs`,
and compares them with the reference: `email-validator` for syntax (RFC 5321/6531, IDNA, NFC of the local
part), Python's `unicodedata` for NFC, and the providers' documented rules (README table) written again
here from the documentation, apart from vetdesk's code.

    python3 -m venv venv && venv/bin/pip install email-validator
    venv/bin/python tools/agreement/agree_emails.py [PAIRS]

A decision is (A accepted, B accepted, same key); a false strong link is vetdesk accepting both with one
key where the reference does not call them the same valid mailbox.
"""

import os
import random
import subprocess
import sys
import unicodedata
from email.utils import parseaddr

from email_validator import EmailNotValidError, validate_email

NAMES = ["jane.doe", "jdoe", "j_smith", "o'brien", "mary-ann", "x", "user2026", "jürgen", "josé", "ñandú", "åsa",
         "çelik", "zoë", "δοκιμή", "пользователь", "用户", "가나다", "ガギグ", "thảo", "lê.văn"]
DOMAINS = ["example.com", "example.org", "mail.example.co.uk", "bücher.example", "пример.рф", "例子.广告",
           "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "icloud.com", "me.com", "mac.com",
           "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "fastmail.com", "yahoo.com", "zoho.com",
           "yandex.ru"]
SIBLINGS = {"gmail.com": "googlemail.com", "googlemail.com": "gmail.com", "icloud.com": "me.com", "me.com": "mac.com",
            "mac.com": "icloud.com", "proton.me": "pm.me", "protonmail.com": "proton.me", "protonmail.ch": "protonmail.com",
            "pm.me": "protonmail.ch", "outlook.com": "hotmail.com", "hotmail.com": "live.com", "yahoo.com": "ymail.com",
            "fastmail.com": "fastmail.fm", "zoho.com": "zohomail.com", "yandex.ru": "yandex.com"}

# Provider rules from their documentation (see the README's email table for the sources).
CANONICAL = {"googlemail.com": "gmail.com", "me.com": "icloud.com", "mac.com": "icloud.com", "protonmail.com": "proton.me",
             "protonmail.ch": "proton.me", "pm.me": "proton.me", "yandex.com": "yandex.ru", "ya.ru": "yandex.ru",
             "yandex.by": "yandex.ru", "yandex.kz": "yandex.ru", "yandex.ua": "yandex.ru"}
PLUS = {"gmail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "proton.me", "fastmail.com",
        "fastmail.fm", "yandex.ru", "zoho.com", "zohomail.com"}
IGNORED = {"gmail.com": ".", "proton.me": "._-"}


def reference(value):
    """(valid, mailbox key) under email-validator and the documented provider rules."""
    _, addr = parseaddr(value) if "<" in value else ("", value.strip())
    if addr.lower().startswith("mailto:"):
        addr = addr[7:].split("?")[0]
    try:
        v = validate_email(addr, check_deliverability=False, allow_quoted_local=True, test_environment=True)
    except EmailNotValidError:
        return False, None
    local = unicodedata.normalize("NFC", v.local_part.lower())
    domain = v.ascii_domain.lower()
    host, _, base = domain.partition(".")
    if base in ("fastmail.com", "fastmail.fm") and "-" not in host:
        return True, f"{host}@{base}"
    if domain == "yahoo.com" and "-" in local and not local.startswith("-"):
        return True, local.split("-")[0] + "-@yahoo.com"
    domain = CANONICAL.get(domain, domain)
    if domain in PLUS and "+" in local and not local.startswith("+"):
        local = local.split("+")[0]
    stripped = "".join(c for c in local if c not in IGNORED.get(domain, ""))
    return True, f"{stripped or local}@{domain}"


def build(n, rng):
    pairs = []
    while len(pairs) < n:
        name, domain = rng.choice(NAMES), rng.choice(DOMAINS)
        a = f"{name}@{domain}"
        dotted = name.replace(".", "") if "." in name else name[:1] + "." + name[1:]
        variants = [
            a.upper(), unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", a).upper(),
            f"{name}+tag{rng.randrange(99)}@{domain}", f"{dotted}@{domain}", f"{name}@{SIBLINGS.get(domain, domain)}",
            f"{rng.choice(NAMES)}@{domain}", f"{name}@{rng.choice(DOMAINS)}", f"Some Body <{a}>", f"mailto:{a}?subject=x",
            f".{name}@{domain}", f"{name}.@{domain}", f"{name[:1]}..{name[1:]}@{domain}", f"{name}@-{domain}",
            f"{name}@{domain.replace('.', '_', 1)}", f"{name}@{domain.split('.')[0]}", f"{name[:1]} {name[1:]}@{domain}",
            f"{name}-shop@{domain}", f"{name}_x@{domain}", f"list@{name}.{domain}",
        ]
        pairs.append((a, rng.choice(variants)))
    return pairs


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    rng = random.Random(20261202)
    pairs = build(n, rng)
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--example", "agree_emails"],
        input="".join(f"{a}\t{b}\n" for a, b in pairs), capture_output=True, text=True, cwd=root, check=True,
    ).stdout.split("\n")
    agree = false_strong = ref_same_count = ref_invalid = 0
    disagreements = []
    for (a, b), line in zip(pairs, out):
        ok_a, ok_b, same = (x == "1" for x in line.split("\t"))
        (ra, ka), (rb, kb) = reference(a), reference(b)
        ref_same = ka is not None and ka == kb
        ref_same_count += ref_same
        ref_invalid += not (ra and rb)
        if (ok_a, ok_b, same and ok_a and ok_b) == (ra, rb, ref_same):
            agree += 1
        else:
            disagreements.append((a, b, (ok_a, ok_b, same), (ra, rb, ref_same)))
        if ok_a and ok_b and same and not (ra and rb and ref_same):
            false_strong += 1
    print(f"email pairs: {len(pairs)}  agreement: {agree}/{len(pairs)} = {100 * agree / len(pairs):.2f}%  "
          f"false strong links: {false_strong}")
    print(f"  the reference calls {ref_same_count} pairs one valid address, {ref_invalid} pairs hold an invalid value, "
          f"{len(pairs) - ref_same_count - ref_invalid} are two different valid values")
    for d in disagreements[:25]:
        print("  disagree:", d)


if __name__ == "__main__":
    main()
