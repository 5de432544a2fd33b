-- wrk script: counts the status codes of the answers and prints one JSON line
-- (prefixed "BENCH_JSON ") with requests, duration, latency percentiles and errors.
--
-- Every request carries its own X-Forwarded-For value, so the API's anonymous throttle
-- (60/min per client, counted in Redis) sees many clients, as it would in production,
-- instead of throttling the one load generator. Its cost (a Redis read and write per
-- request) stays in the figures. The value is a label, not an address: no traffic goes
-- anywhere but the target on 127.0.0.1.

local threads = {}
local next_thread_id = 1

function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

local sent = 0
statuses = {}

function request()
  sent = sent + 1
  wrk.headers["X-Forwarded-For"] = "bench-client-" .. thread_id .. "-" .. sent
  return wrk.format()
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local by_status = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local parts = {}
  local not_ok = 0
  for status, count in pairs(by_status) do
    table.insert(parts, string.format('"%d": %d', status, count))
    if status < 200 or status > 299 then
      not_ok = not_ok + count
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"non_2xx": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean,
    e.connect, e.read, e.write, e.timeout,
    not_ok, table.concat(parts, ", ")))
end
