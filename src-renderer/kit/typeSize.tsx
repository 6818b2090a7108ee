// The type size (字号): 标准 / 大 / 特大, kept per workstation. It scales the whole interface by the
// root font size: every Mantine size, spacing and the data table are in rem, so text, inputs,
// buttons, the menu and the gaps between them grow together and keep their proportions (Mantine's
// `theme.scale` would only reach values that pass through its own `rem()`).
import { SegmentedControl, Tooltip, type SegmentedControlProps } from '@mantine/core';
import { useLayoutEffect } from 'react';
import { useWorkstationSetting } from './workstationSetting';

export const TYPE_SIZES = [
  { value: 'standard', label: '标准', percent: 100 },
  { value: 'large', label: '大', percent: 112.5 },
  { value: 'xlarge', label: '特大', percent: 125 },
] as const;

export type TypeSize = (typeof TYPE_SIZES)[number]['value'];

export const TYPE_SIZE_KEY = 'retiree-office.typeSize';

const percentOf = (size: TypeSize) => (TYPE_SIZES.find((s) => s.value === size) ?? TYPE_SIZES[0]).percent;

/** Sets the root font size for `size`. */
export function applyTypeSize(size: TypeSize): void {
  document.documentElement.style.fontSize = `${percentOf(size)}%`;
  document.documentElement.dataset.typeSize = size;
}

/** This workstation's type size, and its setter. */
export function useTypeSize(): [TypeSize, (size: TypeSize) => void] {
  const [stored, set] = useWorkstationSetting<TypeSize>(TYPE_SIZE_KEY, 'standard');
  const size = TYPE_SIZES.some((s) => s.value === stored) ? stored : 'standard';
  return [size, set];
}

/**
 * Applies this workstation's type size while mounted; `standard` where the page is paper (a print
 * preview shows what the printer will print).
 */
export function useAppliedTypeSize(paper = false): void {
  const [size] = useTypeSize();
  useLayoutEffect(() => applyTypeSize(paper ? 'standard' : size), [size, paper]);
}

/** 标准 / 大 / 特大 as one control: in the header (compact) and in 系统设置. */
export function TypeSizeControl({
  compact = false,
  ...props
}: { compact?: boolean } & Omit<SegmentedControlProps, 'data' | 'value' | 'onChange'>) {
  const [size, setSize] = useTypeSize();
  const control = (
    <SegmentedControl
      aria-label="字号"
      size={compact ? 'sm' : 'md'}
      data={TYPE_SIZES.map((s) => ({ value: s.value, label: s.label }))}
      value={size}
      onChange={(v) => setSize(v as TypeSize)}
      {...props}
    />
  );
  return compact ? (
    <Tooltip label="字号：整个界面的文字大小，只对本机有效" events={{ hover: true, focus: true, touch: false }}>
      <div>{control}</div>
    </Tooltip>
  ) : (
    control
  );
}
