import { modesFor, suits } from '../../src/studies/registration/resident/resident.rules';

const person = (over: Partial<Parameters<typeof suits>[0]> = {}) => ({
  language: 'es',
  interpreter_language: null,
  format_preference: null,
  ...over,
});

describe('which sessions suit a person', () => {
  test('in their language, or interpreted into it', () => {
    expect(suits(person(), { language: 'es', mode: 'in_person' }, [])).toBe(true);
    expect(suits(person(), { language: 'en', mode: 'in_person' }, ['es'])).toBe(true);
    expect(suits(person(), { language: 'en', mode: 'in_person' }, ['ko'])).toBe(false);
    expect(suits(person(), { language: 'ko', mode: 'in_person' }, [])).toBe(false);
  });

  test('the language they want an interpreter for counts too', () => {
    const p = person({ language: 'en', interpreter_language: 'hy' });
    expect(suits(p, { language: 'es', mode: 'online' }, ['hy'])).toBe(true);
    expect(suits(p, { language: 'hy', mode: 'online' }, [])).toBe(true);
    expect(suits(p, { language: 'es', mode: 'online' }, [])).toBe(false);
  });

  test('in a format they can attend: hybrid suits everyone, no preference suits every mode', () => {
    expect(modesFor('in_person')).toEqual(['in_person', 'hybrid']);
    expect(modesFor('online')).toEqual(['online', 'hybrid']);
    expect(modesFor('either')).toEqual(['in_person', 'online', 'hybrid']);
    expect(modesFor(null)).toEqual(['in_person', 'online', 'hybrid']);
    const online = person({ format_preference: 'online' });
    expect(suits(online, { language: 'es', mode: 'in_person' }, [])).toBe(false);
    expect(suits(online, { language: 'es', mode: 'hybrid' }, [])).toBe(true);
  });
});
