import {
  DEFAULT_DEVICE_SETTINGS,
  LOGO_PATH,
  applySettingsPatch,
  systemClock,
  deviceSettingsSchema,
  tenantPublicSchema,
  type Clock,
  type DeviceSession,
  type DeviceSettings,
  type DeviceSettingsPatch,
  type Language,
  type OpeningStatus,
  type TenantPublic,
} from '@madoguchi/shared';
import { DeviceChannel, TypedEmitter, type DeviceChannelState, type Platform } from '@madoguchi/stb-bridge';
import type { MeasureText } from '../ui/layout';
import { themeOf, type Theme } from '../ui/theme';
import { Announcer } from './Announcer';
import { CallMedia } from './CallMedia';
import { CityServices } from './CityServices';
import { DeviceSignIn, signInTimers } from './DeviceSignIn';
import { Household } from './Household';
import { OfficerPushes } from './OfficerPushes';
import { Translator, type Params } from './Translator';
import { VideoCounter } from './VideoCounter';

/** Screens of the app. */
export const ROUTES = [
  'loading',
  'firstStart',
  'home',
  'settings',
  'hours',
  'guide',
  'videoCounter',
  'household',
  'person',
  'consent',
  'link',
  'chooser',
  'notices',
  'wallet',
  'mutualAid',
  'childcare',
  'more',
] as const;
export type RouteName = (typeof ROUTES)[number];

/** What a screen is about, when it is about someone (a person's page, their consents). */
export interface RouteParams {
  citizenId?: string;
  /** 子育て opened at one booking (from Home's reminder). */
  bookingId?: string;
}

export type FirstStartReason = 'welcome' | 'revoked';
export type SaveResult = 'saved' | 'failed' | 'local' | 'unchanged';

export interface AppContextEvents {
  /** Applied settings changed (text size, language, speech). */
  settings: [settings: DeviceSettings, previous: DeviceSettings];
  /** A new session from the server (tenant, services, device id). */
  session: [session: DeviceSession];
  connection: [state: DeviceChannelState];
}

/** Kept so Home can be drawn at once on the next start, even before the server answers. */
const SESSION_CACHE_KEY = 'madoguchi.session';

export interface AppContextOptions {
  platform: Platform;
  /** The city's base on window-server (`BootConfig.apiBase`): the device channel opens below it. */
  baseUrl: string;
  /** Text width with the app's font (canvas in the browser). */
  measure: MeasureText;
  /** The operator's pushed configuration this start uses (boot config), told to the server. */
  appliedConfigVersion?: number | null;
  /** The system's unless a test fixes the time. */
  clock?: Clock;
}

/** The finished parts `create` puts together; the constructor only wires them. */
interface AppContextParts {
  platform: Platform;
  baseUrl: string;
  channel: DeviceChannel;
  texts: Translator;
  measure: MeasureText;
  clock: Clock;
  /** The session kept from the last start, if this TV is registered. */
  cached: DeviceSession | undefined;
}

/**
 * Everything the screens share: the platform, the device channel, texts, spoken guidance,
 * the settings as applied now and the session. Screens read it; only this class changes it.
 */
export class AppContext extends TypedEmitter<AppContextEvents> {
  readonly platform: Platform;
  /** The city's base on window-server, without a trailing slash. */
  readonly baseUrl: string;
  readonly channel: DeviceChannel;
  readonly texts: Translator;
  /** Text width with the app's font. */
  readonly measure: MeasureText;
  /** The one clock of the app: every screen reads the time from here. */
  readonly clock: Clock;
  readonly announcer: Announcer;
  /** The video counter: place in line, calls, survey. */
  readonly counter: VideoCounter;
  /** The people linked to this TV, who is using it, and their consents. */
  readonly household: Household;
  /** Sign-in by a code and a phone (RFC 8628). */
  readonly signIn: DeviceSignIn;
  /** The city's services (notices, wallet, mutual aid, childcare) through window-server. */
  readonly services: CityServices;
  /** Cards and remote assist from an officer in a call. */
  readonly pushes: OfficerPushes;
  firstStartReason: FirstStartReason = 'welcome';
  private appliedSettings: DeviceSettings;
  private currentSession: DeviceSession | undefined;
  private currentTheme: Theme;
  /** Changes made before this TV was registered (yellow key on the first screen). */
  private localPatch: DeviceSettingsPatch | undefined;

  private constructor(parts: AppContextParts) {
    super();
    const { platform, channel, clock, cached } = parts;
    this.platform = platform;
    this.baseUrl = parts.baseUrl;
    this.channel = channel;
    this.texts = parts.texts;
    this.measure = parts.measure;
    this.clock = clock;
    this.currentSession = cached;
    this.appliedSettings = cached?.settings ?? DEFAULT_DEVICE_SETTINGS;
    this.currentTheme = themeOf(cached?.tenant.colours);
    this.announcer = new Announcer(platform.speech, () => ({
      enabled: this.appliedSettings.speech.enabled,
      rate: this.appliedSettings.speech.rate,
      volume: this.appliedSettings.speech.volume,
      lang: this.texts.speechLang,
    }));
    this.counter = new VideoCounter(channel, (join, signalling) =>
      CallMedia.start({
        join,
        signalling,
        capabilities: platform.capabilities,
        mediaDevices: typeof navigator === 'undefined' ? undefined : navigator.mediaDevices,
      }),
    );
    this.household = new Household(channel, clock);
    this.signIn = new DeviceSignIn((path, init) => channel.http(path, init), signInTimers(clock));
    this.services = new CityServices((path, init) => channel.http(path, init));
    this.pushes = new OfficerPushes(channel);
    // Another person at the TV: nothing of the one before stays (screens, test hook).
    let activeId = this.household.activeCitizenId;
    this.household.on('changed', () => {
      if (this.household.activeCitizenId === activeId) return;
      activeId = this.household.activeCitizenId;
      this.services.forgetPersonal();
    });
    channel.on('session', (session) => void this.acceptSession(session));
    channel.on('settings', (settings) => void this.applySettings(settings));
    channel.on('state', (state) => this.onChannelState(state));
    // Standby or another input: stop talking to an empty room.
    platform.lifecycle.on('suspend', () => this.announcer.stop());
  }

  static async create(options: AppContextOptions): Promise<AppContext> {
    const { platform } = options;
    const channel = new DeviceChannel({
      baseUrl: options.baseUrl,
      platform,
      autoConnect: false,
      ...(options.appliedConfigVersion !== undefined
        ? { appliedConfigVersion: options.appliedConfigVersion }
        : {}),
    });
    const cached = channel.hasToken ? readCachedSession(platform) : undefined;
    const texts = await Translator.create(cached?.settings.language ?? DEFAULT_DEVICE_SETTINGS.language);
    const context = new AppContext({
      platform,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      channel,
      texts,
      measure: options.measure,
      clock: options.clock ?? systemClock,
      cached,
    });
    setDocumentLanguage(texts.language);
    return context;
  }

  /** Start talking to the server; listeners are in place by now. */
  start(): void {
    this.counter.start();
    this.household.start();
    this.pushes.start();
    if (this.channel.hasToken) this.channel.connect();
  }

  get settings(): DeviceSettings {
    return this.appliedSettings;
  }

  get session(): DeviceSession | undefined {
    return this.currentSession;
  }

  get tenant(): TenantPublic | undefined {
    return this.currentSession?.tenant;
  }

  get theme(): Theme {
    return this.currentTheme;
  }

  get language(): Language {
    return this.texts.language;
  }

  get online(): boolean {
    return this.channel.state === 'online';
  }

  get registered(): boolean {
    return this.channel.hasToken;
  }

  t(key: string, params?: Params): string {
    return this.texts.t(key, params);
  }

  /** Where the city's logo is, or null when it has none (or the session is not known yet). */
  logoUrl(): string | null {
    return this.tenant?.hasLogo ? `${this.baseUrl}${LOGO_PATH}` : null;
  }

  /** The city's name in the viewer's language. */
  cityName(): string {
    const name = this.tenant?.displayName;
    if (!name) return this.t('app.name');
    return this.language === 'en' ? name.en : name.ja;
  }

  async register(): Promise<DeviceSession> {
    const session = await this.channel.register();
    this.firstStartReason = 'welcome';
    const patch = this.localPatch;
    this.localPatch = undefined;
    // The viewer already enlarged the text on the first screen: keep that choice.
    if (patch) await this.updateSettings(patch);
    return session;
  }

  openingStatus(): Promise<OpeningStatus> {
    return this.channel.openingStatus();
  }

  /**
   * Apply a change at once, then save it on the server. If saving fails, the screen goes back to
   * what the server has, so what the viewer sees is what is stored.
   */
  async updateSettings(patch: DeviceSettingsPatch): Promise<SaveResult> {
    const next = applySettingsPatch(this.appliedSettings, patch);
    if (sameSettings(next, this.appliedSettings) && this.registered) return 'unchanged';
    await this.applySettings(next);
    if (!this.registered) {
      this.localPatch = {
        ...this.localPatch,
        ...patch,
        speech: { ...this.localPatch?.speech, ...patch.speech },
      };
      return 'local';
    }
    try {
      await this.applySettings(await this.channel.updateSettings(patch));
      return 'saved';
    } catch {
      await this.applySettings(this.channel.session?.settings ?? this.currentSession?.settings ?? next);
      return 'failed';
    }
  }

  private async acceptSession(session: DeviceSession): Promise<void> {
    this.currentSession = session;
    this.currentTheme = themeOf(session.tenant.colours);
    writeCachedSession(this.platform, session);
    await this.applySettings(session.settings);
    this.safeEmit('session', session);
  }

  private async applySettings(settings: DeviceSettings): Promise<void> {
    const previous = this.appliedSettings;
    if (sameSettings(previous, settings)) return;
    // Change the language first, so every listener draws in the new one.
    await this.texts.setLanguage(settings.language);
    setDocumentLanguage(settings.language);
    this.appliedSettings = settings;
    if (this.currentSession) this.currentSession = { ...this.currentSession, settings };
    this.safeEmit('settings', settings, previous);
  }

  private onChannelState(state: DeviceChannelState): void {
    if (state === 'revoked') {
      this.platform.storage.remove(SESSION_CACHE_KEY);
      this.currentSession = undefined;
      this.firstStartReason = 'revoked';
    }
    this.safeEmit('connection', state);
  }
}

function sameSettings(a: DeviceSettings, b: DeviceSettings): boolean {
  return (
    a.textScale === b.textScale &&
    a.language === b.language &&
    a.speech.enabled === b.speech.enabled &&
    a.speech.rate === b.speech.rate &&
    a.speech.volume === b.speech.volume
  );
}

function setDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language === 'en' ? 'en' : 'ja';
}

function readCachedSession(platform: Platform): DeviceSession | undefined {
  try {
    const value = JSON.parse(
      platform.storage.get(SESSION_CACHE_KEY) ?? 'null',
    ) as Partial<DeviceSession> | null;
    const settings = deviceSettingsSchema.safeParse(value?.settings);
    const tenant = tenantPublicSchema.safeParse(value?.tenant);
    if (!value || typeof value.deviceId !== 'string' || !settings.success || !tenant.success)
      return undefined;
    return { deviceId: value.deviceId, settings: settings.data, tenant: tenant.data };
  } catch {
    return undefined;
  }
}

function writeCachedSession(platform: Platform, session: DeviceSession): void {
  platform.storage.set(SESSION_CACHE_KEY, JSON.stringify(session));
}
