import { PollEditInput, type PollSettings } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { applySettingsPatch, newPollSettings, settingsAsPatch } from './polls.js';

const hiddenWithTimer: PollSettings = { results: 'hidden', allowChange: true, anonymous: false, timerSeconds: 30, maxChoices: 2 };

describe('applySettingsPatch', () => {
  it('changes only the fields an edit names', () => {
    expect(applySettingsPatch(hiddenWithTimer, { timerSeconds: 60 })).toEqual({ ...hiddenWithTimer, timerSeconds: 60 });
  });

  it('clears an optional field given as null, and keeps the rest', () => {
    expect(applySettingsPatch(hiddenWithTimer, { timerSeconds: null, maxChoices: null })).toEqual({
      results: 'hidden',
      allowChange: true,
      anonymous: false,
    });
  });

  it('leaves the settings as they are without a patch', () => {
    expect(applySettingsPatch(hiddenWithTimer, undefined)).toEqual(hiddenWithTimer);
  });

  it('gets no defaults from the parsed edit payload: editing the timer alone keeps a hidden poll hidden', () => {
    const input = PollEditInput.parse({ pollId: 'p1', settings: { timerSeconds: 45 } });
    expect(applySettingsPatch(hiddenWithTimer, input.settings)).toEqual({ ...hiddenWithTimer, timerSeconds: 45 });
  });
});

describe('settingsAsPatch', () => {
  it('turns whole settings into the edit that gives exactly them, clearing what they lack', () => {
    const wanted: PollSettings = { results: 'live', allowChange: false, anonymous: true, scaleMax: 10 };
    expect(applySettingsPatch(hiddenWithTimer, settingsAsPatch(wanted))).toEqual(wanted);
  });
});

describe('newPollSettings', () => {
  const defaults = { results: 'after_close', allowChange: true, anonymous: false } as const;

  it('takes the event defaults for what poll:create leaves out', () => {
    expect(newPollSettings({}, defaults)).toEqual(defaults);
    expect(newPollSettings({ timerSeconds: 30 }, defaults)).toEqual({ ...defaults, timerSeconds: 30 });
  });

  it('keeps what poll:create says over the defaults', () => {
    expect(newPollSettings({ results: 'live', allowChange: false, anonymous: true }, defaults)).toEqual({ results: 'live', allowChange: false, anonymous: true });
  });

  it('keeps a quiz secret until it closes unless poll:create says otherwise (issue 18.5)', () => {
    const live = { results: 'live', allowChange: false, anonymous: true } as const;
    expect(newPollSettings({ correctOption: 0 }, live, 'quiz')).toEqual({ ...live, results: 'after_close', correctOption: 0 });
    expect(newPollSettings({ correctOption: 0, results: 'live' }, live, 'quiz').results).toBe('live');
    expect(newPollSettings({}, live, 'single').results).toBe('live');
  });
});
