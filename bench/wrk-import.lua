-- wrk script for `npm run bench:wrk`: every request imports a new identifier (the body of
-- importBody in bench/lib.ts), and every reply that is not the vendor's OK is counted.
threads = {}
function setup(thread) table.insert(threads, thread) end

n = 0
bad = 0
local prefix = os.getenv("WRK_PREFIX") or "wrk"

function request()
  n = n + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, '{"Identifier":"' .. prefix .. n .. '"}')
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"ErrorCode":0', 1, true) then bad = bad + 1 end
end

-- One JSON line for the bench to read (latencies in µs).
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"errors":%d,"bad":%d,"p50":%d,"p99":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, b,
    latency:percentile(50), latency:percentile(99)))
end
