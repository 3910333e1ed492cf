export { createCityRouter, createRootApp, type CityHttpDeps } from './app.js';
export { readCookie, staffSessionCookieName } from './cookies.js';
export type { FleetGrant } from './middleware.js';
export { phonePages } from './phonePages.js';
export { ServerAddress } from './ServerAddress.js';
export { html, page } from './html.js';
