--[[
  Take a lease in line order (joining the line first when asked), and read values with the grant,
  so a turn learns it may run and what it runs on in one round trip. The lease goes only to the
  oldest live ticket, and only while it is free. Tickets at the head whose deadline passed (holder
  died or gave up without leaving) are dropped first, so they cannot block the line. A served
  ticket leaves the line; from then on the lease keeps the others out.
  KEYS[1]      lease key (holds the token of its holder)
  KEYS[2]      fence counter of that lease
  KEYS[3]      line    sorted set ticket -> ticket
  KEYS[4]      tickets hash: 'issued' and ticket -> '<deadline> <holder>' (ms, Redis clock)
  KEYS[5 .. N] values to read when the lease is granted
  ARGV[1]      our ticket, or 0 to join the line now (take the next ticket)
  ARGV[2]      lease time to live in milliseconds
  ARGV[3]      how long our ticket stays in line from now, in milliseconds, unless kept longer
               (extend-tickets-2.lua): a ticket this call issues (joining) gets this deadline; a
               waiting ticket of the holder asking is kept this long (0: left as it is), also one
               past its deadline that nobody dropped yet (its holder, asking, is alive)
  ARGV[4]      how long an idle line's keys (and the fence counter) are kept, in milliseconds
  ARGV[5]      the holder asking ('' for none): the holder of a ticket this call issues and, when
               granted, whose tickets right behind ours are served with it (one lease for a group
               of turns run back to back): each next live ticket of this holder, past lapsed tickets
               of others, up to the first that is someone else's or a lapsed one of this holder
  ARGV[6]      at most this many tickets served with ours (0: none)
  Returns {outcome, ticket, followers, values...}: outcome is the new fencing token (> 0) when
  granted, 0 when someone is ahead of us or holds the lease, -1 when our ticket is no longer in line;
  followers is the list of tickets served with ours, in line order; the values (false for a missing
  one) follow only a grant.
]]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local holder = ARGV[5] or ''
-- A ticket's deadline and holder; a missing ticket reads as lapsed long ago.
local function entry(ticket)
  local value = redis.call('HGET', KEYS[4], ticket)
  if not value then return 0, '' end
  local deadline, owner = string.match(value, '^(%-?%d+) ?(.*)$')
  return tonumber(deadline) or 0, owner or ''
end
local function lapsed(ticket)
  local deadline = entry(ticket)
  return deadline <= now
end
local function drop(ticket)
  redis.call('ZREM', KEYS[3], ticket)
  redis.call('HDEL', KEYS[4], ticket)
end
local function headOfLine(skipping)
  local head = tonumber(redis.call('ZRANGE', KEYS[3], 0, 0)[1])
  while head ~= nil and head ~= skipping and lapsed(head) do
    drop(head)
    head = tonumber(redis.call('ZRANGE', KEYS[3], 0, 0)[1])
  end
  return head
end
local function grant(ticket)
  local token = nextFenceToken(KEYS[2], ARGV[4])
  redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
  local followers = {}
  local most = tonumber(ARGV[6] or '0')
  while holder ~= '' and #followers < most do
    local next = tonumber(redis.call('ZRANGE', KEYS[3], 0, 0)[1])
    if next == nil then break end
    local deadline, owner = entry(next)
    if owner ~= holder then
      if deadline > now then break end
      drop(next)
    elseif deadline <= now then
      break
    else
      drop(next)
      followers[#followers + 1] = next
    end
  end
  local out = {tonumber(token), ticket, followers}
  for i = 5, #KEYS do out[#out + 1] = redis.call('GET', KEYS[i]) end
  return out
end

local ticket = tonumber(ARGV[1])
local keep = tonumber(ARGV[3])
-- A waiting ticket whose holder asks is kept in line: its holder is alive, so it must not lapse.
local kept = false
if ticket == 0 then
  -- The usual case: nobody waiting and the lease free. Served at once, the message needs no ticket
  -- (tickets only order messages that stand in line), so a quiet conversation keeps no line keys.
  if redis.call('ZCARD', KEYS[3]) == 0 and redis.call('EXISTS', KEYS[1]) == 0 then return grant(0) end
  ticket = redis.call('HINCRBY', KEYS[4], 'issued', 1)
  redis.call('PEXPIRE', KEYS[4], ARGV[4])
  redis.call('ZADD', KEYS[3], ticket, ticket)
  redis.call('HSET', KEYS[4], ticket, string.format('%d %s', now + keep, holder))
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
elseif not redis.call('ZSCORE', KEYS[3], ticket) then
  return {-1, ticket}
else
  local deadline, owner = entry(ticket)
  kept = keep > 0 and holder ~= '' and owner == holder
  if not kept and deadline <= now then
    drop(ticket)
    return {-1, ticket}
  end
end
if headOfLine(ticket) ~= ticket or redis.call('EXISTS', KEYS[1]) == 1 then
  if kept then redis.call('HSET', KEYS[4], ticket, string.format('%d %s', now + keep, holder)) end
  return {0, ticket}
end
drop(ticket)
return grant(ticket)
