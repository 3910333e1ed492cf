export { CitizenServices, monthsBetween, type PartnerConnectors, type Requester } from './CitizenServices.js';
export { NoticeReads } from './NoticeReads.js';
export { PartnerConnector, type PartnerAuth, type PartnerConnectorOptions } from './PartnerConnector.js';
export * as contracts from '../partnerContracts/index.js';
