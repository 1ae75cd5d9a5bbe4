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

/** What an organization event may name besides its type, organization and actor. */
export type OrganizationEventFields = Partial<
  Pick<NewEvent, 'userId' | 'collectionId' | 'groupId' | 'policyId' | 'organizationUserId' | 'cipherId'>
>;

/**
 * Records an administrative event in an organization's log (only organizations with `useEvents`
 * keep one, as on the official server). A provider user acting on a client organization is
 * recorded with the provider's id as well.
 */
export function logOrganizationEvent(
  ctx: SandboxContext,
  organization: { id: string; enabled: boolean; useEvents: boolean },
  actor: { userId: string | null; providerId: string | null; systemUser: number | null; deviceType: number | null; ipAddress: string | null },
  type: number,
  fields: OrganizationEventFields = {},
): void {
  if (!organization.enabled || !organization.useEvents) return;
  ctx.store.events.insert({
    id: randomUUID(),
    type,
    organizationId: organization.id,
    providerId: actor.providerId,
    actingUserId: actor.userId,
    systemUser: actor.systemUser,
    deviceType: actor.deviceType,
    ipAddress: actor.ipAddress,
    date: ctx.clock.now().toISOString(),
    ...fields,
  });
}
