--[[
  Take a lease if it is free, with a fencing token that only ever grows.
  KEYS[1] lease key (holds the token of its holder)
  KEYS[2] fence counter of that lease
  ARGV[1] time to live in milliseconds
  ARGV[2] how long the fence counter is kept without a grant, in milliseconds
  Returns the new token, or 0 when another holder has the lease
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = nextFenceToken(KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
return tonumber(token)
