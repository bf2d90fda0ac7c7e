"""Latency of a burst of key creates: BURST `POST /keys/{name}/create` requests, CONCURRENCY at a
time, each on its own keep-alive HTTPS connection. Standard library only.

usage: create_burst.py VAULT_URL CA_FILE TOKEN BURST CONCURRENCY PREFIX [BODY]
prints: p50 p99 mean min max (milliseconds) and the wall time of the whole burst
"""

import http.client
import json
import ssl
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

vault, ca, token, burst, concurrency, prefix = sys.argv[1:7]
body = sys.argv[7] if len(sys.argv) > 7 else '{"kty": "RSA", "key_size": 2048}'
burst, concurrency = int(burst), int(concurrency)
url = urlparse(vault)
context = ssl.create_default_context(cafile=ca)
latencies, lock, errors = [], threading.Lock(), []
next_index = iter(range(burst))


def worker():
    connection = http.client.HTTPSConnection(url.hostname, url.port, context=context)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    while True:
        with lock:
            index = next(next_index, None)
        if index is None:
            break
        started = time.perf_counter()
        connection.request("POST", f"/keys/{prefix}-{index}/create?api-version=7.4", body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            if response.status != 200:
                errors.append((response.status, payload[:200]))
            latencies.append(elapsed)
    connection.close()


started = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
wall = (time.perf_counter() - started) * 1000
if errors:
    sys.exit(f"{len(errors)} creates failed: {errors[:3]}")
ordered = sorted(latencies)
p99 = ordered[min(len(ordered) - 1, int(round(0.99 * len(ordered))) - 1)]
print(json.dumps({"p50": round(statistics.median(ordered), 1), "p99": round(p99, 1),
                  "mean": round(statistics.mean(ordered), 1), "min": round(ordered[0], 1),
                  "max": round(ordered[-1], 1), "wall": round(wall), "count": len(ordered)}))
