import { missingForMode, keepForMode } from '../../src/studies/sessions/session.rules';
import { STUDY_STATUSES, canMove, nextStatuses } from '../../src/studies/study.rules';

describe('study status transitions', () => {
  test('the allowed steps', () => {
    expect(nextStatuses('draft')).toEqual(['recruiting', 'archived']);
    expect(nextStatuses('recruiting')).toEqual(['running', 'closed']);
    expect(nextStatuses('running')).toEqual(['closed']);
    expect(nextStatuses('closed')).toEqual(['running', 'archived']);
    expect(nextStatuses('archived')).toEqual([]);
  });

  test('no status goes back to draft, none stays where it is, archived is the end', () => {
    for (const from of STUDY_STATUSES) {
      expect(canMove(from, 'draft')).toBe(false);
      expect(canMove(from, from)).toBe(false);
      expect(canMove('archived', from)).toBe(false);
    }
    expect(canMove('draft', 'running')).toBe(false);
    expect(canMove('draft', 'closed')).toBe(false);
  });
});

describe('what a session mode needs', () => {
  const none = { placeName: null, address: null, stepFree: null, videoUrl: null };

  test('in person: the place, its address and whether it is step-free', () => {
    expect(Object.keys(missingForMode('in_person', none))).toEqual([
      'placeName',
      'address',
      'stepFree',
    ]);
  });

  test('online: the video link only', () => {
    expect(missingForMode('online', none)).toEqual({ videoUrl: 'Enter the video link' });
  });

  test('hybrid: both', () => {
    expect(Object.keys(missingForMode('hybrid', none))).toEqual([
      'placeName',
      'address',
      'stepFree',
      'videoUrl',
    ]);
  });

  test('nothing missing when given; stepFree "no" counts as given', () => {
    const all = {
      placeName: 'Library',
      address: '1 Main St',
      stepFree: false,
      videoUrl: 'https://x.test/',
    };
    expect(missingForMode('hybrid', all)).toEqual({});
  });

  test('what a mode does not use is dropped', () => {
    const all = {
      placeName: 'Library',
      address: '1 Main St',
      stepFree: true,
      parking: 'Lot B',
      transit: 'Metro B Line',
      videoUrl: 'https://x.test/',
    };
    expect(keepForMode('online', all)).toEqual({
      placeName: null,
      address: null,
      stepFree: null,
      parking: null,
      transit: null,
      videoUrl: 'https://x.test/',
    });
    expect(keepForMode('in_person', all)).toEqual({ ...all, videoUrl: null });
  });
});
