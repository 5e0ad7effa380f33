-- wrk script: walk-in tickets from a kiosk, rotating over the demo's services.
-- Counts replies by status in every thread; done() prints them as one JSON line.
-- TICKETS_RATE=N (requests per second per wrk thread) paces the requests to a steady
-- offered load instead of as fast as the server answers.
local services = {"pendaftaran", "umum", "gigi", "kia", "lab", "apotek"}
local threads = {}
local rate = tonumber(os.getenv("TICKETS_RATE") or "0")
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local now_s = dofile(here .. "monotonic.lua")
local function now_ms() return now_s() * 1000 end
local next_slot = nil

-- With a rate, each request waits for its slot in an even schedule shared by the
-- thread's connections.
function delay()
  if rate <= 0 then return 0 end
  local now = now_ms()
  next_slot = math.max(next_slot or now, now - 1000) + 1000 / rate
  return math.max(0, next_slot - now)
end

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
