/** Writing the event log. */
import { randomUUID } from 'node:crypto';
import { OrganizationUserStatusType } from '../../protocol/organization.js';
import { ProviderUserStatusType } from '../../protocol/provider.js';
import type { SandboxContext } from '../context.js';
import type { NewEvent } from '../repositories/events.js';

export interface EventOrigin {
  deviceType?: number | null;
  ipAddress?: string | null;
}

/**
 * A user event (login, failed login, 2FA change) is recorded for each organization (with events)
 * and provider the user is a confirmed member of, plus once for the user.
 */
export function logUserEvent(ctx: SandboxContext, userId: string, type: number, origin: EventOrigin = {}): void {
  const date = ctx.clock.now().toISOString();
  const base: Omit<NewEvent, 'id'> = {
    type,
    userId,
    actingUserId: userId,
    deviceType: origin.deviceType ?? null,
    ipAddress: origin.ipAddress ?? null,
    date,
  };
  const events: NewEvent[] = [{ ...base, id: randomUUID() }];
  for (const m of ctx.store.organizations.listMembershipsForUser(userId, OrganizationUserStatusType.Confirmed)) {
    if (m.organization.enabled && m.organization.useEvents) {
      events.push({ ...base, id: randomUUID(), organizationId: m.organization.id });
    }
  }
  for (const m of ctx.store.providers.listMembershipsForUser(userId, ProviderUserStatusType.Confirmed)) {
    if (m.provider.enabled && m.provider.useEvents) {
      events.push({ ...base, id: randomUUID(), providerId: m.provider.id });
    }
  }
  ctx.store.transaction(() => {
    for (const event of events) ctx.store.events.insert(event);
  });
}
