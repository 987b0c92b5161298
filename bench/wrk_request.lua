-- The request wrk sends for bench/nested_view.py, and a one-line JSON summary.
-- Set by the environment: BENCH_METHOD, BENCH_BODY_FILE (JSON body), BENCH_AUTHORIZATION;
-- or BENCH_REQUESTS_FILE: requests sent in turn, one a line, as
-- method <TAB> path <TAB> authorization <TAB> body (run wrk with one thread, -t1, so that
-- all connections take the next request of one list).

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

local requests_file = os.getenv("BENCH_REQUESTS_FILE")
if requests_file and requests_file ~= "" then
  local requests = {}
  -- Built in init, where wrk has set the Host header wrk.format needs.
  function init(args)
    for line in io.lines(requests_file) do
      local method, path, auth, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = {Host = wrk.headers["Host"]}
      if auth ~= "" then headers["Authorization"] = auth end
      if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
      requests[#requests + 1] = wrk.format(method, path, headers, body)
    end
  end
  local sent = 0
  request = function()
    sent = sent + 1
    return requests[(sent - 1) % #requests + 1]
  end
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
