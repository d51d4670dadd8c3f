/** How a session meets, and what each way needs. */
export const SESSION_MODES = ['in_person', 'online', 'hybrid'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const MODE_LABELS: Record<SessionMode, string> = {
  in_person: 'In person',
  online: 'Online',
  hybrid: 'Hybrid (in person and online)',
};

/** The place and link fields a mode makes required. */
export interface Whereabouts {
  placeName: string | null;
  address: string | null;
  stepFree: boolean | null;
  videoUrl: string | null;
}

const MESSAGES: Record<keyof Whereabouts, string> = {
  placeName: 'Enter the name of the place',
  address: 'Enter the address of the place',
  stepFree: 'Say whether the entrance is step-free',
  videoUrl: 'Enter the video link',
};

export function requiredFor(mode: SessionMode): (keyof Whereabouts)[] {
  const place: (keyof Whereabouts)[] = ['placeName', 'address', 'stepFree'];
  if (mode === 'in_person') return place;
  if (mode === 'online') return ['videoUrl'];
  return [...place, 'videoUrl'];
}

/** Field errors for what this mode needs and was left empty. */
export function missingForMode(mode: SessionMode, w: Whereabouts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of requiredFor(mode)) if (w[field] === null) out[field] = MESSAGES[field];
  return out;
}

/** Keeps only what the mode uses (an online session has no place, an in-person one no link). */
export function keepForMode<
  T extends Whereabouts & { parking: string | null; transit: string | null },
>(mode: SessionMode, w: T): T {
  const usesPlace = mode !== 'online';
  const usesLink = mode !== 'in_person';
  return {
    ...w,
    placeName: usesPlace ? w.placeName : null,
    address: usesPlace ? w.address : null,
    stepFree: usesPlace ? w.stepFree : null,
    parking: usesPlace ? w.parking : null,
    transit: usesPlace ? w.transit : null,
    videoUrl: usesLink ? w.videoUrl : null,
  };
}
