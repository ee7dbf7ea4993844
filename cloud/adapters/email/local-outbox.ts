// Email on one machine: each message is written as an `.eml` file under var/outbox/ (named by its message id, so a
// second send of the same message replaces the file rather than adding one), readable at /dev/mailbox.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailSender, OutgoingEmail } from '../../services/fulfilment/ports.ts';

export const fileOf = (messageId: string) => `${messageId.replace(/[^A-Za-z0-9@.-]+/g, '_')}.eml`;

export class LocalOutboxSender implements EmailSender {
  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  private parts = 0;

  /** Written off the event loop (the server's one thread serves requests meanwhile) to a part file of its own (two
   * sends of one message may overlap), then renamed into place, so a reader never sees half a message. */
  async send(email: OutgoingEmail): Promise<void> {
    const file = join(this.directory, fileOf(email.messageId));
    const part = `${file}.${process.pid}-${++this.parts}.part`;
    await writeFile(part, email.raw);
    await rename(part, file);
  }

  /** The messages, newest first. */
  list(): { file: string; at: Date; bytes: number }[] {
    return readdirSync(this.directory)
      .filter((f) => f.endsWith('.eml'))
      .map((file) => {
        const stat = statSync(join(this.directory, file));
        return { file, at: stat.mtime, bytes: stat.size };
      })
      .sort((a, b) => b.at.getTime() - a.at.getTime());
  }

  read(file: string): Buffer | null {
    if (!/^[A-Za-z0-9@._-]+\.eml$/.test(file)) return null;
    try {
      return readFileSync(join(this.directory, file));
    } catch {
      return null;
    }
  }
}
