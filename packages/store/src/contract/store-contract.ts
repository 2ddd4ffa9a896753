import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import type { StoreUnderTest } from './fixtures.js';
import { adminContract } from './admin-contract.js';
import { photoContract } from './photo-contract.js';
import { agendaContract } from './agenda-contract.js';
import { ballotContract } from './ballot-contract.js';
import { concurrencyContract } from './concurrency-contract.js';
import { dumpContract } from './dump-contract.js';
import { insightsContract } from './insights-contract.js';
import { auditContract } from './audit-contract.js';
import { retentionContract } from './retention-contract.js';
import { inviteContract } from './invite-contract.js';
import { mergeContract } from './merge-contract.js';
import { moderationContract } from './moderation-contract.js';
import { peopleContract } from './people-contract.js';
import { pollContract } from './poll-contract.js';
import { qaContract } from './qa-contract.js';
import { sessionChangeContract } from './session-change-contract.js';
import { stageContract } from './stage-contract.js';
import { muteContract } from './mute-contract.js';
import { feedbackContract } from './feedback-contract.js';
import { surveyContract } from './survey-contract.js';
import { translationContract } from './translation-contract.js';
import { organizerContract } from './organizer-contract.js';
import { rehearsalContract } from './rehearsal-contract.js';
import { copyContract } from './copy-contract.js';

/**
 * Registers the contract every Store implementation passes (DESIGN.md section 5). Each
 * test gets a fresh, empty store from `open` and hands it to `cleanup` afterwards (by
 * default: `close`), so no state leaks between tests.
 *
 * @example runStoreContract('sqlite', async () => openSqliteStore({ file: nextFile() }))
 */
export function runStoreContract(
  name: string,
  open: () => Promise<Store>,
  cleanup: (store: Store) => Promise<void> = (store) => store.close(),
): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | undefined;

    beforeEach(async () => {
      current = await open();
    });

    afterEach(async () => {
      const store = current;
      current = undefined;
      if (store) await cleanup(store);
    });

    const store: StoreUnderTest = () => {
      if (!current) throw new Error('the store is only open inside a test');
      return current;
    };

    it('ping answers true while the store is open', async () => {
      expect(await store().ping()).toBe(true);
    });

    peopleContract(store);
    agendaContract(store);
    qaContract(store);
    moderationContract(store);
    mergeContract(store);
    sessionChangeContract(store);
    inviteContract(store);
    pollContract(store);
    translationContract(store);
    ballotContract(store);
    concurrencyContract(store);
    adminContract(store);
    dumpContract(store);
    insightsContract(store);
    auditContract(store);
    retentionContract(store);
    organizerContract(store);
    rehearsalContract(store);
    copyContract(store);
    stageContract(store);
    photoContract(store);
    muteContract(store);
    feedbackContract(store);
    surveyContract(store);
  });
}
