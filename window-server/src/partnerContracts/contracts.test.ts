import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { PartnerFolder } from '../sandbox/partners/index.js';
import { PartnersUnderTest, type PartnerAnswer } from '../sandbox/partners/testHarness.js';
import { partnerErrorSchema, partnerTextSchema } from './common.js';
import { childcare, currency, mutualAid, portal } from './index.js';

/**
 * The OpenAPI files in docs/api/partners/ against the zod contract: every component schema
 * matches its zod schema (after normalising what JSON Schema lets two writers say differently),
 * every $ref resolves, and the sandbox partners answer every documented operation with bodies
 * the zod schemas accept and statuses the files document.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Contract = Record<string, unknown>;

const DOCS = fileURLToPath(new URL('../../../docs/api/partners/', import.meta.url));
const CONTRACTS: Record<PartnerFolder, Contract> = {
  portal,
  currency,
  'mutual-aid': mutualAid,
  childcare,
};
/** Components that every partner shares, from common.ts. */
const COMMON: Record<string, z.ZodType> = { Error: partnerErrorSchema, PartnerText: partnerTextSchema };
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Words for people, not for machines. `additionalProperties`: zod output schemas are closed, but
 * the gateway's zod parse strips unknown fields, so the files leave objects open on purpose. */
const IGNORED = new Set([
  '$schema',
  'description',
  'title',
  'examples',
  'example',
  'additionalProperties',
  'default',
]);
/** Compared only where both sides state them: zod spells out the ISO regexes, the files a format. */
const WHERE_BOTH_STATE = new Set(['format', 'pattern']);

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const documents = Object.fromEntries(
  Object.keys(CONTRACTS).map((name) => [
    name,
    parseYaml(readFileSync(`${DOCS}${name}.yaml`, 'utf8')) as JsonObject,
  ]),
) as Record<PartnerFolder, JsonObject>;

function resolver(document: JsonObject): (ref: string) => Json {
  return (ref) => {
    if (!ref.startsWith('#/')) throw new Error(`only local $refs: ${ref}`);
    let node: Json | undefined = document;
    for (const part of ref.slice(2).split('/')) node = isObject(node) ? node[part] : undefined;
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    return node;
  };
}

function zodFor(contract: Contract, component: string): z.ZodType | undefined {
  const value = COMMON[component] ?? contract[`${component[0]?.toLowerCase()}${component.slice(1)}Schema`];
  return value instanceof z.ZodType ? value : undefined;
}

/** One spelling for what JSON Schema can say several ways. */
function normalise(schema: Json, resolve: (ref: string) => Json): Json {
  if (Array.isArray(schema)) return schema.map((item) => normalise(item, resolve));
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...siblings } = schema;
    return normalise({ ...(resolve($ref) as JsonObject), ...siblings }, resolve);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (IGNORED.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, item]) => [name, normalise(item, resolve)]),
      );
    } else if (key === 'required' && Array.isArray(value)) out.required = [...value].sort();
    else if (key === 'enum' && Array.isArray(value)) out.enum = [...value].sort();
    else if (key === 'const') out.enum = [value];
    else out[key] = normalise(value, resolve);
  }
  if (Array.isArray(out.type)) {
    const types = out.type.filter((type) => type !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    out.type = types.length === 1 ? (types[0] as Json) : types;
  }
  if (Array.isArray(out.anyOf)) {
    const others = out.anyOf.filter((item) => !(isObject(item) && item.type === 'null'));
    if (others.length === 1 && others.length < out.anyOf.length && isObject(others[0])) {
      const { anyOf: _anyOf, ...rest } = out;
      return { ...rest, ...others[0], nullable: true };
    }
  }
  if (out.type === 'integer') {
    // zod bounds every int to the safe range; `positive()` is an exclusive minimum of 0.
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
    if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
    if (typeof out.exclusiveMinimum === 'number') {
      out.minimum = out.exclusiveMinimum + 1;
      delete out.exclusiveMinimum;
    }
  }
  return out;
}

function differences(yaml: Json | undefined, zod: Json | undefined, path: string, out: string[]): string[] {
  if (isObject(yaml) && isObject(zod)) {
    for (const key of new Set([...Object.keys(yaml), ...Object.keys(zod)])) {
      const inYaml = key in yaml;
      const inZod = key in zod;
      if (WHERE_BOTH_STATE.has(key) && !(inYaml && inZod)) continue;
      if (!inZod) out.push(`${path}.${key}: only in the YAML (${JSON.stringify(yaml[key])})`);
      else if (!inYaml) out.push(`${path}.${key}: only in zod (${JSON.stringify(zod[key])})`);
      else differences(yaml[key], zod[key], `${path}.${key}`, out);
    }
  } else if (Array.isArray(yaml) && Array.isArray(zod) && yaml.length === zod.length) {
    yaml.forEach((item, index) => differences(item, zod[index], `${path}[${index}]`, out));
  } else if (JSON.stringify(yaml) !== JSON.stringify(zod)) {
    out.push(`${path}: YAML ${JSON.stringify(yaml)} ≠ zod ${JSON.stringify(zod)}`);
  }
  return out;
}

function refsIn(
  node: Json,
  at: string,
  out: { at: string; ref: string }[] = [],
): { at: string; ref: string }[] {
  if (Array.isArray(node)) node.forEach((item, index) => refsIn(item, `${at}[${index}]`, out));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push({ at, ref: value });
      else refsIn(value, `${at}.${key}`, out);
    }
  }
  return out;
}

const schemasOf = (document: JsonObject): JsonObject => {
  const components = document.components;
  return isObject(components) && isObject(components.schemas) ? components.schemas : {};
};

describe.each(Object.keys(CONTRACTS) as PartnerFolder[])('docs/api/partners/%s.yaml', (name) => {
  const document = documents[name];
  const contract = CONTRACTS[name];
  const resolve = resolver(document);

  it('is OpenAPI 3.1 with bilingual info, servers and security schemes', () => {
    expect(document.openapi).toBe('3.1.0');
    const info = document.info as JsonObject;
    expect(info.description).toMatch(/[a-z]{3}/);
    expect(info.description).toMatch(/[\u3040-\u30ff]/);
    expect((document.servers as JsonObject[])[0]?.url).toContain(`/sandbox/partners/${name}`);
    expect(
      Object.keys((document.components as JsonObject).securitySchemes as JsonObject).length,
    ).toBeGreaterThan(0);
  });

  it('names a component after every zod schema, and every component after one', () => {
    const exported = Object.entries(contract)
      .filter(([key, value]) => key.endsWith('Schema') && value instanceof z.ZodType)
      .map(([key]) => `${key[0]?.toUpperCase()}${key.slice(1, -'Schema'.length)}`);
    const components = Object.keys(schemasOf(document));
    expect(exported.filter((component) => !components.includes(component))).toEqual([]);
    expect(components.filter((component) => !zodFor(contract, component))).toEqual([]);
  });

  it.each(Object.keys(schemasOf(document)))('component %s matches its zod schema', (component) => {
    const schema = zodFor(contract, component);
    if (!schema) throw new Error(`no zod schema for ${component}`);
    const fromYaml = normalise(schemasOf(document)[component] ?? null, resolve);
    const fromZod = normalise(z.toJSONSchema(schema) as Json, resolve);
    expect(differences(fromYaml, fromZod, component, [])).toEqual([]);
  });

  it('resolves every $ref, and every JSON response is a component', () => {
    const refs = refsIn(document, '$');
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter(({ ref }) => !existsRef(resolve, ref)).map(({ at, ref }) => `${at} → ${ref}`)).toEqual(
      [],
    );
    for (const operation of operationsOf(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const componentName = responseComponent(resolve, response);
        expect(componentName, `${operation.key} ${status}`).toBeTruthy();
      }
    }
  });

  it('documents 401 on every operation and an Idempotency-Key on every write', () => {
    for (const operation of operationsOf(document)) {
      expect(Object.keys(operation.responses), operation.key).toContain('401');
      if (operation.method === 'get' || operation.path === '/oauth/token') continue;
      const names = operation.parameters.map(
        (parameter) => (normalise(parameter, resolve) as JsonObject).name,
      );
      if (operation.method !== 'delete') expect(names, operation.key).toContain('Idempotency-Key');
    }
  });
});

/** A value deep in a JSON answer, e.g. pick(body, 'request', 'id'). */
function pick(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
    value,
  );
}

function existsRef(resolve: (ref: string) => Json, ref: string): boolean {
  try {
    resolve(ref);
    return true;
  } catch {
    return false;
  }
}

interface Operation {
  key: string;
  method: string;
  path: string;
  parameters: Json[];
  responses: JsonObject;
}

function operationsOf(document: JsonObject): Operation[] {
  return Object.entries(document.paths as JsonObject).flatMap(([path, item]) =>
    Object.entries(item as JsonObject)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => {
        const op = operation as JsonObject;
        return {
          key: `${method.toUpperCase()} ${path}`,
          method,
          path,
          parameters: (op.parameters as Json[] | undefined) ?? [],
          responses: op.responses as JsonObject,
        };
      }),
  );
}

/** The component a response's JSON body refers to, e.g. `NoticeList`. */
function responseComponent(resolve: (ref: string) => Json, response: Json | undefined): string | undefined {
  const resolved =
    isObject(response) && typeof response.$ref === 'string' ? resolve(response.$ref) : response;
  const content =
    isObject(resolved) && isObject(resolved.content) ? resolved.content['application/json'] : undefined;
  const ref = isObject(content) && isObject(content.schema) ? content.schema.$ref : undefined;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
}

describe('the sandbox partners answer every documented operation as documented', () => {
  let partners: PartnersUnderTest;
  const succeeded = new Set<string>();
  beforeAll(async () => {
    partners = await PartnersUnderTest.start();
  });
  afterAll(() => partners.close());

  /** Calls, then checks that the status is documented and the body passes the documented schema. */
  async function call(
    partner: PartnerFolder,
    template: string,
    path: string,
    options: Parameters<PartnersUnderTest['call']>[3] = {},
  ): Promise<PartnerAnswer> {
    const method = template.split(' ')[0] ?? 'GET';
    const answer: PartnerAnswer = await partners.call(partner, method, path, options);
    const operation = operationsOf(documents[partner]).find((candidate) => candidate.key === template);
    if (!operation) throw new Error(`${template} is not documented in ${partner}.yaml`);
    const status = String(answer.status);
    const response = operation.responses[status] ?? operation.responses[`${status[0]}XX`];
    const what = `${partner} ${template} → ${status} ${JSON.stringify(answer.body)}`;
    expect(response, `undocumented status: ${what}`).toBeDefined();
    const component = responseComponent(resolver(documents[partner]), response);
    const schema = component ? zodFor(CONTRACTS[partner], component) : undefined;
    const parsed = schema?.safeParse(answer.body);
    expect(parsed?.success, `${what}: ${parsed?.error?.message ?? 'no schema'}`).toBe(true);
    if (answer.status < 300) succeeded.add(`${partner} ${template}`);
    return answer;
  }

  it('portal', async () => {
    expect((await call('portal', 'GET /v1/notices', '/v1/notices?limit=5')).status).toBe(200);
    expect((await call('portal', 'GET /v1/notices/{id}', '/v1/notices/ntc-0001')).status).toBe(200);
    expect((await call('portal', 'GET /v1/notices/{id}', '/v1/notices/ntc-9999')).status).toBe(404);
    const recommendations = '/v1/recommendations?subject=demo-0001';
    expect((await call('portal', 'GET /v1/recommendations', recommendations)).status).toBe(200);
    expect((await call('portal', 'GET /v1/recommendations', '/v1/recommendations')).status).toBe(400);
  });

  it('currency', async () => {
    const token = { form: 'grant_type=client_credentials' };
    expect((await call('currency', 'POST /oauth/token', '/oauth/token', token)).status).toBe(200);
    const account = '/v1/accounts/demo-0001';
    expect((await call('currency', 'GET /v1/accounts/{subject}/balance', `${account}/balance`)).status).toBe(
      200,
    );
    const history = `${account}/transactions?limit=5`;
    expect((await call('currency', 'GET /v1/accounts/{subject}/transactions', history)).status).toBe(200);
    const coupons = '/v1/accounts/demo-0003/coupons';
    expect((await call('currency', 'GET /v1/accounts/{subject}/coupons', coupons)).status).toBe(200);
    const grant = { body: { amount: 100, kind: 'grant', description: 'テスト付与' }, idempotencyKey: 'c-1' };
    expect(
      (await call('currency', 'POST /v1/accounts/{subject}/grants', `${account}/grants`, grant)).status,
    ).toBe(201);
    const pay = { body: { amount: 50, description: 'テスト商店' }, idempotencyKey: 'c-2' };
    const payments = `${account}/payments`;
    expect((await call('currency', 'POST /v1/accounts/{subject}/payments', payments, pay)).status).toBe(201);
    const tooMuch = { body: { amount: 99_999, description: 'テスト商店' }, idempotencyKey: 'c-3' };
    const refused = await call('currency', 'POST /v1/accounts/{subject}/payments', payments, tooMuch);
    expect([refused.status, pick(refused.body, 'error', 'code')]).toEqual([409, 'INSUFFICIENT_FUNDS']);
    const payCodes = `${account}/pay-codes`;
    expect(
      (await call('currency', 'POST /v1/accounts/{subject}/pay-codes', payCodes, { body: {} })).status,
    ).toBe(201);
    const nobody = '/v1/accounts/nobody/balance';
    expect((await call('currency', 'GET /v1/accounts/{subject}/balance', nobody)).status).toBe(404);
  });

  it('mutual aid', async () => {
    const nearby = '/v1/requests?subject=demo-0003&area=' + encodeURIComponent('大村市 久原');
    expect((await call('mutual-aid', 'GET /v1/requests', nearby)).status).toBe(200);
    expect(
      (await call('mutual-aid', 'GET /v1/requests', '/v1/requests?subject=demo-0001&mine=true')).status,
    ).toBe(200);
    const ask = {
      body: { subject: 'demo-0003', template: 'ride', area: '久原', date: '2026-12-09', period: 'morning' },
      idempotencyKey: 'a-1',
    };
    const created = await call('mutual-aid', 'POST /v1/requests', '/v1/requests', ask);
    expect(created.status).toBe(201);
    const id = String(pick(created.body, 'request', 'id'));
    const as = (subject: string): { body: { subject: string } } => ({ body: { subject } });
    const step = (action: string, subject: string) =>
      call('mutual-aid', `POST /v1/requests/{id}/${action}`, `/v1/requests/${id}/${action}`, as(subject));
    expect((await step('accept', 'demo-0003')).status).toBe(409);
    expect((await step('offers', 'demo-0004')).status).toBe(200);
    expect((await step('accept', 'demo-0004')).status).toBe(403);
    expect((await step('accept', 'demo-0003')).status).toBe(200);
    expect((await step('complete', 'demo-0003')).status).toBe(200);
    expect((await step('cancel', 'demo-0003')).status).toBe(409);
    const other = await call('mutual-aid', 'POST /v1/requests', '/v1/requests', {
      ...ask,
      idempotencyKey: 'a-2',
    });
    const otherId = String(pick(other.body, 'request', 'id'));
    const cancel = `/v1/requests/${otherId}/cancel`;
    expect((await call('mutual-aid', 'POST /v1/requests/{id}/cancel', cancel, as('demo-0003'))).status).toBe(
      200,
    );
    const missing = '/v1/requests/aid_missing/offers';
    expect((await call('mutual-aid', 'POST /v1/requests/{id}/offers', missing, as('demo-0001'))).status).toBe(
      404,
    );
  });

  it('childcare', async () => {
    const family = '/v1/families/demo-0003';
    expect(
      (await call('childcare', 'GET /v1/families/{subject}/children', `${family}/children`)).status,
    ).toBe(200);
    expect((await call('childcare', 'GET /v1/info', '/v1/info?ageMonths=4')).status).toBe(200);
    const slots = await call('childcare', 'GET /v1/slots', '/v1/slots?from=2026-12-08&to=2026-12-09');
    const book = {
      body: { slotId: pick(slots.body, 'slots', 0, 'id'), childId: null },
      idempotencyKey: 'b-1',
    };
    const booked = await call(
      'childcare',
      'POST /v1/families/{subject}/bookings',
      `${family}/bookings`,
      book,
    );
    expect(booked.status).toBe(201);
    const booking = `${family}/bookings/${String(pick(booked.body, 'booking', 'id'))}`;
    const move = { body: { slotId: pick(slots.body, 'slots', 1, 'id') }, idempotencyKey: 'b-2' };
    expect(
      (await call('childcare', 'PATCH /v1/families/{subject}/bookings/{id}', booking, move)).status,
    ).toBe(200);
    expect(
      (await call('childcare', 'GET /v1/families/{subject}/bookings', `${family}/bookings`)).status,
    ).toBe(200);
    expect((await call('childcare', 'DELETE /v1/families/{subject}/bookings/{id}', booking)).status).toBe(
      200,
    );
    const unknown = { body: { slotId: 'slot-19990101-1000', childId: null }, idempotencyKey: 'b-3' };
    const refused = await call(
      'childcare',
      'POST /v1/families/{subject}/bookings',
      `${family}/bookings`,
      unknown,
    );
    expect(refused.status).toBe(404);
  });

  it('refuses every documented operation without credentials: 401 with the error body', async () => {
    for (const partner of Object.keys(CONTRACTS) as PartnerFolder[]) {
      for (const operation of operationsOf(documents[partner])) {
        const path = operation.path.replace('{subject}', 'demo-0001').replace('{id}', 'x');
        const answer = await call(partner, operation.key, path, { auth: false });
        expect(answer.status, `${partner} ${operation.key}`).toBe(401);
      }
    }
  });

  it('succeeded at least once on every documented operation', () => {
    const documented = (Object.keys(CONTRACTS) as PartnerFolder[]).flatMap((partner) =>
      operationsOf(documents[partner]).map((operation) => `${partner} ${operation.key}`),
    );
    expect(documented.filter((operation) => !succeeded.has(operation))).toEqual([]);
  });
});
