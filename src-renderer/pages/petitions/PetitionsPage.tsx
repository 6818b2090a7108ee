// 信访接待: the petitions (open ones first), registering one, and each one's steps with its time
// limits: accepted within 15 days, concluded within 60 (one extension of at most 30).
import { PetitionDetail } from './PetitionDetail';
import { PetitionList } from './PetitionList';

export { limitText, StatusBadge } from './shared';

export function PetitionsPage({ id }: { id: number | null }) {
  return id === null ? <PetitionList /> : <PetitionDetail id={id} />;
}
