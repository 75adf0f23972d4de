--[[
  Insert a record into a collection, reserving its unique name.
  KEYS[1] ids   sorted set sid -> sequence
  KEYS[2] names hash unique name -> sid
  KEYS[3] docs  hash sid -> record JSON
  KEYS[4] meta  hash of the scope (sequence counter, flags, counters)
  ARGV[1] sid
  ARGV[2] record JSON
  ARGV[3] unique name, '' for none
  ARGV[4] effects JSON, '' for none
  ARGV[5] most records the collection keeps (oldest dropped first), 0 for no limit
  KEYS[5] (optional) docs hash of the parent's collection, ARGV[6] the parent's sid: inserted only
          while the parent exists (a child is never left under a parent deleted meanwhile)
  Returns 1 inserted, -1 unique name taken, -2 sid exists, -3 parent gone
]]
if KEYS[5] ~= nil and redis.call('HEXISTS', KEYS[5], ARGV[6]) == 0 then return -3 end
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return -2 end
if ARGV[3] ~= '' and redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then return -1 end
appendRecord(KEYS[1], KEYS[3], KEYS[4], ARGV[1], ARGV[2], tonumber(ARGV[5] or '0'))
if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], ARGV[3], ARGV[1]) end
applyEffects(KEYS[4], ARGV[4])
return 1
