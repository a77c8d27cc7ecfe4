"""The Dockerfile builds the image the chart runs: same user, port, command and paths.

No Docker daemon needed: these read the Dockerfile and compare it with the rendered chart.
"""

import json
import re

import pytest

from tests.helm.chart import REPOSITORY, container, default_values, deployment, pod_spec, render

DOCKERFILE = REPOSITORY / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n(\s*#[^\n]*\n)*", " ", DOCKERFILE.read_text())
    parsed = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, arguments = line.partition(" ")
            parsed.append((instruction.upper(), " ".join(arguments.split())))
    return parsed


def stages() -> list[list[tuple[str, str]]]:
    built = []
    for instruction, arguments in instructions():
        if instruction == "FROM":
            built.append([])
        built[-1].append((instruction, arguments))
    return built


def runtime() -> list[tuple[str, str]]:
    return stages()[-1]


def arguments_of(stage, instruction: str) -> list[str]:
    return [arguments for name, arguments in stage if name == instruction]


def environment(stage) -> dict[str, str]:
    variables = {}
    for arguments in arguments_of(stage, "ENV"):
        variables.update(pair.split("=", 1) for pair in arguments.split())
    return variables


@pytest.fixture(scope="module")
def manifests():
    return render()


def test_the_image_is_built_in_two_stages_on_python_3_11_slim():
    assert [stage[0][1] for stage in stages()] == ["python:3.11-slim AS builder", "python:3.11-slim"]


def test_the_builder_installs_the_pinned_dependencies_without_the_dev_extras():
    installs = [run for run in arguments_of(stages()[0], "RUN") if "pip install" in run]
    assert installs == ["/opt/venv/bin/pip install -c constraints.txt ."]
    assert "COPY --from=builder /opt/venv /opt/venv" in [f"COPY {copy}" for copy in arguments_of(runtime(), "COPY")]


def test_the_image_runs_as_the_user_of_the_chart(manifests):
    assert arguments_of(runtime(), "USER") == ["10001:10001"]
    for component in ("web", "worker", "beat"):
        assert pod_spec(deployment(manifests, component))["securityContext"]["runAsUser"] == 10001


def test_the_image_runs_django_in_production_with_the_venv_first_on_the_path():
    variables = environment(runtime())
    assert variables["DJANGO_ENV"] == "production"
    assert variables["PATH"].startswith("/opt/venv/bin:")


def test_the_secret_key_exists_only_in_the_collectstatic_command():
    collectstatic = [run for run in arguments_of(runtime(), "RUN") if "collectstatic --noinput" in run]
    assert len(collectstatic) == 1
    assert re.match(r"DJANGO_SECRET_KEY=\S+ ", collectstatic[0])
    for instruction, arguments in instructions():
        if instruction in {"ENV", "ARG"}:
            assert "SECRET" not in arguments, f"{instruction} {arguments}"


def test_the_image_command_is_the_web_deployments_and_listens_on_its_port(manifests):
    web = container(deployment(manifests, "web"), "web")
    assert json.loads(arguments_of(runtime(), "CMD")[0]) == web["command"]
    assert arguments_of(runtime(), "EXPOSE") == [str(web["ports"][0]["containerPort"])]
    assert (REPOSITORY / "platform" / "wsgi.py").read_text().count("application = get_wsgi_application()") == 1


def test_the_image_media_root_is_where_the_chart_mounts_the_media_volume():
    assert environment(runtime())["MEDIA_ROOT"] == default_values()["media"]["mountPath"]


def test_local_state_tests_and_benchmarks_stay_out_of_the_image():
    ignored = set((REPOSITORY / ".dockerignore").read_text().split())
    assert {".venv", ".data", ".git", "staticfiles", "tests", "bench-results.json"} <= ignored
