"""Dependency audit: pip-audit over the installed environment, with a reviewed allow-list.

Fails on any known vulnerability whose id is not in .ci/audit-allowlist.txt (one id per
line, then the reason after whitespace). Packages the vulnerability service could not be
asked about are listed loudly; with AUDIT_STRICT=1 they fail the run too (this workplace
reaches PyPI's package index but not its per-version vulnerability API).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALLOWLIST = Path(os.environ.get("AUDIT_ALLOWLIST", HERE / "audit-allowlist.txt"))


def allowed() -> dict[str, str]:
    found = {}
    for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            vuln_id, _sep, reason = line.partition(" ")
            if not reason.strip():
                sys.exit(f"{ALLOWLIST}: {vuln_id} has no reason; every exception needs one")
            found[vuln_id] = reason.strip()
    return found


def pip_audit_report() -> dict:
    run = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return dict(json.loads(run.stdout))
    except json.JSONDecodeError:
        sys.exit("pip-audit gave no report:\n" + run.stderr)


def main() -> None:
    # --report FILE judges a saved pip-audit JSON report (used by the tests).
    if len(sys.argv) == 3 and sys.argv[1] == "--report":
        report = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    else:
        report = pip_audit_report()
    exceptions = allowed()
    findings, unaudited = [], []
    for dep in report.get("dependencies", []):
        if dep.get("skip_reason"):
            unaudited.append(dep["name"])
        for vuln in dep.get("vulns", []):
            ids = {vuln["id"], *vuln.get("aliases", [])}
            if not ids & exceptions.keys():
                fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
                findings.append(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    audited = len(report.get("dependencies", [])) - len(unaudited)
    print(f"dependency audit: {audited} packages audited, {len(findings)} unexplained findings")
    if unaudited:
        print(
            f"!!! {len(unaudited)} packages could not be audited (vulnerability service "
            f"unreachable?): {', '.join(sorted(unaudited))}"
        )
    for finding in findings:
        print(f"VULNERABLE {finding}")
    if findings or (unaudited and os.environ.get("AUDIT_STRICT") == "1"):
        sys.exit(1)


if __name__ == "__main__":
    main()
