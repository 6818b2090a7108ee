import { Badge, createTheme, Kbd, Pill, rem } from '@mantine/core';

// Larger type and generous targets: many users are not young. No text under 14 px at 标准: the
// smallest font size (xs) is 14 px, and the components whose own sizes go below it (badges, keys,
// pills) are raised here for the whole app. Every size is in rem, so the type-size setting
// (kit/typeSize.tsx, the root font size) scales all of them.
const badge: Record<string, { fz: number; h: number; px: number }> = {
  xs: { fz: 14, h: 22, px: 6 },
  sm: { fz: 14, h: 24, px: 8 },
  md: { fz: 14, h: 26, px: 10 },
  lg: { fz: 15, h: 28, px: 12 },
  xl: { fz: 18, h: 34, px: 16 },
};

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
  fontSizes: { xs: rem(14), sm: rem(15), md: rem(16), lg: rem(18), xl: rem(21) },
  defaultRadius: 'sm',
  focusRing: 'auto',
  headings: { fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif' },
  components: {
    // Status and care badges are read all day: 14 px at least, never upper-cased.
    Badge: Badge.extend({
      vars: (_theme, props) => {
        const s = badge[typeof props.size === 'string' && props.size in badge ? props.size : 'md'];
        return { root: { '--badge-fz': rem(s.fz), '--badge-height': rem(s.h), '--badge-padding-x': rem(s.px) } };
      },
      // A badge in a narrow table cell keeps its whole word.
      styles: { root: { textTransform: 'none', minWidth: 'max-content' } },
    }),
    Kbd: Kbd.extend({ vars: () => ({ root: { '--kbd-fz': rem(14) } }) }),
    Pill: Pill.extend({
      vars: (_theme, props) => ({
        root: props.size === 'xs' || props.size === 'sm' ? { '--pill-fz': rem(14), '--pill-height': rem(24) } : {},
      }),
    }),
  },
});
