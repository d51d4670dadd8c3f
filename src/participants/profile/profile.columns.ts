import type { ParticipantRow } from '../../db/schema';
import type { Choices } from '../participants.queries';
import type { Profile } from './profile.schema';

/** The participants-table columns of a profile. */
export function profileColumns(p: Profile) {
  return {
    first_name: p.firstName,
    last_name: p.lastName,
    email: p.email,
    phone: p.phone,
    contact_preference: p.contactPreference as ParticipantRow['contact_preference'],
    language: p.language!,
    zip: p.zip,
    council_district: p.councilDistrict,
    neighborhood_council_id: p.neighborhoodCouncil,
    myla311_use: p.myla311Use as ParticipantRow['myla311_use'],
    interpreter_language: p.interpreterLanguage,
    needs_other: p.needsOther,
    format_preference: p.format as ParticipantRow['format_preference'],
    age_range: p.ageRange,
    gender: p.gender,
  };
}

export function choicesOf(p: Profile): Choices {
  return {
    channels: p.channels,
    requestTypes: p.requestTypes,
    needs: p.needs,
    availability: p.availability,
    race: p.race,
  };
}
