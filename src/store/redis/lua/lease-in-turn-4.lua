--[[
  Take a lease in line order: granted only to the oldest live ticket, and only while the lease is
  free. Tickets at the head whose deadline passed (holder died or gave up without leaving) are
  dropped first, so they cannot block the line. A served ticket leaves the line; from then on the
  lease keeps the others out.
  KEYS[1] lease key (holds the token of its holder)
  KEYS[2] fence counter of that lease
  KEYS[3] line    sorted set ticket -> ticket
  KEYS[4] tickets hash: 'issued' and ticket -> deadline (ms, Redis clock)
  ARGV[1] our ticket
  ARGV[2] lease time to live in milliseconds
  Returns the new fencing token (> 0) when granted, 0 when someone is ahead of us or holds the
  lease, -1 when our ticket is no longer in line (it lapsed or was dropped)
]]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local function lapsed(ticket)
  return tonumber(redis.call('HGET', KEYS[4], ticket) or '0') <= now
end
local function drop(ticket)
  redis.call('ZREM', KEYS[3], ticket)
  redis.call('HDEL', KEYS[4], ticket)
end

if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then return -1 end
if lapsed(ARGV[1]) then
  drop(ARGV[1])
  return -1
end
local head = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
while head ~= ARGV[1] and lapsed(head) do
  drop(head)
  head = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
end
if head ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
drop(ARGV[1])
return token
