import type { Plan } from './plans.js';
import { MEMBER_LIMITS, type GroupCounts, type GroupType } from './groups.js';

/**
 * The group limits an app's plan sets, after the vendor's usage limits page
 * (https://cloud.tencent.com/document/product/269/9346, 使用限制 > 群组): members per group for
 * every type but AVChatRoom and Community (trial 20, pro 200, ultimate 2000), and the groups an
 * app may hold at once, destroyed ones not counted (trial 100 of all types, 10 of them
 * AVChatRooms; pro 50 AVChatRooms and no Community; ultimate 100,000 Communities). null: no cap.
 */
export interface GroupPlanLimits {
  /** Members per group of a capped type; the type's own limit still applies under it. */
  readonly members: number | null;
  /** Groups of every type together. */
  readonly groups: number | null;
  readonly avChatRooms: number | null;
  /** 0: the plan has no Community groups. */
  readonly communities: number | null;
}

const TRIAL: GroupPlanLimits = { members: 20, groups: 100, avChatRooms: 10, communities: 0 };

/**
 * The developer plan takes the trial's figures: the vendor's English pages call the free
 * edition (体验版) "Developer". Without a plan an app keeps the type limits alone.
 */
const LIMITS: Readonly<Record<Plan | 'none', GroupPlanLimits>> = {
  none: { members: null, groups: null, avChatRooms: null, communities: null },
  trial: TRIAL,
  developer: TRIAL,
  pro: { members: 200, groups: null, avChatRooms: 50, communities: 0 },
  ultimate: { members: 2000, groups: null, avChatRooms: null, communities: 100_000 },
};

export const groupPlanLimits = (plan: Plan | null): GroupPlanLimits => LIMITS[plan ?? 'none'];

/** Most members a group of `type` may have under `plan`. */
export function planMemberLimit(plan: Plan | null, type: GroupType): number {
  const cap = groupPlanLimits(plan).members;
  const own = MEMBER_LIMITS[type];
  return cap === null || type === 'AVChatRoom' || type === 'Community' ? own : Math.min(own, cap);
}

/** Why one more group of `type` is refused under `plan`, or undefined when there is room. */
export function groupCountRefusal(plan: Plan | null, type: GroupType, counts: GroupCounts): 'no-community' | 'count-over-limit' | undefined {
  const limits = groupPlanLimits(plan);
  if (type === 'Community' && limits.communities === 0) return 'no-community';
  const full = (count: number, limit: number | null): boolean => limit !== null && count >= limit;
  if (full(counts.all, limits.groups)) return 'count-over-limit';
  if (type === 'AVChatRoom' && full(counts.avChatRooms, limits.avChatRooms)) return 'count-over-limit';
  if (type === 'Community' && full(counts.communities, limits.communities)) return 'count-over-limit';
  return undefined;
}
