"""Figures for the foundation: demo load time, page times on the demo data, access probes, checks.

Run: .venv/bin/python benchmarks/foundation.py   (takes about a minute; uses a temporary SQLite file)
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def main() -> None:
    var = tempfile.mkdtemp(prefix="kokybe-bench-")
    env = {**os.environ, "KOKYBE_VAR_DIR": var, "KOKYBE_DEMO_RELAX_MFA": "1", "DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
    timings = []
    for _ in range(2):
        started = time.monotonic()
        run(PYTHON, "manage.py", "demo", env=env)
        timings.append(time.monotonic() - started)
    print(f"demo load (fresh database, incl. interpreter start): {timings[0]:.1f} s")
    print(f"demo load (second, idempotent run):               {timings[1]:.1f} s")

    os.environ.update(env)
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "kokybe.settings"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kokybe.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="koordinatorius@klaipeda.example"))
    for path in ["/m/klaipeda/", "/m/klaipeda/institutions/", "/m/klaipeda/manage/people/", "/m/klaipeda/audit/"]:
        samples = []
        for _ in range(30):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        median, p90 = statistics.median(samples), sorted(samples)[26]
        print(f"GET {path:32} median {median:5.1f} ms, p90 {p90:5.1f} ms, {len(queries)} queries")

    deploy = run(
        PYTHON,
        "manage.py",
        "check",
        "--deploy",
        env={
            **os.environ,
            "KOKYBE_ENV": "production",
            "SECRET_KEY": "b" * 20 + "x7Q!" * 10,
            "DATABASE_URL": "postgres://kokybe@localhost/kokybe",
            "ALLOWED_HOSTS": "kokybe.example",
            "DEBUG": "0",
            "KOKYBE_DEMO_RELAX_MFA": "",
        },
    )
    warnings = deploy.stdout.count("WARNINGS") + deploy.stderr.count("?: (")
    print(f"check --deploy with production settings: {warnings} warnings ({deploy.stdout.strip().splitlines()[-1]})")

    probes = run(PYTHON, "-m", "pytest", "-q", "src/kokybe/core/tests/test_access_probes.py", env={**os.environ})
    print(f"access probes (every tenant URL x persona): {probes.stdout.strip().splitlines()[-1]}")
    collected = run(PYTHON, "-m", "pytest", "--collect-only", "-q")
    print(f"tests in the suite: {collected.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
