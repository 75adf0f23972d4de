--[[
  Remove a record unless a guard refuses, deleting cascaded collections with it.
  KEYS[1] ids, KEYS[2] names, KEYS[3] docs, KEYS[4] meta (as in insert-record-4)
  KEYS[5 .. 4+G]  docs hashes of guard collections that must be empty
  KEYS[5+G .. ]   keys of cascaded collections, deleted with the record
  ARGV[1] sid
  ARGV[2] G, the number of guard keys
  ARGV[3] JSON array of meta counters that must be zero
  ARGV[4] effects JSON, '' for none
  Returns 1 removed, 0 missing, -i refused by guard key i, -(100+j) refused by counter j
]]
local doc = redis.call('HGET', KEYS[3], ARGV[1])
if not doc then return 0 end
local guards = tonumber(ARGV[2])
for i = 1, guards do
  if redis.call('HLEN', KEYS[4 + i]) > 0 then return -i end
end
local counters = cjson.decode(ARGV[3])
for j, counter in ipairs(counters) do
  if tonumber(redis.call('HGET', KEYS[4], counter) or '0') > 0 then return -(100 + j) end
end
for k = 5 + guards, #KEYS do redis.call('DEL', KEYS[k]) end
local name = uniqueNameOf(doc)
if name ~= '' and redis.call('HGET', KEYS[2], name) == ARGV[1] then redis.call('HDEL', KEYS[2], name) end
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
applyEffects(KEYS[4], ARGV[4])
return 1
