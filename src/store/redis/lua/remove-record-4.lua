--[[
  Remove a record unless a guard refuses, deleting cascaded collections with it.
  KEYS[1] ids, KEYS[2] names, KEYS[3] docs, KEYS[4] meta (as in insert-record-4)
  KEYS[5 .. 4+G]  docs hashes of guard collections that must be empty
  KEYS[5+G .. #KEYS-A]  keys of cascaded collections, deleted with the record
  KEYS[#KEYS-A+1 ..]    tombstone keys of the A records removed alongside it, in ARGV[5]'s order
  ARGV[1] sid
  ARGV[2] G, the number of guard keys
  ARGV[3] JSON array of meta counters that must be zero
  ARGV[4] effects JSON, '' for none
  ARGV[5] JSON array of the sids (same collection) removed alongside it, '[]' for none
  ARGV[6] tombstone time to live in ms
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
local alongside = cjson.decode(ARGV[5])
local firstTombstone = #KEYS - #alongside + 1
for k = 5 + guards, firstTombstone - 1 do redis.call('DEL', KEYS[k]) end
local function removeOne(sid, json)
  local name = uniqueNameOf(json)
  if name ~= '' and redis.call('HGET', KEYS[2], name) == sid then redis.call('HDEL', KEYS[2], name) end
  redis.call('HDEL', KEYS[3], sid)
  redis.call('ZREM', KEYS[1], sid)
end
for i, sid in ipairs(alongside) do
  local other = redis.call('HGET', KEYS[3], sid)
  if other then
    removeOne(sid, other)
    redis.call('SET', KEYS[firstTombstone + i - 1], '1', 'PX', ARGV[6])
  end
end
removeOne(ARGV[1], doc)
applyEffects(KEYS[4], ARGV[4])
return 1
