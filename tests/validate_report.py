#!/usr/bin/env python3
"""Validates lureguard reports against the report JSON Schema.

usage: validate_report.py SCHEMA FILE...

Each FILE is one JSON document (a report, or an array of reports as `scan --format json`
prints), or JSON Lines (one report a line, blank lines ignored).
Prints one line per failure, then "N passed, N failed"; exits 1 when anything failed
(including a file that cannot be read or parsed), 2 on bad usage or a bad schema.
Format checking is off: "format" keywords are annotations only.
"""

import json
import sys

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError


def load_reports(path):
    """Returns a list of (label, document) pairs; raises ValueError on unparsable text."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        doc = json.loads(text)
        if isinstance(doc, list):
            return [(f"{path}[{i}]", d) for i, d in enumerate(doc)]
        return [(path, doc)]
    except json.JSONDecodeError as whole_error:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) < 2:
            raise ValueError(str(whole_error)) from None
        docs = []
        for n, line in lines:
            try:
                docs.append((f"{path}:{n}", json.loads(line)))
            except json.JSONDecodeError as e:
                raise ValueError(f"line {n}: {e}") from None
        return docs


def load_validator(schema_path):
    """A validator for the schema at `schema_path`; raises on an unreadable or bad schema."""
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)  # no format_checker: formats not asserted


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        validator = load_validator(argv[1])
    except (OSError, ValueError, SchemaError) as e:
        print(f"{argv[1]}: bad schema: {e}", file=sys.stderr)
        return 2
    passed = failed = 0
    for path in argv[2:]:
        try:
            docs = load_reports(path)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            print(f"{path}: cannot read: {e}")
            failed += 1
            continue
        for label, doc in docs:
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
            if errors:
                failed += 1
                for e in errors[:10]:
                    where = "/".join(str(p) for p in e.absolute_path) or "(root)"
                    print(f"{label}: {where}: {e.message}")
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
