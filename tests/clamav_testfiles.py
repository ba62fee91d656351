#!/usr/bin/env python3
"""Every container in Debian's clamav-testfiles wraps the same harmless 544-byte clam.exe: the
CLI must find it (by SHA-256) among the descendants of each one.

usage: clamav_testfiles.py LUREGUARD [DIR]      (DIR: /usr/share/clamav-testfiles)

Files named in KNOWN_UNOPENABLE are not expected to yield it (each says why); if one does,
that is reported as a failure so the list stays true. Every other clam* file must pass.
Prints "N passed, N failed".
"""
import json
import subprocess
import sys
from pathlib import Path

CLAM_EXE_SHA256 = "71e7b604d18aefd839e51a39c88df8383bb4c071dc31f87f00a2b5df580d4495"

KNOWN_UNOPENABLE = {
    "clam.exe": "the payload itself, not a container",
    "clam.ea05.exe": "AutoIt 3.0 compiled script (an executable, not a container to open)",
    "clam.ea06.exe": "AutoIt 3.2 compiled script (an executable, not a container to open)",
}
# Executables by pattern: packers (clam-*.exe) and InstallShield installers (clam_IS*.exe).
UNOPENABLE_PATTERNS = {
    "clam-*.exe": "packed executable (a packer's stub, not a container to open)",
    "clam_IS*.exe": "InstallShield installer (an executable, not a container to open)",
}
# Expected to pass once the carrier formats (CHM, HTML data, SZDD, BinHex) are merged.


def unopenable_reason(name):
    if name in KNOWN_UNOPENABLE:
        return KNOWN_UNOPENABLE[name]
    for pattern, reason in UNOPENABLE_PATTERNS.items():
        if Path(name).match(pattern):
            return reason
    return None


def scan(lureguard, path):
    """The JSON reports of one file (an mbox gives one per message), or an error string."""
    proc = subprocess.run([lureguard, "scan", "-f", "json", str(path)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 1, 2):
        return None, f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:500]}"
    try:
        reports = json.loads(proc.stdout.decode("utf-8"))
        return (reports if isinstance(reports, list) else [reports]), None
    except json.JSONDecodeError as e:
        return None, f"not JSON: {e}"


def found_in_descendants(reports):
    return any(o.get("sha256") == CLAM_EXE_SHA256 and o.get("depth", 0) > 0
               for report in reports for o in report.get("objects", []))


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    lureguard = sys.argv[1]
    folder = Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/clamav-testfiles")
    files = sorted(p for p in folder.glob("clam*") if p.is_file())
    if not files:
        print(f"no clam* files in {folder} (install Debian's clamav-testfiles)")
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    for path in files:
        name = path.name
        reports, error = scan(lureguard, path)
        found = reports is not None and found_in_descendants(reports)
        reason = unopenable_reason(name)
        if reason is not None:
            if error:
                failed += 1
                print(f"FAIL  {name}: {error}")
            elif found:
                failed += 1
                print(f"FAIL  {name}: clam.exe found, remove it from the unopenable list")
            else:
                passed += 1
                print(f"skip  {name}: {reason}")
        elif found:
            passed += 1
            print(f"ok    {name}")
        else:
            failed += 1
            print(f"FAIL  {name}: " + (error or "clam.exe not among the descendants"))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
