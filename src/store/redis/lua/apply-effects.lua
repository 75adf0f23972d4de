-- Shared prelude, prepended to every script that writes: applies MetaEffects
-- ({"set": {field: value}, "incr": {field: delta}}) to the scope's meta hash.
local function applyEffects(metaKey, effectsJson)
  if effectsJson == nil or effectsJson == '' then return end
  local effects = cjson.decode(effectsJson)
  if type(effects['set']) == 'table' then
    for field, value in pairs(effects['set']) do redis.call('HSET', metaKey, field, value) end
  end
  if type(effects['incr']) == 'table' then
    for field, delta in pairs(effects['incr']) do redis.call('HINCRBY', metaKey, field, delta) end
  end
end

local function uniqueNameOf(json)
  local name = cjson.decode(json)['uniqueName']
  if type(name) ~= 'string' then return '' end
  return name
end
