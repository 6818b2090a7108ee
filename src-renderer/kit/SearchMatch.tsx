// What a search found, as the list and the command palette show it: how many (`1,000+` when the
// search stopped counting), and the part of an ID number or phone that matched, marked, the rest
// masked as the server sent it.
import { Mark, Text } from '@mantine/core';
import type { ListPage, SearchMatch } from '../../src-main/contract/retirees';

/** 1,234, or 1,000+ when the search stopped counting there. */
export function countLabel(page: Pick<ListPage, 'total' | 'more'>): string {
  return `${page.total.toLocaleString('zh-CN')}${page.more ? '+' : ''}`;
}

/** `210102**5210**2571` with 5210 marked. */
export function MatchedValue({ match }: { match: SearchMatch }) {
  const { text, from, to } = match;
  return (
    <Text
      ff="monospace"
      span
      inherit
      aria-label={`${match.field === 'idNumber' ? '身份证号' : '电话'}匹配 ${text.slice(from, to)}`}
    >
      {text.slice(0, from)}
      <Mark>{text.slice(from, to)}</Mark>
      {text.slice(to)}
    </Text>
  );
}
