FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint's libraries and fonts that have the Kazakh letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install -r requirements.lock
COPY . .
RUN DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && useradd --system --home /app register
USER register

EXPOSE 8000
# Sync workers, behind the buffering proxy of docker-compose.yml (deploy/nginx.conf): nginx
# reads each request whole and takes each response whole, so a slow client holds an nginx
# connection, never one of these workers. Do not publish this port to clients directly.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", \
     "--graceful-timeout", "30", "--keep-alive", "5", "--access-logfile", "-"]
