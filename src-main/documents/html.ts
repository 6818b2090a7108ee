// Markup for printed documents, made with one template tag that escapes everything it is given:
// html`<td>${name}</td>` writes a name like `<b>张</b>` or `A&B` as typed, never as markup. Only
// an `Html` value (another html`` fragment, or `raw()` for the program's own markup such as a
// style sheet) goes in as it is, so forgetting to escape is not possible, and escaping twice is not
// either. Data in attributes is safe too: quotes are escaped, and attributes are double-quoted.

/** Markup that is safe to put in a page as it is. */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What may stand in an html`` template: text (escaped), numbers, markup, lists of them; nothing for null, undefined or false. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fragment(v: HtmlValue): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(fragment).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** The template tag: the literal parts as written, every interpolation escaped unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  values.forEach((v, i) => (out += fragment(v) + strings[i + 1]));
  return new Html(out);
}

/** The program's own markup or style sheet, trusted as it is. Never data. */
export function raw(text: string): Html {
  return new Html(text);
}
