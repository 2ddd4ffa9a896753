import { describe, expect, it } from 'vitest';
import { similarName } from './similar-names.js';

const rooms = ['Grande salle', 'Salle 1', 'Salle 2', 'Auditorium Horta'];
const speakers = ['Nadia Benali', 'Youssef El Amrani', 'Lotte de Vries', 'سارة الإدريسي'];

describe('similar names: "did you mean" (issue 25.5)', () => {
  it('suggests the existing room or speaker for a typo', () => {
    expect(similarName('Grand salle', rooms)).toBe('Grande salle');
    expect(similarName('Nadia Benalli', speakers)).toBe('Nadia Benali');
    expect(similarName('Auditorium Hortaa', rooms)).toBe('Auditorium Horta');
    expect(similarName('Youssef El-Amrany', speakers)).toBe('Youssef El Amrani');
    expect(similarName('ساره الادريسي', speakers)).toBeUndefined(); // folded equal: the same name, no question
  });

  it('asks nothing when the name is the same once folded', () => {
    expect(similarName('grande  SALLE', rooms)).toBeUndefined();
    expect(similarName('Lotte de vries', speakers)).toBeUndefined();
  });

  it('does not confuse names that differ in what tells them apart', () => {
    expect(similarName('Salle 3', rooms)).toBeUndefined();
    expect(similarName('Salle B', ['Salle A'])).toBeUndefined();
    expect(similarName('Karim Haddad', speakers)).toBeUndefined();
    expect(similarName('Hall', ['Hal'])).toBeUndefined();
  });
});
