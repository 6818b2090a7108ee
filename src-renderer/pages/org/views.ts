// The three trees of the organisation network, and what a change to a unit makes stale.
import type { MethodName } from '../../../src-main/contract';

export type View = 'admin' | 'party' | 'place';
export const VIEWS: Record<View, { top: string; sub: string; label: string }> = {
  admin: { top: '行政大组', sub: '行政小组', label: '行政组织' },
  party: { top: '党支部', sub: '党小组', label: '党组织' },
  place: { top: '片区', sub: '楼栋', label: '片区楼栋' },
};

/** A unit created, renamed or given a leader: the trees and the group lists of the person form. */
export const UNIT_READS: MethodName[] = ['org.tree', 'org.units'];
/** A unit moved or merged: its people move with it, so their files and the lists read again too. */
export const MEMBERSHIP_READS: MethodName[] = [...UNIT_READS, 'org.members', 'retirees.get', 'retirees.list'];
