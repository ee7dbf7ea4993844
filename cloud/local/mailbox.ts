// /dev/mailbox on the local cloud only: the `.eml` files fulfilment wrote under var/outbox/, listed newest first, each
// rendered as the buyer would see it (inline ticket images included), with the raw message a click away.
import type { Hono, MiddlewareHandler } from 'hono';
import { assertLocalMode, localPageCsp, type LocalOnly } from '../adapters/local-only.ts';
import { simpleParser } from 'mailparser';
import type { LocalOutboxSender } from '../adapters/email/local-outbox.ts';
import { escapeHtml as escape } from '../domain/format.ts';

/** The mailbox's pages may show the messages' inline images (data: URLs) and nothing from elsewhere; no script. */
const MAILBOX_CSP = localPageCsp(["'none'"]);

/** Local mode only: the mailbox shows every email (tokens and links included) to whoever asks. */
export function serveMailbox(app: Hono, outbox: LocalOutboxSender, options?: LocalOnly): void {
  assertLocalMode('The local mailbox', options);
  const headers: MiddlewareHandler = async (c, next) => {
    await next();
    c.res.headers.set('content-security-policy', MAILBOX_CSP);
    c.res.headers.set('x-frame-options', 'DENY');
    c.res.headers.set('cache-control', 'no-store');
  };
  app.use('/dev/mailbox', headers);
  app.use('/dev/mailbox/*', headers);
  app.get('/dev/mailbox', async (c) => {
    const rows: string[] = [];
    for (const message of outbox.list().slice(0, 200)) {
      const parsed = await simpleParser(outbox.read(message.file)!);
      rows.push(
        `<tr><td>${escape(message.at.toISOString())}</td><td>${escape(
          parsed.to
            ? [parsed.to]
                .flat()
                .map((a) => a.text)
                .join(', ')
            : '',
        )}</td>` +
          `<td><a href="/dev/mailbox/${encodeURIComponent(message.file)}">${escape(parsed.subject ?? '(no subject)')}</a></td>` +
          `<td>${message.bytes.toLocaleString('en')} bytes</td></tr>`,
      );
    }
    c.header('content-security-policy', MAILBOX_CSP);
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mailbox</title></head><body style="font-family:sans-serif">` +
        `<h1>Mailbox (local outbox)</h1><p>${rows.length} messages, newest first.</p>` +
        `<table><thead><tr><th>Written</th><th>To</th><th>Subject</th><th>Size</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`,
    );
  });
  app.get('/dev/mailbox/:file', async (c) => {
    const file = c.req.param('file');
    const raw = outbox.read(file);
    if (!raw) return c.text('No such message', 404);
    if (c.req.query('raw') !== undefined) {
      return c.body(new Uint8Array(raw), 200, { 'content-type': 'message/rfc822' });
    }
    const parsed = await simpleParser(raw);
    c.header('content-security-policy', MAILBOX_CSP);
    const attachments = parsed.attachments
      .map((a) => `<li>${escape(a.filename ?? '(unnamed)')} · ${escape(a.contentType)} · ${a.size} bytes</li>`)
      .join('');
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(parsed.subject ?? 'Message')}</title></head><body style="font-family:sans-serif">` +
        `<p><a href="/dev/mailbox">Mailbox</a> · <a href="/dev/mailbox/${encodeURIComponent(file)}?raw">raw .eml</a></p>` +
        `<h1>${escape(parsed.subject ?? '')}</h1><p>From ${escape(parsed.from?.text ?? '')} to ${escape(
          [parsed.to ?? []]
            .flat()
            .map((a) => a.text)
            .join(', '),
        )}</p>` +
        `<div style="border:1px solid #ccc;padding:1rem">${parsed.html || `<pre>${escape(parsed.text ?? '')}</pre>`}</div>` +
        `<h2>Attachments</h2><ul>${attachments}</ul></body></html>`,
    );
  });
}
