-- wrk script: print one JSON line of totals, errors by kind and latency percentiles
-- (microseconds) when done. With SHILIU_WRK_PATHS set (paths separated by spaces), each
-- connection asks for those paths in turn instead of the URL's own; the variable is read when
-- the script loads, before wrk decides whether requests are made by the script.
local paths = {}
for path in string.gmatch(os.getenv("SHILIU_WRK_PATHS") or "", "%S+") do
  paths[#paths + 1] = path
end
if #paths > 0 then
  local counter = 0
  request = function()
    counter = counter + 1
    return wrk.format(nil, paths[(counter - 1) % #paths + 1])
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, '
    .. '"status": %d, "p50": %d, "p95": %d, "p99": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
