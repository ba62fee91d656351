#!/usr/bin/env python3
"""Golden reports: each example message's JSON report must equal the reviewed one.

usage: golden_test.py LUREGUARD EXAMPLES_DIR GOLDEN_DIR [--regenerate]

Volatile fields (elapsed_ms, version) are dropped before comparing. After a reviewed change in
behaviour, run with --regenerate (or `make golden`) and commit the new files with the change.
"""
import argparse
import difflib
import json
import subprocess
import sys
from pathlib import Path


def normalize(report):
    report.pop("elapsed_ms", None)
    report.pop("version", None)
    report["input"]["name"] = Path(report["input"]["name"]).name
    if report.get("objects"):
        report["objects"][0]["name"] = report["input"]["name"]  # the root is named by its path
    return report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lureguard")
    ap.add_argument("examples")
    ap.add_argument("golden")
    ap.add_argument("--regenerate", action="store_true")
    args = ap.parse_args()
    passed = failed = 0
    inputs = sorted(p for p in Path(args.examples).iterdir() if p.is_file())
    for p in inputs:
        proc = subprocess.run([args.lureguard, "scan", "--format", "json", str(p)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if proc.returncode not in (0, 1, 2):
            print(f"FAIL {p.name}: exit {proc.returncode} {proc.stderr.decode(errors='replace')}")
            failed += 1
            continue
        reports = [normalize(r) for r in json.loads(proc.stdout)]
        got = json.dumps(reports, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        golden = Path(args.golden) / (p.name + ".json")
        if args.regenerate:
            golden.write_text(got, encoding="utf-8")
            print(f"wrote {golden}")
            passed += 1
            continue
        if not golden.exists():
            print(f"FAIL {p.name}: no golden file {golden} (run with --regenerate and review)")
            failed += 1
            continue
        want = golden.read_text(encoding="utf-8")
        if got == want:
            passed += 1
        else:
            failed += 1
            diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now",
                                        lineterm="", n=2)
            print(f"FAIL {p.name}:\n" + "\n".join(list(diff)[:60]))
    if not inputs:
        failed += 1
        print("FAIL no examples")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
