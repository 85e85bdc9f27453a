"""The npm package addresser (1.1.22) as a reference for tools/agreement/addresses.py --reference addresser:
its records of the generated addresses, the match decision read from them, and why a decision differs from
vetdesk's. How to install it is in addresses.py's docstring.

What addresser normalizes (its index.js and data/, read at 1.1.22): the ZIP (5 digits kept, ZIP+4 apart);
the state, a code or a name (data/states.json, US and Canadian), to its code; the city, matched at the
end of its part against data/cities.json (GeoNames' postal places per state, made by utils/getCities.js)
and otherwise kept as written, title-cased; the street type, the last word of the street line found in
data/us-street-types.json (553 spellings to 191 abbreviations: Publication 28's Appendix C1 as in the
TIGER/Line tables, without CAUSWA, COMMONS, CMNS, CROSSROADS, XRDS, FALL, LAND, MALL, MEWS, RAMP, RUE,
RUN, TRAILER, TRLR, TRLRS, WALL, WAYS); a post-directional only when written as its abbreviation without
periods (N ... NW). It does not normalize a pre-directional (kept in the street name as written), a
written-out post-directional (left as line 2), or a unit designator (line 2 kept as written). Text left
after the street type becomes line 2; a line 2 already found makes it refuse the address ("Too many
address lines"), as do a missing state and more than two street lines.
"""

import json
import pathlib
import subprocess

# addresser's own tables, copied from its index.js (module-private there): usStreetDirectional and
# usLine2Prefixes, upper-cased. LOWR -> LOWER is the library's.
DIRECTIONAL = {"NORTH": "N", "NORTHEAST": "NE", "EAST": "E", "SOUTHEAST": "SE", "SOUTH": "S",
               "SOUTHWEST": "SW", "WEST": "W", "NORTHWEST": "NW"}
LINE2 = {"APARTMENT": "APT", "APT": "APT", "BASEMENT": "BSMT", "BSMT": "BSMT", "BLDG": "BLDG", "BUILDING": "BLDG",
         "DEPARTMENT": "DEPT", "DEPT": "DEPT", "FL": "FL", "FLOOR": "FL", "FRNT": "FRNT", "FRONT": "FRNT",
         "HANGAR": "HNGR", "HNGR": "HNGR", "LBBY": "LBBY", "LOBBY": "LBBY", "LOT": "LOT", "LOWER": "LOWR",
         "LOWR": "LOWER", "OFC": "OFC", "OFFICE": "OFC", "PENTHOUSE": "PH", "PH": "PH", "PIER": "PIER",
         "REAR": "REAR", "RM": "RM", "ROOM": "RM", "SIDE": "SIDE", "SLIP": "SLIP", "SPACE": "SPC", "SPC": "SPC",
         "STE": "STE", "STOP": "STOP", "SUITE": "STE", "TRAILER": "TRLR", "TRLR": "TRLR", "UNIT": "UNIT",
         "UPPER": "UPPR", "UPPR": "UPPR", "#": "#"}
# Appendix C1 spellings (data/usps/street-suffixes.csv) that data/us-street-types.json lacks.
C1_SPELLINGS_LACKING = {"CAUSWA", "COMMONS", "CMNS", "CROSSROADS", "XRDS", "FALL", "LAND", "MALL", "MEWS", "RAMP",
                        "RUE", "RUN", "TRAILER", "TRLR", "TRLRS", "WALL", "WAYS"}
ABBREVIATIONS = set(DIRECTIONAL.values())


def street_types(folder):
    path = pathlib.Path(folder) / "node_modules/addresser/data/us-street-types.json"
    return {k.upper(): v.upper() for k, v in json.loads(path.read_text()).items()}


def records(texts, folder):
    """addresser's record of each address, from one node run of addresser_records.js; None where it
    refuses one."""
    helper = pathlib.Path(__file__).with_name("addresser_records.js")
    text = "".join(t.replace("\n", " ") + "\n" for t in texts)
    lines = subprocess.run(["node", str(helper), str(folder)], input=text, capture_output=True, text=True,
                           check=True).stdout.split("\n")[:len(texts)]
    assert len(lines) == len(texts), (len(lines), len(texts))
    return [json.loads(line) for line in lines]


def readable(record):
    """A record that reads the whole address: a street line, city, state and ZIP. The state-name city
    pairs have no ZIP and are all refused or left out, as with the other two references."""
    return record is not None and all(record.get(k) for k in ("addressLine1", "placeName", "stateAbbreviation", "zipCode"))


def raw(record):
    """The record as it comes, upper-cased, the ZIP on its 5 digits: (line 1, line 2, city, state, ZIP)."""
    up = lambda v: " ".join((v or "").upper().split())
    return (up(record["addressLine1"]), up(record.get("addressLine2")), up(record["placeName"]),
            record["stateAbbreviation"], record["zipCode"][:5])


def canonical(record, types):
    """The record with its words passed once more through addresser's own tables, as addresses.py does for
    scourgify: periods dropped, written-out directionals and street types abbreviated. The unit is the
    first designator of line 2 (addresser's own split) and the word after it; line 2's other words (a
    written-out post-directional the street pattern left there) join the street's. Returns (street words,
    unit, city, state, ZIP)."""
    split = lambda v: (v or "").upper().replace(".", "").replace(",", " ").split()
    line2 = split(record.get("addressLine2"))
    at = next((i for i, w in enumerate(line2) if w in LINE2 and i + 1 < len(line2)), None)
    unit = (LINE2[line2[at]], line2[at + 1]) if at is not None else ()
    rest = line2[:at] + line2[at + 2:] if at is not None else line2
    words = tuple(DIRECTIONAL.get(w, types.get(w, w)) for w in split(record["addressLine1"]) + rest)
    _, _, city, state, zip5 = raw(record)
    return words, unit, city, state, zip5


def decision(ra, rb, types):
    """(raw decision, decision with the words through its own tables), or None when either record does
    not read the whole address. Records equal -> strong; equal but for line 2 (raw) or the unit
    (canonical) -> weak; otherwise none."""
    if not (readable(ra) and readable(rb)):
        return None
    xa, xb = raw(ra), raw(rb)
    first = "strong" if xa == xb else "weak" if xa[:1] + xa[2:] == xb[:1] + xb[2:] else "none"
    ca, cb = canonical(ra, types), canonical(rb, types)
    second = "strong" if ca == cb else "weak" if ca[:1] + ca[2:] == cb[:1] + cb[2:] else "none"
    return first, second


def disagreement_class(pair, recs, types):
    """Why addresser's decision (words through its own tables) differs from vetdesk's, checked in this
    order; each class is judged by Publication 28 in addresses.py's docstring."""
    if any(r["stateAbbreviation"] == "VA" and r["placeName"].upper().strip() == "WEST" for r in recs):
        return "West Virginia read as state Virginia, city WEST, the city as line 2"
    causes = set()
    for text, r in zip(pair[:2], recs):
        words = text.upper().split(",")[0].replace(".", "").split()
        # TRAILER/TRLR before a number is the C2 designator, not the C1 suffix.
        missing = {w for i, w in enumerate(words) if w in C1_SPELLINGS_LACKING
                   and not (w in LINE2 and i + 1 < len(words) and words[i + 1][:1].isdigit())}
        if not missing:
            continue
        if "streetSuffix" not in r:
            kept = set(r["addressLine1"].upper().replace(".", "").split())
            causes.add("street line cut at its first period" if missing - kept else "kept in the street name as written")
        elif missing & set((r.get("addressLine2") or "").upper().replace(".", "").split()):
            causes.add("a street-name word read as the type, the suffix left as line 2")
    order = ["street line cut at its first period", "a street-name word read as the type, the suffix left as line 2",
             "kept in the street name as written"]
    if causes:
        return "C1 spelling its street-type table lacks: " + next(c for c in order if c in causes)
    canon = [canonical(r, types) for r in recs]
    dotted = [w for c in canon for i, w in enumerate(c[0][:-1]) if w in ("N", "S") and c[0][i + 1] in ("E", "W")]
    if dotted and any(d in t.upper() for t in pair[:2] for d in ("N.E", "N.W", "S.E", "S.W")):
        return "dotted post-directional N.E. read as N, E left as line 2"
    return "other"
