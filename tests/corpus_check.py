#!/usr/bin/env python3
"""Scans a corpus folder with the CLI and checks what every report must satisfy.

usage: corpus_check.py LUREGUARD SCHEMA DIR... [--max-malicious N] [--max-suspicious-rate R]
                       [--config FILE]

Checks, per report: it validates against the JSON Schema; no ANALYZER_FAILURE finding (an
analyzer that threw or broke an invariant); no "error" (the input was readable). Over the run:
at most N malicious reports, at most rate R suspicious. Prints the verdict counts and rates,
then "N passed, N failed" (one check per report plus the run-wide ones).
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate_report import load_validator  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lureguard")
    ap.add_argument("schema")
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--max-malicious", type=int, default=None)
    ap.add_argument("--max-suspicious-rate", type=float, default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--config", help="a lureguard TOML config (e.g. the corpus zips' password)")
    args = ap.parse_args()

    config = ["--config", args.config] if args.config else []
    proc = subprocess.run(
        [args.lureguard, "scan", "--format", "jsonl", "--jobs", str(args.jobs), *config,
         *args.corpus],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 1, 2):
        print(f"lureguard exited {proc.returncode}: {proc.stderr.decode(errors='replace')[:2000]}")
        print("0 passed, 1 failed")
        return 1
    validator = load_validator(args.schema)
    passed = failed = 0
    verdicts = {"clean": 0, "suspicious": 0, "malicious": 0}
    symbols = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        report = json.loads(line)
        problems = [f"schema: {e.message} at {list(e.absolute_path)}"
                    for e in validator.iter_errors(report)]
        if report.get("error"):
            problems.append("unreadable: " + report["error"])
        for f in report.get("findings", []):
            if f["symbol"] == "ANALYZER_FAILURE":
                problems.append(f"ANALYZER_FAILURE at {f['path']}: {f['evidence']['detail']}")
            if f.get("counted"):
                symbols[f["symbol"]] = symbols.get(f["symbol"], 0) + 1
        verdicts[report.get("verdict", "clean")] += 1
        if problems:
            failed += 1
            print(f"FAIL {report['input']['name']}: " + "; ".join(problems[:5]))
        else:
            passed += 1
    total = sum(verdicts.values())
    print(f"{total} reports: " + ", ".join(f"{v} {k}" for k, v in verdicts.items()))
    if total:
        print("suspicious rate %.4f, malicious rate %.4f" % (
            verdicts["suspicious"] / total, verdicts["malicious"] / total))
    print("symbols (reports): " + ", ".join(f"{k} {v}" for k, v in sorted(symbols.items(), key=lambda kv: -kv[1])))
    if total == 0:
        print("FAIL no reports")
        failed += 1
    if args.max_malicious is not None:
        if verdicts["malicious"] > args.max_malicious:
            print(f"FAIL {verdicts['malicious']} malicious > {args.max_malicious}")
            failed += 1
        else:
            passed += 1
    if args.max_suspicious_rate is not None and total:
        if verdicts["suspicious"] / total > args.max_suspicious_rate:
            print(f"FAIL suspicious rate above {args.max_suspicious_rate}")
            failed += 1
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
