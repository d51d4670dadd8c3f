import { inSentence, sampleValidator } from '../../src/studies/sampling/sample.schema';
import { boundsText } from '../../src/studies/sampling/sample.view';
import { fakeReference } from '../support/reference';

const validate = sampleValidator(fakeReference(), 'GovService');
const base = { size: '20', coolDownDays: '90', seed: 'abc-1' };

describe('the sample builder form', () => {
  test('counts and % become quotas (shares 0–1); blank rows are skipped', () => {
    const result = validate({
      ...base,
      quota1Dimension: 'councilDistrict',
      quota1Value: '4',
      quota1Min: '2',
      quota2Dimension: '',
      quota2Value: '',
      quota3Dimension: 'language',
      quota3Value: 'es',
      quota3MinPct: '30',
      quota3MaxPct: '62.5',
      quota3Max: '12',
    });
    expect(result).toEqual({
      ok: true,
      data: {
        size: 20,
        coolDownDays: 90,
        seed: 'abc-1',
        quotas: [
          { dimension: 'councilDistrict', value: '4', min: 2 },
          { dimension: 'language', value: 'es', max: 12, minShare: 0.3, maxShare: 0.625 },
        ],
      },
    });
  });

  test('each wrong field gets its own message; lists and missing fields are refused', () => {
    const result = validate({
      size: ['1', '2'],
      seed: 'a b',
      quota1Dimension: 'myla311Use',
      quota1Value: 'es',
      quota1MinPct: '101',
      quota2Dimension: 'ageRange',
      quota2Value: '18-24',
      quota2MinPct: '50',
      quota2MaxPct: '10',
      quota4Value: 'en',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      size: 'Enter a sample size: a whole number from 1 to 500',
      coolDownDays: 'Enter the cool-down in days: a whole number from 0 to 3650',
      seed: 'Enter a seed: up to 40 letters, digits and dashes',
      quota1Value: 'Choose a GovService use for quota 1',
      quota1MinPct: 'The minimum % of quota 1: a number from 0 to 100',
      quota2Value: 'Choose an age range for quota 2', // the code is 18_24
      quota2MaxPct: 'The maximum % of quota 2 is below its minimum',
      quota4Dimension: 'Choose what quota 4 is on',
      quota4Value: 'Choose a value for quota 4',
      quota4Min: 'Give quota 4 a minimum or a maximum, as a count or a %',
    });
  });

  test('labels inside sentences, and bounds in words', () => {
    expect(inSentence('Council district')).toBe('council district');
    expect(inSentence('GovService use')).toBe('GovService use');
    expect(boundsText(5, null)).toBe('at least 5');
    expect(boundsText(0, 3)).toBe('at most 3');
    expect(boundsText(2, 6)).toBe('2 to 6');
    expect(boundsText(4, 4)).toBe('exactly 4');
    expect(boundsText(0, null)).toBe('any');
  });
});
