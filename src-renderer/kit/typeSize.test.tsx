// @vitest-environment happy-dom
// The type size: chosen in one control, it scales the root font size (so every rem of Mantine),
// is kept for this workstation, and paper stays at the standard size.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from './test-utils';
import { TYPE_SIZE_KEY, TypeSizeControl, useAppliedTypeSize } from './typeSize';

function Shell({ paper = false }: { paper?: boolean }) {
  useAppliedTypeSize(paper);
  return <TypeSizeControl />;
}

const root = () => document.documentElement.style.fontSize;

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  document.documentElement.style.fontSize = '';
});

describe('type size', () => {
  it('标准 by default; 特大 scales the root and is kept', () => {
    render(<Shell />);
    expect(root()).toBe('100%');
    fireEvent.click(screen.getByLabelText('特大'));
    expect(root()).toBe('125%');
    expect(JSON.parse(localStorage.getItem(TYPE_SIZE_KEY)!)).toBe('xlarge');
    cleanup();
    // The next start of the app on this workstation.
    render(<Shell />);
    expect(root()).toBe('125%');
    expect((screen.getByLabelText('特大') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('大'));
    expect(root()).toBe('112.5%');
  });

  it('paper is at the standard size whatever the screen is at', () => {
    localStorage.setItem(TYPE_SIZE_KEY, JSON.stringify('xlarge'));
    render(<Shell paper />);
    expect(root()).toBe('100%');
  });

  it('a value it does not know is 标准', () => {
    localStorage.setItem(TYPE_SIZE_KEY, '"huge"');
    render(<Shell />);
    expect(root()).toBe('100%');
  });
});
