--[[
  Apply a batch of value writes, and add log records, only while the lease is held with our token,
  so a holder whose lease expired can never save over newer state; optionally give the lease back
  in the same step.
  KEYS[1]      lease key
  KEYS[2 .. W+1]  value keys, in the order of the writes
  then, per log record, three keys: the collection's ids (sorted set), its docs (hash), the scope's meta
  ARGV[1]      our token
  ARGV[2]      1 to release the lease after writing, 0 to keep it
  ARGV[3]      (kept) renew the lease to this many milliseconds from now; 0 leaves its expiry as is
  ARGV[4]      W, the number of value writes
  then, per write, two arguments: the value, then its ttl in ms (0 for none, -1 to delete the key;
               the value is then ignored). Plain arguments, not JSON: the values are the turn's
               largest strings, and encoding them again cost both sides a copy.
  then, per log record, three arguments: its sid, its JSON, and the most records its collection
               keeps (the oldest dropped first; 0 for no limit)
  The records are added after the writes; one that cannot be added is skipped.
  Returns 1 written, 0 lease not held (nothing written)
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local writes = tonumber(ARGV[4])
for i = 1, writes do
  local key, value, ttl = KEYS[1 + i], ARGV[3 + 2 * i], tonumber(ARGV[4 + 2 * i])
  if ttl < 0 then
    redis.call('DEL', key)
  elseif ttl > 0 then
    redis.call('SET', key, value, 'PX', ttl)
  else
    redis.call('SET', key, value)
  end
end
-- A log record is extra: one that cannot be added (a key of another type) is skipped, never
-- leaving the writes above without the lease step below (Redis does not undo a failed script).
local k, a = 2 + writes, 5 + 2 * writes
while a + 2 <= #ARGV do
  pcall(appendRecord, KEYS[k], KEYS[k + 1], KEYS[k + 2], ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2]))
  k, a = k + 3, a + 3
end
if ARGV[2] == '1' then
  redis.call('DEL', KEYS[1])
elseif tonumber(ARGV[3]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
