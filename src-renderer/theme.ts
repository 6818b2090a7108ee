import { createTheme } from '@mantine/core';

// Larger type and generous targets: many users are not young.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
  fontSizes: { xs: '13px', sm: '15px', md: '16px', lg: '18px', xl: '21px' },
  defaultRadius: 'sm',
  headings: { fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif' },
});
