--[[
  Apply a batch of value writes only while the lease is held with our token, so a holder whose
  lease expired can never save over newer state; optionally give the lease back in the same step.
  KEYS[1]      lease key
  KEYS[2 .. N] value keys, in the order of the writes
  ARGV[1]      our token
  ARGV[2]      1 to release the lease after writing, 0 to keep it
  ARGV[3 .. N+1] per write: a JSON array [value or false to delete, ttl in ms or 0 for none]
  Returns 1 written, 0 lease not held (nothing written)
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #KEYS do
  local write = cjson.decode(ARGV[i + 1])
  if write[1] == false then
    redis.call('DEL', KEYS[i])
  elseif tonumber(write[2]) > 0 then
    redis.call('SET', KEYS[i], write[1], 'PX', write[2])
  else
    redis.call('SET', KEYS[i], write[1])
  end
end
if ARGV[2] == '1' then redis.call('DEL', KEYS[1]) end
return 1
