export { createHttpApp, type HttpAppDeps } from './app.js';
export { SESSION_COOKIE, readCookie } from './cookies.js';
export { phonePages } from './phonePages.js';
export { ServerAddress } from './ServerAddress.js';
export { html, page } from './html.js';
