#!/usr/bin/env python3
"""Lambda figures without an AWS account, on the package deploy/package.sh built:

  cold start  process start -> first answered invocation (a GET /healthz event), medians of --runs starts,
              with the local engine and with the Rekognition engine (pointed at a Rekognition-compatible endpoint);
  warm scan   POST /attendance (multipart dev photo, one person enrolled) through the Lambda bridge (payload 2.0
              events from a stand-in Runtime API) against the same build under Kestrel, sequential, in one run.

LAMBDA_PACKAGE=<folder> measures another build (e.g. one published without ReadyToRun). Both use PostgreSQL on 127.0.0.1:5432 (tools/postgres.sh), as the function does. Usage:
  bash deploy/package.sh x86_64 && python3 tools/lambda-bench.py --faces ../shared/faces/dev [--runs 5] [--scans 100]
"""
import argparse, base64, http.client, http.server, json, os, queue, shutil, socket, statistics, subprocess, tempfile, threading, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.environ.get("LAMBDA_PACKAGE", os.path.join(ROOT, "artifacts", "lambda", "package"))
API_KEY = "lambda-bench-api-key-0123"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Runtime:
    """The Lambda Runtime API: /next hands out queued events, /response and /error complete them."""

    def __init__(self):
        self.events, self.answers, self.started = queue.Queue(), {}, {}
        runtime = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                request_id, body = runtime.events.get()
                runtime.started[request_id] = time.perf_counter()
                self.send_response(200)
                self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
                self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30000))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                parts = self.path.split("/")
                if "invocation" in parts:
                    request_id = parts[parts.index("invocation") + 1]
                    runtime.answers[request_id].put((time.perf_counter(), parts[-1], body))
                self.send_response(202)
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.address = f"127.0.0.1:{self.server.server_address[1]}"

    def invoke(self, event, timeout=120):
        request_id = str(uuid.uuid4())
        self.answers[request_id] = queue.Queue()
        self.events.put((request_id, json.dumps(event).encode()))
        finished, kind, body = self.answers[request_id].get(timeout=timeout)
        return finished, kind, json.loads(body), finished - self.started[request_id]


def http_event(method, path, headers=None, body=None):
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    headers.setdefault("x-forwarded-proto", "https")
    headers.setdefault("host", "bench.execute-api.eu-west-1.amazonaws.com")  # API Gateway always sends it; pairing URLs are built on it
    event = {"version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": "", "headers": headers,
             "requestContext": {"http": {"method": method, "path": path, "sourceIp": "203.0.113.7"}, "stage": "$default",
                                "requestId": str(uuid.uuid4())}, "isBase64Encoded": body is not None}
    if body is not None:
        event["body"] = base64.b64encode(body).decode()
    return event


def multipart(photo):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"scan.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + photo + f"\r\n--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def pair(request):
    """Pairs a kiosk through the admin API of one host, request(method, path, headers, body) -> (status, body):
    answers the Authorization header its kiosk requests send."""
    headers = {"X-Api-Key": API_KEY, "Content-Type": "application/json"}
    status, body = request("POST", "/api/kiosks", headers, json.dumps({"name": "Load test", "site": "Bench"}).encode())
    assert status == 201, body
    status, body = request("POST", f"/api/kiosks/{json.loads(body)['kiosk']['id']}/token", headers, b"{}")
    assert status == 200, body
    return {"Authorization": f"Bearer {json.loads(body)['token']}"}


def database(name):
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
                       env={**os.environ, "PGPASSWORD": "postgres"}, check=True, capture_output=True)
    return f"Host=127.0.0.1;Port=5432;Database={name};Username=postgres;Password=postgres"


def settings(data_dir, db, extra=None):
    # the per-kiosk limits are lifted so that a long --scans run is not throttled (a scan every few ms from one kiosk)
    env = {**os.environ, "FaceAttendance__DataDir": data_dir, "FaceAttendance__Database__Provider": "Postgres",
           "ConnectionStrings__Attendance": db, "FaceAttendance__KeyRingKey": base64.b64encode(b"k" * 32).decode(),
           "FaceAttendance__Admin__ApiKey": API_KEY, "FaceAttendance__Admin__Password": "lambda-bench-password",
           "FaceAttendance__Uploads__MaxBytes": "4194304", "ASPNETCORE_ENVIRONMENT": "Production",
           "FaceAttendance__Kiosk__RequestsPerMinute": "0", "FaceAttendance__Kiosk__UploadsPerHour": "1000000"}
    env.update(extra or {})
    return env


def cold_start(env, runtime):
    """Seconds from spawning the process to the first answered invocation."""
    started = time.perf_counter()
    process = subprocess.Popen([os.path.join(PACKAGE, "FaceAttendance.Web")], cwd=PACKAGE, env={**env, "AWS_LAMBDA_RUNTIME_API": runtime.address},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    finished, kind, answer, _ = runtime.invoke(http_event("GET", "/healthz"))
    if kind != "response" or answer["statusCode"] != 200:
        raise SystemExit(f"first invocation failed: {kind} {answer}")
    return process, finished - started


def kestrel(env, port):
    process = subprocess.Popen([os.path.join(PACKAGE, "FaceAttendance.Web"), "--urls", f"http://127.0.0.1:{port}"], cwd=PACKAGE, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("Kestrel did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faces", default=os.path.join(ROOT, "..", "shared", "faces", "dev"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scans", type=int, default=100)
    args = parser.parse_args()
    if not os.path.exists(os.path.join(PACKAGE, "bootstrap")):
        raise SystemExit("no package: run deploy/package.sh first")
    person = os.path.join(args.faces, "Al_Sharpton")
    photos = [open(os.path.join(person, f), "rb").read() for f in sorted(os.listdir(person))]
    work = tempfile.mkdtemp(prefix="fa-lambda-bench-")
    results = {}
    try:
        # the Rekognition engine needs an endpoint: this build under Kestrel, serving Rekognition's API on its engine
        endpoint_port = free_port()
        endpoint = kestrel(settings(os.path.join(work, "endpoint"), database("bench_endpoint"), {
            "FaceAttendance__RekognitionEndpoint__Enabled": "true",
            "FaceAttendance__RekognitionEndpoint__AccessKeys__0__AccessKeyId": "AKIDLAMBDABENCH",
            "FaceAttendance__RekognitionEndpoint__AccessKeys__0__SecretAccessKey": "lambda-bench-secret"}), endpoint_port)
        rekognition = {"FaceAttendance__Engine__Provider": "Rekognition",
                       "FaceAttendance__Engine__Rekognition__ServiceUrl": f"http://127.0.0.1:{endpoint_port}/rekognition",
                       "FaceAttendance__Engine__Rekognition__Region": "eu-west-1",
                       "FaceAttendance__Engine__Rekognition__AccessKeyId": "AKIDLAMBDABENCH",
                       "FaceAttendance__Engine__Rekognition__SecretAccessKey": "lambda-bench-secret"}
        for mode, extra in (("local", {}), ("rekognition", rekognition)):
            env = settings(os.path.join(work, mode), database(f"bench_{mode}"), extra)
            times = []
            for run in range(args.runs + 1):  # the first start migrates the database: reported apart
                runtime = Runtime()
                process, seconds = cold_start(env, runtime)
                process.kill(); process.wait(); runtime.server.shutdown()
                times.append(seconds)
                shutil.rmtree(os.path.join(work, mode), ignore_errors=True)
            results[f"coldStart_{mode}_firstEverMs"] = round(times[0] * 1000)
            results[f"coldStart_{mode}_medianMs"] = round(statistics.median(times[1:]) * 1000)
            results[f"coldStart_{mode}_runsMs"] = [round(t * 1000) for t in times[1:]]
        endpoint.kill(); endpoint.wait()

        # warm POST /attendance, local engine: the same database and person for both hosts, alternating
        db = database("bench_warm")
        env = settings(os.path.join(work, "warm"), db)
        runtime = Runtime()
        lambda_process, _ = cold_start(env, runtime)
        headers = {"X-Api-Key": API_KEY, "Content-Type": "application/json"}
        _, _, created, _ = runtime.invoke(http_event("POST", "/api/people", headers, json.dumps(
            {"employeeId": "E1", "name": "Al Sharpton", "consent": True}).encode()))
        person_id = json.loads(created["body"])["id"]
        for photo in photos[:3]:
            content_type, body = multipart(photo)
            runtime.invoke(http_event("POST", f"/api/people/{person_id}/faces", {"X-Api-Key": API_KEY, "Content-Type": content_type}, body))
        lambda_process.kill(); lambda_process.wait(); runtime.server.shutdown()
        shutil.rmtree(os.path.join(work, "warm"), ignore_errors=True)
        runtime = Runtime()
        lambda_process, _ = cold_start(env, runtime)
        port = free_port()
        kestrel_process = kestrel(settings(os.path.join(work, "warm-kestrel"), db), port)
        content_type, scan = multipart(photos[5])

        def via_bridge(method, path, headers, body):
            answer = runtime.invoke(http_event(method, path, headers, body))[2]
            return answer["statusCode"], answer.get("body", "")

        def via_kestrel(method, path, headers, body):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()

        # a kiosk paired through each host (both on the same database): the bridge's scans send one token, Kestrel's the other
        bridge_kiosk, kestrel_kiosk = pair(via_bridge), pair(via_kestrel)
        bridge, server = [], []
        for i in range(args.scans + 5):
            started = time.perf_counter()
            _, kind, answer, _ = runtime.invoke(http_event("POST", "/attendance", {"Content-Type": content_type, **bridge_kiosk}, scan))
            elapsed_bridge = time.perf_counter() - started
            assert kind == "response" and answer["statusCode"] == 200, answer
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            started = time.perf_counter()
            connection.request("POST", "/attendance", body=scan, headers={"Content-Type": content_type, **kestrel_kiosk})
            response = connection.getresponse(); response.read()
            elapsed_kestrel = time.perf_counter() - started
            assert response.status == 200
            if i >= 5:  # the first few warm the JIT and the pools
                bridge.append(elapsed_bridge); server.append(elapsed_kestrel)
        for process in (lambda_process, kestrel_process):
            process.kill(); process.wait()
        results["warmAttendance_bridge_medianMs"] = round(statistics.median(bridge) * 1000, 1)
        results["warmAttendance_kestrel_medianMs"] = round(statistics.median(server) * 1000, 1)
        results["warmAttendance_bridgeOverKestrel"] = round(statistics.median(bridge) / statistics.median(server), 3)
        results["warmAttendance_bridge_p95Ms"] = round(statistics.quantiles(bridge, n=20)[18] * 1000, 1)
        results["warmAttendance_kestrel_p95Ms"] = round(statistics.quantiles(server, n=20)[18] * 1000, 1)
        results["packageUnzippedMB"] = round(sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(PACKAGE) for f in fs) / 1e6, 1)
        print(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
