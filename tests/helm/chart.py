"""Render the chart with Helm's engine and look into the manifests, without a cluster."""

import functools
import json
import subprocess
import sys
from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parents[2]
CHART_DIR = REPOSITORY / "helm" / "emploi-local"
ENGINE = Path(__file__).with_name("helm_engine.py")
RELEASE = "emploi-local"
NAMESPACE = "emploi-local"
# The oldest Kubernetes the chart supports (Chart.yaml kubeVersion), shipped by kubernetes-validate.
KUBERNETES_VERSION = "1.30.0"


class RenderError(Exception):
    """Helm refused the values or the templates; the message is Helm's."""


def _helm(action: str, values: dict | None) -> dict:
    request = {
        "action": action,
        "chart": str(CHART_DIR),
        "values": values,
        "release": RELEASE,
        "namespace": NAMESPACE,
        "kube_version": f"v{KUBERNETES_VERSION}",
    }
    result = subprocess.run(
        [sys.executable, "-I", str(ENGINE)], input=json.dumps(request), capture_output=True, text=True, timeout=60
    )
    if result.returncode:
        raise RenderError(result.stderr.strip())
    return json.loads(result.stdout)


@functools.cache
def _rendered_templates(values_json: str) -> dict[str, str]:
    return _helm("render", json.loads(values_json))


def render(values: dict | None = None) -> list[dict]:
    """Every object of every template, as `helm template` would print them (hooks included).

    Helm runs once per distinct values; each call parses anew, so a test cannot alter
    what another one reads.
    """
    documents = []
    for name, text in sorted(_rendered_templates(json.dumps(values, sort_keys=True)).items()):
        if name.endswith(".yaml"):
            documents.extend(document for document in yaml.safe_load_all(text) if document)
    return documents


def lint(values: dict | None = None) -> dict:
    return _helm("lint", values)


def default_values() -> dict:
    return yaml.safe_load((CHART_DIR / "values.yaml").read_text())


def of_kind(manifests: list[dict], kind: str) -> dict[str, dict]:
    return {item["metadata"]["name"]: item for item in manifests if item["kind"] == kind}


def one(manifests: list[dict], kind: str, name: str) -> dict:
    return of_kind(manifests, kind)[name]


def deployment(manifests: list[dict], component: str) -> dict:
    return one(manifests, "Deployment", f"{RELEASE}-{component}")


def migrations_job(manifests: list[dict]) -> dict:
    return one(manifests, "Job", f"{RELEASE}-migrations")


def workloads(manifests: list[dict]) -> list[dict]:
    """Everything that runs pods: the Deployments and the migrations Job."""
    return [item for item in manifests if item["kind"] in {"Deployment", "Job"}]


def pod_spec(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


def containers(workload: dict) -> list[dict]:
    spec = pod_spec(workload)
    return [*spec.get("initContainers", []), *spec["containers"]]


def container(workload: dict, name: str) -> dict:
    return next(item for item in containers(workload) if item["name"] == name)


def hook_annotations(item: dict) -> dict:
    annotations = item["metadata"].get("annotations", {})
    return {key: value for key, value in annotations.items() if key.startswith("helm.sh/hook")}
