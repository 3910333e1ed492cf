export { createHttpApp, type HttpAppDeps } from './app.js';
export { SESSION_COOKIE } from './cookies.js';
export { phonePages } from './phonePages.js';
