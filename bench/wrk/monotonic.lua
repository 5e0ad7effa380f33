-- Seconds on the monotonic clock, for the wrk scripts here (LuaJIT's ffi; plain Lua has
-- no sub-second clock). Loaded with dofile() by tickets.lua and bookings.lua.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } timespec;
  int clock_gettime(int clk_id, timespec *tp);
]]
return function()
  local t = ffi.new("timespec")
  ffi.C.clock_gettime(1, t)  -- CLOCK_MONOTONIC
  return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end
