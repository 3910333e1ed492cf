import { z } from 'zod';
import type { Clock } from '../../../core/clock.js';
import type { Logger } from '../../../core/logger.js';
import type { SqliteFile, SqliteMigration } from '../../../db/index.js';
import type { Notice, recommendationSchema } from '../../../partnerContracts/index.js';
import { DEMO_TOWNS, OMURA, OMURA_DEMO, type CityName, type DemoCity, type DemoSet } from '../../demoCity.js';
import { openPartnerDatabase, SEED_TABLE, seedOnce } from '../database.js';
import type { FaultKnobs } from '../faults.js';
import { notFound, param, parse, requireApiKey, sendJson } from '../http.js';
import { SandboxPartner, type OwnRouterParts, type SandboxPartnerParts } from '../partner.js';
import { jstIso } from '../time.js';
import { SEED_NOTICES, SEED_RECOMMENDATIONS } from './portalSeed.js';

const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'portal: notices and recommendations',
    sql: `
      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        urgent INTEGER NOT NULL,
        published_at TEXT NOT NULL,
        expires_at TEXT,
        title_ja TEXT NOT NULL,
        title_en TEXT,
        body_ja TEXT NOT NULL,
        body_en TEXT
      ) STRICT;
      CREATE TABLE recommendations (
        id TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        title_ja TEXT NOT NULL,
        title_en TEXT,
        body_ja TEXT NOT NULL,
        body_en TEXT,
        reason_ja TEXT NOT NULL,
        reason_en TEXT
      ) STRICT;
      CREATE INDEX recommendations_by_subject ON recommendations (subject);
      ${SEED_TABLE}`,
  },
];

interface NoticeRow {
  id: string;
  category: Notice['category'];
  urgent: number;
  published_at: string;
  title_ja: string;
  title_en: string | null;
  body_ja: string;
  body_en: string | null;
}

interface RecommendationRow {
  id: string;
  title_ja: string;
  title_en: string | null;
  body_ja: string;
  body_en: string | null;
  reason_ja: string;
  reason_en: string | null;
}

const text = (ja: string, en: string | null): { ja: string; en?: string } =>
  en === null ? { ja } : { ja, en };

const noticeOf = (row: NoticeRow): Notice => ({
  id: row.id,
  title: text(row.title_ja, row.title_en),
  body: text(row.body_ja, row.body_en),
  category: row.category,
  publishedAt: jstIso(new Date(row.published_at)),
  urgent: row.urgent === 1,
});

type Recommendation = z.infer<typeof recommendationSchema>;

const noticesQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const recommendationsQuery = z.object({ subject: z.string().min(1) });

/** おむすび。 portal: public notices (urgent first, then newest) and recommendations per citizen. */
export class PortalSandbox extends SandboxPartner {
  private constructor(
    parts: SandboxPartnerParts,
    private readonly apiKey: string,
  ) {
    super(parts);
  }

  /** `city`: the city the demo notices speak of (the seed is written for 大村市). */
  static open(
    file: string,
    clock: Clock,
    logger: Logger,
    faults: FaultKnobs,
    apiKey: string,
    city: DemoCity = OMURA_DEMO,
  ): PortalSandbox {
    const db = openPartnerDatabase(file, MIGRATIONS);
    seedOnce(db, clock, () => seedPortal(db, clock.now(), city));
    return new PortalSandbox({ db, clock, logger, faults }, apiKey);
  }

  protected routerParts(): OwnRouterParts {
    return {
      auth: requireApiKey(this.apiKey),
      routes: (router) => {
        router.get('/v1/notices', (req, res) => {
          const { limit } = parse(noticesQuery, req.query, 'query');
          sendJson(res, 200, { notices: this.currentNotices(limit) });
        });
        router.get('/v1/notices/:id', (req, res) => {
          const notice = this.currentNotices(1000).find((candidate) => candidate.id === param(req, 'id'));
          if (!notice) throw notFound('notice');
          sendJson(res, 200, { notice });
        });
        router.get('/v1/recommendations', (req, res) => {
          const { subject } = parse(recommendationsQuery, req.query, 'query');
          sendJson(res, 200, { recommendations: this.recommendationsFor(subject) });
        });
      },
    };
  }

  /** Published and not expired, urgent ones first, then newest first. */
  private currentNotices(limit: number): Notice[] {
    const now = this.clock.now().toISOString();
    return this.db
      .prepare<[string, string, number], NoticeRow>(
        `SELECT id, category, urgent, published_at, title_ja, title_en, body_ja, body_en FROM notices
         WHERE published_at <= ? AND (expires_at IS NULL OR expires_at > ?)
         ORDER BY urgent DESC, published_at DESC, id LIMIT ?`,
      )
      .all(now, now, limit)
      .map(noticeOf);
  }

  /** The citizen's own ones, then those for everyone. */
  private recommendationsFor(subject: string): Recommendation[] {
    return this.db
      .prepare<[string], RecommendationRow>(
        `SELECT id, title_ja, title_en, body_ja, body_en, reason_ja, reason_en FROM recommendations
         WHERE subject = ? OR subject = '*' ORDER BY subject = '*', id`,
      )
      .all(subject)
      .map((row) => ({
        id: row.id,
        title: text(row.title_ja, row.title_en),
        body: text(row.body_ja, row.body_en),
        reason: text(row.reason_ja, row.reason_en),
      }));
  }
}

function seedPortal(db: SqliteFile, now: Date, { name, set }: DemoCity): void {
  // The seed speaks of 大村市 and its 西本町; another city's sandbox speaks of that city and of
  // the town its elderly couple lives in.
  const same = name.ja === SEED_CITY.ja;
  const town = eldersTown(set);
  const ja = (text: string): string =>
    (same ? text : text.replaceAll(SEED_CITY.ja, name.ja)).replaceAll(SEED_TOWN.ja, town.ja);
  const en = (text: string | null | undefined): string | null =>
    text === null || text === undefined
      ? null
      : (same ? text : text.replaceAll(SEED_CITY.en, name.en)).replaceAll(SEED_TOWN.en, town.en);
  const hours = (count: number): string => new Date(now.getTime() + count * 3_600_000).toISOString();
  const notice = db.prepare(
    `INSERT INTO notices (id, category, urgent, published_at, expires_at, title_ja, title_en, body_ja, body_en)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const seed of SEED_NOTICES) {
    notice.run(
      seed.id,
      seed.category,
      seed.urgent ? 1 : 0,
      hours(-seed.publishedHoursAgo),
      seed.expiresInHours === null ? null : hours(seed.expiresInHours),
      ja(seed.title.ja),
      en(seed.title.en),
      ja(seed.body.ja),
      en(seed.body.en),
    );
  }
  const recommendation = db.prepare(
    `INSERT INTO recommendations (id, subject, title_ja, title_en, body_ja, body_en, reason_ja, reason_en)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const seed of SEED_RECOMMENDATIONS) {
    recommendation.run(
      seed.id,
      seed.subject,
      ja(seed.title.ja),
      en(seed.title.en),
      ja(seed.body.ja),
      en(seed.body.en),
      ja(seed.reason.ja),
      en(seed.reason.en),
    );
  }
}

/** What the seed's texts say; the English ones say "Omura" (a city's English name replaces it). */
const SEED_CITY: CityName = OMURA;

/** The elderly couple's town (DEMO_TOWNS), in both languages: the recommendations name it. */
const eldersTown = (set: DemoSet): { ja: string; en: string } => ({
  ja: DEMO_TOWNS[set].elders,
  en: { omura: 'Nishihonmachi', minato: 'Minatomachi' }[set],
});
const SEED_TOWN = eldersTown('omura');
