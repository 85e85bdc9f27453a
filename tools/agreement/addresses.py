"""Agreement of vetdesk's address match decisions with usaddress-scourgify (USPS Publication 28
normalization), with --reference gsa with Perl's Geo::StreetAddress::US, and with --reference addresser
with the npm package addresser, and with --reference libpostal with libpostal, on a generated pair set.
Not needed by CI. How to install each reference, how the pairs are built, how each reference's decision is
made, and what every class of disagreement found is: tools/agreement/addresses.md.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install usaddress-scourgify==0.7.1
    cargo build --example agree_address
    /tmp/venv/bin/python tools/agreement/addresses.py target/debug/examples/agree_address [--fields] [--seed S]
"""

import argparse
import csv
import os
import pathlib
import random
import re
import subprocess
import sys

from scourgify import address_constants as sc
from scourgify import normalize_address_record
from scourgify.exceptions import AddressNormalizationError

sys.path.insert(0, os.path.dirname(__file__))
import addresser_ref  # noqa: E402
import libpostal_ref  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SUFFIXES = {}
for row in csv.reader(l for l in open(ROOT / "data/usps/street-suffixes.csv") if not l.startswith("# ")):
    if row[0] == "primary":
        continue
    SUFFIXES.setdefault(row[0], set()).update([row[1], row[2], row[0]])
# C1 lists MDW, Meadow's standard abbreviation, also under Meadows; like vetdesk and scourgify, the pairs
# read a standard abbreviation as its own suffix's.
STANDARDS = {}
for row in csv.reader(l for l in open(ROOT / "data/usps/street-suffixes.csv") if not l.startswith("# ")):
    if row[0] != "primary":
        STANDARDS.setdefault(row[2], row[0])
for primary, spellings in SUFFIXES.items():
    spellings -= {s for s in spellings if s in STANDARDS and STANDARDS[s] != primary and s != primary}
C1_STANDARD = {}
for row in csv.reader(l for l in open(ROOT / "data/usps/street-suffixes.csv") if not l.startswith("# ")):
    if row[0] != "primary":
        C1_STANDARD.update({row[0]: row[2], row[1]: row[2]})
# Appendix C2's designators, each written out and abbreviated, as one pair.
C2_PAIRS = {tuple(row[:2]) for row in csv.reader(l for l in open(ROOT / "data/usps/secondary-units.csv")
                                                 if not l.startswith("#")) if row[0] != "description"}
DIRECTIONALS = {"N": "NORTH", "S": "SOUTH", "E": "EAST", "W": "WEST",
                "NE": "NORTHEAST", "NW": "NORTHWEST", "SE": "SOUTHEAST", "SW": "SOUTHWEST"}
UNITS = {"APT": "APARTMENT", "STE": "SUITE", "RM": "ROOM", "UNIT": "UNIT", "SPC": "SPACE", "LOT": "LOT",
         "TRLR": "TRAILER", "BLDG": "BUILDING", "FL": "FLOOR", "DEPT": "DEPARTMENT"}
NAMES = ["MAIN", "OAK", "MAPLE", "CEDAR", "ELM", "PINE", "LAKEVIEW", "SUNSET", "HIGHLAND", "RIVERSIDE",
         "WASHINGTON", "VIRGINIA", "GEORGIA", "LINCOLN", "JEFFERSON", "MADISON", "FRANKLIN", "JACKSON",
         "MARTIN LUTHER KING", "3RD", "42ND", "1ST", "CHESTNUT", "WILLOW", "MAGNOLIA", "HICKORY", "DOGWOOD"]
STATES = {"WA": "WASHINGTON", "VA": "VIRGINIA", "NY": "NEW YORK", "TX": "TEXAS", "CA": "CALIFORNIA",
          "IL": "ILLINOIS", "OH": "OHIO", "NV": "NEVADA", "DE": "DELAWARE", "IN": "INDIANA", "CO": "COLORADO",
          "NC": "NORTH CAROLINA", "WV": "WEST VIRGINIA", "FL": "FLORIDA", "GA": "GEORGIA", "MO": "MISSOURI"}
CITIES = ["SPRINGFIELD", "SEATTLE", "SPOKANE", "AUSTIN", "DENVER", "RALEIGH", "COLUMBUS", "RENO",
          "WASHINGTON", "VIRGINIA", "NEVADA", "DELAWARE", "INDIANA", "KANSAS CITY", "CHARLESTON",
          "FALLS CHURCH", "NEW YORK", "GEORGETOWN", "MOUNT VERNON"]


# Towns whose name starts with a word that is also one of Publication 28's C2 designators needing no
# number (with their ZIP): "9 Main St Upper, Darby, PA" (the upper floor of 9 Main St in Darby) is not
# "9 Main St, Upper Darby, PA".
C2_WORD_TOWNS = [("UPPER DARBY", "PA", "PENNSYLVANIA", "19082"), ("LOWER BURRELL", "PA", "PENNSYLVANIA", "15068"),
                 ("FRONT ROYAL", "VA", "VIRGINIA", "22630"), ("UPPER MARLBORO", "MD", "MARYLAND", "20772"),
                 ("LOWER LAKE", "CA", "CALIFORNIA", "95457")]
C2_UNRANGED = {"UPPR": "UPPER", "LOWR": "LOWER", "FRNT": "FRONT"}
# Streets named with no suffix (Publication 28 section 232's Broadway), for the same pairs after them.
NO_SUFFIX_STREETS = ["BROADWAY", "THE STRAND", "KINGSWAY", "CAMINO REAL", "AVENUE OF THE AMERICAS", "CALLE OCHO"]


KINDS = ["same writing", "near miss", "state-name city", "C2 word or town", "C2 after no suffix"]


def base(rng):
    suffix = rng.choice(sorted(SUFFIXES))
    return {
        "number": str(rng.randint(1, 99999)),
        "pre": rng.choice([None, None, None] + list(DIRECTIONALS)),
        "name": rng.choice(NAMES),
        "suffix": suffix,
        "post": rng.choice([None] * 6 + list(DIRECTIONALS)),
        "unit": rng.choice([None, None] + [(u, str(rng.randint(1, 999)) + rng.choice(["", "A", "B"])) for u in UNITS]),
        "city": rng.choice(CITIES),
        "state": rng.choice(sorted(STATES)),
        "zip": f"{rng.randint(10000, 99999)}",
        "plus4": f"{rng.randint(0, 9999):04d}",
    }


def write(a, rng):
    """One way of writing address `a`."""
    directional = lambda d: rng.choice([d, DIRECTIONALS[d], d[0] + "." + (d[1] + "." if len(d) > 1 else "")])
    parts = [a["number"]]
    if a["pre"]:
        parts.append(directional(a["pre"]))
    parts.append(a["name"])
    parts.append(rng.choice(sorted(SUFFIXES[a["suffix"]])) + rng.choice(["", "."]))
    if a["post"]:
        parts.append(directional(a["post"]))
    line = street = " ".join(parts)
    unit = None
    if a["unit"]:
        designator, number = a["unit"]
        separator = rng.choice([" ", ", "])
        unit = rng.choice([designator, UNITS[designator]]) + " " + number
        line += separator + unit
    state = rng.choice([a["state"], STATES[a["state"]]])
    zip_code = a["zip"] + rng.choice(["", "-" + a["plus4"]])
    text = f"{line}, {a['city']}, {state} {zip_code}"
    case = rng.choice([lambda t: t, str.lower, str.title])
    # The same writing as a form's fields, for --fields.
    fields = {"address_line_1": street, "address_line_2": unit, "city": a["city"], "state": state,
              "postal_code": zip_code}
    return Written(case(text), {k: v and case(v) for k, v in fields.items()})


def c2_word_or_town(a, rng, town, reading, no_suffix=None):
    """Street address `a` (no unit) in `town`, read as the town ("9 Main St, Upper Darby, PA 19082") or as
    the street's C2 unit, written out or abbreviated, with the town's other words after a comma ("9 Main St
    Upper, Darby, PA 19082", "9 Main St, UPPR, Darby, PA 19082"). With `no_suffix`, the street is that
    one, named with no suffix, after `a`'s number ("9 Broadway Upper, Darby, PA 19082")."""
    name, code, state_name, zip_code = town
    first, rest = name.split(" ", 1)
    street = f"{a['number']} {no_suffix}" if no_suffix else write(dict(a, unit=None), rng).split(",")[0]
    state = rng.choice([code, state_name])
    case = rng.choice([lambda t: t, str.lower, str.title])
    if reading == "town":
        unit, city = None, name
        text = f"{street}, {city}, {state} {zip_code}"
    else:
        unit, city = rng.choice([first, next(k for k, v in C2_UNRANGED.items() if v == first)]), rest
        text = f"{street}{rng.choice([' ', ', '])}{unit}, {city}, {state} {zip_code}"
    fields = {"address_line_1": street, "address_line_2": unit, "city": city, "state": state, "postal_code": zip_code}
    return Written(case(text), {k: v and case(v) for k, v in fields.items()})


class Written(str):
    """A written address; .fields holds the same words as a form's fields (line 1, line 2, city, state,
    ZIP), or None where the text was not written from fields."""

    def __new__(cls, text, fields=None):
        written = super().__new__(cls, text)
        written.fields = fields
        return written


def near_miss(a, rng):
    """Address `a` with one thing changed, and the true decision: weak for another unit at the same
    street address, none for anything else."""
    b = dict(a)
    field = rng.choice(["number", "suffix", "pre", "post", "unit", "zip", "city", "state", "name"])
    if field == "number":
        b["number"] = str(int(a["number"]) + rng.choice([1, 2, 10, 100]))
    elif field == "suffix":
        b["suffix"] = rng.choice([s for s in SUFFIXES if s != a["suffix"] and not SUFFIXES[s] & SUFFIXES[a["suffix"]]])
    elif field == "pre":
        b["pre"] = rng.choice([d for d in [None] + list(DIRECTIONALS) if d != a["pre"]])
    elif field == "post":
        b["post"] = rng.choice([d for d in [None] + list(DIRECTIONALS) if d != a["post"]])
    elif field == "unit":
        designator = a["unit"][0] if a["unit"] else "APT"
        b["unit"] = (designator, str(rng.randint(1000, 2000)))
    elif field == "zip":
        b["zip"] = f"{(int(a['zip']) + rng.randint(1, 500)) % 90000 + 10000}"
    elif field == "city":
        b["city"] = rng.choice([c for c in CITIES if c != a["city"]])
    elif field == "state":
        b["state"] = rng.choice([s for s in STATES if s != a["state"]])
    else:
        b["name"] = rng.choice([n for n in NAMES if n != a["name"]])
    return b, "weak" if field == "unit" else "none"


def generate(count, seed):
    """The pair set: (A, B, kind, true decision), the same for every reference given the same seed."""
    rng = random.Random(seed)
    pairs = []
    while len(pairs) < count:
        a = base(rng)
        pairs.append((write(a, rng), write(a, rng), "same writing", "strong"))
        b, truth = near_miss(a, rng)
        pairs.append((write(a, rng), write(b, rng), "near miss", truth))
    # The trap: a city that bears a state's name, with no state after it, against the state's
    # code ("9 Main St, Washington" / "9 Main St, WA"): not the same address.
    for _ in range(count // 20):
        a = base(rng)
        city = rng.choice(["WASHINGTON", "VIRGINIA", "NEVADA", "DELAWARE", "INDIANA", "GEORGIA"])
        code = next(k for k, v in STATES.items() if v == city)
        street = write(dict(a, unit=None), rng).split(",")[0]
        pairs.append((f"{street}, {city.title()}", f"{street}, {code}", "state-name city", "none"))
    # The street's C2 unit before a comma against a town starting with the same word: not the same
    # address; and each reading written two ways: the same.
    for _ in range(count // 60):
        a, town = base(rng), rng.choice(C2_WORD_TOWNS)
        for readings, truth in [(("unit", "town"), "none"), (("unit", "unit"), "strong"), (("town", "town"), "strong")]:
            pair = tuple(c2_word_or_town(a, rng, town, r) for r in readings)
            pairs.append((*pair, "C2 word or town", truth))
    # The same after a street named with no suffix (drawn last, so the kinds above stay as they were).
    for _ in range(count // 60):
        a, town, street = base(rng), rng.choice(C2_WORD_TOWNS), rng.choice(NO_SUFFIX_STREETS)
        for readings, truth in [(("unit", "town"), "none"), (("unit", "unit"), "strong"), (("town", "town"), "strong")]:
            pair = tuple(c2_word_or_town(a, rng, town, r, street) for r in readings)
            pairs.append((*pair, "C2 after no suffix", truth))
    return pairs


def canonical(record):
    """scourgify's record with every word of its address lines passed once more through scourgify's own
    tables (street types, directionals, occupancy types): its pipeline leaves some written out ("WEST",
    "BUILDING", "MEDOWS") or puts the unit on line 1 when no comma separates it. Returns (words, unit,
    city, state, zip5): unit is the occupancy designator and the word after it."""
    words = " ".join(filter(None, [record["address_line_1"], record["address_line_2"]]))
    words = words.replace(".", "").replace(",", " ").split()
    tables = [sc.OCCUPANCY_TYPE_ABBREVIATIONS, sc.DIRECTIONAL_REPLACEMENTS, sc.STREET_TYPE_ABBREVIATIONS]
    words = [next((t[w] for t in tables if w in t), w) for w in words]
    units = set(sc.OCCUPANCY_TYPE_ABBREVIATIONS.values())
    # UNIT is what scourgify writes when it found a range but no designator (normalize_occupancy_type's
    # default); where its parser left the designator, a word of its own occupancy table, just before on
    # line 1 ("TRAILER" / "UNIT 52B"), that word is the designator it did not find.
    lost = next((i for i, w in enumerate(words[:-2]) if w in units and words[i + 1] == "UNIT"), None)
    if lost is not None and record["address_line_2"] and record["address_line_2"].split()[0] == "UNIT":
        del words[lost + 1]
    at = next((i for i, w in enumerate(words) if w in units and i + 1 < len(words)), None)
    unit = tuple(words[at:at + 2]) if at is not None else ()
    building = tuple(words[:at] + words[at + 2:]) if at is not None else tuple(words)
    zip5 = (record.get("postal_code") or "")[:5]
    return building, unit, record["city"], record["state"], zip5


def reference(a, b, fields=False):
    """(raw decision, canonical decision), or None when scourgify cannot normalize either. With fields,
    scourgify is given each address as a form's fields rather than as one text."""
    if fields:
        a, b = getattr(a, "fields", None) or a, getattr(b, "fields", None) or b
    try:
        ra, rb = normalize_address_record(a), normalize_address_record(b)
    except (AddressNormalizationError, Exception):  # noqa: BLE001 - any failure leaves the pair out
        return None
    if not all(r.get(k) for r in (ra, rb) for k in ("city", "state", "postal_code")):
        return None  # usaddress did not find the last line: scourgify's record is not a reading of it
    # ZIP+4 refines a delivery point within the ZIP; vetdesk's documented rule compares the 5-digit ZIP.
    for r in (ra, rb):
        r["postal_code"] = (r.get("postal_code") or "")[:5]
    strip = lambda r: {k: v for k, v in r.items() if k != "address_line_2"}
    raw = "strong" if ra == rb else "weak" if strip(ra) == strip(rb) else "none"
    ca, cb = canonical(ra), canonical(rb)
    if ca == cb:
        canon = "strong"
    elif ca[0] == cb[0] and ca[2:] == cb[2:]:
        canon = "weak"
    else:
        canon = "none"
    return raw, canon


# Why scourgify's decision differs from vetdesk's, checked in this order. Each class is judged by
# Publication 28 in the module docstring: in every class found so far scourgify's record is the
# misreading, so vetdesk is left as it is and the count is reported.
C1_SPELLINGS_SCOURGIFY_LACKS = {"COMMONS", "CMNS", "CAUSWA", "CSWY", "CROSSROADS", "XRDS", "TRLRS", "TRLR"}
OCCUPANCY = set(sc.OCCUPANCY_TYPE_ABBREVIATIONS) | set(sc.OCCUPANCY_TYPE_ABBREVIATIONS.values())
DIRECTIONS = set(sc.DIRECTIONAL_REPLACEMENTS) | set(sc.DIRECTIONAL_REPLACEMENTS.values())


def disagreement_class(a, b, fields=False):
    if fields:
        a, b = getattr(a, "fields", None) or a, getattr(b, "fields", None) or b
    ra, rb = normalize_address_record(a), normalize_address_record(b)
    ca, cb = canonical(ra), canonical(rb)
    if any(r["city"] == "WEST" and r["state"] == "VA" for r in (ra, rb)):
        return "West Virginia read as city WEST, state VA"
    if any("," in r["state"] or "," in r["city"] or OCCUPANCY & set(r["city"].split()) for r in (ra, rb)):
        return "unit after a comma read as (part of) the city"
    if any(c[1] and (c[1][1] == "UNIT" or c[1][1] in OCCUPANCY) for c in (ca, cb)):
        return "designator left on line 1, its range given as UNIT"
    if any(c[1] and c[1][0] in ("TRLR", "KEY") and c[1][1] in DIRECTIONS for c in (ca, cb)):
        return "suffix Trailer/Key before a directional read as a C2 designator"
    if any(c[1] and c[1][0] == "TRLR" and o[0][-1] in ("TRLR", "TRLRS") for c, o in ((ca, cb), (cb, ca))):
        return "suffix Trailer before a unit read as a C2 designator, the unit's own dropped"
    if any(c[1] and c[1][0] == "UNIT" and c[1][1] in DIRECTIONS for c in (ca, cb)):
        return "post-directional read as a unit's number (UNIT E)"
    differ = set(ca[0]) ^ set(cb[0])
    if differ and len(ca[0]) == len(cb[0]) and differ <= C1_SPELLINGS_SCOURGIFY_LACKS:
        return "C1 spelling missing from scourgify's table: " + "/".join(sorted(differ))
    # The street's words hold the town's last word (and often the state and ZIP): the last line read
    # into line 1 as well.
    town = [(c, r["city"].split()[-1]) for c, r in ((ca, ra), (cb, rb)) if r["city"]]
    if any((word in c[0][1:]) != (word in o[0][1:]) for (c, word), o in zip(town, (cb, ca))):
        return "the town (and state, ZIP) left on line 1 too"
    # After a street named with no suffix, a C2 designator that needs no number stays in the street's
    # name, as written: UPPER and UPPR, which Publication 28 writes as one.
    if differ and len(ca[0]) == len(cb[0]) and tuple(sorted(differ, key=len, reverse=True)) in C2_PAIRS:
        return "C2 designator after a street with no suffix kept in the name as written (UPPER/UPPR)"
    return "other"


GSA_FIELDS = ["number", "prefix", "street", "type", "suffix", "sec_unit_type", "sec_unit_num", "city", "state", "zip",
              "designator"]


def gsa_records(texts, lib):
    """Geo::StreetAddress::US's record of each address, from one run of the Perl helper; None where it
    cannot parse one."""
    env = dict(os.environ)
    if lib:
        env["PERL5LIB"] = os.pathsep.join(filter(None, [lib, env.get("PERL5LIB")]))
    text = "".join(t.replace("\n", " ") + "\n" for t in texts)
    helper = pathlib.Path(__file__).with_name("gsa_records.pl")
    lines = subprocess.run(["perl", str(helper)], input=text, capture_output=True, text=True, check=True, env=env).stdout
    lines = lines.split("\n")[:len(texts)]
    assert len(lines) == len(texts), (len(lines), len(texts))
    return [None if line == "-" else dict(zip(GSA_FIELDS, line.split("\t"))) for line in lines]


def gsa_decision(ra, rb):
    """(raw decision, decision with the designator read through the module's own pattern), or None when
    the module did not find the number, street, city, state and ZIP of either: like scourgify's, such a
    record is not a reading of the whole address. The ZIP is the module's own 5 digits."""
    if any(r is None or not all(r[k] for k in ("number", "street", "city", "state", "zip")) for r in (ra, rb)):
        return None

    def decide(keys):
        if all(ra[k] == rb[k] for k in keys):
            return "strong"
        building = [k for k in keys if k not in ("sec_unit_type", "sec_unit_num", "designator")]
        return "weak" if all(ra[k] == rb[k] for k in building) else "none"

    raw = [k for k in GSA_FIELDS if k != "designator"]
    return decide(raw), decide([k for k in GSA_FIELDS if k != "sec_unit_type"])


def gsa_report(pairs, refs, out, show, lib):
    records = gsa_records([t for a, b, _, _ in pairs for t in (a, b)], lib)
    gsa = [gsa_decision(records[2 * i], records[2 * i + 1]) for i in range(len(pairs))]
    kept = [(p, g, v, (records[2 * i], records[2 * i + 1])) for i, (p, g, v) in enumerate(zip(pairs, gsa, out)) if g]
    print(f"pairs generated: {len(pairs)}; Geo::StreetAddress::US could not read {len(pairs) - len(kept)}; compared: {len(kept)}")
    print("  generated truth: " + ", ".join(f"{d} {sum(1 for k in kept if k[0][3] == d)}" for d in ["strong", "weak", "none"]))
    report("vetdesk against Geo::StreetAddress::US (records as they come)", [(p, g[0], v) for p, g, v, _ in kept], show)
    report("vetdesk against Geo::StreetAddress::US (designator by its own pattern)", [(p, g[1], v) for p, g, v, _ in kept], show)
    undotted = [(p, g[1], v) for p, g, v, _ in kept if not any(DOTTED_PAIR.search(t) for t in p[:2])]
    agree = sum(1 for _, g, v in undotted if g == v)
    print(f"  on the {len(undotted)} pairs with no directional written N.E.: {agree / max(len(undotted), 1):.2%} agreement")
    classes = {}
    for p, g, v, recs in kept:
        if g[1] != v:
            key = (gsa_disagreement_class(p, recs), v, g[1])
            classes[key] = classes.get(key, 0) + 1
    print_classes("disagreements with Geo::StreetAddress::US, by cause (vetdesk, GSA):", classes)
    report("vetdesk against the generated truth", [(p, p[3], v) for p, _, v, _ in kept], show)
    report("Geo::StreetAddress::US against the generated truth", [(p, p[3], g[1]) for p, g, _, _ in kept], show)
    left = [(p, p[3], v) for p, g, v in zip(pairs, gsa, out) if g is None]
    report("vetdesk against the generated truth, on the pairs Geo::StreetAddress::US could not read", left, show)
    both = [(p, g[1], r[1], v) for p, g, r, v in zip(pairs, gsa, refs, out) if g and r]
    print(f"pairs both references read: {len(both)}")
    report("scourgify (words through its own tables) against Geo::StreetAddress::US", [(p, g, r) for p, g, r, _ in both], show)
    majority = sum(1 for _, g, r, v in both if v in (g, r))
    print(f"majority: vetdesk agrees with at least one reference on {majority}/{len(both)} = {majority / max(len(both), 1):.2%}")
    lone = sum(1 for _, g, r, v in both if v == "strong" and g != "strong" and r != "strong")
    print(f"  strong links where neither reference says strong: {lone}")
    shown, classes = 0, {}
    for i, (p, g, r, v) in enumerate(zip(pairs, gsa, refs, out)):
        if g and r and v not in (g[1], r[1]):
            cause = gsa_disagreement_class(p, (records[2 * i], records[2 * i + 1])) + " | " + disagreement_class(p[0], p[1])
            classes[(cause, v, f"{g[1]}/{r[1]}")] = classes.get((cause, v, f"{g[1]}/{r[1]}"), 0) + 1
            if shown < show:
                print(f"    vetdesk {v:6} GSA {g[1]:6} scourgify {r[1]:6} | {p[0]} | {p[1]}")
                shown += 1
    print_classes("pairs where vetdesk agrees with neither, by cause (vetdesk, GSA/scourgify; GSA's cause | scourgify's):", classes)


# Appendix C1 spellings (data/usps/street-suffixes.csv) that Geo::StreetAddress::US 1.04's %Street_Type has
# neither as a key nor as a value; such a word stays in the street name as written.
C1_SPELLINGS_GSA_LACKS = {"CAUSWA", "CMNS", "COMMONS", "CROSSROADS", "XRDS", "FALL", "LAND", "MALL", "MEWS",
                          "PASS", "RAMP", "ROW", "RUE", "RUN", "TRAILER", "TRLR", "TRLRS", "WALL", "WAYS"}
DIRECTIONS_WRITTEN = set(DIRECTIONALS) | set(DIRECTIONALS.values())
DOTTED_PAIR = re.compile(r"\b[NS]\.\s*[EW]\.", re.IGNORECASE)


def gsa_disagreement_class(pair, records):
    """Why Geo::StreetAddress::US's decision differs from vetdesk's, checked in this order; each class is
    judged by Publication 28 in the module docstring."""
    if any(DOTTED_PAIR.search(t) for t in pair[:2]) and any(
            r["street"].endswith((" N", " S")) and r["suffix"] in ("E", "W") for r in records):
        return "dotted post-directional N.E. read as N in the street name, E as the directional"
    # The street name and type words, with each spelling its table lacks put as C1's standard abbreviation.
    words = [sorted(C1_STANDARD.get(w, w) if w in C1_SPELLINGS_GSA_LACKS else w for w in (r["street"] + " " + r["type"]).split())
             for r in records]
    lacking = {w for r in records for w in r["street"].split() if w in C1_SPELLINGS_GSA_LACKS}
    if lacking and words[0] == words[1]:
        return "C1 spelling missing from its table: " + "/".join(sorted(lacking))
    if lacking and any(r["type"] and C1_STANDARD.get(w) == r["type"] for r in records for w in r["street"].split()):
        return "C1 spelling missing from its table: " + "/".join(sorted(lacking)) + "; a street-name word read as the suffix"
    if any(r["designator"] == "alt13" and r["sec_unit_num"] in DIRECTIONS_WRITTEN for r in records):
        return "suffix Trailer before a directional read as a C2 designator, the directional as its number"
    return "other"


def addresser_report(pairs, refs, out, show, folder, gsa_lib):
    """vetdesk against addresser; with gsa_lib, also how often vetdesk agrees with at least two of the
    three references on the pairs all three read."""
    types = addresser_ref.street_types(folder)
    records = addresser_ref.records([t for a, b, _, _ in pairs for t in (a, b)], folder)
    recs = [(records[2 * i], records[2 * i + 1]) for i in range(len(pairs))]
    ads = [addresser_ref.decision(ra, rb, types) for ra, rb in recs]
    kept = [(p, d, v, r) for p, d, v, r in zip(pairs, ads, out, recs) if d]
    refused = sum(1 for ra, rb in recs if ra is None or rb is None)
    print(f"pairs generated: {len(pairs)}; addresser could not read {len(pairs) - len(kept)} "
          f"(refused a text of {refused}); compared: {len(kept)}")
    print("  generated truth: " + ", ".join(f"{d} {sum(1 for k in kept if k[0][3] == d)}" for d in ["strong", "weak", "none"]))
    for kind in KINDS:
        rows = [d for p, d in zip(pairs, ads) if p[2] == kind]
        print(f"  {kind}: {len(rows)} generated, {sum(1 for d in rows if d)} read")
    report("vetdesk against addresser (records as they come)", [(p, d[0], v) for p, d, v, _ in kept], show)
    report("vetdesk against addresser (words through its own tables)", [(p, d[1], v) for p, d, v, _ in kept], show)
    undotted = [(p, d[1], v) for p, d, v, _ in kept if not any(DOTTED_PAIR.search(t) for t in p[:2])]
    agree = sum(1 for _, d, v in undotted if d == v)
    print(f"  on the {len(undotted)} pairs with no directional written N.E.: {agree / max(len(undotted), 1):.2%} agreement")
    classes, shown = {}, 0
    for p, d, v, r in kept:
        if d[1] != v:
            key = (addresser_ref.disagreement_class(p, r, types), v, d[1])
            classes[key] = classes.get(key, 0) + 1
    print_classes("disagreements with addresser (words through its own tables), by cause (vetdesk, addresser):", classes)
    report("vetdesk against the generated truth", [(p, p[3], v) for p, _, v, _ in kept], show)
    report("addresser (words through its own tables) against the generated truth", [(p, p[3], d[1]) for p, d, _, _ in kept], show)
    left = [(p, p[3], v) for p, d, v in zip(pairs, ads, out) if d is None]
    report("vetdesk against the generated truth, on the pairs addresser could not read", left, show)
    both = [(p, d[1], r[1], v) for p, d, r, v in zip(pairs, ads, refs, out) if d and r]
    print(f"pairs addresser and scourgify both read: {len(both)}")
    report("scourgify (words through its own tables) against addresser", [(p, d, r) for p, d, r, _ in both], show)
    if gsa_lib is None:
        return
    texts = [t for a, b, _, _ in pairs for t in (a, b)]
    grecs = gsa_records(texts, gsa_lib)
    gsa = [gsa_decision(grecs[2 * i], grecs[2 * i + 1]) for i in range(len(pairs))]
    three = [(p, d[1], r[1], g[1], v) for p, d, r, g, v in zip(pairs, ads, refs, gsa, out) if d and r and g]
    two = sum(1 for _, d, r, g, v in three if [d, r, g].count(v) >= 2)
    one = sum(1 for _, d, r, g, v in three if v in (d, r, g))
    print(f"pairs all three references read: {len(three)}")
    print(f"  vetdesk agrees with at least two of the three: {two}/{len(three)} = {two / max(len(three), 1):.2%}")
    print(f"  vetdesk agrees with at least one of the three: {one}/{len(three)} = {one / max(len(three), 1):.2%}")
    undotted = [(d, r, g, v) for p, d, r, g, v in three if not any(DOTTED_PAIR.search(t) for t in p[:2])]
    two = sum(1 for d, r, g, v in undotted if [d, r, g].count(v) >= 2)
    print(f"  on the {len(undotted)} of them with no directional written N.E. (a form both GSA and addresser misread): "
          f"at least two {two / max(len(undotted), 1):.2%}")
    lone = sum(1 for _, d, r, g, v in three if v == "strong" and [d, r, g].count("strong") < 2)
    print(f"  strong links where fewer than two references say strong: {lone}")
    shown = 0
    for p, d, r, g, v in three:
        if [d, r, g].count(v) < 2 and shown < show:
            print(f"    vetdesk {v:6} addresser {d:6} scourgify {r:6} GSA {g:6} | {p[0]} | {p[1]}")
            shown += 1


def libpostal_report(pairs, refs, out, show):
    """vetdesk against libpostal: its duplicate checks with the languages its classifier guesses, and with
    languages=["en"] (the figure reported: every generated address is written in English)."""
    lp = libpostal_ref.Libpostal()
    records = [lp.record(t) for a, b, _, _ in pairs for t in (a, b)]
    recs = [(records[2 * i], records[2 * i + 1]) for i in range(len(pairs))]
    guessed = [lp.decision(ra, rb) for ra, rb in recs]
    english = [lp.decision(ra, rb, ["en"]) for ra, rb in recs]
    kept = [(p, g, e, v, r) for p, g, e, v, r in zip(pairs, guessed, english, out, recs) if e]
    print(f"pairs generated: {len(pairs)}; libpostal could not read {len(pairs) - len(kept)} "
          f"(no house number, road, city, state or ZIP on a side); compared: {len(kept)}")
    print("  generated truth: " + ", ".join(f"{d} {sum(1 for k in kept if k[0][3] == d)}" for d in ["strong", "weak", "none"]))
    for kind in KINDS:
        rows = [e for p, e in zip(pairs, english) if p[2] == kind]
        print(f"  {kind}: {len(rows)} generated, {sum(1 for e in rows if e)} read")
    report("vetdesk against libpostal (languages as its classifier guesses them)", [(p, g, v) for p, g, _, v, _ in kept], show)
    report('vetdesk against libpostal (languages=["en"])', [(p, e, v) for p, _, e, v, _ in kept], show)
    classes, spellings, examples = {}, {}, {}
    for p, _, e, v, (ra, rb) in kept:
        if e != v:
            cause, words = libpostal_ref.disagreement_class(lp, ra, rb, ["en"])
            classes[(cause, v, e)] = classes.get((cause, v, e), 0) + 1
            for w in words:
                spellings[(cause, w)] = spellings.get((cause, w), 0) + 1
            examples.setdefault((cause, v, e), []).append((p, ra, rb))
    print('disagreements with libpostal (languages=["en"]), by cause (vetdesk, libpostal), with its records of '
          'the first examples:')
    for (cause, v, e), count in sorted(classes.items(), key=lambda kv: -kv[1]):
        print(f"  {count:5}  vetdesk {v:6} {e:6}  {cause}")
        for p, ra, rb in examples[(cause, v, e)][:min(2, show)]:
            print(f"           {p[0]} | {p[1]}\n             {dict(ra)}\n             {dict(rb)}")
    print("  the spellings libpostal does not relate to their Publication 28 standard, by cause:")
    for (cause, w), count in sorted(spellings.items(), key=lambda kv: -kv[1]):
        print(f"  {count:5}  {w:12} {cause}")
    report("vetdesk against the generated truth", [(p, p[3], v) for p, _, _, v, _ in kept], show)
    report('libpostal (languages=["en"]) against the generated truth', [(p, p[3], e) for p, _, e, _, _ in kept], show)
    left = [(p, p[3], v) for p, e, v in zip(pairs, english, out) if e is None]
    report("vetdesk against the generated truth, on the pairs libpostal could not read", left, show)
    both = [(p, e, r[1], v) for p, e, r, v in zip(pairs, english, refs, out) if e and r]
    print(f"pairs libpostal and scourgify both read: {len(both)}")
    report("scourgify (words through its own tables) against libpostal", [(p, e, r) for p, e, r, _ in both], show)
    one = sum(1 for _, e, r, v in both if v in (e, r))
    print(f"  vetdesk agrees with at least one of the two on {one}/{len(both)} = {one / max(len(both), 1):.2%}")


def vetdesk(binary, pairs):
    """vetdesk's decision for every pair, from one run of the agree_address example."""
    text = "".join(f"{a}\t{b}\n" for a, b, _, _ in pairs)
    out = subprocess.run([binary], input=text, capture_output=True, text=True, check=True).stdout.split()
    assert len(out) == len(pairs), (len(out), len(pairs))
    return out


def report(label, decisions, show):
    """decisions: (pair, expected, got)"""
    agree = sum(1 for _, r, v in decisions if r == v)
    print(f"{label}")
    for kind in KINDS:
        rows = [(r, v) for p, r, v in decisions if p[2] == kind]
        ok = sum(1 for r, v in rows if r == v)
        print(f"  {kind}: {len(rows)} pairs, agreement {ok / max(len(rows), 1):.2%}")
    print(f"  agreement: {agree}/{len(decisions)} = {agree / max(len(decisions), 1):.2%}")
    false_strong = sum(1 for _, r, v in decisions if v == "strong" and r != "strong")
    print(f"  strong links where the other says not strong: {false_strong}")
    shown = 0
    for p, r, v in decisions:
        if r != v and shown < show:
            print(f"    got {v:6} expected {r:6} | {p[0]} | {p[1]}")
            shown += 1


def print_classes(label, classes):
    print(label)
    for (cause, v, r), count in sorted(classes.items(), key=lambda kv: -kv[1]):
        print(f"  {count:5}  vetdesk {v:6} {r:6}  {cause}")


def scourgify_report(pairs, refs, out, show, fields=False):
    kept = [(p, r, v) for p, r, v in zip(pairs, refs, out) if r is not None]
    print(f"pairs generated: {len(pairs)}; scourgify could not read {len(pairs) - len(kept)}; compared: {len(kept)}")
    print("  generated truth: " + ", ".join(f"{d} {sum(1 for p, _, _ in kept if p[3] == d)}" for d in ["strong", "weak", "none"]))
    report("vetdesk against scourgify (records as they come)", [(p, r[0], v) for p, r, v in kept], show)
    report("vetdesk against scourgify (words through its own tables)", [(p, r[1], v) for p, r, v in kept], show)
    classes = {}
    for p, r, v in kept:
        if r[1] != v:
            key = (disagreement_class(p[0], p[1], fields), v, r[1])
            classes[key] = classes.get(key, 0) + 1
    print_classes("disagreements with scourgify (words through its own tables), by cause (vetdesk, scourgify):", classes)
    report("vetdesk against the generated truth", [(p, p[3], v) for p, _, v in kept], show)
    report("scourgify (words through its own tables) against the generated truth", [(p, p[3], r[1]) for p, r, _ in kept], show)
    left = [(p, p[3], v) for p, r, v in zip(pairs, refs, out) if r is None]
    report("vetdesk against the generated truth, on the pairs scourgify could not read", left, show)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--pairs", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--show", type=int, default=8, help="disagreements to print per comparison")
    parser.add_argument("--reference", choices=["scourgify", "gsa", "addresser", "libpostal"], default="scourgify",
                        help="gsa: Perl's Geo::StreetAddress::US, and how it and scourgify agree; addresser: the npm "
                             "package addresser (with --gsa-lib, also the agreement with two of the three); "
                             "libpostal: libpostal through its Python binding postal")
    parser.add_argument("--fields", action="store_true",
                        help="give scourgify each address as a form's fields (line 1, line 2, city, state, ZIP), "
                             "not as one text; vetdesk still reads the text")
    parser.add_argument("--gsa-lib", help="a folder holding Geo/StreetAddress/US.pm, if perl does not find it")
    parser.add_argument("--addresser-dir", help="a folder where `npm install addresser@1.1.22` was run")
    args = parser.parse_args()
    pairs = generate(args.pairs, args.seed)
    refs = [reference(a, b, args.fields) for a, b, _, _ in pairs]
    out = vetdesk(args.binary, pairs)
    if args.reference == "scourgify":
        scourgify_report(pairs, refs, out, args.show, args.fields)
    elif args.reference == "addresser":
        if not args.addresser_dir:
            parser.error("--reference addresser needs --addresser-dir")
        addresser_report(pairs, refs, out, args.show, args.addresser_dir, args.gsa_lib)
    elif args.reference == "libpostal":
        libpostal_report(pairs, refs, out, args.show)
    else:
        gsa_report(pairs, refs, out, args.show, args.gsa_lib)
    return 0


if __name__ == "__main__":
    sys.exit(main())
