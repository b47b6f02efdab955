-- wrk script: sends each request `depth` times back to back on a connection (HTTP pipelining),
-- as TechEmpower's plaintext test does with depth 16. Usage: wrk ... -s pipeline.lua URL -- 16
init = function(args)
  local depth = tonumber(args[1]) or 1
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format()
  end
  req = table.concat(r)
end

request = function()
  return req
end
