-- wrk script for bench/rush.py: phone bookings spread over RUSH_FACILITIES facilities,
-- each with its own NIK. One wrk thread; after RUSH_SHARE replies it prints one RESULT
-- line (replies by status, seconds from first request to last reply) and ends wrk.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local now = dofile(here .. "monotonic.lua")

local facilities = tonumber(os.getenv("RUSH_FACILITIES") or "20")
local share = tonumber(os.getenv("RUSH_SHARE") or "5000")
local offset = tonumber(os.getenv("RUSH_OFFSET") or "0")
local day = os.getenv("RUSH_DAY")
local sent, replies, started = 0, 0, nil
local statuses = {}

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if started == nil then started = now() end
  local n = offset + sent
  sent = sent + 1
  local body = string.format(
    '{"facility": "pkm-%02d", "service": "umum", "date": "%s", "patient": ' ..
    '{"nik": "3578010101%06d", "name": "Rush Patient", "phone": "081234567890"}}',
    n % facilities, day, n % 1000000)
  return wrk.format(nil, "/api/v1/bookings", nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  replies = replies + 1
  if replies == share then
    local parts = {}
    for s, n in pairs(statuses) do table.insert(parts, string.format('"%d": %d', s, n)) end
    io.write(string.format('RESULT {"replies": %d, "seconds": %.3f, "statuses": {%s}}\n',
                           replies, now() - started, table.concat(parts, ", ")))
    io.flush()
    os.exit(0)
  end
end
