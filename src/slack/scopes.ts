/**
 * The bot scopes the app asks for when it is installed ("Add to Slack"), as manifest.yml lists
 * them (test/app/manifest.test.ts keeps the two in step); each one's use is said there.
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'files:write',
  'files:read',
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
  'users:read',
] as const;
