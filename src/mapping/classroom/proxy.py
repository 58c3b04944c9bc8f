"""`./dev app --lan`: Debian's nginx in front of Streamlit, for a class on one Wi-Fi.

Streamlit serves its 1.7 MB of JavaScript and CSS uncompressed and has no setting for it. (Brotli would save a
fifth more, but browsers ask for it only over HTTPS, which a classroom's LAN address does not have.) Thirty phones
joining at once pull that through one access point. nginx compresses text (gzip), keeps the static files
(Streamlit's own, content-hashed, and ours in /app/static/) in a cache of its own, and passes the WebSocket
through. Streamlit listens on loopback only; nginx alone faces the network, and passes the Host and Origin
headers on unchanged, so Streamlit's own checks (allowed hosts, CORS) still refuse a foreign page.

The same nginx fronts several app servers on one database for a district (district.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

NGINX = "/usr/sbin/nginx"
CONFIG = """
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
daemon off;
{user}
events {{ worker_connections 4096; }}
http {{
{district}  access_log {access_log};
  server_tokens off;
  # one device cannot hold every connection, nor flood the students' API (thirty phones poll every 4 s)
  limit_conn_zone $binary_remote_addr zone=perip:1m;
  limit_req_zone $binary_remote_addr zone=api:1m rate=10r/s;
  client_header_timeout 10s;
  client_body_timeout 10s;
  keepalive_timeout 15s;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path {run}/body;
  proxy_temp_path {run}/proxy;
  fastcgi_temp_path {run}/fastcgi;
  uwsgi_temp_path {run}/uwsgi;
  scgi_temp_path {run}/scgi;
  proxy_cache_path {run}/cache levels=1:2 keys_zone=static:10m max_size=200m inactive=7d use_temp_path=off;
  gzip on;
  gzip_comp_level 9;  # Streamlit's files are compressed once, then served from the cache
  gzip_min_length 512;
  gzip_proxied any;
  gzip_vary on;
  gzip_types text/css text/plain application/javascript text/javascript application/json
             application/geo+json image/svg+xml;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  server {{
    listen {listen};
    limit_conn perip 60;
    proxy_set_header Host $http_host;
    # the device nginx saw, and nothing a client wrote: Streamlit's uvicorn takes X-Forwarded-For from a
    # loopback peer as the client's address (the join limit, and the teacher's limits, count by it)
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Real-IP $remote_addr;
    location /api/ {{
      proxy_pass http://{students};
      limit_req zone=api burst=40 nodelay;
    }}
    location /join {{
      proxy_pass http://{students};
    }}
    location /_stcore/stream {{
      proxy_pass http://{app};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;  # a location's own headers replace the server's: the Host again
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1d;
      proxy_buffering off;
    }}
    location ~ ^/(static|app/static)/ {{
      proxy_pass http://{students};
      proxy_cache static;
      proxy_cache_valid 200 1d;
      proxy_cache_lock on;
      add_header X-Cache $upstream_cache_status;
    }}
    location / {{
      proxy_pass http://{app};
    }}
  }}
}}
"""

# Several app servers (`python -m mapping district`). A teacher's Streamlit session lives in one process (its
# WebSocket, its download files), so Streamlit's requests from one device stay on one server; a student's page
# keeps nothing but the database, so each of its requests goes to any (at random: round robin fell in step with
# a page's own rhythm and sent every reading to one server). A server that stops is skipped: its teachers' pages
# reconnect to another, its students' next requests go there.
DISTRICT = """  upstream app {{ hash $remote_addr consistent;{servers} }}
  upstream students {{ random;{servers} }}
  # a loopback client's X-Real-IP is its device, as the app servers take it (student_api.client): a process on
  # this machine could speak to them directly anyway
  set_real_ip_from 127.0.0.1;
  real_ip_header X-Real-IP;
  # which server answered what, and no client's address; a student's page asking for news every 4 s is left out
  map "$request_method $uri $status" $logged {{ "~^GET /api/class/\\w+ 200$" 0; default 1; }}
  log_format district '$msec $upstream_addr $status $request_method $uri';
"""


def config(run: Path, listen: str, upstream: int | list[int]) -> str:
    # as root, nginx's workers drop to www-data (Debian's), which must own the run folder
    user = "user www-data;" if os.geteuid() == 0 else ""
    if isinstance(upstream, int):  # ./dev app --lan: one Streamlit
        one = f"127.0.0.1:{upstream}"
        return CONFIG.format(run=run, listen=listen, user=user, district="", access_log="off", app=one, students=one)
    servers = "".join(f" server 127.0.0.1:{port};" for port in upstream)
    return CONFIG.format(
        run=run, listen=listen, user=user, district=DISTRICT.format(servers=servers),
        access_log=f"{run}/access.log district if=$logged", app="app", students="students",
    )  # fmt: skip


def start(run: Path, listen: str, upstream: int | list[int]) -> subprocess.Popen:
    """nginx in the foreground, with its configuration and temporary files in `run`, in front of one Streamlit
    (its port) or several (a list of ports)."""
    if not Path(NGINX).exists():
        raise RuntimeError(f"{NGINX} is missing: install Debian's nginx (./dev app --lan does)")
    run.mkdir(parents=True, exist_ok=True)
    (run / "nginx.conf").write_text(config(run, listen, upstream), encoding="utf-8")
    if os.geteuid() == 0:
        shutil.chown(run, "www-data", "www-data")
        closed = [p for p in run.resolve().parents if not p.stat().st_mode & 0o001]
        if closed:  # a folder only root may enter (/tmp's own folders, a 0700 temporary folder)
            raise RuntimeError(f"nginx's workers (www-data) cannot reach {run}: {closed[0]} is closed to them")
    check = subprocess.run([NGINX, "-t", "-q", "-p", str(run), "-c", str(run / "nginx.conf")],
                           capture_output=True, text=True)  # fmt: skip
    if check.returncode:
        raise RuntimeError(f"nginx refused its configuration: {check.stderr.strip()}")
    return subprocess.Popen([NGINX, "-p", str(run), "-c", str(run / "nginx.conf")])


def wait_for(url: str, timeout: float = 60) -> None:
    """Return once a Streamlit server (or nginx in front of one) answers its health check."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"nothing answered at {url}")


def streamlit_args(address: str, port: int) -> list[str]:
    """Streamlit's options behind nginx: students open http://address:port (nginx's), and only that Host
    (or this machine's own names) may open a session."""
    return [
        "--browser.serverAddress", address, "--browser.serverPort", str(port),
        "--server.allowedHosts", "localhost", "--server.allowedHosts", "127.0.0.1", "--server.allowedHosts", address,
    ]  # fmt: skip


def streamlit_command(app: Path, upstream: int, address: str, port: int, extra: list[str]) -> list[str]:
    """`streamlit run` on loopback port `upstream`, behind nginx at address:port."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app), "--server.address", "127.0.0.1",
        "--server.port", str(upstream), *streamlit_args(address, port), *extra,
    ]  # fmt: skip


def serve_lan(address: str, port: int, app: Path, extra: list[str]) -> int:
    """Streamlit on loopback (port + 1), nginx on every interface (port); both stop together."""
    upstream = port + 1
    streamlit = streamlit_command(app, upstream, address, port, extra)
    run = Path(os.environ.get("TELEGRAM_MAP_DATA", app.parent / "classdata")) / "proxy"
    procs = [subprocess.Popen(streamlit, cwd=app.parent)]
    try:
        wait_for(f"http://127.0.0.1:{upstream}")
        procs.append(start(run, f"0.0.0.0:{port}", upstream))
        print(f"serving the class at http://{address}:{port}/ (nginx, compressed) -> Streamlit on loopback",
              file=sys.stderr)  # fmt: skip
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        return 1  # one of them stopped on its own
    except KeyboardInterrupt:
        return 0
    finally:
        stop_all(procs)


def stop_all(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
