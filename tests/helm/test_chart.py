"""The Helm chart (helm/emploi-local), rendered by Helm's engine and checked against the
Kubernetes schemas and the deployment rules of the platform. No cluster, no database."""

import re

import kubernetes_validate
import pytest

from tests.helm.chart import (
    KUBERNETES_VERSION,
    RELEASE,
    REPOSITORY,
    RenderError,
    container,
    containers,
    default_values,
    deployment,
    hook_annotations,
    lint,
    migrations_job,
    of_kind,
    one,
    pod_spec,
    render,
    workloads,
)

SECRET_KEYS = {
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_SECRET_KEY",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "SENTRY_DSN",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
}
# Placeholders, as a private values file would give them at install time.
CREATED_SECRETS = {
    "secrets": {
        "existingSecret": "",
        "values": {
            "DATABASE_URL": "postgres://app:placeholder@db:5432/emploi_local",
            "REDIS_URL": "redis://redis:6379/0",
            "DJANGO_SECRET_KEY": "placeholder",
            "STRIPE_SECRET_KEY": "placeholder",
        },
    }
}
CUSTOM_DOMAINS = {
    "ingress": {
        "territories": [
            {"name": "hauts-de-flandre", "domains": ["emploi.hautsdeflandre.fr", "jobs.hautsdeflandre.fr"]},
            {"name": "coeur-de-flandre", "domains": ["emploi.coeurdeflandre.fr"], "tlsSecretName": "cdf-tls"},
        ]
    }
}
EVERY_OPTION = {
    **CREATED_SECRETS,
    **CUSTOM_DOMAINS,
    "imagePullSecrets": [{"name": "registry"}],
    "config": {"extraEnv": {"SENTRY_ENVIRONMENT": "staging"}, "email": {"host": "smtp.example.org"}},
    "web": {"autoscaling": {"enabled": False}, "podDisruptionBudget": {"enabled": False}},
    "worker": {"autoscaling": {"enabled": False}},
    "media": {"storageClass": "nfs-client"},
    "nodeSelector": {"kubernetes.io/os": "linux"},
    "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "emploi", "effect": "NoSchedule"}],
    "podAnnotations": {"prometheus.io/scrape": "false"},
}


@pytest.fixture(scope="module")
def manifests():
    return render()


@pytest.fixture(scope="module")
def with_every_option():
    return render(EVERY_OPTION)


# --- Valid Kubernetes, valid Helm ----------------------------------------------------------


@pytest.mark.parametrize("values", [None, EVERY_OPTION, {"media": {"existingClaim": "media"}}])
def test_every_manifest_is_valid_against_the_kubernetes_schemas(values):
    for item in render(values):
        try:
            kubernetes_validate.validate(item, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            location = ".".join(str(part) for part in error.path)
            pytest.fail(f"{item['kind']}/{item['metadata']['name']} at {location}: {error.message}")


def test_the_chart_passes_helm_lint_in_strict_mode():
    report = lint()
    assert report["errors"] == []
    assert [message for message in report["messages"] if message["severity"] >= 2] == []


def test_the_chart_renders_a_deployment_for_web_worker_and_beat(manifests):
    assert set(of_kind(manifests, "Deployment")) == {f"{RELEASE}-web", f"{RELEASE}-worker", f"{RELEASE}-beat"}


# --- values.schema.json --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "complaint"),
    [
        ({"web": {"replicas": "two"}}, "/web/replicas"),
        ({"worker": {"replicas": 0}}, "/worker/replicas"),
        ({"image": {"repository": None}}, "repository"),  # null removes a default in Helm
        ({"image": {"tag": 1.1}}, "/image/tag"),  # unquoted, 1.10 would become 1.1
        ({"web": {"replica": 3}}, "replica"),  # a typo is an error, not a silent default
        ({"beat": {"replicas": 2}}, "replicas"),
        ({"worker": {"terminationGracePeriodSeconds": 30}}, "/worker/terminationGracePeriodSeconds"),
        ({"ingress": {"territories": [{"name": "cchf", "domains": []}]}}, "/ingress/territories/0/domains"),
    ],
)
def test_invalid_values_fail_rendering_through_the_values_schema(values, complaint):
    with pytest.raises(RenderError, match="schema") as refusal:
        render(values)
    assert complaint in str(refusal.value)


def test_beat_replicas_cannot_be_configured():
    assert "replicas" not in default_values()["beat"]
    with pytest.raises(RenderError, match="additional properties 'replicas' not allowed"):
        render({"beat": {"replicas": 2}})


# --- Workloads -----------------------------------------------------------------------------


def test_beat_runs_exactly_one_replica_replaced_with_the_recreate_strategy(manifests):
    beat = deployment(manifests, "beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert "beat" in container(beat, "beat")["command"]
    assert RELEASE + "-beat" not in of_kind(manifests, "HorizontalPodAutoscaler")


def test_web_runs_gunicorn_probed_on_healthz_for_liveness_and_readyz_for_readiness(manifests):
    web = container(deployment(manifests, "web"), "web")
    assert web["command"][:4] == ["python", "-m", "gunicorn", "platform.wsgi:application"]
    assert web["ports"] == [{"name": "http", "containerPort": 8000, "protocol": "TCP"}]
    assert web["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert web["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert web["startupProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}


def test_web_workers_come_from_values(manifests):
    web = container(deployment(render({"web": {"gunicornWorkers": 5}}), "web"), "web")
    assert {"name": "WEB_CONCURRENCY", "value": "5"} in web["env"]


def test_the_worker_runs_celery_with_the_platform_app(manifests):
    command = container(deployment(manifests, "worker"), "worker")["command"]
    assert command[:6] == ["python", "-m", "celery", "-A", "platform.celery", "worker"]


def _time_limits(command: list[str]) -> tuple[int, int]:
    options = dict(argument.removeprefix("--").split("=", 1) for argument in command if "=" in argument)
    return int(options["soft-time-limit"]), int(options["time-limit"])


@pytest.mark.parametrize("grace", [None, 120, 900])
def test_the_worker_grace_period_outlasts_its_task_time_limits(grace):
    values = {"worker": {"terminationGracePeriodSeconds": grace}} if grace else None
    worker = deployment(render(values), "worker")
    period = pod_spec(worker)["terminationGracePeriodSeconds"]
    soft, hard = _time_limits(container(worker, "worker")["command"])
    assert period == (grace or 300)
    assert 0 < soft < hard < period


def test_every_workload_runs_the_same_image_and_tag(manifests):
    images = {item["image"] for workload in workloads(manifests) for item in containers(workload)}
    assert images == {"registry.emploi-local.fr/emploi-local:0.1.0"}


def test_a_new_image_tag_reaches_every_workload_including_the_migrations():
    rendered = render({"image": {"tag": "2026.11.3"}})
    for workload in workloads(rendered):
        for item in containers(workload):
            assert item["image"].endswith(":2026.11.3"), f"{workload['metadata']['name']}/{item['name']}"


def test_every_pod_runs_as_the_image_user_without_privileges(with_every_option):
    for workload in workloads(with_every_option):
        name = workload["metadata"]["name"]
        pod = pod_spec(workload)
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] == 10001, name
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert pod["automountServiceAccountToken"] is False, name
        for item in containers(workload):
            context = item["securityContext"]
            assert context["runAsNonRoot"] is True, item["name"]
            assert context["allowPrivilegeEscalation"] is False, item["name"]
            assert context["readOnlyRootFilesystem"] is True, item["name"]
            assert context["capabilities"] == {"drop": ["ALL"]}, item["name"]
            assert context["seccompProfile"] == {"type": "RuntimeDefault"}, item["name"]


def test_every_pod_writes_its_temporary_files_to_an_empty_dir_at_tmp(manifests):
    for workload in workloads(manifests):
        volumes = {volume["name"]: volume for volume in pod_spec(workload)["volumes"]}
        assert "emptyDir" in volumes["tmp"], workload["metadata"]["name"]
        for item in containers(workload):
            assert {"name": "tmp", "mountPath": "/tmp"} in item["volumeMounts"], item["name"]


def test_every_container_requests_cpu_and_memory_and_caps_memory(manifests):
    for workload in workloads(manifests):
        for item in containers(workload):
            assert set(item["resources"]["requests"]) == {"cpu", "memory"}, item["name"]
            assert "memory" in item["resources"]["limits"], item["name"]


def test_pods_roll_when_a_setting_changes(manifests):
    before = deployment(manifests, "web")["spec"]["template"]["metadata"]["annotations"]["checksum/config"]
    changed = render({"config": {"logLevel": "DEBUG"}})
    after = deployment(changed, "web")["spec"]["template"]["metadata"]["annotations"]["checksum/config"]
    assert before != after


# --- Migrations hook -----------------------------------------------------------------------


def test_migrations_job_is_a_pre_install_and_pre_upgrade_hook_replaced_on_each_run(manifests):
    assert hook_annotations(migrations_job(manifests)) == {
        "helm.sh/hook": "pre-install,pre-upgrade",
        "helm.sh/hook-weight": "0",
        "helm.sh/hook-delete-policy": "before-hook-creation",
    }


def test_migrations_migrate_the_shared_schema_then_every_territory_in_parallel_then_init_platform(manifests):
    steps = [item["command"] for item in containers(migrations_job(manifests))]
    assert steps == [
        ["python", "manage.py", "migrate_schemas", "--shared"],
        ["python", "manage.py", "migrate_schemas", "--tenant", "--executor=multiprocessing"],
        ["python", "manage.py", "init_platform"],
    ]
    assert pod_spec(migrations_job(manifests))["restartPolicy"] == "Never"


def test_migrations_deadline_and_processes_come_from_values():
    job = migrations_job(render({"migrations": {"activeDeadlineSeconds": 3600, "processes": 4}}))
    assert job["spec"]["activeDeadlineSeconds"] == 3600
    assert {"name": "MIGRATION_PROCESSES", "value": "4"} in container(job, "migrate-tenants")["env"]


def test_migrations_do_not_mount_the_media_volume_which_does_not_exist_before_a_first_install(manifests):
    assert all(volume["name"] != "media" for volume in pod_spec(migrations_job(manifests))["volumes"])


@pytest.mark.parametrize("values", [None, CREATED_SECRETS])
def test_what_the_migrations_read_is_created_by_earlier_hooks_so_a_first_install_works(values):
    rendered = render(values)
    job = migrations_job(rendered)
    job_weight = int(hook_annotations(job)["helm.sh/hook-weight"])
    created = {**of_kind(rendered, "ConfigMap"), **of_kind(rendered, "Secret")}
    for source in containers(job)[0]["envFrom"]:
        reference = source.get("configMapRef") or source["secretRef"]
        if values is None and "secretRef" in source:
            assert reference["name"] == default_values()["secrets"]["existingSecret"]
            continue
        hook = hook_annotations(created[reference["name"]])
        assert hook["helm.sh/hook"] == hook_annotations(job)["helm.sh/hook"]
        assert hook["helm.sh/hook-delete-policy"] == "before-hook-creation"
        assert int(hook["helm.sh/hook-weight"]) < job_weight


def test_every_workload_reads_the_same_settings_and_secrets(with_every_option):
    sources = {str(item["envFrom"]) for workload in workloads(with_every_option) for item in containers(workload)}
    assert sources == {
        str(
            [
                {"configMapRef": {"name": f"{RELEASE}-config"}},
                {"secretRef": {"name": f"{RELEASE}-secrets"}},
            ]
        )
    }


# --- Settings and secrets ------------------------------------------------------------------

SECRET_LOOKING = [
    re.compile(r"://[^/\s:@]+:[^/\s@]+@"),  # credentials in a URL
    re.compile(r"\b(sk|rk|pk)_(live|test)_\w+"),  # Stripe keys
    re.compile(r"\bwhsec_\w+"),  # Stripe webhook secret
    re.compile(r"https://\w+@[\w.]*sentry"),  # Sentry DSN
]


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, str(index)))
    else:
        yield path, node


def test_the_default_values_hold_no_secret():
    values = default_values()
    assert values["secrets"]["values"] == {}
    for path, value in _leaves(values):
        assert not (path[-1] in SECRET_KEYS and value), f"{'.'.join(path)} holds a secret"
        for pattern in SECRET_LOOKING:
            assert not pattern.search(str(value)), f"{'.'.join(path)} looks like a secret"
    text = (REPOSITORY / "helm" / "emploi-local" / "values.yaml").read_text()
    assert not any(pattern.search(text) for pattern in SECRET_LOOKING)


def test_by_default_secrets_come_from_an_existing_secret_and_the_chart_creates_none(manifests):
    assert of_kind(manifests, "Secret") == {}
    web = container(deployment(manifests, "web"), "web")
    assert {"secretRef": {"name": default_values()["secrets"]["existingSecret"]}} in web["envFrom"]


def test_without_an_existing_secret_the_chart_creates_one_from_the_values_given():
    secret = one(render(CREATED_SECRETS), "Secret", f"{RELEASE}-secrets")
    assert secret["stringData"] == CREATED_SECRETS["secrets"]["values"]


def test_creating_the_secret_requires_the_database_the_broker_and_the_django_key():
    with pytest.raises(RenderError, match="DATABASE_URL") as refusal:
        render({"secrets": {"existingSecret": "", "values": {"SENTRY_DSN": "placeholder"}}})
    assert "REDIS_URL" in str(refusal.value)
    assert "DJANGO_SECRET_KEY" in str(refusal.value)


def test_secret_values_accept_only_the_known_variables():
    values = {"secrets": {"existingSecret": "", "values": {**CREATED_SECRETS["secrets"]["values"], "DATABSE_URL": "x"}}}
    with pytest.raises(RenderError, match="DATABSE_URL"):
        render(values)


def test_the_configmap_runs_django_in_production_and_holds_no_secret(manifests):
    config = one(manifests, "ConfigMap", f"{RELEASE}-config")["data"]
    assert config["DJANGO_ENV"] == "production"
    assert config["MEDIA_ROOT"] == default_values()["media"]["mountPath"]
    assert not SECRET_KEYS & set(config)


def _settings_table_variables() -> set[str]:
    """Variable names of the table at the top of platform/settings.py (several per row allowed)."""
    docstring = (REPOSITORY / "platform" / "settings.py").read_text().split('"""')[1]
    names = set()
    for line in docstring.splitlines():
        if line.startswith("| ") and not line.startswith("| variable"):
            names.update(re.findall(r"\b[A-Z][A-Z0-9_]+\b", line.split("|")[1]))
    return names


# Left to the settings' defaults on purpose.
NOT_SET_BY_THE_CHART = {
    "DJANGO_DEBUG": "never in production",
    "EMAIL_BACKEND": "SMTP, the production default",
    "STRIPE_API_BASE": "Stripe's own API; only the tests point it elsewhere",
}


def test_every_variable_of_the_settings_table_is_set_by_the_chart_or_knowingly_left_out(manifests):
    config = set(one(manifests, "ConfigMap", f"{RELEASE}-config")["data"])
    missing = _settings_table_variables() - config - SECRET_KEYS - set(NOT_SET_BY_THE_CHART)
    assert not missing, f"platform/settings.py reads {sorted(missing)}: add them to the chart (or to the exceptions)"


# --- Scaling and disruptions ---------------------------------------------------------------


def test_web_and_worker_autoscale_and_the_autoscalers_target_deployments_of_the_chart(manifests):
    deployments = of_kind(manifests, "Deployment")
    autoscalers = of_kind(manifests, "HorizontalPodAutoscaler")
    assert set(autoscalers) == {f"{RELEASE}-web", f"{RELEASE}-worker"}
    for autoscaler in autoscalers.values():
        target = autoscaler["spec"]["scaleTargetRef"]
        assert (target["apiVersion"], target["kind"]) == ("apps/v1", "Deployment")
        assert target["name"] in deployments
        assert 1 <= autoscaler["spec"]["minReplicas"] <= autoscaler["spec"]["maxReplicas"]
        # The autoscaler owns the count: an upgrade must not reset it.
        assert "replicas" not in deployments[target["name"]]["spec"]


def test_without_autoscaling_the_deployments_keep_their_replicas(with_every_option):
    assert of_kind(with_every_option, "HorizontalPodAutoscaler") == {}
    assert deployment(with_every_option, "web")["spec"]["replicas"] == default_values()["web"]["replicas"]
    assert deployment(with_every_option, "worker")["spec"]["replicas"] == default_values()["worker"]["replicas"]


def test_disruption_budgets_select_the_web_and_worker_pods(manifests):
    budgets = of_kind(manifests, "PodDisruptionBudget")
    assert set(budgets) == {f"{RELEASE}-web", f"{RELEASE}-worker"}
    for name, budget in budgets.items():
        pod_labels = of_kind(manifests, "Deployment")[name]["spec"]["template"]["metadata"]["labels"]
        assert budget["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
        assert budget["spec"]["maxUnavailable"] >= 1


def test_the_service_sends_traffic_to_the_web_pods_port(manifests):
    service = one(manifests, "Service", f"{RELEASE}-web")
    pod_labels = deployment(manifests, "web")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert service["spec"]["ports"][0]["targetPort"] == "http"


# --- Media ---------------------------------------------------------------------------------


def test_media_files_are_on_a_read_write_many_volume_mounted_at_media_root_in_web_and_worker(manifests):
    claim = one(manifests, "PersistentVolumeClaim", f"{RELEASE}-media")
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    assert claim["metadata"]["annotations"]["helm.sh/resource-policy"] == "keep"
    media_root = one(manifests, "ConfigMap", f"{RELEASE}-config")["data"]["MEDIA_ROOT"]
    for component in ("web", "worker"):
        workload = deployment(manifests, component)
        assert {"name": "media", "mountPath": media_root} in container(workload, component)["volumeMounts"]
        assert {"name": "media", "persistentVolumeClaim": {"claimName": claim["metadata"]["name"]}} in pod_spec(
            workload
        )["volumes"]


def test_the_media_storage_class_is_configurable(manifests, with_every_option):
    assert "storageClassName" not in one(manifests, "PersistentVolumeClaim", f"{RELEASE}-media")["spec"]
    claim = one(with_every_option, "PersistentVolumeClaim", f"{RELEASE}-media")
    assert claim["spec"]["storageClassName"] == "nfs-client"


def test_an_existing_media_claim_replaces_the_charts():
    rendered = render({"media": {"existingClaim": "shared-media"}})
    assert of_kind(rendered, "PersistentVolumeClaim") == {}
    volumes = pod_spec(deployment(rendered, "web"))["volumes"]
    assert {"name": "media", "persistentVolumeClaim": {"claimName": "shared-media"}} in volumes


# --- Ingress -------------------------------------------------------------------------------


def _ingress_hosts(ingress: dict) -> list[str]:
    return [rule["host"] for rule in ingress["spec"]["rules"]]


def test_the_ingress_serves_the_provider_domain_and_every_territory_subdomain_over_tls(manifests):
    ingress = one(manifests, "Ingress", RELEASE)
    assert _ingress_hosts(ingress) == ["emploi-local.fr", "*.emploi-local.fr"]
    assert ingress["spec"]["tls"] == [
        {"hosts": ["emploi-local.fr", "*.emploi-local.fr"], "secretName": "emploi-local-wildcard-tls"}
    ]


def test_custom_domains_of_territories_are_added_with_their_certificates():
    ingress = one(render(CUSTOM_DOMAINS), "Ingress", RELEASE)
    assert _ingress_hosts(ingress) == [
        "emploi-local.fr",
        "*.emploi-local.fr",
        "emploi.hautsdeflandre.fr",
        "jobs.hautsdeflandre.fr",
        "emploi.coeurdeflandre.fr",
    ]
    assert ingress["spec"]["tls"][1:] == [
        {
            "hosts": ["emploi.hautsdeflandre.fr", "jobs.hautsdeflandre.fr"],
            "secretName": f"{RELEASE}-hauts-de-flandre-tls",
        },
        {"hosts": ["emploi.coeurdeflandre.fr"], "secretName": "cdf-tls"},
    ]


def test_every_host_is_served_by_the_web_service_and_uploaded_files_have_no_public_path(with_every_option):
    ingress = one(with_every_option, "Ingress", RELEASE)
    for rule in ingress["spec"]["rules"]:
        assert rule["http"]["paths"] == [
            {
                "path": "/",
                "pathType": "Prefix",
                "backend": {"service": {"name": f"{RELEASE}-web", "port": {"name": "http"}}},
            }
        ], rule["host"]
    assert "media" not in str(ingress).lower()


def test_the_ingress_can_be_left_out():
    assert of_kind(render({"ingress": {"enabled": False}}), "Ingress") == {}
