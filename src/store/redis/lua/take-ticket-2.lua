--[[
  Join the line of a lease: issue the next ticket (tickets only ever grow, so their order is the
  order of arrival) and give it a deadline after which it no longer holds anyone back (its holder
  extends it while its message waits: extend-tickets-2.lua).
  KEYS[1] line    sorted set ticket -> ticket (ordered by ticket number)
  KEYS[2] tickets hash: 'issued' -> last ticket issued, ticket -> '<deadline> <holder>' (deadline
          in ms, Redis clock; holder names the process whose message holds the ticket)
  ARGV[1] how long the ticket stays in line unless kept longer, in milliseconds
  ARGV[2] how long an idle line's keys are kept, in milliseconds
  ARGV[3] the holder ('' for none)
  Returns the ticket
]]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local ticket = redis.call('HINCRBY', KEYS[2], 'issued', 1)
redis.call('ZADD', KEYS[1], ticket, ticket)
redis.call('HSET', KEYS[2], ticket, string.format('%d %s', now + tonumber(ARGV[1]), ARGV[3] or ''))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return ticket
