import { describe, expect, it } from 'vitest';
import { axisTicks, bucketTimeline, niceMax } from './timeline-buckets.js';

const minute = (i: number) => new Date(Date.UTC(2026, 11, 5, 8, i)).toISOString();

describe('timeline buckets', () => {
  it('keeps minutes when there are few, and takes round buckets (max live, summed joins) when there are many', () => {
    const few = Array.from({ length: 10 }, (_, i) => ({ minute: minute(i), live: i, joins: 1, reactions: 0 }));
    expect(bucketTimeline(few).minutes).toBe(1);
    const many = Array.from({ length: 180 }, (_, i) => ({ minute: minute(i), live: i % 60, joins: 1, reactions: 2 }));
    const { minutes, buckets } = bucketTimeline(many);
    expect(minutes).toBe(5);
    expect(buckets).toHaveLength(36);
    expect(buckets[0]).toEqual({ start: minute(0), live: 4, joins: 5, reactions: 10 });
  });

  it('rounds an axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 180, 501].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 1000]);
  });
});

describe('axisTicks', () => {
  it('marks whole people only: no half person on a chart topping at 1 or 5', () => {
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(5)).toEqual([0, 5]);
    expect(axisTicks(2)).toEqual([0, 1, 2]);
    expect(axisTicks(10)).toEqual([0, 5, 10]);
    expect(axisTicks(niceMax(37))).toEqual([0, 25, 50]);
  });
});
