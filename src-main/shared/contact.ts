// What counts as contact with a person (issue 20 item 6): one definition for every place a visit
// satisfies something (久未联系, a hospital stay's visit, a discharge follow-up, the visit report,
// the 统计 page's visit charts, the last visit of someone living elsewhere). In shared/ so that every
// domain reads the same rule (retirees/ cannot import visits/, which imports it).
import { CONTACT_OUTCOME } from './care';

/**
 * What counts as contact, as SQL on the visits row `alias`: a visit, or an answered call. A call not
 * answered (未接通, 号码错误, 本人不便) is recorded but reaches nobody: it never satisfies 久未联系,
 * a hospital stay's visit or a discharge follow-up. A call recorded without its outcome (before
 * outcomes were kept) counts as calls always did.
 */
export const contactSql = (alias: string) =>
  `(${alias}.call_outcome IS NULL OR ${alias}.call_outcome = '${CONTACT_OUTCOME}')`;

/** The same rule for one visit's call outcome. */
export const isContact = (callOutcome: string | null) => callOutcome === null || callOutcome === CONTACT_OUTCOME;
