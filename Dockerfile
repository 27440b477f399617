# Production image: gunicorn serves the portal on port 8000, whitenoise serves the static files.
#
#   docker build -t regionportal .
#   docker run -p 8000:8000 -e DJANGO_SECRET_KEY=... -e DJANGO_ALLOWED_HOSTS=portal.example \
#       -e DATABASE_URL=postgres://... -e REDIS_URL=redis://... regionportal
#   docker run --rm -e ... regionportal python manage.py migrate --no-input
#
# Python 3.11 because we are pinned to Django 5.2 LTS (Django 6 needs 3.12); bookworm = Debian 12,
# the same as CI. Settings come from the environment (see regionportal/settings/production.py).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=regionportal.settings.production \
    WEB_CONCURRENCY=3

RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin portal

WORKDIR /app

# Dependencies first, in their own layer, so a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install . \
    && rm -rf build *.egg-info

# The production settings refuse to load without a secret key and host names: throwaway values
# for this one command only, never baked into the image's environment.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret DJANGO_ALLOWED_HOSTS=build.invalid \
        python manage.py collectstatic --no-input \
    && mkdir -p /app/media \
    && chown portal:portal /app/media

USER portal

EXPOSE 8000

# Healthy while gunicorn answers "/" below 500; the request carries the first allowed host name
# and the proxy's https header, so neither ALLOWED_HOSTS nor the SSL redirect gets in the way.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["python", "-c", "import http.client, os; host = (os.environ.get('DJANGO_ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.') or 'localhost').replace('*', 'localhost'); conn = http.client.HTTPConnection('127.0.0.1', 8000, timeout=4); conn.request('GET', '/', headers={'Host': host, 'X-Forwarded-Proto': 'https'}); raise SystemExit(conn.getresponse().status >= 500)"]

# Workers: WEB_CONCURRENCY (gunicorn reads it itself; default 3 above, roughly 2 per CPU + 1).
# No control socket: gunicorn 27 would otherwise create one under ~/.gunicorn.
# More options without a rebuild: GUNICORN_CMD_ARGS="--timeout 60 --max-requests 1000".
CMD ["gunicorn", "regionportal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--no-control-socket", \
     "--worker-tmp-dir", "/dev/shm", \
     "--access-logfile", "-"]
