#!/usr/bin/env python3
"""Loads vetdesk exports in the reference libraries and fails on any error.

Usage: validate_exports.py --misp FILE... --stix FILE...

A MISP event must load with PyMISP's MISPEvent.load, every attribute must keep the type and category
vetdesk wrote (PyMISP checks them against MISP's describeTypes.json), and no two may share a type,
category and value (MISP refuses the second). A STIX bundle must parse with stix2.parse (STIX 2.1, no
custom content allowed) and pass the STIX 2.1 validator with no errors. Exit 0 when every file passes, 1 otherwise, naming each problem.
"""

import argparse
import json
import sys


def check_misp(path):
    from pymisp import MISPEvent

    problems = []
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    event = MISPEvent()
    # load takes the attributes out of the dict it is given: keep the written ones to compare.
    event.load(json.loads(json.dumps(raw)))
    written = raw["Event"].get("Attribute", [])
    if len(event.attributes) != len(written):
        problems.append(f"{len(written)} attributes written, {len(event.attributes)} loaded")
    for attribute, original in zip(event.attributes, written):
        for key in ("type", "category", "value", "uuid"):
            if str(getattr(attribute, key)) != str(original[key]):
                problems.append(f"attribute {original['uuid']}: {key} {original[key]!r} loaded as {getattr(attribute, key)!r}")
    types = event.describe_types
    for a in event.attributes:
        if a.type not in types["types"]:
            problems.append(f"attribute {a.uuid}: {a.type!r} is not a MISP type")
        elif a.type not in types["category_type_mappings"].get(a.category, []):
            problems.append(f"attribute {a.uuid}: type {a.type!r} is not allowed in category {a.category!r}")
    # MISP refuses a second attribute of one type, category and value in an event (its Attribute model's
    # valueIsUnique: "A similar attribute already exists for this event").
    seen = set()
    for a in event.attributes:
        key = (a.type, a.category, str(a.value))
        if key in seen:
            problems.append(f"attribute {a.uuid}: a second {a.type!r} attribute of value {a.value!r}, which MISP refuses")
        seen.add(key)
    tags = [t.name for t in event.tags]
    if not any(t.startswith("tlp:") for t in tags):
        problems.append("no TLP tag")
    return problems, f"{len(event.attributes)} attributes, tags {tags}"


def check_stix(path):
    import stix2
    import stix2validator

    problems = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    bundle = stix2.parse(text, allow_custom=False, version="2.1")
    results = stix2validator.validate_string(text, stix2validator.ValidationOptions(version="2.1", strict=True))
    # A bundle gives one result for all its objects; a file of several gives one per object.
    for obj in getattr(results, "object_results", [results]):
        for e in obj.errors:
            problems.append(f"{obj.object_id}: {e.message}")
        for w in obj.warnings:
            problems.append(f"{obj.object_id}: warning: {w.message}")
    if not results.is_valid and not problems:
        problems.append("the validator found the bundle invalid")
    kinds = sorted({o.type for o in bundle.objects})
    return problems, f"{len(bundle.objects)} objects: {', '.join(kinds)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misp", nargs="*", default=[])
    parser.add_argument("--stix", nargs="*", default=[])
    args = parser.parse_args()
    if not args.misp and not args.stix:
        parser.error("name at least one file")
    failed = False
    for kind, check, paths in (("MISP", check_misp, args.misp), ("STIX", check_stix, args.stix)):
        for path in paths:
            try:
                problems, summary = check(path)
            except Exception as e:  # a file the library refuses is a failure, with its reason
                problems, summary = [f"{type(e).__name__}: {e}"], "not loaded"
            status = "FAIL" if problems else "ok"
            print(f"{kind} {path}: {status} ({summary})")
            for p in problems:
                print(f"  {p}")
            failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
