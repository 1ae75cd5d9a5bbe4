export { loginSpec } from './login.js';
export { logoutSpec } from './logout.js';
export { unlockSpec } from './unlock.js';
export { lockSpec } from './lock.js';
export { statusSpec } from './status.js';
