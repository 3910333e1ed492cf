export { createHttpApp, type HttpAppDeps } from './app.js';
export { SESSION_COOKIE } from './cookies.js';
