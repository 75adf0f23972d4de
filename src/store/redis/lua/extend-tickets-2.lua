--[[
  Keep tickets of one holder in a line: their holder is alive and its messages still wait. A ticket
  that was served, dropped or lapsed and dropped is left out (it is no longer in line), and so is
  one of another holder (a ticket held by nobody, '', is never kept); one past its deadline that
  nobody dropped yet keeps its place: nobody behind it was served while it was in line.
  KEYS[1]      line    sorted set ticket -> ticket
  KEYS[2]      tickets hash: 'issued' and ticket -> '<deadline> <holder>' (ms, Redis clock)
  ARGV[1]      the holder
  ARGV[2 ..]   pairs: a ticket, and how long it stays in line from now, in milliseconds
  Returns the tickets kept, in the order given
]]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local holder = ARGV[1]
local kept = {}
for i = 2, #ARGV - 1, 2 do
  local ticket = ARGV[i]
  local value = redis.call('ZSCORE', KEYS[1], ticket) and redis.call('HGET', KEYS[2], ticket)
  if holder ~= '' and value and string.match(value, '^%-?%d+ ?(.*)$') == holder then
    redis.call('HSET', KEYS[2], ticket, string.format('%d %s', now + tonumber(ARGV[i + 1]), holder))
    kept[#kept + 1] = tonumber(ticket)
  end
end
return kept
