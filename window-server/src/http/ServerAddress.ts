import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Where this server listens and where citizens' phones reach it. Modules made before the port
 * is open ask it later (the sandbox partners' and the sign-in page's URLs).
 */
export class ServerAddress {
  private http: HttpServer | undefined;

  constructor(private readonly config: { host: string; port: number; publicUrl?: string | undefined }) {}

  attach(http: HttpServer): void {
    this.http = http;
  }

  get url(): string {
    const address = this.http?.address() as AddressInfo | null | undefined;
    const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host;
    return `http://${host}:${address?.port ?? this.config.port}`;
  }

  /** The address citizens' phones use: the configured public URL, or where this server listens. */
  get baseUrl(): string {
    return (this.config.publicUrl ?? this.url).replace(/\/$/, '');
  }
}
