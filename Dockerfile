# One image for every process of Emploi Local: web (gunicorn), Celery worker and beat, and
# the migrations Job (helm/emploi-local runs each with its own command).

# --- builder: the pinned dependencies in a venv, copied whole into the runtime stage -------
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /src
# Only what pip needs: code changes then reuse this layer.
COPY pyproject.toml constraints.txt ./
# No dev extras: no test runner, linter or browser driver in production.
RUN /opt/venv/bin/pip install -c constraints.txt .

# --- runtime ------------------------------------------------------------------------------
FROM python:3.11-slim
# The same uid as the chart's securityContext (runAsUser: 10001).
RUN groupadd --gid 10001 app \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    DJANGO_ENV=production \
    MEDIA_ROOT=/var/lib/emploi-local/media \
    WEB_CONCURRENCY=2
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# Owned by root: the application cannot modify its own code.
COPY . .
# Static files are hashed and compressed once, here; whitenoise serves them. Production
# settings refuse to load without a secret key and would start the embedded PostgreSQL
# without a database URL: both are throwaway values that exist in this command only.
RUN DJANGO_SECRET_KEY=build-only-collectstatic-not-a-secret \
    DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput --verbosity=0 \
 && python -m compileall -q platform tenants shared_apps tenant_apps
# The chart mounts the media volume here; without it (docker run) uploads stay in the container.
RUN mkdir -p /var/lib/emploi-local/media && chown 10001:10001 /var/lib/emploi-local/media
USER 10001:10001
EXPOSE 8000
# Workers from WEB_CONCURRENCY (gunicorn's own variable). No control socket: it would be
# written to $HOME, and the chart's root filesystem is read-only. Requests come through the
# ingress, which terminates TLS: its X-Forwarded-Proto tells Django the request was https
# (CSRF origin checks compare schemes).
CMD ["python", "-m", "gunicorn", "platform.wsgi:application", "--bind=0.0.0.0:8000", "--forwarded-allow-ips=*", "--no-control-socket", "--access-logfile=-"]
