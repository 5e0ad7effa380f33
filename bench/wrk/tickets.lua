-- wrk script: walk-in tickets from a kiosk, rotating over the demo's services.
-- Counts replies by status in every thread; done() prints them as one JSON line.
local services = {"pendaftaran", "umum", "gigi", "kia", "lab", "apotek"}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  statuses = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("ANTRIAN_KIOSK_TOKEN") or "demo-kiosk")
end

function request()
  counter = counter + 1
  local body = '{"service": "' .. services[(counter % #services) + 1] .. '"}'
  return wrk.format(nil, "/api/v1/kiosk/tickets", nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, table.concat(parts, ", ")))
end
