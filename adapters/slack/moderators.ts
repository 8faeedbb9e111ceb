import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

/** Who may post answers for others: configured user ids, plus members of configured user groups. */
export interface ModeratorCheck {
  isModerator(userId: string): Promise<boolean>;
}

interface GroupCache {
  members: Set<string>;
  expires: number;
}

export interface ModeratorCheckOptions {
  /** Slack user ids (U…/W…) and user group ids (S…), as in SLACK_MODERATORS. */
  ids: readonly string[];
  client: Pick<webApi.WebClient, 'usergroups'>;
  logger: Logger;
  /** How long a group's member list is trusted before asking Slack again. */
  ttlMs?: number;
  now?: () => number;
}

export function createModeratorCheck(options: ModeratorCheckOptions): ModeratorCheck {
  const { client, logger, ttlMs = 5 * 60_000, now = Date.now } = options;
  const users = new Set(options.ids.filter((id) => /^[UW]/.test(id)));
  const groups = options.ids.filter((id) => id.startsWith('S'));
  const cache = new Map<string, GroupCache>();
  const loading = new Map<string, Promise<Set<string>>>();

  async function fetchMembers(group: string): Promise<Set<string>> {
    try {
      const result = await client.usergroups.users.list({ usergroup: group });
      const members = new Set(result.users ?? []);
      cache.set(group, { members, expires: now() + ttlMs });
      return members;
    } catch (err) {
      // Fail closed, but keep a stale list rather than lock every moderator out on a blip.
      logger.warn(
        { err, platform: 'slack', usergroup: group },
        'cannot read a moderator user group from SLACK_MODERATORS (does the app have the usergroups:read scope?)',
      );
      return cache.get(group)?.members ?? new Set();
    }
  }

  function members(group: string): Promise<Set<string>> {
    const cached = cache.get(group);
    if (cached && cached.expires > now()) return Promise.resolve(cached.members);
    let pending = loading.get(group);
    if (!pending) {
      pending = fetchMembers(group).finally(() => loading.delete(group));
      loading.set(group, pending);
    }
    return pending;
  }

  return {
    async isModerator(userId) {
      if (users.has(userId)) return true;
      for (const group of groups) {
        if ((await members(group)).has(userId)) return true;
      }
      return false;
    },
  };
}
