--[[
  Move a record between two collections of one scope, keeping its JSON (soft delete, restore).
  KEYS[1] ids, KEYS[2] names, KEYS[3] docs of the source collection
  KEYS[4] ids, KEYS[5] names, KEYS[6] docs of the target collection
  KEYS[7] meta hash of the scope
  ARGV[1] sid
  Returns 1 moved, 0 missing, -1 unique name taken in the target
]]
local doc = redis.call('HGET', KEYS[3], ARGV[1])
if not doc then return 0 end
local name = uniqueNameOf(doc)
if name ~= '' and redis.call('HEXISTS', KEYS[5], name) == 1 then return -1 end
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
if name ~= '' and redis.call('HGET', KEYS[2], name) == ARGV[1] then redis.call('HDEL', KEYS[2], name) end
redis.call('ZADD', KEYS[4], redis.call('HINCRBY', KEYS[7], 'seq', 1), ARGV[1])
redis.call('HSET', KEYS[6], ARGV[1], doc)
if name ~= '' then redis.call('HSET', KEYS[5], name, ARGV[1]) end
return 1
