/** Small server-rendered pages (the phone link pages, the sandbox sign-in): escaped, mobile-first. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

/** A tagged template whose interpolations are escaped unless wrapped in `raw()`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (value: string): Html => new Html(value);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const rendered = Array.isArray(value)
      ? value.map((item) => (item instanceof Html ? item.value : escapeHtml(String(item)))).join('')
      : value instanceof Html
        ? value.value
        : value === null || value === undefined || value === false
          ? ''
          : escapeHtml(String(value));
    out += rendered + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; font-family: "Noto Sans CJK JP", "Noto Sans JP", system-ui, sans-serif; background: #f3f5f9;
    color: #14213d; font-size: 18px; line-height: 1.6; }
  main { max-width: 34rem; margin: 0 auto; padding: 1.25rem; }
  header { background: #0b1f3a; color: #fff; padding: 0.9rem 1.25rem; font-weight: 700; }
  header a { color: #fff; float: right; font-weight: 400; }
  h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
  .card { background: #fff; border-radius: 12px; padding: 1rem 1.25rem; margin: 1rem 0; box-shadow: 0 1px 3px #0002; }
  .code { font-size: 2.2rem; font-weight: 700; letter-spacing: 0.2em; text-align: center; margin: 0.5rem 0; }
  label { display: block; font-weight: 700; margin: 0.75rem 0 0.25rem; }
  input[type=text], input[type=password] { width: 100%; box-sizing: border-box; font-size: 1.3rem; padding: 0.6rem;
    border: 2px solid #44516b; border-radius: 8px; }
  button { font-size: 1.15rem; font-weight: 700; padding: 0.8rem 1rem; border-radius: 10px; border: 2px solid #0b1f3a;
    background: #0b1f3a; color: #fff; width: 100%; margin-top: 0.75rem; cursor: pointer; }
  button.secondary { background: #fff; color: #0b1f3a; }
  .error { background: #fde8e8; border: 2px solid #b3261e; color: #7d1a14; border-radius: 8px; padding: 0.75rem; font-weight: 700; }
  .ok { background: #e6f4ea; border: 2px solid #1e7b34; color: #10461d; border-radius: 8px; padding: 0.75rem; font-weight: 700; }
  .muted { color: #44516b; font-size: 0.95rem; }
  ul.plain { list-style: none; padding: 0; }
  ul.plain li { padding: 0.5rem 0; border-bottom: 1px solid #dde2ea; }
  form.inline { display: inline; }
  a { color: #0b4ea2; }
`;

export function page(options: {
  lang: string;
  title: string;
  heading: string;
  body: Html;
  switchLang?: string;
}): string {
  const switcher = options.switchLang
    ? html`<a href="${options.switchLang}">${options.lang === 'en' ? '日本語' : 'English'}</a>`
    : '';
  return `<!doctype html>${
    html`<html lang="${options.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${options.title}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <header>${options.heading}${switcher}</header>
        <main>${options.body}</main>
      </body>
    </html>`.value
  }`;
}
