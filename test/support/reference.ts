import type { ReferenceData } from '../../src/reference/reference.queries';

/** The same label in every language (unit tests of rules do not look at labels). */
const same = (label: string) => ({ en: label, es: label, ko: label, hy: label, 'zh-Hant': label });

/** A small, fixed stand-in for the city's reference data, for unit tests of pure rules. */
export function fakeReference(): ReferenceData {
  const languages = [
    { code: 'en', english_name: 'English', native_name: 'English' },
    { code: 'es', english_name: 'Spanish', native_name: 'Español' },
    { code: 'ko', english_name: 'Korean', native_name: '한국어' },
    { code: 'hy', english_name: 'Armenian', native_name: 'Հայերեն' },
    { code: 'zh-Hant', english_name: 'Chinese (Traditional)', native_name: '中文' },
  ];
  const districts = Array.from({ length: 15 }, (_, i) => ({
    district: i + 1,
    name: `District ${i + 1}`,
    labels: same(`District ${i + 1}`),
  }));
  const councils = [
    { id: 10, name: 'Boyle Heights', service_region: 'East', labels: same('Boyle Heights') },
    { id: 20, name: 'Venice', service_region: 'West', labels: same('Venice') },
  ];
  const requestTypes = [
    { name: 'Bulky Items', usual_owner: 'Sanitation', labels: same('Bulky Items') },
    { name: 'Graffiti Removal', usual_owner: 'Public Works', labels: same('Graffiti Removal') },
  ];
  return {
    languages,
    districts,
    councils,
    requestTypes,
    languageCodes: new Set(languages.map((l) => l.code)),
    districtNumbers: new Set(districts.map((d) => d.district)),
    councilIds: new Set(councils.map((c) => c.id)),
    requestTypeNames: new Set(requestTypes.map((r) => r.name)),
  };
}
