--[[
  Apply a batch of value writes only while the lease is held with our token, so a holder whose
  lease expired can never save over newer state; optionally give the lease back in the same step.
  KEYS[1]      lease key
  KEYS[2 .. N] value keys, in the order of the writes
  ARGV[1]      our token
  ARGV[2]      1 to release the lease after writing, 0 to keep it
  ARGV[3]      (kept) renew the lease to this many milliseconds from now; 0 leaves its expiry as is
  ARGV[4 ..]   per write, two arguments: the value, then its ttl in ms (0 for none, -1 to delete
               the key; the value is then ignored). Plain arguments, not JSON: the values are
               the turn's largest strings, and encoding them again cost both sides a copy.
  Returns 1 written, 0 lease not held (nothing written)
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #KEYS do
  local value, ttl = ARGV[2 * i], tonumber(ARGV[2 * i + 1])
  if ttl < 0 then
    redis.call('DEL', KEYS[i])
  elseif ttl > 0 then
    redis.call('SET', KEYS[i], value, 'PX', ttl)
  else
    redis.call('SET', KEYS[i], value)
  end
end
if ARGV[2] == '1' then
  redis.call('DEL', KEYS[1])
elseif tonumber(ARGV[3]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
