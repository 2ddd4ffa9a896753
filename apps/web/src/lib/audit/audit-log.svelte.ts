import type { AuditEntry, AuditPage } from '@jisr/protocol/audit';
import type { ClientError, Result } from '$lib/api/client-error.js';

/** The audit log as read so far: pages appended as the organizer asks for older entries. */
export class AuditLog {
  entries = $state<AuditEntry[]>([]);
  loading = $state(false);
  error = $state<ClientError | null>(null);
  /** The cursor of the next older page; null once the oldest entry is shown. */
  next = $state<string | null>(null);
  started = $state(false);

  constructor(private readonly load: (before?: string) => Promise<Result<AuditPage>>) {}

  get done(): boolean {
    return this.started && this.next === null;
  }

  /** The newest page (again). */
  async refresh(): Promise<void> {
    this.entries = [];
    this.next = null;
    await this.#fetch(undefined);
  }

  async older(): Promise<void> {
    if (this.next !== null) await this.#fetch(this.next);
  }

  async #fetch(before: string | undefined): Promise<void> {
    this.loading = true;
    const result = await this.load(before);
    this.loading = false;
    this.started = true;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    this.entries = [...this.entries, ...result.data.entries];
    this.next = result.data.next ?? null;
  }
}
