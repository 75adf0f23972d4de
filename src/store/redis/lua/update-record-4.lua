--[[
  Replace a record, moving its unique-name entry when the name changed.
  KEYS[1] ids, KEYS[2] names, KEYS[3] docs, KEYS[4] meta (as in insert-record-4)
  ARGV[1] sid
  ARGV[2] record JSON
  ARGV[3] new unique name, '' for none
  ARGV[4] effects JSON, '' for none
  ARGV[5] the record's JSON as the update read it ('' for any): written only while it is still that
  Returns 1 updated, 0 missing, -1 unique name taken, -2 changed since it was read (nothing written)
]]
local previous = redis.call('HGET', KEYS[3], ARGV[1])
if not previous then return 0 end
if ARGV[5] ~= nil and ARGV[5] ~= '' and previous ~= ARGV[5] then return -2 end
local oldName = uniqueNameOf(previous)
if ARGV[3] ~= oldName then
  if ARGV[3] ~= '' and redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then return -1 end
  if oldName ~= '' then redis.call('HDEL', KEYS[2], oldName) end
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], ARGV[3], ARGV[1]) end
end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
applyEffects(KEYS[4], ARGV[4])
return 1
