-- wrk script (scripts/cluster.sh load): records every failed request with the time it was answered.
--   LOAD_MIX    hello (GET /hello, no database), read (GET /items/1), write (GET /items/1, and one
--               request in 10 a POST /items that inserts a row: needs the primary)
--   LOAD_OUT    directory; each wrk thread writes failures-<n>.log there: "<epoch ms> <status>" per
--               failed request (status 400 or above), and "<epoch ms> ok" for the first success after
--               a failure, so a failover window reads off the file.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } load_timeval;
int gettimeofday(load_timeval *tv, void *tz);
]]
local tv = ffi.new("load_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local mix = os.getenv("LOAD_MIX") or "hello"
local out
local failing = false
local n = 0
failed = 0

local read, hello, insert

function init(args)
  -- Formatted here, not when the script loads: wrk sets the Host header just before init.
  read = wrk.format("GET", "/items/1")
  hello = wrk.format("GET", "/hello")
  local json = {}
  for k, v in pairs(wrk.headers) do json[k] = v end
  json["Content-Type"] = "application/json"
  insert = wrk.format("POST", "/items", json, '{"name":"load","price":1.25}')
  local dir = os.getenv("LOAD_OUT") or "."
  out = io.open(dir .. "/failures-" .. id .. ".log", "w")
  out:setvbuf("line")
end


function request()
  n = n + 1
  if mix == "hello" then
    return hello
  elseif mix == "write" and n % 10 == 0 then
    return insert
  end
  return read
end

function response(status, headers, body)
  if status >= 400 then
    failed = failed + 1
    failing = true
    out:write(now_ms() .. " " .. status .. "\n")
  elseif failing then
    failing = false
    out:write(now_ms() .. " ok\n")
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("failed")
  end
  local e = summary.errors
  io.write(string.format("load: %d requests in %.1f s, %d failed statuses, socket errors connect %d read %d write %d timeout %d\n",
    summary.requests, summary.duration / 1e6, total, e.connect, e.read, e.write, e.timeout))
end
