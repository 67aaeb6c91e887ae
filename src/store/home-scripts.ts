/**
 * Lua for the App Home refresh (src/store/homes.ts). All keys come in KEYS, in one team's slot,
 * so it runs unchanged on Redis Cluster.
 */

/**
 * KEYS pairs (user's Home-opened mark, user's pending-refresh mark). ARGV token, pending ttl ms.
 * For each user who has opened their Home, takes the pending mark unless it is held (SET NX PX);
 * a mark holding this call's token counts as taken by it, so a script ioredis re-sends after a
 * reconnect still answers the users it claimed. The 1-based indexes of the users claimed.
 */
export const CLAIM_HOME_REFRESH = `
local claimed = {}
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    if redis.call('SET', KEYS[i + 1], ARGV[1], 'NX', 'PX', ARGV[2]) or redis.call('GET', KEYS[i + 1]) == ARGV[1] then
      claimed[#claimed + 1] = (i + 1) / 2
    end
  end
end
return claimed
`;
