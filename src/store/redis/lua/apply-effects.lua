-- Shared prelude, prepended to every script that writes: applies MetaEffects
-- ({"set": {field: value}, "incr": {field: delta}, "advance": {"field", "to", "set"}, "clearIf": {field: value}};
-- advance sets its field to `to` and its `set` fields only while the field is at most `to`; clearIf
-- empties a field only while it holds that value) to the scope's meta hash, adds a record at the
-- end of its collection (appendRecord), and hands out fencing tokens (nextFenceToken, below).
local function applyEffects(metaKey, effectsJson)
  if effectsJson == nil or effectsJson == '' then return end
  local effects = cjson.decode(effectsJson)
  if type(effects['set']) == 'table' then
    for field, value in pairs(effects['set']) do redis.call('HSET', metaKey, field, value) end
  end
  if type(effects['incr']) == 'table' then
    for field, delta in pairs(effects['incr']) do redis.call('HINCRBY', metaKey, field, delta) end
  end
  local advance = effects['advance']
  if type(advance) == 'table' then
    local current = tonumber(redis.call('HGET', metaKey, advance['field'])) or 0
    if current <= advance['to'] then
      redis.call('HSET', metaKey, advance['field'], string.format('%d', advance['to']))
      for field, value in pairs(advance['set']) do redis.call('HSET', metaKey, field, value) end
    end
  end
  if type(effects['clearIf']) == 'table' then
    for field, value in pairs(effects['clearIf']) do
      if redis.call('HGET', metaKey, field) == value then redis.call('HSET', metaKey, field, '') end
    end
  end
end

-- Add a record at the end of its collection (the scope's next sequence number) and, with keep > 0,
-- drop the oldest records beyond that many (logs of unnamed records: the names hash is untouched).
local function appendRecord(idsKey, docsKey, metaKey, sid, json, keep)
  redis.call('ZADD', idsKey, redis.call('HINCRBY', metaKey, 'seq', 1), sid)
  redis.call('HSET', docsKey, sid, json)
  if keep > 0 then
    while redis.call('ZCARD', idsKey) > keep do
      local oldest = redis.call('ZPOPMIN', idsKey)
      redis.call('HDEL', docsKey, oldest[1])
    end
  end
end

local function uniqueNameOf(json)
  local name = cjson.decode(json)['uniqueName']
  if type(name) ~= 'string' then return '' end
  return name
end

-- The next fencing token of a lease. Its counter expires after `idleMs` without a grant, so a
-- conversation (an SMS sender, a call) leaves no key behind for ever. A counter that starts afresh
-- starts from the clock in microseconds: every token it gave before was counted up, one per grant,
-- from an earlier reading, and no lease is granted a million times a second, so tokens still only
-- grow. Returned as a decimal string, the form the lease key holds and a turn sends back.
local function nextFenceToken(fenceKey, idleMs)
  local token = redis.call('INCR', fenceKey)
  if token == 1 then
    local clock = redis.call('TIME')
    token = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
    redis.call('SET', fenceKey, string.format('%d', token))
  end
  local text = string.format('%d', token)
  redis.call('PEXPIRE', fenceKey, idleMs)
  return text
end
