-- The request wrk sends for bench/nested_view.py, and a one-line JSON summary.
-- Set by the environment: BENCH_METHOD, BENCH_BODY_FILE (JSON body), BENCH_AUTHORIZATION.

wrk.method = os.getenv("BENCH_METHOD") or "GET"

local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/json"
end

local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %.0f, "duration_s": %.6f, "p50_ms": %.3f, "p99_ms": %.3f, ' ..
    '"socket_errors": %.0f, "bad_status": %.0f}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
