"""Helm's own engine, run as a child process by tests/helm/chart.py.

helm-python-sdk binds Helm's Go library (shipped in its wheel: no binary to download, no
cluster). The Go runtime starts threads and signal handlers of its own, which the test
process (forking executors, browsers) had better not inherit: it lives here, one process
per call. Reads {"action": "render" | "lint", "values": {...}} on stdin, writes JSON on
stdout, or exits with status 1 and Helm's message on stderr.
"""

import json
import sys

import helm_python as helm


def main() -> int:
    request = json.load(sys.stdin)
    chart_dir, values = request["chart"], request.get("values")
    try:
        if request["action"] == "lint":
            result = helm.lint(chart_dir, values, strict=True, kube_version=request["kube_version"])
        else:
            with helm.Chart.load(chart_dir) as chart:
                # What `helm install` does: values.schema.json is checked before rendering.
                result = chart.render(values, name=request["release"], namespace=request["namespace"], is_install=True)
    except helm.HelmError as error:
        print(error, file=sys.stderr)
        return 1
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
