/**
 * EventType numbers and their server enum names (admin-api.md §8.2, complete as of the server
 * revision read there). Clients must tolerate numbers missing here: new ones are added regularly.
 */
export const EVENT_TYPES: ReadonlyMap<number, string> = new Map<number, string>([
  [1000, 'User_LoggedIn'],
  [1001, 'User_ChangedPassword'],
  [1002, 'User_Updated2fa'],
  [1003, 'User_Disabled2fa'],
  [1004, 'User_Recovered2fa'],
  [1005, 'User_FailedLogIn'],
  [1006, 'User_FailedLogIn2fa'],
  [1007, 'User_ClientExportedVault'],
  [1008, 'User_UpdatedTempPassword'],
  [1009, 'User_MigratedKeyToKeyConnector'],
  [1010, 'User_RequestedDeviceApproval'],
  [1011, 'User_TdeOffboardingPasswordSet'],
  [1100, 'Cipher_Created'],
  [1101, 'Cipher_Updated'],
  [1102, 'Cipher_Deleted'],
  [1103, 'Cipher_AttachmentCreated'],
  [1104, 'Cipher_AttachmentDeleted'],
  [1105, 'Cipher_Shared'],
  [1106, 'Cipher_UpdatedCollections'],
  [1107, 'Cipher_ClientViewed'],
  [1108, 'Cipher_ClientToggledPasswordVisible'],
  [1109, 'Cipher_ClientToggledHiddenFieldVisible'],
  [1110, 'Cipher_ClientToggledCardCodeVisible'],
  [1111, 'Cipher_ClientCopiedPassword'],
  [1112, 'Cipher_ClientCopiedHiddenField'],
  [1113, 'Cipher_ClientCopiedCardCode'],
  [1114, 'Cipher_ClientAutofilled'],
  [1115, 'Cipher_SoftDeleted'],
  [1116, 'Cipher_Restored'],
  [1117, 'Cipher_ClientToggledCardNumberVisible'],
  [1118, 'Cipher_ClientToggledTOTPSeedVisible'],
  [1119, 'Cipher_ClientCopiedBankAccountNumber'],
  [1120, 'Cipher_ClientCopiedBankAccountPin'],
  [1121, 'Cipher_ClientToggledBankAccountNumberVisible'],
  [1122, 'Cipher_ClientToggledBankAccountPinVisible'],
  [1123, 'Cipher_ClientCopiedLicenseNumber'],
  [1124, 'Cipher_ClientToggledLicenseNumberVisible'],
  [1125, 'Cipher_ClientCopiedPassportNumber'],
  [1126, 'Cipher_ClientToggledPassportNumberVisible'],
  [1127, 'Cipher_ClientCopiedSwiftCode'],
  [1128, 'Cipher_ClientToggledSwiftCodeVisible'],
  [1129, 'Cipher_ClientCopiedIban'],
  [1130, 'Cipher_ClientToggledIbanVisible'],
  [1131, 'Cipher_ClientCopiedNationalIdentificationNumber'],
  [1132, 'Cipher_ClientToggledNationalIdentificationNumberVisible'],
  [1300, 'Collection_Created'],
  [1301, 'Collection_Updated'],
  [1302, 'Collection_Deleted'],
  [1400, 'Group_Created'],
  [1401, 'Group_Updated'],
  [1402, 'Group_Deleted'],
  [1500, 'OrganizationUser_Invited'],
  [1501, 'OrganizationUser_Confirmed'],
  [1502, 'OrganizationUser_Updated'],
  [1503, 'OrganizationUser_Removed'],
  [1504, 'OrganizationUser_UpdatedGroups'],
  [1505, 'OrganizationUser_UnlinkedSso'],
  [1506, 'OrganizationUser_ResetPassword_Enroll'],
  [1507, 'OrganizationUser_ResetPassword_Withdraw'],
  [1508, 'OrganizationUser_AdminResetPassword'],
  [1509, 'OrganizationUser_ResetSsoLink'],
  [1510, 'OrganizationUser_FirstSsoLogin'],
  [1511, 'OrganizationUser_Revoked'],
  [1512, 'OrganizationUser_Restored'],
  [1513, 'OrganizationUser_ApprovedAuthRequest'],
  [1514, 'OrganizationUser_RejectedAuthRequest'],
  [1515, 'OrganizationUser_Deleted'],
  [1516, 'OrganizationUser_Left'],
  [1517, 'OrganizationUser_AutomaticallyConfirmed'],
  [1518, 'OrganizationUser_SelfRevoked'],
  [1519, 'OrganizationUser_AdminResetTwoFactor'],
  [1520, 'OrganizationUser_Revoked_TwoFactorNonCompliance'],
  [1521, 'OrganizationUser_Revoked_SingleOrganizationNonCompliance'],
  [1522, 'OrganizationUser_NotificationBannerActionClicked'],
  [1523, 'OrganizationUser_Staged'],
  [1524, 'OrganizationUser_InviteLinkAccepted'],
  [1525, 'OrganizationUser_AdminChangedEmail'],
  [1526, 'OrganizationUser_InviteLinkConfirmed'],
  [1600, 'Organization_Updated'],
  [1601, 'Organization_PurgedVault'],
  [1602, 'Organization_ClientExportedVault'],
  [1603, 'Organization_VaultAccessed'],
  [1604, 'Organization_EnabledSso'],
  [1605, 'Organization_DisabledSso'],
  [1606, 'Organization_EnabledKeyConnector'],
  [1607, 'Organization_DisabledKeyConnector'],
  [1608, 'Organization_SponsorshipsSynced'],
  [1609, 'Organization_CollectionManagement_Updated'],
  [1610, 'Organization_CollectionManagement_LimitCollectionCreationEnabled'],
  [1611, 'Organization_CollectionManagement_LimitCollectionCreationDisabled'],
  [1612, 'Organization_CollectionManagement_LimitCollectionDeletionEnabled'],
  [1613, 'Organization_CollectionManagement_LimitCollectionDeletionDisabled'],
  [1614, 'Organization_CollectionManagement_LimitItemDeletionEnabled'],
  [1615, 'Organization_CollectionManagement_LimitItemDeletionDisabled'],
  [1616, 'Organization_CollectionManagement_AllowAdminAccessToAllCollectionItemsEnabled'],
  [1617, 'Organization_CollectionManagement_AllowAdminAccessToAllCollectionItemsDisabled'],
  [1618, 'Organization_ItemOrganization_Accepted'],
  [1619, 'Organization_ItemOrganization_Declined'],
  [1620, 'Organization_AutoConfirmEnabled_Admin'],
  [1621, 'Organization_AutoConfirmDisabled_Admin'],
  [1622, 'Organization_AutoConfirmEnabled_Portal'],
  [1623, 'Organization_AutoConfirmDisabled_Portal'],
  [1624, 'Organization_InviteLinkCreated'],
  [1625, 'Organization_InviteLinkDomainsEdited'],
  [1626, 'Organization_InviteLinkDeleted'],
  [1627, 'Organization_InviteLinkClientCopied'],
  [1628, 'Organization_InviteLinkRefreshed'],
  [1629, 'Organization_InviteLinkConfirmEnabled'],
  [1630, 'Organization_InviteLinkConfirmDisabled'],
  [1700, 'Policy_Updated'],
  [1800, 'ProviderUser_Invited'],
  [1801, 'ProviderUser_Confirmed'],
  [1802, 'ProviderUser_Updated'],
  [1803, 'ProviderUser_Removed'],
  [1900, 'ProviderOrganization_Created'],
  [1901, 'ProviderOrganization_Added'],
  [1902, 'ProviderOrganization_Removed'],
  [1903, 'ProviderOrganization_VaultAccessed'],
  [2000, 'OrganizationDomain_Added'],
  [2001, 'OrganizationDomain_Removed'],
  [2002, 'OrganizationDomain_Verified'],
  [2003, 'OrganizationDomain_NotVerified'],
  [2100, 'Secret_Retrieved'],
  [2101, 'Secret_Created'],
  [2102, 'Secret_Edited'],
  [2103, 'Secret_Deleted'],
  [2104, 'Secret_Permanently_Deleted'],
  [2105, 'Secret_Restored'],
  [2200, 'Project_Retrieved'],
  [2201, 'Project_Created'],
  [2202, 'Project_Edited'],
  [2203, 'Project_Deleted'],
  [2300, 'ServiceAccount_UserAdded'],
  [2301, 'ServiceAccount_UserRemoved'],
  [2302, 'ServiceAccount_GroupAdded'],
  [2303, 'ServiceAccount_GroupRemoved'],
  [2304, 'ServiceAccount_Created'],
  [2305, 'ServiceAccount_Deleted'],
  [2400, 'PhishingBlocker_SiteAccessed'],
  [2401, 'PhishingBlocker_SiteExited'],
  [2402, 'PhishingBlocker_Bypassed'],
  [2500, 'Send_Created_Text'],
  [2501, 'Send_Created_Text_WithEmailVerification'],
  [2502, 'Send_Created_Text_WithPasswordProtection'],
  [2503, 'Send_Created_File'],
  [2504, 'Send_Created_File_WithEmailVerification'],
  [2505, 'Send_Created_File_WithPasswordProtection'],
  [2506, 'Send_Edited_Text'],
  [2507, 'Send_Edited_File'],
  [2508, 'Send_Deleted_Text'],
  [2509, 'Send_Deleted_File'],
  [2510, 'Send_Accessed_Text'],
  [2511, 'Send_Accessed_File'],
]);

/** Subjects of the enum-name prefixes, in the words the web vault uses. */
const SUBJECTS: Readonly<Record<string, string>> = {
  User: 'User',
  Cipher: 'Item',
  Collection: 'Collection',
  Group: 'Group',
  OrganizationUser: 'Member',
  Organization: 'Organization',
  Policy: 'Policy',
  ProviderUser: 'Provider user',
  ProviderOrganization: 'Client organization',
  OrganizationDomain: 'Domain',
  Secret: 'Secret',
  Project: 'Project',
  ServiceAccount: 'Machine account',
  PhishingBlocker: 'Phishing blocker',
  Send: 'Send',
};

/** Where deriving words from the enum name reads badly. */
const OVERRIDES: Readonly<Record<string, string>> = {
  User_LoggedIn: 'Logged in',
  User_ChangedPassword: 'Changed master password',
  User_Updated2fa: 'Updated two-step login',
  User_Disabled2fa: 'Turned off two-step login',
  User_Recovered2fa: 'Recovered two-step login',
  User_FailedLogIn: 'Login failed (wrong password)',
  User_FailedLogIn2fa: 'Login failed (wrong two-step code)',
  User_ClientExportedVault: 'Exported the individual vault',
  User_UpdatedTempPassword: 'Updated a temporary master password',
  User_MigratedKeyToKeyConnector: 'Migrated the key to Key Connector',
  User_RequestedDeviceApproval: 'Requested device approval',
  User_TdeOffboardingPasswordSet: 'Set a master password after leaving trusted devices',
  Cipher_Shared: 'Item moved to the organization',
  Cipher_SoftDeleted: 'Item moved to the trash',
  Cipher_Restored: 'Item restored from the trash',
  OrganizationUser_UpdatedGroups: "Member's groups updated",
  OrganizationUser_UnlinkedSso: 'Member unlinked from SSO',
  OrganizationUser_ResetPassword_Enroll: 'Member enrolled in account recovery',
  OrganizationUser_ResetPassword_Withdraw: 'Member withdrew from account recovery',
  OrganizationUser_AdminResetPassword: "Member's master password recovered by an admin",
  OrganizationUser_ResetSsoLink: "Member's SSO link reset",
  OrganizationUser_FirstSsoLogin: 'Member logged in with SSO for the first time',
  OrganizationUser_ApprovedAuthRequest: "Member's device approved",
  OrganizationUser_RejectedAuthRequest: "Member's device denied",
  OrganizationUser_Deleted: "Member's account deleted",
  OrganizationUser_Left: 'Member left the organization',
  OrganizationUser_SelfRevoked: 'Member revoked their own access',
  OrganizationUser_AdminResetTwoFactor: "Member's two-step login reset by an admin",
  OrganizationUser_Revoked_TwoFactorNonCompliance: 'Member revoked: no two-step login',
  OrganizationUser_Revoked_SingleOrganizationNonCompliance: 'Member revoked: in another organization',
  OrganizationUser_NotificationBannerActionClicked: 'Member clicked the vault banner',
  OrganizationUser_Staged: 'Member provisioned (not yet invited)',
  OrganizationUser_AdminChangedEmail: "Member's e-mail changed by an admin",
  Organization_ClientExportedVault: 'Organization vault exported',
  Organization_VaultAccessed: 'Organization vault opened by the provider',
  Organization_EnabledSso: 'SSO turned on',
  Organization_DisabledSso: 'SSO turned off',
  Organization_EnabledKeyConnector: 'Key Connector turned on',
  Organization_DisabledKeyConnector: 'Key Connector turned off',
  Organization_SponsorshipsSynced: 'Families sponsorships synced',
  Organization_PurgedVault: 'Organization vault purged',
  Organization_ItemOrganization_Accepted: 'Member accepted moving their items to the organization',
  Organization_ItemOrganization_Declined: 'Member declined moving their items to the organization',
  Organization_AutoConfirmEnabled_Admin: 'Automatic confirmation turned on by an admin',
  Organization_AutoConfirmDisabled_Admin: 'Automatic confirmation turned off by an admin',
  Organization_AutoConfirmEnabled_Portal: 'Automatic confirmation turned on by Bitwarden',
  Organization_AutoConfirmDisabled_Portal: 'Automatic confirmation turned off by Bitwarden',
  ProviderOrganization_Created: 'Client organization created',
  ProviderOrganization_Added: 'Existing organization added as a client',
  ProviderOrganization_Removed: 'Client organization removed from the provider',
  ProviderOrganization_VaultAccessed: 'Client vault opened by the provider',
  Secret_Permanently_Deleted: 'Secret permanently deleted',
};

const ACRONYMS = new Set(['TOTP', 'SSO', 'IBAN', 'PIN', 'URI', 'IP', 'TDE']);

function spaced(camel: string): string {
  const parts = camel.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+[a-z]*/g) ?? [camel];
  return parts
    .map((p) => {
      if (p === '2fa') return 'two-step login';
      const upper = p.toUpperCase();
      if (ACRONYMS.has(upper) && (p === upper || upper === 'SSO' || upper === 'PIN' || upper === 'IBAN')) return upper;
      return p.toLowerCase();
    })
    .join(' ')
    .replace(/\blog in\b/g, 'login');
}

/** A sentence for an event type: 1300 → "Collection created"; unknown numbers → "Event 4242". */
export function eventWords(type: number): string {
  const name = EVENT_TYPES.get(type);
  if (name === undefined) return `Event ${type}`;
  const override = OVERRIDES[name];
  if (override) return override;
  const [prefix = '', ...rest] = name.split('_');
  const subject = SUBJECTS[prefix] ?? spaced(prefix);
  let tail = rest.join(' ').replace(/^Client/, '');
  const toggled = /^Toggled(.+)Visible$/.exec(tail);
  const copied = /^Copied(.+)$/.exec(tail);
  if (toggled) tail = `${spaced(toggled[1] as string)} shown or hidden`;
  else if (copied) tail = `${spaced(copied[1] as string)} copied`;
  else if (prefix === 'Organization' && rest[0] === 'CollectionManagement') tail = `collection settings: ${spaced(rest.slice(1).join(''))}`;
  else tail = tail.split(' ').map(spaced).join(', ').replace(/, with/g, ' with');
  const text = `${subject} ${tail}`.trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Kebab-case name of an event type: 1000 → 'user-logged-in'; unknown numbers → 'event-4242'. */
export function eventSlug(type: number): string {
  const name = EVENT_TYPES.get(type);
  if (name === undefined) return `event-${type}`;
  return name
    .split('_')
    .map((part) => (part.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+[a-z]*/g) ?? [part]).join('-'))
    .join('-')
    .toLowerCase();
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The type number a `--type` value names: a number, a kebab name, or the server enum name (any case). */
export function lookupEventType(text: string): number | undefined {
  const wanted = text.trim();
  if (/^\d+$/.test(wanted)) return Number(wanted);
  const key = squash(wanted);
  for (const [type, name] of EVENT_TYPES) {
    if (squash(name) === key) return type;
  }
  return undefined;
}

export function allEventSlugs(): string[] {
  return [...EVENT_TYPES.keys()].map(eventSlug);
}
