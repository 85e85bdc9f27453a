"""libpostal (openvenues/libpostal 1.1, through its Python binding `postal`) as a reference for
tools/agreement/addresses.py --reference libpostal: its reading of the generated addresses, the match
decision read from it with libpostal's own duplicate checks, and why a decision differs from vetdesk's.
How to install it is in addresses.py's docstring.

What libpostal does with a text: parse_address labels its words (a CRF model trained on OpenStreetMap
and OpenAddresses): house_number, road, unit, level, po_box, house, suburb, city_district, city,
state_district, state, postcode, country, and a few more. The text comes back lower-cased, punctuation
kept, nothing expanded. postal.dedupe then compares one component of two records through
expand_address (its multilingual dictionaries: street types, directionals, unit designators, state
names...): EXACT_DUPLICATE when some expansion of the one equals some expansion of the other;
is_street_duplicate says NEEDS_REVIEW when only the roots (the name without its street type and
directionals) agree, and that is not counted as the same street here; is_toponym_duplicate compares the
city, then the state, state_district and country where both records have one.
"""

import collections
import csv
import pathlib

# libpostal's labels, grouped as the decision reads them.
UNIT_LABELS = ("unit", "level", "po_box", "staircase", "entrance")
TOPONYM_LABELS = ("suburb", "city_district", "city", "state_district", "state", "country", "island",
                  "country_region", "world_region")
REQUIRED = ("house_number", "road", "city", "state", "postcode")


class Libpostal:
    """The loaded libpostal: parse_address and postal.dedupe, with the languages given to the
    duplicate checks (None: libpostal's language classifier guesses them from each value)."""

    def __init__(self):
        # Imported here: only this mode needs libpostal, and loading its parser takes a few GB.
        from postal import dedupe
        from postal.parser import parse_address
        self.parse_address = parse_address
        self.dedupe = dedupe
        self.good = {dedupe.duplicate_status.EXACT_DUPLICATE, dedupe.duplicate_status.LIKELY_DUPLICATE}
        self.review = dedupe.duplicate_status.NEEDS_REVIEW

    def record(self, text):
        """libpostal's reading of `text`: {label: [values in order]}; the ZIP (postcode) on its first 5
        characters, as vetdesk's documented rule compares it."""
        record = collections.OrderedDict()
        for value, label in self.parse_address(text):
            if label == "postcode":
                value = value[:5]
            record.setdefault(label, []).append(value)
        return record

    def compare(self, ra, rb, languages):
        """{component: status} for the components of two records, status one of "same", "review"
        (is_street_duplicate's roots-only match), "differ"; components: number, street, unit (one per
        unit label present), toponym (city and state, and the other place labels), zip, and each other
        label present (house...), compared through is_name_duplicate."""
        d, kw = self.dedupe, {"languages": languages} if languages else {}
        joined = lambda r, k: " ".join(r.get(k, []))

        def status(check, k):
            a, b = joined(ra, k), joined(rb, k)
            if not a and not b:
                return "same"
            if not a or not b:
                return "differ"
            s = check(a, b, **kw)
            return "same" if s in self.good else "review" if s == self.review else "differ"

        out = {"number": status(d.is_house_number_duplicate, "house_number"),
               "street": status(d.is_street_duplicate, "road"),
               "zip": status(d.is_postal_code_duplicate, "postcode")}
        for label in UNIT_LABELS:
            if label in ra or label in rb:
                check = d.is_floor_duplicate if label == "level" else d.is_po_box_duplicate if label == "po_box" \
                    else d.is_unit_duplicate
                out["unit:" + label] = status(check, label)
        la = [k for k in ra if k in TOPONYM_LABELS]
        lb = [k for k in rb if k in TOPONYM_LABELS]
        s = d.is_toponym_duplicate(la, [joined(ra, k) for k in la], lb, [joined(rb, k) for k in lb], **kw)
        out["toponym"] = "same" if s in self.good else "review" if s == self.review else "differ"
        # is_toponym_duplicate reads a suburb or city_district only in place of a missing city: one
        # present beside the city (a directional or a street word read as a place) must match too.
        for label in ("suburb", "city_district"):
            if (label in ra or label in rb) and "city" in ra and "city" in rb:
                out[label] = status(d.is_name_duplicate, label)
        for label in sorted(set(ra) | set(rb)):
            if label not in REQUIRED and label not in UNIT_LABELS and label not in TOPONYM_LABELS:
                out[label] = status(d.is_name_duplicate, label)
        return out

    def decision(self, ra, rb, languages=None):
        """strong when every component is the same, weak when all but the unit are, none otherwise; None
        when either record lacks a house number, road, city, state or ZIP (not a reading of the whole
        address, as with the other references)."""
        if not all(r.get(k) for r in (ra, rb) for k in REQUIRED):
            return None
        c = self.compare(ra, rb, languages)
        building = [s for k, s in c.items() if not k.startswith("unit:")]
        if all(s == "same" for s in c.values()):
            return "strong"
        return "weak" if all(s == "same" for s in building) else "none"


# Why libpostal's decision differs from vetdesk's, checked in this order; each class is judged by
# Publication 28 in addresses.py's docstring.
ROOT = pathlib.Path(__file__).resolve().parents[2]
C2 = {}
for row in csv.reader(l for l in open(ROOT / "data/usps/secondary-units.csv") if not l.startswith("# ")):
    if row[0] != "description":
        C2.update({row[0]: row[1], row[1]: row[1]})
C1 = {}
for row in csv.reader(l for l in open(ROOT / "data/usps/street-suffixes.csv") if not l.startswith("# ")):
    if row[0] != "primary":
        C1.setdefault(row[0], row[2])
        C1.setdefault(row[1], row[2])
        C1[row[2]] = row[2]
DIRECTIONALS = {"N": "N", "S": "S", "E": "E", "W": "W", "NE": "NE", "NW": "NW", "SE": "SE", "SW": "SW",
                "NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W", "NORTHEAST": "NE", "NORTHWEST": "NW",
                "SOUTHEAST": "SE", "SOUTHWEST": "SW"}


def words(value):
    return value.upper().replace(".", "").replace(",", " ").split()


def has_unit(value):
    """A C2 designator followed by a range (a word with a digit) among the words of `value`."""
    w = words(value)
    return any(x in C2 and any(c.isdigit() for c in y) for x, y in zip(w, w[1:]))


def shape(record, other):
    """The labels of a record, each with how many values it has; the unit's only when the other record
    has a unit too (one more unit is a near miss, not a misreading)."""
    unit = any(k in other for k in UNIT_LABELS)
    return sorted((k, len(v)) for k, v in record.items() if unit or k not in UNIT_LABELS)


SPLIT_STATES = [["WEST", "VIRGINIA"], ["NORTH", "CAROLINA"], ["SOUTH", "CAROLINA"], ["NORTH", "DAKOTA"],
                ["SOUTH", "DAKOTA"], ["NEW", "YORK"], ["NEW", "JERSEY"], ["NEW", "MEXICO"], ["NEW", "HAMPSHIRE"]]
PLACE_LABELS = ("house", "suburb", "city_district", "po_box", "state_district", "country")


def disagreement_class(lp, ra, rb, languages):
    """(cause, spellings): spellings are the Publication 28 words libpostal did not relate to their
    standard abbreviation, for the tally printed after the classes. A misreading of the parser is named
    first where it makes the two records differ in shape; where both writings were read alike, the
    component the duplicate checks found different is named."""
    recs = (ra, rb)
    value = lambda r, k: words(" ".join(r.get(k, [])))
    road = [value(r, "road") for r in recs]
    units = [words(" ".join(v for k in UNIT_LABELS for v in r.get(k, []))) for r in recs]
    if any(has_unit(" ".join(w)) or (w[-1:] and w[-1] in C2 and u and u[0][0].isdigit()) for w, u in zip(road, units)) \
            or any(has_unit(v) for r in recs for k in PLACE_LABELS for v in r.get(k, [])):
        return "a C2 unit (designator and range, or the designator alone) read as part of the road, " \
               "or of a house or suburb name", ()
    if any(u and u[0] in DIRECTIONALS for u in units):
        return "a post-directional read as part of the unit", ()
    if any(len(u) > 2 and u[0] in C1 and u[0] not in C2 and any(w in C2 for w in u[1:]) for u in units):
        return "a C1 street suffix read as part of the unit (FLAT, a unit word in British English)", ()
    if any(value(r, "city")[-1:] + value(r, "state") in SPLIT_STATES for r in recs):
        return "a state name of two words split: its first word read as the end of the city", ()
    if shape(ra, rb) != shape(rb, ra) or any(len(r.get(k, [])) > 1 for r in recs for k in ("city", "state")):
        if any(len(w) == 1 and w[0] in DIRECTIONALS for r in recs for k in PLACE_LABELS for w in map(words, r.get(k, []))):
            return "a directional read as a suburb, city district, house or PO box", ()
        if any(len(r.get("house_number", [])) > 1 or len(r.get("postcode", [])) > 1 for r in recs) or any(
                not any(c.isdigit() for c in " ".join(r.get(k, []))) for r in recs for k in UNIT_LABELS if k in r):
            return "a unit's range read as a second house number or ZIP, or apart from its designator", ()
        if any(len(r.get(k, [])) > 1 for r in recs for k in ("city", "state")) or any(k in r for r in recs for k in PLACE_LABELS):
            return "street words read as a city, state, suburb, house or PO box", ()
        return "the two writings labelled differently: other", ()
    c = lp.compare(ra, rb, languages)
    bad = [k for k, s in c.items() if s != "same"]
    # Both writings were read alike: the street's words, wherever the parser put them.
    street = [words(" ".join(v for k in r if k not in REQUIRED[2:] and k not in UNIT_LABELS and k != "house_number"
                             for v in r[k])) for r in recs]
    if any(k not in ("number", "zip", "toponym") and not k.startswith("unit:") for k in bad):
        wa, wb = street
        diff = [(x, y) for x, y in zip(wa, wb) if x != y] if len(wa) == len(wb) else None
        if diff:
            suffix = [(x, y) for x, y in diff if C1.get(x) and C1.get(x) == C1.get(y)]
            directional = [(x, y) for x, y in diff if DIRECTIONALS.get(x) and DIRECTIONALS.get(x) == DIRECTIONALS.get(y)]
            if len(suffix) + len(directional) == len(diff):
                lacking = {w for x, y in suffix for w in (x, y) if not related(lp, w, C1[w], languages)}
                if lacking:
                    return "street: a C1 spelling libpostal does not relate to its suffix", tuple(sorted(lacking))
                lacking = {w for x, y in directional for w in (x, y) if not related(lp, w, DIRECTIONALS[w], languages)}
                if lacking:
                    return "street: a directional libpostal does not relate to its abbreviation", tuple(sorted(lacking))
        if "toponym" in bad or any(k.startswith("unit:") for k in bad):
            return "street words read as part of another component (city, unit, level)", ()
        if c.get("street") == "review":
            return "street: only the roots agree (is_street_duplicate NEEDS_REVIEW)", ()
        return "street: other", ()
    if "number" in bad and any(len(r["house_number"]) > 1 for r in recs):
        return "a unit's range read as a second house number or ZIP, or apart from its designator", ()
    if bad and all(k.startswith("unit:") for k in bad):
        ua, ub = units
        diff = [(x, y) for x, y in zip(ua, ub) if x != y]
        if len(ua) == len(ub) and diff and all(C2.get(x) and C2.get(x) == C2.get(y) for x, y in diff):
            return "unit: a C2 designator libpostal does not relate to its abbreviation", tuple(sorted(
                {w for x, y in diff for w in (x, y) if not related(lp, w, C2[w], languages, "unit")}))
        return "unit: other", ()
    if bad == ["toponym"]:
        return "city or state: " + " / ".join(sorted({" ".join(r.get("city", [])) + ", " + " ".join(r.get("state", []))
                                                       for r in recs})), ()
    return "components differ: " + ", ".join(bad), ()


def related(lp, word, standard, languages, component="street"):
    """Whether libpostal's expand_address, with the address components the duplicate check of that
    component uses, gives `word` an expansion in common with `standard`."""
    from postal import expand
    kw = {"languages": languages} if languages else {}
    kw["address_components"] = (expand.ADDRESS_STREET if component == "street" else expand.ADDRESS_UNIT) | expand.ADDRESS_ANY
    return bool(set(expand.expand_address(word.lower(), **kw)) & set(expand.expand_address(standard.lower(), **kw)))
