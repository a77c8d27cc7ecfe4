"""The project package is named ``platform``, like a standard module: both must work."""

import os
import subprocess
import sys
import sysconfig

from django.conf import settings

import platform


def standard_platform(expression: str) -> str:
    """Evaluate an expression with the real standard module, outside the project."""
    return subprocess.run(
        [sys.executable, "-I", "-c", f"import platform; print({expression})"],
        capture_output=True,
        text=True,
        check=True,
        cwd=sysconfig.get_paths()["stdlib"],
    ).stdout.strip()


def test_the_project_package_is_the_platform_module_in_this_process():
    assert platform.__path__ == [str(settings.BASE_DIR / "platform")]
    assert "Django project" in platform.__doc__


def test_it_answers_the_standard_api_like_the_standard_module():
    assert platform.system() == standard_platform("platform.system()")
    assert platform.machine() == standard_platform("platform.machine()")
    assert platform.python_version() == standard_platform("platform.python_version()")
    assert platform.python_implementation() == standard_platform("platform.python_implementation()")
    assert platform.uname().release == standard_platform("platform.uname().release")


def run_from_the_repository(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120)


def test_libraries_that_call_the_standard_module_work_beside_the_project_package():
    code = (
        "import platform, uuid, sentry_sdk, celery, django;"
        "from celery.platforms import IS_WINDOWS;"
        "import platform.celery as project_celery;"
        "print(platform.system(), uuid.uuid4().version, project_celery.app.main, django.get_version())"
    )
    completed = run_from_the_repository("-c", code)

    assert completed.returncode == 0, completed.stderr
    system, uuid_version, app_name, django_version = completed.stdout.split()
    assert system == standard_platform("platform.system()")
    assert (uuid_version, app_name) == ("4", "emploi_local")
    assert django_version.startswith("5.2")


def test_a_bare_pytest_run_finds_the_project_package():
    """``pytest`` (not ``python -m pytest``) imports the standard module first;
    the root conftest.py swaps the project package in."""
    completed = subprocess.run(
        [
            str(settings.BASE_DIR / ".venv" / "bin" / "pytest"),
            "--collect-only",
            "-q",
            "-p",
            "no:randomly",
            "tests/platform/test_stdlib_shadow.py",
        ],
        cwd=settings.BASE_DIR,
        env={name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "test_a_bare_pytest_run_finds_the_project_package" in completed.stdout


def test_celery_command_line_loads_the_project_app():
    completed = run_from_the_repository("-m", "celery", "-A", "platform.celery", "inspect", "--help")

    assert completed.returncode == 0, completed.stderr
