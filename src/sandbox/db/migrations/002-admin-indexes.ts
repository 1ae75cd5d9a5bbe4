/**
 * 002: indexes for the organization administration routes (members by organization, access rows
 * by member and group, event pages by acting user), plus `events.id` ordering for paging.
 */
export const sql = `
CREATE INDEX organization_users_organization ON organization_users(organization_id, status);
CREATE INDEX collection_users_member ON collection_users(organization_user_id);
CREATE INDEX collection_groups_group ON collection_groups(group_id);
CREATE INDEX group_users_member ON group_users(organization_user_id);
CREATE INDEX events_organization_acting ON events(organization_id, acting_user_id, date);
CREATE INDEX events_organization_cipher ON events(organization_id, cipher_id, date);
`;
