/**
 * Cipher response bodies (the official `CipherMiniResponseModel` family): the typed
 * login / card / identity / secureNote object of the cipher's type, built from the stored
 * encrypted fields; `data` (the raw blob) is left out, which clients accept (admin-api.md §9.2).
 */
import type { CipherRequest } from '../../protocol/cipher.js';
import type { CipherRecord } from '../repositories/ciphers.js';

/** What the stored `data` JSON holds: the request's encrypted fields. */
export type StoredCipherData = Pick<CipherRequest, 'name' | 'notes' | 'fields' | 'passwordHistory' | 'login' | 'card' | 'identity' | 'secureNote'>;

/** The part of a request the sandbox stores (EncStrings only; ids and flags go to their columns). */
export function storedDataOf(request: CipherRequest): string {
  const data: StoredCipherData = {
    name: request.name,
    notes: request.notes ?? null,
    fields: request.fields ?? null,
    passwordHistory: request.passwordHistory ?? null,
    login: request.type === 1 ? (request.login ?? {}) : null,
    secureNote: request.type === 2 ? (request.secureNote ?? { type: 0 }) : null,
    card: request.type === 3 ? (request.card ?? {}) : null,
    identity: request.type === 4 ? (request.identity ?? {}) : null,
  };
  return JSON.stringify(data);
}

function parseData(cipher: CipherRecord): StoredCipherData {
  return JSON.parse(cipher.data) as StoredCipherData;
}

function loginModel(login: NonNullable<StoredCipherData['login']>) {
  const uris = (login.uris ?? []).map((u) => ({ uri: u.uri ?? null, uriChecksum: u.uriChecksum ?? null, match: u.match ?? null }));
  return {
    uri: login.uri ?? uris[0]?.uri ?? null,
    uris: uris.length ? uris : null,
    username: login.username ?? null,
    password: login.password ?? null,
    passwordRevisionDate: login.passwordRevisionDate ?? null,
    totp: login.totp ?? null,
    autofillOnPageLoad: login.autofillOnPageLoad ?? null,
    fido2Credentials: null,
  };
}

/** `cipherMini` fields shared by every cipher response. */
export function cipherMiniModel(cipher: CipherRecord, orgUseTotp: boolean, object = 'cipherMini') {
  const data = parseData(cipher);
  return {
    object,
    id: cipher.id,
    organizationId: cipher.organizationId,
    type: cipher.type,
    name: data.name,
    notes: data.notes ?? null,
    login: data.login ? loginModel(data.login) : null,
    card: data.card ?? null,
    identity: data.identity ?? null,
    secureNote: data.secureNote ?? null,
    sshKey: null,
    fields: data.fields ?? null,
    passwordHistory: data.passwordHistory ?? null,
    attachments: null,
    organizationUseTotp: orgUseTotp,
    revisionDate: cipher.revisionDate,
    creationDate: cipher.creationDate,
    deletedDate: cipher.deletedDate,
    reprompt: cipher.reprompt,
    key: cipher.key,
  };
}

/** `cipherMiniDetails` (GET /ciphers/organization-details). */
export function cipherMiniDetailsModel(cipher: CipherRecord, orgUseTotp: boolean, collectionIds: readonly string[]) {
  return { ...cipherMiniModel(cipher, orgUseTotp, 'cipherMiniDetails'), collectionIds: [...collectionIds] };
}

/** `cipherDetails` (sync): the caller's rights come from the collections that hold the cipher. */
export function cipherDetailsModel(
  cipher: CipherRecord,
  orgUseTotp: boolean,
  collectionIds: readonly string[],
  rights: { edit: boolean; viewPassword: boolean; delete: boolean },
) {
  return {
    ...cipherMiniModel(cipher, orgUseTotp, 'cipherDetails'),
    folderId: null,
    favorite: cipher.favorite,
    edit: rights.edit,
    viewPassword: rights.viewPassword,
    permissions: { delete: rights.delete, restore: rights.delete },
    archivedDate: null,
    collectionIds: [...collectionIds],
  };
}
